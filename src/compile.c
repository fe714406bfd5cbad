/* compile.c — one compilation's context, and the pipeline in one call:
 * source -> tokens -> AST (bkp_parse) -> checked program (bkp_check). */
#include "bkpc/compile.h"

void bkp_ctx_init(BkpCtx *ctx)
{
    bkp_arena_init(&ctx->arena);
    bkp_diags_init(&ctx->diags, &ctx->arena);
    ctx->tz = NULL;
}

void bkp_ctx_free(BkpCtx *ctx)
{
    if (ctx->tz)
        bkp_tz_free(ctx->tz);
    ctx->tz = NULL;
    bkp_arena_free(&ctx->arena);
}

BkpTz *bkp_ctx_tz(BkpCtx *ctx)
{
    if (!ctx->tz)
        ctx->tz = bkp_tz_new();
    return ctx->tz;
}

BkpProgram *bkp_compile(BkpCtx *ctx, BkpSource *src)
{
    AstFile *f = bkp_parse(ctx, src);
    return bkp_check(ctx, f);
}
