/* ast.c — the AST's constructors, called by the grammar's actions. */
#include <stdlib.h>
#include <string.h>

#include "front/ast_build.h"

const char *bkp_clause_name(AstClauseKind k)
{
    static const char *const names[AST_CLAUSE_KIND_COUNT] = {
        [AST_TYPE] = "policy type",
        [AST_TIMEZONE] = "timezone",
        [AST_EVERY] = "schedule",
        [AST_DAILY] = "schedule",
        [AST_WEEKLY] = "schedule",
        [AST_KEEP_SNAPSHOTS] = "keep snapshots",
        [AST_KEEP_DAILY] = "keep daily",
        [AST_KEEP_WEEKLY] = "keep weekly",
        [AST_KEEP_MONTHLY] = "keep monthly",
        [AST_KEEP_YEARLY] = "keep yearly",
        [AST_ARCHIVE] = "archive",
        [AST_SNAPSHOT_RG] = "snapshot resource-group",
        [AST_CONSISTENCY] = "consistency",
    };
    return k < AST_CLAUSE_KIND_COUNT ? names[k] : "?";
}

AstList ast_list_new(void)
{
    AstList l;
    memset(&l, 0, sizeof l);
    return l;
}

void ast_list_push(BkpParser *P, AstList *l, AstItem it)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 2;
        AstItem *v = BKP_NEWN(&P->ctx->arena, AstItem, cap);
        if (l->n)
            memcpy(v, l->v, sizeof(AstItem) * (size_t)l->n);
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = it;
    l->span = l->n == 1 ? it.span : bkp_span_join(l->span, it.span);
}

AstItem ast_item_word(const char *text, BkpSpan span)
{
    AstItem it;
    memset(&it, 0, sizeof it);
    it.text = text;
    it.span = span;
    return it;
}

AstItem ast_item_num(BkpParser *P, int64_t num, BkpSpan span)
{
    AstItem it = ast_item_word(bkp_arena_strndup(&P->ctx->arena, P->src->text + span.off,
                                                 span.end - span.off), span);
    it.num = num;
    it.is_num = true;
    return it;
}

BkpTimes ast_times_new(void)
{
    BkpTimes t;
    memset(&t, 0, sizeof t);
    return t;
}

void ast_times_push(BkpParser *P, BkpTimes *t, AstTime tm)
{
    if (t->n == t->cap) {
        int cap = t->cap ? t->cap * 2 : 2;
        AstTime *v = BKP_NEWN(&P->ctx->arena, AstTime, cap);
        if (t->n)
            memcpy(v, t->v, sizeof(AstTime) * (size_t)t->n);
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = tm;
}

AstDuration ast_duration(int64_t num, const char *unit, BkpSpan span, BkpSpan num_span,
                         BkpSpan unit_span)
{
    AstDuration d;
    d.num = num;
    d.unit = unit ? unit : "";
    d.span = span;
    d.num_end = num_span.end;
    d.unit_off = unit_span.off;
    return d;
}

AstClause *ast_clause(BkpParser *P, AstClauseKind kind, BkpSpan span, BkpSpan kw)
{
    AstClause *c = BKP_NEW(&P->ctx->arena, AstClause);
    c->kind = kind;
    c->span = span;
    c->kw_span = kw;
    return c;
}

AstClause *ast_keep(BkpParser *P, AstClauseKind kind, BkpSpan span, BkpSpan kw, AstDuration d)
{
    AstClause *c = ast_clause(P, kind, span, kw);
    c->u.keep.dur = d;
    return c;
}

static AstKeepOn *keep_sel(BkpParser *P, AstClause *c)
{
    if (!c->u.keep.sel)
        c->u.keep.sel = BKP_NEW(&P->ctx->arena, AstKeepOn);
    return c->u.keep.sel;
}

void ast_keep_on(BkpParser *P, AstClause *c, BkpSpan on_kw, const BkpOnSpec *on)
{
    AstKeepOn *k = keep_sel(P, c);
    k->on = on->kind;
    k->first = on->first;
    k->second = on->second;
    k->on_span = on->second.n ? bkp_span_join(on_kw, on->second.span)
                              : bkp_span_join(on_kw, on->first.span);
}

void ast_keep_months(BkpParser *P, AstClause *c, AstList months)
{
    keep_sel(P, c)->months = months;
}

static AstPolicy *new_policy(BkpParser *P, const char *name, BkpSpan name_span)
{
    AstPolicy *p = BKP_NEW(&P->ctx->arena, AstPolicy);
    p->name = name;
    p->name_span = name_span;
    AstFile *f = P->file;
    if (f->last_policy)
        f->last_policy->next = p;
    else
        f->policies = p;
    f->last_policy = p;
    return p;
}

void ast_begin_policy(BkpParser *P, const char *name, BkpSpan name_span, BkpSpan kw)
{
    AstPolicy *p = new_policy(P, name, name_span);
    p->span = bkp_span_join(kw, name_span);
    P->cur = p;
}

void ast_end_policy(BkpParser *P, BkpSpan span)
{
    if (P->cur)
        P->cur->span = span;
    P->cur = NULL;
}

void ast_policy_had_error(BkpParser *P)
{
    if (P->cur)
        P->cur->had_error = true;
}

static void append_clause(AstPolicy *p, AstClause *c)
{
    if (p->last_clause)
        p->last_clause->next = c;
    else
        p->clauses = c;
    p->last_clause = c;
}

void ast_add_clause(BkpParser *P, AstClause *c)
{
    if (P->cur)
        append_clause(P->cur, c);
}

void ast_add_bare_clause(BkpParser *P, AstClause *c)
{
    AstFile *f = P->file;
    if (!f->bare) {
        char *stem = bkp_source_stem(P->src);
        const char *name = bkp_arena_strdup(&P->ctx->arena, stem ? stem : "policy");
        free(stem);
        f->bare = new_policy(P, name, bkp_span(c->span.off, c->span.off));
        f->bare->implicit = true;
        f->bare->span = c->span;
    }
    append_clause(f->bare, c);
    f->bare->span = bkp_span_join(f->bare->span, c->span);
}

void ast_vault(BkpParser *P, BkpSpan span, const char *name, BkpSpan name_span,
               const char *rg, BkpSpan rg_span, const char *sub, BkpSpan sub_span)
{
    AstVault *v = BKP_NEW(&P->ctx->arena, AstVault);
    v->span = span;
    v->name = name;
    v->name_span = name_span;
    v->rg = rg;
    v->rg_span = rg_span;
    v->subscription = sub;
    v->subscription_span = sub_span;
    AstFile *f = P->file;
    if (f->last_vault)
        f->last_vault->next = v;
    else
        f->vaults = v;
    f->last_vault = v;
}

void ast_protect(BkpParser *P, BkpSpan span, const char *vm, BkpSpan vm_span,
                 const char *rg, BkpSpan rg_span, const char *policy, BkpSpan policy_span,
                 AstDiskMode mode, const AstList *luns, BkpSpan disks_span)
{
    AstProtect *p = BKP_NEW(&P->ctx->arena, AstProtect);
    p->span = span;
    p->vm = vm;
    p->vm_span = vm_span;
    p->rg = rg;
    p->rg_span = rg_span;
    p->policy = policy;
    p->policy_span = policy_span;
    p->disks = mode;
    if (luns)
        p->luns = *luns;
    p->disks_span = disks_span;
    AstFile *f = P->file;
    if (f->last_protect)
        f->last_protect->next = p;
    else
        f->protects = p;
    f->last_protect = p;
}
