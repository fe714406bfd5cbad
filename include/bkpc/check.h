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
