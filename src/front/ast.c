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
        [AST_REQUIRE] = "require",
    };
    return k < AST_CLAUSE_KIND_COUNT ? names[k] : "?";
}

AstList ast_list_new(void)
{
    AstList l;
    memset(&l, 0, sizeof l);
    return l;
}

/* Room for one more element in the array v of n elements of `size` bytes,
 * *cap of them allocated: v itself, or a copy twice as large. */
static void *grow(BkpParser *P, void *v, int n, int *cap, size_t size)
{
    if (n < *cap)
        return v;
    *cap = *cap ? *cap * 2 : 2;
    void *w = bkp_arena_alloc(&P->ctx->arena, size * (size_t)*cap);
    if (n)
        memcpy(w, v, size * (size_t)n);
    return w;
}

void ast_list_push(BkpParser *P, AstList *l, AstItem it)
{
    l->v = grow(P, l->v, l->n, &l->cap, sizeof *l->v);
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

AstName ast_name(const char *value, BkpSpan span, AstNameForm form)
{
    AstName n = {value, span, form};
    return n;
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
    t->v = grow(P, t->v, t->n, &t->cap, sizeof *t->v);
    t->v[t->n++] = tm;
    t->span = t->n == 1 ? tm.span : bkp_span_join(t->span, tm.span);
}

AstDuration ast_duration(int64_t num, const char *unit, BkpSpan num_span, BkpSpan unit_span)
{
    AstDuration d;
    d.num = num;
    d.unit = unit ? unit : "";
    d.span = bkp_span_join(num_span, unit_span);
    d.num_end = num_span.end;
    d.unit_off = unit_span.off;
    return d;
}

BkpSpan ast_kw_span(BkpKeyword k, AstKwAt at)
{
    return bkp_span(at, at + (uint32_t)strlen(bkp_keyword_text(k)));
}

bool bkp_ast_own_line(const AstFile *f, BkpSpan s)
{
    for (uint32_t off = s.off; off > 0;) {
        char c = f->src->text[--off];
        if (c == '\n')
            return true;
        if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v')
            return false;
    }
    return true;
}

AstClause *ast_clause(BkpParser *P, AstClauseKind kind, BkpSpan span, BkpSpan kw)
{
    AstClause *c = BKP_NEW(&P->ctx->arena, AstClause);
    c->kind = kind;
    c->span = span;
    c->kw_end = kw.end;
    return c;
}

AstClause *ast_keep(BkpParser *P, AstClauseKind kind, BkpSpan span, BkpSpan kw, AstDuration d)
{
    AstClause *c = ast_clause(P, kind, span, kw);
    c->u.keep.dur = d;
    return c;
}

void ast_sched_times(AstClause *c, BkpSpan at_kw, const BkpTimes *t)
{
    c->u.sched.at_at = at_kw.off;
    c->u.sched.times = t->v;
    c->u.sched.ntimes = t->n;
    c->u.sched.times_span = t->span;
}

static AstKeepOn *keep_sel(BkpParser *P, AstClause *c)
{
    if (!c->u.keep.sel)
        c->u.keep.sel = BKP_NEW(&P->ctx->arena, AstKeepOn);
    return c->u.keep.sel;
}

BkpOnSpec *ast_on_spec(BkpParser *P, AstOnKind kind, AstList first, AstList second, BkpSpan day_kw)
{
    BkpOnSpec *on = BKP_NEW(&P->ctx->arena, BkpOnSpec);
    *on = (BkpOnSpec){kind, first, second, day_kw};
    return on;
}

void ast_keep_on(BkpParser *P, AstClause *c, BkpSpan on_kw, const BkpOnSpec *on)
{
    AstKeepOn *k = keep_sel(P, c);
    k->on = on->kind;
    k->first = on->first;
    k->second = on->second;
    k->on_at = on_kw.off;
    k->day_at = on->day_kw.off;
    k->on_span = on->second.n ? bkp_span_join(on_kw, on->second.span)
                              : bkp_span_join(on_kw, on->first.span);
}

void ast_keep_months(BkpParser *P, AstClause *c, BkpSpan in_kw, AstList months)
{
    AstKeepOn *k = keep_sel(P, c);
    k->in_at = in_kw.off;
    k->months = months;
}

/* A new policy block, or template block, at the end of the file's list. */
static AstPolicy *new_block(BkpParser *P, const AstName *name, bool is_template)
{
    AstPolicy *p = BKP_NEW(&P->ctx->arena, AstPolicy);
    p->name = *name;
    p->is_template = is_template;
    AstPolicy **last = is_template ? &P->last_template : &P->last_policy;
    if (*last)
        (*last)->next = p;
    else if (is_template)
        P->file->templates = p;
    else
        P->file->policies = p;
    *last = p;
    return p;
}

void ast_begin_policy(BkpParser *P, const AstName *name, BkpSpan kw, const BkpKwName *from, BkpSpan lbrace,
                      bool is_template)
{
    AstPolicy *p = new_block(P, name, is_template);
    p->span = bkp_span_join(kw, lbrace);
    p->lbrace_at = lbrace.off;
    if (from->kw.end) {
        p->from = from->name;
        p->from_at = from->kw.off;
    }
    P->cur = p;
    P->cur_last = NULL;
}

void ast_end_policy(BkpParser *P, BkpSpan span, BkpSpan rbrace)
{
    if (P->cur) {
        P->cur->span = span;
        P->cur->rbrace_at = rbrace.off;
        if (P->hook && !P->cur->is_template)
            P->closed = P->cur;
    }
    P->cur = NULL;
}

/* ---- policy blocks handed to a hook as they close (bkp_parse_each) ---- */

void ast_hook_mark(BkpParser *P)
{
    P->mark = bkp_arena_mark(&P->ctx->arena);
    P->mark_last = P->last_policy;
}

void ast_hook_closed(BkpParser *P)
{
    AstPolicy *p = P->closed;
    P->closed = NULL;
    /* The block is taken only if nothing read since its `policy` keyword
     * outlives it: it is the file's last policy, its `}` the last token
     * read (no lookahead holds a string of the arena) and no diagnostic
     * points into it. Its name is kept through the release in name[]. */
    char name[1024];
    size_t n = strlen(p->name.value);
    bool ok = P->hook && p == P->last_policy && (P->mark_last ? P->mark_last->next : P->file->policies) == p &&
              P->last_token == '}' && P->errors.n == 0 && P->ctx->diags.count == P->diags_before &&
              n < sizeof name;
    if (!ok || !P->hook->closed(P->hook->user, P->file, p)) {
        P->hook = NULL;
        return;
    }
    AstPolicy copy = *p;
    memcpy(name, p->name.value, n + 1);
    bkp_arena_release(&P->ctx->arena, P->mark);
    /* the block leaves the tree (its comments were not recorded) */
    if (P->mark_last)
        P->mark_last->next = NULL;
    else
        P->file->policies = NULL;
    P->last_policy = P->mark_last;
    copy.name.value = name;
    copy.clauses = NULL;
    copy.next = NULL;
    P->hook->kept(P->hook->user, P->file, &copy);
}

void ast_policy_had_error(BkpParser *P)
{
    if (P->cur)
        P->cur->had_error = true;
}

/* Appends c to p's clauses, whose last one is *last. */
static void append_clause(AstPolicy *p, AstClause **last, AstClause *c)
{
    if (*last)
        (*last)->next = c;
    else
        p->clauses = c;
    *last = c;
}

void ast_add_clause(BkpParser *P, AstClause *c)
{
    if (P->cur)
        append_clause(P->cur, &P->cur_last, c);
}

void ast_add_bare_clause(BkpParser *P, AstClause *c)
{
    AstFile *f = P->file;
    if (!f->bare) {
        char *stem = bkp_source_stem(P->src);
        AstName name = ast_name(bkp_arena_strdup(&P->ctx->arena, stem ? stem : "policy"),
                                bkp_span(c->span.off, c->span.off), AST_NAME_BARE);
        free(stem);
        f->bare = new_block(P, &name, false);
        f->bare->implicit = true;
        f->bare->span = c->span;
    }
    append_clause(f->bare, &P->bare_last, c);
    f->bare->span = bkp_span_join(f->bare->span, c->span);
}

AstVault *ast_vault(BkpParser *P, BkpSpan span, const AstName *name, BkpSpan rg_kw,
                    const AstName *rg)
{
    AstVault *v = BKP_NEW(&P->ctx->arena, AstVault);
    v->span = span;
    v->name = *name;
    v->rg_at = rg_kw.off;
    v->rg = *rg;
    if (P->last_vault)
        P->last_vault->next = v;
    else
        P->file->vaults = v;
    P->last_vault = v;
    return v;
}

void ast_vault_subscription(AstVault *v, const BkpKwName *sub)
{
    if (!sub->kw.end)
        return;
    v->subscription_at = sub->kw.off;
    v->subscription = sub->name;
}

BkpNames ast_names_new(void)
{
    BkpNames l;
    memset(&l, 0, sizeof l);
    return l;
}

void ast_names_push(BkpParser *P, BkpNames *l, const AstName *n)
{
    l->v = grow(P, l->v, l->n, &l->cap, sizeof *l->v);
    l->v[l->n++] = *n;
    l->span = l->n == 1 ? n->span : bkp_span_join(l->span, n->span);
}

void ast_vault_policies(AstVault *v, BkpSpan with_kw, const BkpNames *names)
{
    v->with_at = with_kw.off;
    v->policies = names->v;
    v->npolicies = names->n;
    v->policies_span = names->span;
}

AstProtect *ast_protect(BkpParser *P, BkpSpan span, const BkpSpan kw[3], const AstName *vm,
                        const AstName *rg, const AstName *policy)
{
    AstProtect *p = BKP_NEW(&P->ctx->arena, AstProtect);
    p->span = span;
    p->vm_at = kw[0].off;
    p->vm = *vm;
    p->rg_at = kw[1].off;
    p->rg = *rg;
    p->with_at = kw[2].off;
    p->policy = *policy;
    p->disks = AST_DISKS_ALL;
    if (P->last_protect)
        P->last_protect->next = p;
    else
        P->file->protects = p;
    P->last_protect = p;
    return p;
}

void ast_protect_vault(AstProtect *p, const BkpKwName *vault)
{
    if (!vault->kw.end)
        return;
    p->in_at = vault->kw.off;
    p->vault = vault->name;
}

void ast_protect_disks(AstProtect *p, BkpSpan span, AstDiskMode mode, BkpSpan mode_kw,
                       BkpSpan disks_kw, const AstList *luns)
{
    p->span = span;
    p->disks = mode;
    p->mode_at = mode_kw.off;
    p->disks_at = disks_kw.off;
    p->luns = *luns;
    p->disks_span = bkp_span_join(mode_kw, luns->span);
}

void ast_use(BkpParser *P, BkpSpan span, AstName path)
{
    AstUse *u = BKP_NEW(&P->ctx->arena, AstUse);
    u->span = span;
    u->path = path;
    if (P->last_use)
        P->last_use->next = u;
    else
        P->file->uses = u;
    P->last_use = u;
}

AstClause *ast_require(BkpParser *P, AstRequireWhat what, BkpSpan span, BkpSpan kind_kw, BkpKeyword kind)
{
    AstClause *c = ast_clause(P, AST_REQUIRE, span, kind_kw);
    c->u.require.what = what;
    c->u.require.kind = kind;
    return c;
}

void ast_require_span(BkpParser *P, AstClause *c, BkpSpan for_kw, AstDuration span)
{
    (void)P;
    c->u.require.for_at = for_kw.off;
    c->u.require.span = span;
    c->u.require.has_span = true;
}

void ast_require_tier(BkpParser *P, AstClause *c, const BkpKwName *tier)
{
    (void)P;
    if (!tier->kw.end)
        return;
    c->u.require.in_at = tier->kw.off;
    c->u.require.tier = tier->name;
}

bool bkp_ast_marked(const AstFile *f, BkpSpan s)
{
    size_t lo = 0, hi = f->nmarked;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->marked[mid].off == s.off)
            return true;
        if (f->marked[mid].off < s.off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

void ast_stmts_begin(AstStmtIter *it, const AstFile *f)
{
    *it = (AstStmtIter){f->policies, f->templates, f->uses, f->vaults, f->protects};
}

AstStmt ast_stmts_next(AstStmtIter *it)
{
    uint32_t at[5] = {it->policy ? it->policy->span.off : UINT32_MAX,
                      it->template_ ? it->template_->span.off : UINT32_MAX,
                      it->use ? it->use->span.off : UINT32_MAX, it->vault ? it->vault->span.off : UINT32_MAX,
                      it->protect ? it->protect->span.off : UINT32_MAX};
    int k = 0;
    for (int i = 1; i < 5; i++)
        if (at[i] < at[k])
            k = i;
    AstStmt s = {AST_STMT_END, NULL, NULL, NULL, NULL};
    if (at[k] == UINT32_MAX)
        return s;
    switch (k) {
    case 0: s = (AstStmt){AST_STMT_POLICY, it->policy, NULL, NULL, NULL}; it->policy = it->policy->next; break;
    case 1: s = (AstStmt){AST_STMT_TEMPLATE, it->template_, NULL, NULL, NULL}; it->template_ = it->template_->next; break;
    case 2: s = (AstStmt){AST_STMT_USE, NULL, it->use, NULL, NULL}; it->use = it->use->next; break;
    case 3: s = (AstStmt){AST_STMT_VAULT, NULL, NULL, it->vault, NULL}; it->vault = it->vault->next; break;
    default: s = (AstStmt){AST_STMT_PROTECT, NULL, NULL, NULL, it->protect}; it->protect = it->protect->next; break;
    }
    return s;
}
