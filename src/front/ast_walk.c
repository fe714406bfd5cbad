/* ast_walk.c — a walk over the AST in source order (see bkp_ast_walk in
 * include/bkpc/ast.h). This is the one place that knows in which order a
 * node's parts were written; the printer and any later tool (a formatter,
 * an editor's outline) visit through it. */
#include <string.h>

#include "bkpc/ast.h"

typedef struct Walk {
    const AstVisitor *v;
    const AstComment *comment;     /* the next comment not visited yet */
    int depth;
} Walk;

static bool span_written(BkpSpan s) { return s.end > s.off; }

/* A node: AST_NODE(kind, span, role, member = pointer). */
#define AST_NODE(kind, span, role, ...) (&(AstNode){(kind), (span), (role), {__VA_ARGS__}})

static bool enter(Walk *w, const AstNode *n)
{
    return w->v->enter ? w->v->enter(w->v->user, n, w->depth) : true;
}

static void leave(Walk *w, const AstNode *n)
{
    if (w->v->leave)
        w->v->leave(w->v->user, n, w->depth);
}

/* The comments that start before `off`, at the current depth. */
static void comments_before(Walk *w, uint32_t off)
{
    for (; w->comment && w->comment->span.off < off; w->comment = w->comment->next) {
        const AstNode *n = AST_NODE(AST_NODE_COMMENT, w->comment->span, NULL, .comment = w->comment);
        enter(w, n);
        leave(w, n);
    }
}

static void leaf(Walk *w, const AstNode *n)
{
    comments_before(w, n->span.off);
    enter(w, n);
    leave(w, n);
}

/* A node with children: true when they are to be visited (then
 * close_node() must follow them). */
static bool open_node(Walk *w, const AstNode *n)
{
    comments_before(w, n->span.off);
    if (enter(w, n)) {
        w->depth++;
        return true;
    }
    /* skipped: so are the comments inside it */
    while (w->comment && w->comment->span.off < n->span.end)
        w->comment = w->comment->next;
    leave(w, n);
    return false;
}

static void close_node(Walk *w, const AstNode *n)
{
    comments_before(w, n->span.end);
    w->depth--;
    leave(w, n);
}

/* Keyword k written at `at` (0: not written). */
static void keyword(Walk *w, BkpKeyword k, AstKwAt at)
{
    if (at)
        leaf(w, AST_NODE(AST_NODE_KEYWORD, ast_kw_span(k, at), NULL, .keyword = k));
}

/* A statement's or a clause's first keyword: where its span starts. */
static void first_keyword(Walk *w, BkpKeyword k, BkpSpan span)
{
    leaf(w, AST_NODE(AST_NODE_KEYWORD, ast_kw_span(k, span.off), NULL, .keyword = k));
}

/* The second leading keyword of a clause: it ends the leading ones. */
static void second_keyword(Walk *w, BkpKeyword k, const AstClause *c)
{
    uint32_t len = (uint32_t)strlen(bkp_keyword_text(k));
    leaf(w, AST_NODE(AST_NODE_KEYWORD, bkp_span(c->kw_end - len, c->kw_end), NULL, .keyword = k));
}

/* `{` or `}` at `at` (0: missing). */
static void punct(Walk *w, AstKwAt at)
{
    if (at)
        leaf(w, AST_NODE(AST_NODE_PUNCT, bkp_span(at, at + 1), NULL, .file = NULL));
}

static void name(Walk *w, const char *role, const AstName *nm)
{
    if (nm->value && span_written(nm->span))
        leaf(w, AST_NODE(AST_NODE_NAME, nm->span, role, .name = nm));
}

static void duration(Walk *w, const char *role, const AstDuration *d)
{
    leaf(w, AST_NODE(AST_NODE_DURATION, d->span, role, .duration = d));
}

static void time_of_day(Walk *w, const char *role, const AstTime *t)
{
    leaf(w, AST_NODE(AST_NODE_TIME, t->span, role, .time = t));
}

static void item(Walk *w, const char *role, const AstItem *it)
{
    leaf(w, AST_NODE(AST_NODE_ITEM, it->span, role, .item = it));
}

/* A keyword and the name it introduces: `resource-group rg-web`. */
static void keyword_name(Walk *w, BkpKeyword k, AstKwAt at, const char *role, const AstName *nm)
{
    keyword(w, k, at);
    name(w, role, nm);
}

static void list(Walk *w, const char *role, const AstList *l)
{
    if (l->n == 0)
        return;
    const AstNode *n = AST_NODE(AST_NODE_LIST, l->span, role, .list = l);
    if (!open_node(w, n))
        return;
    for (int i = 0; i < l->n; i++)
        item(w, NULL, &l->v[i]);
    close_node(w, n);
}

/* The keyword that names a kind of retention: `keep daily`. */
static BkpKeyword keep_kind(AstClauseKind k)
{
    switch (k) {
    case AST_KEEP_SNAPSHOTS: return BKP_KW_SNAPSHOTS;
    case AST_KEEP_DAILY: return BKP_KW_DAILY;
    case AST_KEEP_WEEKLY: return BKP_KW_WEEKLY;
    case AST_KEEP_MONTHLY: return BKP_KW_MONTHLY;
    default: return BKP_KW_YEARLY;
    }
}

static void keep_parts(Walk *w, const AstClause *c)
{
    first_keyword(w, BKP_KW_KEEP, c->span);
    second_keyword(w, keep_kind(c->kind), c);
    duration(w, "retention", &c->u.keep.dur);
    const AstKeepOn *sel = c->u.keep.sel;
    if (!sel)
        return;
    keyword(w, BKP_KW_IN, sel->in_at);
    list(w, "months", &sel->months);
    keyword(w, BKP_KW_ON, sel->on_at);
    if (sel->on == AST_ON_DAYS_OF_MONTH) {
        keyword(w, BKP_KW_DAY, sel->day_at);
        list(w, "days-of-month", &sel->first);
    } else if (c->kind == AST_KEEP_WEEKLY) {
        list(w, "days", &sel->first);
    } else if (sel->second.n) {
        list(w, "weeks", &sel->first);
        list(w, "days", &sel->second);
    } else {
        list(w, "weeks-or-days", &sel->first);
    }
}

static void times(Walk *w, const AstClause *c)
{
    keyword(w, BKP_KW_AT, c->u.sched.at_at);
    for (int i = 0; i < c->u.sched.ntimes; i++)
        time_of_day(w, "at", &c->u.sched.times[i]);
}

/* `require daily points for 30d in vault-standard`, `require snapshots for
 * 7d`, `require rpo 24h for 30d`. */
static void require_parts(Walk *w, const AstClause *c)
{
    first_keyword(w, BKP_KW_REQUIRE, c->span);
    second_keyword(w, c->u.require.kind, c);
    keyword(w, BKP_KW_POINTS, c->u.require.points_at);
    if (c->u.require.what == AST_REQ_RPO)
        duration(w, "rpo", &c->u.require.rpo);
    keyword(w, BKP_KW_FOR, c->u.require.for_at);
    if (c->u.require.has_span)
        duration(w, "span", &c->u.require.span);
    keyword_name(w, BKP_KW_IN, c->u.require.in_at, "tier", &c->u.require.tier);
}

static void clause_parts(Walk *w, const AstClause *c)
{
    switch (c->kind) {
    case AST_TYPE:
        first_keyword(w, c->u.type.enhanced ? BKP_KW_ENHANCED : BKP_KW_STANDARD, c->span);
        break;
    case AST_TIMEZONE:
        first_keyword(w, BKP_KW_TIMEZONE, c->span);
        name(w, "zone", &c->u.tz.id);
        break;
    case AST_EVERY:
        first_keyword(w, BKP_KW_EVERY, c->span);
        duration(w, "interval", &c->u.every.interval);
        keyword(w, BKP_KW_FROM, c->u.every.from_at);
        time_of_day(w, "start", &c->u.every.start);
        keyword(w, BKP_KW_FOR, c->u.every.for_at);
        duration(w, "window", &c->u.every.window);
        break;
    case AST_DAILY:
        first_keyword(w, BKP_KW_DAILY, c->span);
        times(w, c);
        break;
    case AST_WEEKLY:
        first_keyword(w, BKP_KW_WEEKLY, c->span);
        keyword(w, BKP_KW_ON, c->u.sched.on_at);
        list(w, "days", &c->u.sched.days);
        times(w, c);
        break;
    case AST_ARCHIVE: {
        static const BkpKeyword mode[] = {
            [AST_ARCHIVE_NEVER] = BKP_KW_NEVER,
            [AST_ARCHIVE_RECOMMENDED] = BKP_KW_RECOMMENDED,
            [AST_ARCHIVE_AFTER] = BKP_KW_AFTER,
        };
        first_keyword(w, BKP_KW_ARCHIVE, c->span);
        keyword(w, mode[c->u.archive.mode], c->u.archive.mode_at);
        if (c->u.archive.mode == AST_ARCHIVE_AFTER)
            duration(w, "after", &c->u.archive.after);
        break;
    }
    case AST_SNAPSHOT_RG:
        first_keyword(w, BKP_KW_SNAPSHOT, c->span);
        second_keyword(w, BKP_KW_RESOURCE_GROUP, c);
        name(w, "prefix", &c->u.rg.prefix);
        keyword_name(w, BKP_KW_SUFFIX, c->u.rg.suffix_at, "suffix", &c->u.rg.suffix);
        break;
    case AST_CONSISTENCY:
        first_keyword(w, BKP_KW_CONSISTENCY, c->span);
        if (c->u.consistency.crash)
            first_keyword(w, BKP_KW_CRASH, c->u.consistency.word.span);
        else
            item(w, "consistency", &c->u.consistency.word);
        break;
    case AST_REQUIRE:
        require_parts(w, c);
        break;
    default:
        keep_parts(w, c);
        break;
    }
}

static void clause(Walk *w, const AstClause *c)
{
    const AstNode *n = AST_NODE(AST_NODE_CLAUSE, c->span, NULL, .clause = c);
    if (!open_node(w, n))
        return;
    clause_parts(w, c);
    close_node(w, n);
}

/* A policy or template block: `policy NAME [from T] { ... }`. */
static void policy(Walk *w, const AstPolicy *p)
{
    const AstNode *n = AST_NODE(p->is_template ? AST_NODE_TEMPLATE : AST_NODE_POLICY, p->span, NULL, .policy = p);
    if (!open_node(w, n))
        return;
    if (!p->implicit) {
        first_keyword(w, p->is_template ? BKP_KW_TEMPLATE : BKP_KW_POLICY, p->span);
        name(w, NULL, &p->name);
        keyword_name(w, BKP_KW_FROM, p->from_at, "template", &p->from);
        punct(w, p->lbrace_at);
    }
    for (const AstClause *c = p->clauses; c; c = c->next)
        clause(w, c);
    punct(w, p->rbrace_at);
    close_node(w, n);
}

static void vault(Walk *w, const AstVault *v)
{
    const AstNode *n = AST_NODE(AST_NODE_VAULT, v->span, NULL, .vault = v);
    if (!open_node(w, n))
        return;
    first_keyword(w, BKP_KW_VAULT, v->span);
    name(w, NULL, &v->name);
    keyword_name(w, BKP_KW_RESOURCE_GROUP, v->rg_at, "resource-group", &v->rg);
    keyword_name(w, BKP_KW_SUBSCRIPTION, v->subscription_at, "subscription", &v->subscription);
    keyword(w, BKP_KW_WITH, v->with_at);
    if (v->npolicies) {
        /* a list of names: a LIST node without an AstList */
        const AstNode *l = AST_NODE(AST_NODE_LIST, v->policies_span, "policies", .list = NULL);
        if (open_node(w, l)) {
            for (int i = 0; i < v->npolicies; i++)
                name(w, NULL, &v->policies[i]);
            close_node(w, l);
        }
    }
    close_node(w, n);
}

static void use(Walk *w, const AstUse *u)
{
    const AstNode *n = AST_NODE(AST_NODE_USE, u->span, NULL, .use = u);
    if (!open_node(w, n))
        return;
    first_keyword(w, BKP_KW_USE, u->span);
    name(w, "file", &u->path);
    close_node(w, n);
}

static void protect(Walk *w, const AstProtect *p)
{
    const AstNode *n = AST_NODE(AST_NODE_PROTECT, p->span, NULL, .protect = p);
    if (!open_node(w, n))
        return;
    first_keyword(w, BKP_KW_PROTECT, p->span);
    keyword_name(w, BKP_KW_VM, p->vm_at, "vm", &p->vm);
    keyword_name(w, BKP_KW_RESOURCE_GROUP, p->rg_at, "resource-group", &p->rg);
    keyword_name(w, BKP_KW_WITH, p->with_at, "policy", &p->policy);
    keyword_name(w, BKP_KW_IN, p->in_at, "vault", &p->vault);
    keyword(w, p->disks == AST_DISKS_INCLUDE ? BKP_KW_INCLUDE : BKP_KW_EXCLUDE, p->mode_at);
    keyword(w, BKP_KW_DISKS, p->disks_at);
    list(w, "luns", &p->luns);
    close_node(w, n);
}

void bkp_ast_walk(const AstFile *f, const AstVisitor *v)
{
    Walk w = {v, f->comments, 0};
    const AstNode *n = AST_NODE(AST_NODE_FILE, bkp_span(0, (uint32_t)f->src->len), NULL, .file = f);
    if (!open_node(&w, n))
        return;
    AstStmtIter it;
    ast_stmts_begin(&it, f);
    for (AstStmt s; (s = ast_stmts_next(&it)).kind != AST_STMT_END;) {
        switch (s.kind) {
        case AST_STMT_USE: use(&w, s.use); break;
        case AST_STMT_VAULT: vault(&w, s.vault); break;
        case AST_STMT_PROTECT: protect(&w, s.protect); break;
        default: policy(&w, s.block); break;
        }
    }
    close_node(&w, n);
}
