/* ast_build.h — AST constructors used by the grammar's actions (private to
 * src/front/). A keyword is passed as its span (@N), kept where it starts
 * (AstKwAt); BKP_NO_SPAN stands for one that was not written. */
#ifndef BKPC_AST_BUILD_H
#define BKPC_AST_BUILD_H

#include "front/parse_int.h"
#include "parser.h"

#define BKP_NO_SPAN bkp_span(0, 0)

AstList ast_list_new(void);
void ast_list_push(BkpParser *P, AstList *l, AstItem it);
AstItem ast_item_word(const char *text, BkpSpan span);
AstItem ast_item_num(BkpParser *P, int64_t num, BkpSpan span);
AstName ast_name(const char *value, BkpSpan span, AstNameForm form);

BkpTimes ast_times_new(void);
void ast_times_push(BkpParser *P, BkpTimes *t, AstTime tm);

AstDuration ast_duration(int64_t num, const char *unit, BkpSpan num_span, BkpSpan unit_span);

/* A clause of `kind` whose leading keywords end with the one at `kw` (the
 * second one, or its only one). */
AstClause *ast_clause(BkpParser *P, AstClauseKind kind, BkpSpan span, BkpSpan kw);
AstClause *ast_keep(BkpParser *P, AstClauseKind kind, BkpSpan span, BkpSpan kw, AstDuration d);
void ast_keep_on(BkpParser *P, AstClause *c, BkpSpan on_kw, const BkpOnSpec *on);
/* What follows `on` in monthly and yearly retention (day_kw: `day`). */
BkpOnSpec *ast_on_spec(BkpParser *P, AstOnKind kind, AstList first, AstList second, BkpSpan day_kw);
void ast_keep_months(BkpParser *P, AstClause *c, BkpSpan in_kw, AstList months);
void ast_sched_times(AstClause *c, BkpSpan at_kw, const BkpTimes *t);

/* `policy NAME [from T] {` or, when is_template, `template NAME [from T] {`
 * (kw: `policy` or `template`). */
void ast_begin_policy(BkpParser *P, const AstName *name, BkpSpan kw, const BkpKwName *from, BkpSpan lbrace,
                      bool is_template);
void ast_end_policy(BkpParser *P, BkpSpan span, BkpSpan rbrace);
void ast_policy_had_error(BkpParser *P);
void ast_add_clause(BkpParser *P, AstClause *c);
void ast_add_bare_clause(BkpParser *P, AstClause *c);

/* `vault NAME resource-group RG` (rg_kw: `resource-group`). */
AstVault *ast_vault(BkpParser *P, BkpSpan span, const AstName *name, BkpSpan rg_kw,
                    const AstName *rg);
/* `subscription SUB` (kw.end 0: not written). */
void ast_vault_subscription(AstVault *v, const BkpKwName *sub);
/* `with P, Q` (with_kw: `with`). */
void ast_vault_policies(AstVault *v, BkpSpan with_kw, const BkpNames *names);
BkpNames ast_names_new(void);
void ast_names_push(BkpParser *P, BkpNames *l, const AstName *n);
/* `protect vm VM resource-group RG with POLICY`: kw = {`vm`,
 * `resource-group`, `with`}. */
AstProtect *ast_protect(BkpParser *P, BkpSpan span, const BkpSpan kw[3], const AstName *vm,
                        const AstName *rg, const AstName *policy);
/* ... `in VAULT` (kw.end 0: not written). */
void ast_protect_vault(AstProtect *p, const BkpKwName *vault);
/* ... `exclude disks LUNS` (mode_kw, disks_kw). */
void ast_protect_disks(AstProtect *p, BkpSpan span, AstDiskMode mode, BkpSpan mode_kw,
                       BkpSpan disks_kw, const AstList *luns);

/* `use "FILE"`. */
void ast_use(BkpParser *P, BkpSpan span, AstName path);

/* `require KIND ...`: kind_kw is the second keyword (the period, `snapshots`
 * or `rpo`), `kind` which one it is. */
AstClause *ast_require(BkpParser *P, AstRequireWhat what, BkpSpan span, BkpSpan kind_kw, BkpKeyword kind);
/* ... `for SPAN` (for_kw: `for`). */
void ast_require_span(BkpParser *P, AstClause *c, BkpSpan for_kw, AstDuration span);
/* ... `in TIER` (kw.end 0: not written). */
void ast_require_tier(BkpParser *P, AstClause *c, const BkpKwName *tier);

#endif
