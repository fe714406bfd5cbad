/* ast_build.h — AST constructors used by the grammar's actions (private to src/front/). */
#ifndef BKPC_AST_BUILD_H
#define BKPC_AST_BUILD_H

#include "front/parse_int.h"
#include "parser.h"

AstList ast_list_new(void);
void ast_list_push(BkpParser *P, AstList *l, AstItem it);
AstItem ast_item_word(const char *text, BkpSpan span);
AstItem ast_item_num(BkpParser *P, int64_t num, BkpSpan span);

BkpTimes ast_times_new(void);
void ast_times_push(BkpParser *P, BkpTimes *t, AstTime tm);

AstDuration ast_duration(int64_t num, const char *unit, BkpSpan span, BkpSpan num_span,
                         BkpSpan unit_span);

AstClause *ast_clause(BkpParser *P, AstClauseKind kind, BkpSpan span, BkpSpan kw);
AstClause *ast_keep(BkpParser *P, AstClauseKind kind, BkpSpan span, BkpSpan kw, AstDuration d);
void ast_keep_on(BkpParser *P, AstClause *c, BkpSpan on_kw, const BkpOnSpec *on);
void ast_keep_months(BkpParser *P, AstClause *c, AstList months);

void ast_begin_policy(BkpParser *P, const char *name, BkpSpan name_span, BkpSpan kw);
void ast_end_policy(BkpParser *P, BkpSpan span);
void ast_policy_had_error(BkpParser *P);
void ast_add_clause(BkpParser *P, AstClause *c);
void ast_add_bare_clause(BkpParser *P, AstClause *c);

void ast_vault(BkpParser *P, BkpSpan span, const char *name, BkpSpan name_span,
               const char *rg, BkpSpan rg_span, const char *sub, BkpSpan sub_span);
void ast_protect(BkpParser *P, BkpSpan span, const char *vm, BkpSpan vm_span,
                 const char *rg, BkpSpan rg_span, const char *policy, BkpSpan policy_span,
                 AstDiskMode mode, const AstList *luns, BkpSpan disks_span);

#endif
