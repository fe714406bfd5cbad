/* check.h — the type checker: AST -> checked program.
 *
 * Each Azure rule of reference/RULES.md that can be checked on a resolved
 * policy is one row of the rule table: its id, what it demands, and one
 * function.
 */
#ifndef BKPC_CHECK_H
#define BKPC_CHECK_H

#include <stdbool.h>

#include "bkpc/ast.h"
#include "bkpc/ctx.h"
#include "bkpc/diag.h"
#include "bkpc/policy.h"

/* The type checker: every rule of RULES.md A-E. Returns NULL when the file
 * had syntax errors or the checker queued any error (warnings allowed); it
 * checks what was parsed either way, so one run reports every error. The
 * tree is not changed. */
BkpProgram *bkp_check(BkpCtx *ctx, const AstFile *file);

/* A policy checked as soon as its block closes (bkp_compile_each), so that
 * its memory can be used again for the next one. bkp_check_early returns
 * the checked policy of block p of file f (valid until the arena gives it
 * back) when it can be known from the block alone and has nothing to say:
 * no diagnostic (nothing is queued), no template, no requirement to prove,
 * a name not taken before. Otherwise NULL: bkp_check checks the block with
 * the rest of the file. A block taken leaves the file's tree; with
 * bkp_check_early_keep (p: a copy of the block, its name and spans; called
 * right after bkp_check_early took it) the checker keeps what the rest of
 * the file may refer to, and
 * bkp_check_after takes it as a policy defined there, checked clean. */
typedef struct BkpCheckEarly BkpCheckEarly;
BkpCheckEarly *bkp_check_early_new(BkpCtx *ctx, bool keep);
const BkpPolicy *bkp_check_early(BkpCheckEarly *e, const AstFile *f, const AstPolicy *p);
void bkp_check_early_keep(BkpCheckEarly *e, const AstFile *f, const AstPolicy *p);
/* bkp_check of a file whose first policies were taken early (e; NULL:
 * none). With `keep` (bkp_check_early_new), e keeps a copy of each checked
 * policy taken (its values, its origin, its strings: not its tree), which
 * bkp_check_early_kept puts in front of prog's policies (in file order:
 * the rest of the file's come after them); the vaults and protects of the
 * program refer to the copies. Without it, a vault or a `protect` refers
 * to a policy of the name only. */
void bkp_check_early_kept(BkpCheckEarly *e, BkpProgram *prog);
BkpProgram *bkp_check_after(BkpCtx *ctx, const AstFile *file, const BkpCheckEarly *e);
void bkp_check_early_free(BkpCheckEarly *e);

typedef struct BkpRule {
    const char *id;            /* "B7" */
    const char *summary;       /* one line: what Azure demands */
    /* Checks one resolved policy (with its origin); queues diagnostics;
     * true when it holds. */
    bool (*check)(BkpDiags *d, const BkpPolicy *p);
} BkpRule;

/* The rule table, in id order. */
const BkpRule *bkp_rules(int *n);
const BkpRule *bkp_rule_find(const char *id);

/* Policy names (A6): 3-150 characters, a letter, then letters, digits, - _ !. */
bool bkp_policy_name_ok(const char *name);

#endif
