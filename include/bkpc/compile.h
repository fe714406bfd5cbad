/* compile.h — the library's front door: the whole pipeline,
 *
 *   source -> tokens -> AST        bkp_parse   (parse.h; src/front/)
 *   AST -> checked program         bkp_check   (check.h; src/check/)
 *   checked program -> outputs     emit.h (src/emit/), interp.h (src/interp/)
 *
 * An editor server or a test calls these directly; the CLI is a thin layer
 * on top.
 */
#ifndef BKPC_COMPILE_H
#define BKPC_COMPILE_H

#include "bkpc/check.h"
#include "bkpc/ctx.h"
#include "bkpc/parse.h"
#include "bkpc/policy.h"
#include "bkpc/source.h"

/* bkp_parse + bkp_check. */
BkpProgram *bkp_compile(BkpCtx *ctx, BkpSource *src);

#endif
