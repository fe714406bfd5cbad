/* ctx.h — one compilation's context: its arena, its diagnostics, its
 * time-zone caches. Every stage of the pipeline takes it; nothing of it is
 * global, so compilations can run side by side (an editor server holds one
 * per open document).
 */
#ifndef BKPC_CTX_H
#define BKPC_CTX_H

#include "bkpc/arena.h"
#include "bkpc/diag.h"
#include "bkpc/tz.h"

/* How a compilation reads the files that `use` statements name: a new
 * source for `path` (bkp_source_resolve's result), or NULL with errno set.
 * The default reads the file system (bkp_source_read); an editor server
 * passes its own, to serve the text of the documents it holds open. */
typedef BkpSource *(*BkpLoadFn)(void *data, const char *path);

typedef struct BkpCtx {
    BkpArena arena;
    BkpDiags diags;
    BkpTz *tz;                 /* created on first use by bkp_ctx_tz() */
    BkpLoadFn load;            /* NULL: bkp_source_read */
    void *load_data;
    BkpSource **loaded;        /* the sources bkp_ctx_load read: freed with the ctx */
    size_t nloaded, caploaded;
} BkpCtx;

void bkp_ctx_init(BkpCtx *ctx);
void bkp_ctx_free(BkpCtx *ctx);
/* Reads `path` through ctx->load; the source lives until bkp_ctx_free.
 * NULL with errno set when it cannot be read (ENOMEM when out of memory). */
BkpSource *bkp_ctx_load(BkpCtx *ctx, const char *path);
/* The context's time zones (created on first use); NULL when out of memory. */
BkpTz *bkp_ctx_tz(BkpCtx *ctx);

#endif
