/* compile.h — the library's front door: source -> tokens -> AST -> checked
 * program. An editor server or a test calls these directly; the CLI is a
 * thin layer on top.
 */
#ifndef BKPC_COMPILE_H
#define BKPC_COMPILE_H

#include "bkpc/arena.h"
#include "bkpc/ast.h"
#include "bkpc/diag.h"
#include "bkpc/policy.h"
#include "bkpc/source.h"
#include "bkpc/tz.h"

/* One compilation: its arena, its diagnostics, its time-zone caches. */
typedef struct BkpCtx {
    BkpArena arena;
    BkpDiags diags;
    BkpTz *tz;                 /* created on first use by bkp_ctx_tz() */
} BkpCtx;

void bkp_ctx_init(BkpCtx *ctx);
void bkp_ctx_free(BkpCtx *ctx);
BkpTz *bkp_ctx_tz(BkpCtx *ctx);

/* Scanner + parser. Always returns a tree (possibly partial); syntax errors
 * are queued in ctx->diags. */
AstFile *bkp_parse(BkpCtx *ctx, BkpSource *src);
/* The type checker: every rule of RULES.md A-E. Returns NULL when the file
 * had syntax errors or the checker queued any error (warnings allowed); it
 * checks what was parsed either way, so one run reports every error. The
 * tree is not changed. */
BkpProgram *bkp_check(BkpCtx *ctx, const AstFile *file);
/* bkp_parse + bkp_check. */
BkpProgram *bkp_compile(BkpCtx *ctx, BkpSource *src);

#endif
