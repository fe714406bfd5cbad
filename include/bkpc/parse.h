/* parse.h — the front end: source -> tokens -> AST. */
#ifndef BKPC_PARSE_H
#define BKPC_PARSE_H

#include "bkpc/ast.h"
#include "bkpc/ctx.h"
#include "bkpc/source.h"

/* Scanner + parser. Always returns a tree (possibly partial); syntax errors
 * are queued in ctx->diags. */
AstFile *bkp_parse(BkpCtx *ctx, BkpSource *src);

#endif
