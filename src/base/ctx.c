/* ctx.c — one compilation's context (see include/bkpc/ctx.h). */
#include "bkpc/ctx.h"

#include <errno.h>
#include <stdlib.h>

void bkp_ctx_init(BkpCtx *ctx)
{
    bkp_arena_init(&ctx->arena);
    bkp_diags_init(&ctx->diags, &ctx->arena);
    ctx->tz = NULL;
    ctx->load = NULL;
    ctx->load_data = NULL;
    ctx->loaded = NULL;
    ctx->nloaded = ctx->caploaded = 0;
}

void bkp_ctx_free(BkpCtx *ctx)
{
    if (ctx->tz)
        bkp_tz_free(ctx->tz);
    ctx->tz = NULL;
    for (size_t i = 0; i < ctx->nloaded; i++)
        bkp_source_free(ctx->loaded[i]);
    free(ctx->loaded);
    ctx->loaded = NULL;
    ctx->nloaded = ctx->caploaded = 0;
    bkp_arena_free(&ctx->arena);
}

BkpSource *bkp_ctx_load(BkpCtx *ctx, const char *path)
{
    if (ctx->nloaded == ctx->caploaded) {
        size_t cap = ctx->caploaded ? 2 * ctx->caploaded : 8;
        BkpSource **v = realloc(ctx->loaded, cap * sizeof *v);
        if (!v) {
            errno = ENOMEM;
            return NULL;
        }
        ctx->loaded = v;
        ctx->caploaded = cap;
    }
    BkpSource *src = ctx->load ? ctx->load(ctx->load_data, path) : bkp_source_read(path);
    if (src)
        ctx->loaded[ctx->nloaded++] = src;
    return src;
}

BkpTz *bkp_ctx_tz(BkpCtx *ctx)
{
    if (!ctx->tz)
        ctx->tz = bkp_tz_new();
    return ctx->tz;
}
