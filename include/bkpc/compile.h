/* compile.h — the library's front door: the whole pipeline,
 *
 *   source -> tokens -> AST        bkp_parse   (parse.h; src/front/)
 *   the files `use` names          bkp_load_uses (here; read through ctx->load)
 *   AST -> checked program         bkp_check   (check.h; src/check/)
 *   requirements proved            bkp_prove   (prove.h; src/prove/, with the
 *                                  interpreter)
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

/* Reads and parses, once each, the files the `use` statements of `main`
 * name, and theirs, through ctx->load (AstUse.file); a file that cannot be
 * read, a cycle of uses or uses nested too deep are errors at the `use`. */
void bkp_load_uses(BkpCtx *ctx, AstFile *main);

/* bkp_load_uses + bkp_check + bkp_prove of a parsed file (an editor keeps
 * the tree): the checked program, or NULL when any file had errors or a
 * requirement does not hold (all of them in ctx->diags). */
BkpProgram *bkp_compile_ast(BkpCtx *ctx, AstFile *f);

/* bkp_parse + bkp_compile_ast. */
BkpProgram *bkp_compile(BkpCtx *ctx, BkpSource *src);

/* bkp_compile without bkp_prove: the program as it is, whether its
 * requirements hold or not (what explain, next, simulate and cost describe:
 * a counterexample can be looked at). */
BkpProgram *bkp_compile_unproved(BkpCtx *ctx, BkpSource *src);

/* bkp_compile a policy at a time, for a file of many: each checked policy
 * is handed to fn (NULL: none), in the order bkp_compile's program lists
 * them. A policy block that can be checked alone (no template, no
 * requirement, no `use` before it, nothing to say) is handed out as soon as
 * it closes and its memory used again for the next one (bkp_check_early),
 * so the memory such a file takes does not grow with its policies; the
 * others once the whole file is checked. p lives only during the call.
 * Returns the number of policies handed out, or -1 when the compilation
 * fails (the diagnostics are in ctx->diags): the policies handed out before
 * the failure were not the program's, and whatever fn made of them must be
 * thrown away. (A `use` after policy blocks brings its policies after
 * those blocks'.) */
typedef void (*BkpPolicyFn)(void *user, const BkpPolicy *p);
long bkp_compile_each(BkpCtx *ctx, BkpSource *src, BkpPolicyFn fn, void *user);

/* bkp_compile's program, for a file of many policies: a policy block that
 * can be checked alone is checked as it closes, as bkp_compile_each does,
 * and only its checked policy kept, its tree given back; the program holds
 * the checked policies, not their trees (what the scripts' backends read
 * whole). The same program as bkp_compile's otherwise. */
BkpProgram *bkp_compile_lean(BkpCtx *ctx, BkpSource *src);

#endif
