/* check_int.h — what the checker's files share (private to src/check/).
 *
 * The checker runs in these files, in pipeline order:
 *   template.c the templates of every file: names, `from` chains and their
 *              cycles, and the clauses each template gives (its own and
 *              those it inherits), each template's clauses checked once;
 *   resolve.c  a policy's clauses (its own, then its templates') -> the
 *              values of a BkpPolicy, its origin, and the documented
 *              defaults; then the rule table on it;
 *   require.c  `require` clauses -> BkpRequire values;
 *   rules.c    the rule table: every rule of reference/RULES.md that speaks
 *              about a resolved policy, one function per id;
 *   check.c    the files: policy names, the vaults, the `protect`s;
 * and fix.c, the machine-applicable fixes their diagnostics carry.
 */
#ifndef BKPC_CHECK_INT_H
#define BKPC_CHECK_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "bkpc/ast.h"
#include "bkpc/check.h"
#include "bkpc/ctx.h"
#include "bkpc/lexicon.h"

struct Templates;

typedef struct Checker {
    BkpCtx *ctx;
    const BkpCheckEarly *early; /* the policies of the main file taken early (NULL: none) */
    BkpDiags *D;                /* where diagnostics go: ctx->diags, or `quiet` */
    BkpArena *A;
    BkpSource *src;             /* the file of the clauses being resolved: file->src */
    const AstFile *file;        /* (NULL: a policy alone) */
    BkpDiags quiet;             /* diagnostics nobody sees: of a template's clauses,
                                   reported once, when a policy inherits them */
    struct Templates *templates;
    const AstFile *const *files;    /* every file: those `use` brings, then the main one */
    int nfiles;
    bool words_ready;           /* words is built: on the first check_word() */
    BkpWordIndex words;
} Checker;

/* bkp_word_value() through the checker's index of the words. */
static inline int check_word(Checker *C, BkpWordKind kind, const char *s)
{
    if (!C->words_ready) {
        bkp_word_index_init(&C->words);
        C->words_ready = true;
    }
    return bkp_word_index_value(&C->words, kind, s);
}

/* check_word() of a word the scanner copied (a list's item). */
static inline int check_word_copy(Checker *C, BkpWordKind kind, const char *s)
{
    if (!C->words_ready) {
        bkp_word_index_init(&C->words);
        C->words_ready = true;
    }
    return bkp_word_index_copy_value(&C->words, kind, s);
}

/* The checker now reads file f: its clauses, its diagnostics' source. */
static inline void check_in(Checker *C, const AstFile *f)
{
    C->file = f;
    C->src = f->src;
}

/* Clause slots: one clause of each kind per policy (`require` has none: a
 * policy may give several). */
enum Slot { S_TYPE, S_TZ, S_SCHED, S_SNAP, S_DAILY, S_WEEKLY, S_MONTHLY, S_YEARLY,
            S_ARCHIVE, S_RG, S_CONS, NSLOT };
enum Slot check_slot(AstClauseKind k);

/* A clause a policy takes: where it is written, and the template it comes
 * from (NULL: the policy's own). */
typedef struct ClauseFrom {
    const AstClause *c;
    const AstFile *file;
    const BkpTemplateRef *from;
} ClauseFrom;

/* What a template gives the policies made from it: the clause of each slot
 * (its own or inherited; c NULL: none) and its requirements. */
typedef struct TemplateGives {
    ClauseFrom slot[NSLOT];
    const BkpRequire *requirements;
    bool broken;                /* in or after a cycle of `from`s, or made from an
                                   unknown template: reported; its policies are not
                                   checked further */
} TemplateGives;

/* ---- template.c ---- */

/* The templates of every file: their names, their chains, each template's
 * own clauses checked once (errors reported at the template). */
void check_templates(Checker *C);
/* What the template `name` (written at `at` in file `file`, after `from`)
 * gives; NULL, and an error at `at`, when the file sees no such template. */
const TemplateGives *check_template_use(Checker *C, const AstFile *file, const AstName *name);

/* Whether file `from` sees the templates and policies of file `what`: they
 * are the same file, or `from` uses `what` (directly or through others). */
bool check_sees(const Checker *C, const AstFile *from, const AstFile *what);

/* ---- early.c ---- */

/* A policy taken early (bkp_check_early): its name, where it was written. */
typedef struct EarlyName {
    const char *name;
    BkpSpan name_span;
    const BkpPolicy *kept;      /* the checked policy, when they are kept (else NULL) */
} EarlyName;
/* The one of file f named `name` (as Azure compares names), or NULL. */
const EarlyName *check_early_find(const BkpCheckEarly *e, const AstFile *f, const char *name);
/* Those of file f, in file order (*n of them; e may be NULL). */
const EarlyName *check_early_names(const BkpCheckEarly *e, const AstFile *f, size_t *n);
/* The span of the first of them (there is one). */
BkpSpan check_early_first(const BkpCheckEarly *e);

/* ---- require.c ---- */

/* The requirement of a `require` clause written in src (C->src), from
 * template `from` (NULL: a policy's own); NULL after an error. */
BkpRequire *check_require(Checker *C, const AstClause *c, const BkpTemplateRef *from);
/* `own` (in clause order) before `inherited`, each requirement once: one
 * equal to an inherited one is dropped; two equal ones in `own` are an
 * error. */
const BkpRequire *check_require_list(Checker *C, BkpRequire *own, const BkpRequire *inherited);

/* ---- rules.c ---- */

/* Every rule of the table (bkp_rules), in its order, on p. */
void check_rules(BkpDiags *d, const BkpPolicy *p);

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

/* Names -> values (policies, templates, VMs): an open-addressing hash table
 * in the arena, since a fleet may hold 20,000 of them. Keys are not copied,
 * and compared as Azure compares names, without regard to case. */
typedef struct NameIndex {
    const char **key;
    const void **val;
    size_t cap;                     /* a power of two, at least twice the entries */
    size_t n;                       /* the entries */
    BkpArena *A;                    /* where it grows */
} NameIndex;
/* For n names; it grows past them (the arena keeps the smaller tables). */
void name_index_init(NameIndex *ix, BkpArena *A, size_t n);
/* The slot of `key`'s value; NULL when `key` is not there, unless `add`:
 * then it is added, with a NULL value for the caller to set. */
const void **name_index(NameIndex *ix, const char *key, bool add);

/* One policy of `file`, resolved (with the clauses of its templates) and put
 * through the rule table; NULL when it has no schedule (reported unless
 * `no_schedule_said`: a missing schedule explained by another error) or its
 * template is broken. Its errors are queued either way. */
BkpPolicy *check_policy(Checker *C, const AstFile *file, const AstPolicy *ap, bool no_schedule_said);

/* The clauses of a block, each slot once (a second one of a kind is an
 * error), into slot[] (c NULL where none); `reqs` gets the block's
 * requirements (NULL: the block's require clauses are not resolved).
 * `from`: the template the block is (NULL: a policy). */
void check_block_clauses(Checker *C, const AstPolicy *ap, const BkpTemplateRef *from, ClauseFrom slot[NSLOT],
                         BkpRequire **reqs);

/* The unit of d into *u; false, and an error at it, when it is not one (or
 * the number was reported). */
bool check_unit(Checker *C, const AstDuration *d, BkpUnit *u);
/* d in the unit `want` that `clause` counts (its keywords at kw); false, and
 * an error, when the unit is unknown or the conversion is not exact. */
bool check_duration(Checker *C, const AstDuration *d, BkpUnit want, const char *clause, BkpSpan kw, int *out);
/* A template's own clauses, resolved on their own so that their errors are
 * reported once, at the template; the values are not kept. */
void check_template_clauses(Checker *C, const ClauseFrom own[NSLOT]);

/* check_fix() at loc, unless the value is inherited (a fix would change the
 * template, and every policy made from it). */
void check_fix_at(BkpDiags *d, BkpDiag *g, BkpLoc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
