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

typedef struct BkpCtx {
    BkpArena arena;
    BkpDiags diags;
    BkpTz *tz;                 /* created on first use by bkp_ctx_tz() */
} BkpCtx;

void bkp_ctx_init(BkpCtx *ctx);
void bkp_ctx_free(BkpCtx *ctx);
/* The context's time zones (created on first use); NULL when out of memory. */
BkpTz *bkp_ctx_tz(BkpCtx *ctx);

#endif
