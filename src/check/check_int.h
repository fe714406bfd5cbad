/* check_int.h — what the checker's files share (private to src/check/).
 *
 * The checker runs in three files, in pipeline order:
 *   resolve.c  a policy's clauses -> the values of a BkpPolicy, its origin,
 *              and the documented defaults; then the rule table on it;
 *   rules.c    the rule table: every rule of reference/RULES.md that speaks
 *              about a resolved policy, one function per id;
 *   check.c    the file: policy names, the vault, the `protect`s;
 * and fix.c, the machine-applicable fixes their diagnostics carry.
 */
#ifndef BKPC_CHECK_INT_H
#define BKPC_CHECK_INT_H

#include <stdbool.h>

#include "bkpc/ast.h"
#include "bkpc/check.h"
#include "bkpc/ctx.h"

typedef struct Checker {
    BkpCtx *ctx;
    BkpDiags *D;
    BkpArena *A;
    BkpSource *src;
    const AstFile *file;       /* the file checked (NULL: a policy alone) */
} Checker;

/* Diagnostics one check shows at most; the last says there were more. */
#define BKP_MAX_CHECK_DIAGS 100

/* Retention ranges (RULES.md D5-D8); C6 measures only a valid one. */
enum { DAILY_MIN = 7, DAILY_MAX = 9999, WEEKLY_MIN = 1, WEEKLY_MAX = 5163,
       MONTHLY_MIN = 1, MONTHLY_MAX = 1188, YEARLY_MIN = 1, YEARLY_MAX = 99 };

/* The fix of g, where its hint names one exact edit (fix.c). Each does
 * nothing when `span` is the zero span of a value not written in a source. */
void check_fix(BkpDiags *d, BkpDiag *g, BkpSpan span, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));               /* replace span with the text */
/* ... with the string "s" (none when s holds `"` or `\`, which need escapes). */
void check_fix_string(BkpDiags *d, BkpDiag *g, BkpSpan span, const char *s);
/* ... with a name: bare when it was written bare and can be, else quoted. */
void check_fix_name(BkpDiags *d, BkpDiag *g, const BkpSource *src, BkpSpan span, const char *name);
/* Delete a clause, and the blanks that set it apart (its line, when it is
 * alone on it). */
void check_fix_remove(BkpDiags *d, BkpDiag *g, const BkpSource *src, BkpSpan span);

/* The names of Azure resources a file gives (names.c): whether `n` is a
 * name Azure accepts for a resource of kind k, else an `naming` error.
 * A name not written, or whose token the scanner reported, passes. */
typedef enum NameKind {
    NAME_VAULT, NAME_RESOURCE_GROUP, NAME_VM, NAME_SUBSCRIPTION, NAME_RG_PREFIX, NAME_RG_SUFFIX,
} NameKind;
bool check_name(Checker *C, const AstName *n, NameKind k);
/* `snapshot resource-group PREFIX suffix SUFFIX` (suffix->value NULL:
 * none): each part, and the two together. Empty parts are A10's. */
bool check_snapshot_rg(Checker *C, const AstName *prefix, const AstName *suffix);
/* Azure compares names without regard to case: a hash and an equality
 * that agree with that (Unicode simple case folding). */
size_t name_hash_fold(const char *s);
bool name_equal_fold(const char *a, const char *b);
/* On g, about two names found equal: that case does not tell them apart,
 * when they differ in case only. */
void name_case_hint(Checker *C, BkpDiag *g, const char *first, const char *again);

/* One policy of the file, resolved and put through the rule table; NULL when
 * it has no schedule (reported unless `no_schedule_said`: a missing schedule
 * explained by another error). Its errors are queued either way. */
BkpPolicy *check_policy(Checker *C, const AstPolicy *ap, bool no_schedule_said);

#endif
