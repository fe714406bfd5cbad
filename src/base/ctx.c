/* ctx.c — one compilation's context (see include/bkpc/ctx.h). */
#include "bkpc/ctx.h"

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
