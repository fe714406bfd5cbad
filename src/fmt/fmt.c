/* fmt.c — the formatter (see include/bkpc/fmt.h): a parsed file back to
 * text, tokens as written, through the canonical printer's layout.
 *
 * Three passes. The walk (bkp_ast_walk) cuts the file into anchors, the
 * things that each print as one line: a policy's `policy NAME {`, a
 * clause, a policy's `}`, a use, vault or protect statement (a template
 * block is laid out as a policy block); each gets its
 * tokens, as spans of the source. Then every comment is attached, by
 * position, to an anchor: before it (leading), inside it, or after it on
 * its line (trailing); the comments after the last anchor end the file.
 * Last, the anchors are printed through a BkpPrinter: statements in
 * source order, the clauses of a block (or the bare clauses) sorted by
 * bkp_layout_rank(), each with its comments.
 */
#include "bkpc/fmt.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/parse.h"
#include "bkpc/print.h"

typedef enum { A_HEADER, A_CLAUSE, A_CLOSE, A_USE, A_VAULT, A_PROTECT } AnchorKind;

/* How a token is printed: after one space, after the list separator, or
 * (a duration) its number and unit, one space between them if any was. */
typedef enum { T_PLAIN, T_LISTED, T_DURATION } TokHow;

typedef struct Tok {
    BkpSpan span;
    TokHow how;
    const AstDuration *dur;         /* T_DURATION */
} Tok;

typedef struct Anchor {
    AnchorKind kind;
    BkpSpan span;                   /* HEADER: `policy` to `{` */
    const AstClause *clause;        /* CLAUSE */
    bool bare;                      /* a clause of the bare clauses' policy */
    uint32_t tok0, ntok;            /* its tokens: Fmt.toks[tok0 ...] */
    uint32_t com0, ncom, nlead;     /* its comments: Fmt.coms[com0 ...], the
                                       nlead before it, then those inside it */
    int64_t trail;                  /* the comment after it on its line, or -1 */
} Anchor;

typedef struct Fmt {
    const AstFile *f;
    Anchor *anchors;
    size_t nanchors, capanchors;
    Tok *toks;
    size_t ntoks, captoks;
    BkpSpan *coms;                  /* the comments, in order */
    uint32_t ncoms, tail;           /* coms[tail ...]: after the last anchor */
    int err;
    /* the walk */
    const AstPolicy *policy;        /* the policy being walked */
    bool list_first;                /* the next item starts a list */
    bool name_list;                 /* in a list of names (a vault's `with`) */
    bool after_time;                /* the last token was a time */
    /* the printing */
    BkpPrinter pr;
    bool pending;                   /* a blank line before the next line */
    bool block_start;               /* nothing printed yet in the open block */
    struct Slot *slots;             /* scratch: a sequence of clauses to sort */
} Fmt;

/* Room for n + 1 elements of `size` bytes in *v (capacity *cap). */
static bool grow(Fmt *F, void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return true;
    size_t c = *cap ? *cap * 2 : 64;
    void *nv = F->err ? NULL : realloc(*v, c * size);
    if (!nv) {
        F->err = ENOMEM;
        return false;
    }
    *v = nv;
    *cap = c;
    return true;
}

/* ---- the walk: anchors and their tokens ---------------------------------------- */

static Anchor *open_anchor(Fmt *F, AnchorKind kind, BkpSpan span)
{
    if (!grow(F, (void **)&F->anchors, &F->capanchors, F->nanchors, sizeof(Anchor)))
        return NULL;
    Anchor *a = &F->anchors[F->nanchors++];
    memset(a, 0, sizeof *a);
    a->kind = kind;
    a->span = span;
    a->tok0 = (uint32_t)F->ntoks;
    a->trail = -1;
    return a;
}

static void add_tok(Fmt *F, BkpSpan span, TokHow how, const AstDuration *dur)
{
    if (F->nanchors == 0 || !grow(F, (void **)&F->toks, &F->captoks, F->ntoks, sizeof(Tok)))
        return;
    F->toks[F->ntoks++] = (Tok){span, how, dur};
    F->anchors[F->nanchors - 1].ntok++;
}

static bool on_enter(void *user, const AstNode *n, int depth)
{
    Fmt *F = user;
    Anchor *a;
    (void)depth;
    bool listed = false;
    switch (n->kind) {
    case AST_NODE_POLICY:
    case AST_NODE_TEMPLATE:
        F->policy = n->u.policy;
        if (!F->policy->implicit)
            open_anchor(F, A_HEADER, bkp_span(n->span.off, F->policy->lbrace_at + 1));
        return true;
    case AST_NODE_CLAUSE:
        if ((a = open_anchor(F, A_CLAUSE, n->span))) {
            a->clause = n->u.clause;
            a->bare = F->policy->implicit;
        }
        return true;
    case AST_NODE_USE: open_anchor(F, A_USE, n->span); return true;
    case AST_NODE_VAULT: open_anchor(F, A_VAULT, n->span); return true;
    case AST_NODE_PROTECT: open_anchor(F, A_PROTECT, n->span); return true;
    case AST_NODE_PUNCT:            /* `{` ends its header; `}` is a line */
        if (n->span.off == F->policy->rbrace_at)
            open_anchor(F, A_CLOSE, n->span);
        return true;
    case AST_NODE_LIST:
        F->list_first = true;
        F->name_list = n->u.list == NULL;
        return true;
    case AST_NODE_DURATION: add_tok(F, n->span, T_DURATION, n->u.duration); break;
    case AST_NODE_ITEM:
        listed = n->role == NULL && !F->list_first;   /* an item of a list */
        F->list_first = false;
        add_tok(F, n->span, listed ? T_LISTED : T_PLAIN, NULL);
        break;
    case AST_NODE_TIME:             /* `at 22:30, 23:00`: times are a list */
        add_tok(F, n->span, F->after_time ? T_LISTED : T_PLAIN, NULL);
        F->after_time = true;
        return true;
    case AST_NODE_NAME:
        listed = F->name_list && !F->list_first;
        F->list_first = false;
        add_tok(F, n->span, listed ? T_LISTED : T_PLAIN, NULL);
        break;
    case AST_NODE_KEYWORD: add_tok(F, n->span, T_PLAIN, NULL); break;
    default: return true;           /* the file; comments are placed by position */
    }
    F->after_time = false;
    return true;
}

static void on_leave(void *user, const AstNode *n, int depth)
{
    Fmt *F = user;
    (void)depth;
    if (n->kind == AST_NODE_LIST)
        F->name_list = false;
}

static int by_offset(const void *x, const void *y)
{
    const Anchor *a = x, *b = y;
    return a->span.off < b->span.off ? -1 : a->span.off > b->span.off;
}

/* The anchors in source order (the bare clauses' policy is walked whole,
 * where its first clause stands: other statements may stand among them). */
static void collect_anchors(Fmt *F)
{
    AstVisitor v = {on_enter, on_leave, F};
    bkp_ast_walk(F->f, &v);
    if (F->nanchors > 1)
        qsort(F->anchors, F->nanchors, sizeof(Anchor), by_offset);
}

/* ---- comments, by position -------------------------------------------------------- */

static void attach(Anchor *a, uint32_t k, bool leading)
{
    if (a->ncom == 0)
        a->com0 = k;
    a->ncom++;
    a->nlead += leading;
}

/* Each comment to the anchor it stands inside of, after (on the same
 * line), or before; those after the last anchor end the file. An anchor's
 * leading and inner comments are consecutive: the comment after the
 * anchor before it comes first, then those before it, then those inside. */
static void attach_comments(Fmt *F)
{
    if (F->f->ncomments && !(F->coms = malloc(F->f->ncomments * sizeof(BkpSpan)))) {
        F->err = ENOMEM;
        return;
    }
    F->ncoms = 0;
    for (const AstComment *c = F->f->comments; c && F->ncoms < F->f->ncomments; c = c->next)
        F->coms[F->ncoms++] = c->span;
    F->tail = F->ncoms;
    size_t ai = 0;                  /* the first anchor that does not end before the comment */
    for (uint32_t k = 0; k < F->ncoms; k++) {
        BkpSpan c = F->coms[k];
        while (ai < F->nanchors && F->anchors[ai].span.end <= c.off)
            ai++;
        if (ai < F->nanchors && F->anchors[ai].span.off < c.off)
            attach(&F->anchors[ai], k, false);
        else if (ai > 0 && F->anchors[ai - 1].trail < 0 && !bkp_ast_own_line(F->f, c))
            F->anchors[ai - 1].trail = k;
        else if (ai < F->nanchors)
            attach(&F->anchors[ai], k, true);
        else if (F->tail == F->ncoms)
            F->tail = k;
    }
}

/* ---- printing ------------------------------------------------------------------------ */

/* Whether a blank line stands before `off`: two newlines among the blanks
 * before it. */
static bool blank_before(const Fmt *F, uint32_t off)
{
    const char *s = F->f->src->text;
    int newlines = 0;
    while (off > 0 && newlines < 2) {
        char c = s[--off];
        if (c == '\n')
            newlines++;
        else if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v')
            break;
    }
    return newlines >= 2;
}

/* A new line, after a blank line if one is pending (none at the start of a
 * block or of the file). */
static void new_line(Fmt *F)
{
    bkp_pr_end_line(&F->pr);
    if (F->pending && !F->block_start)
        bkp_pr_blank_line(&F->pr);
    F->pending = F->block_start = false;
}

static void own_line_comment(Fmt *F, uint32_t k)
{
    size_t n;
    const char *s = bkp_ast_text(F->f, F->coms[k], &n);
    new_line(F);
    bkp_pr_comment(&F->pr, s, n);
}

/* Where the i-th element before and in anchor a starts: its leading
 * comments, then (i == nlead) the anchor itself. */
static uint32_t element_off(const Fmt *F, const Anchor *a, uint32_t i)
{
    return i < a->nlead ? F->coms[a->com0 + i].off : a->span.off;
}

/* The leading comments [from, to) of a (to == nlead + 1: and the blank line
 * before a itself), each after a blank line where one was written, but for
 * the first when `quiet`. */
static void leading(Fmt *F, const Anchor *a, uint32_t from, uint32_t to, bool quiet)
{
    for (uint32_t i = from; i < to; i++) {
        if (!(quiet && i == from) && blank_before(F, element_off(F, a, i)))
            F->pending = true;
        if (i < a->nlead)
            own_line_comment(F, a->com0 + i);
    }
}

static void tokens(Fmt *F, const Anchor *a)
{
    new_line(F);
    for (uint32_t i = a->tok0; i < a->tok0 + a->ntok; i++) {
        const Tok *t = &F->toks[i];
        size_t n;
        const char *s = bkp_ast_text(F->f, t->span, &n);
        if (t->how == T_LISTED)
            bkp_pr_list_sep(&F->pr);
        if (t->how == T_DURATION && ast_duration_spaced(t->dur)) {
            s = bkp_ast_text(F->f, ast_duration_num(t->dur), &n);
            bkp_pr_text(&F->pr, s, n);
            s = bkp_ast_text(F->f, ast_duration_unit(t->dur), &n);
        }
        bkp_pr_text(&F->pr, s, n);
    }
}

static void trailing(Fmt *F, const Anchor *a)
{
    size_t n;
    if (a->trail >= 0) {
        const char *s = bkp_ast_text(F->f, F->coms[a->trail], &n);
        bkp_pr_comment(&F->pr, s, n);
    }
}

/* Anchor a, its comments from leading comment `from` on (those before went
 * to the top of its block): see leading() for `quiet`. */
static void anchor(Fmt *F, const Anchor *a, uint32_t from, bool quiet)
{
    leading(F, a, from, a->nlead + 1, quiet);
    for (uint32_t i = a->nlead; i < a->ncom; i++)
        own_line_comment(F, a->com0 + i);
    if (a->kind == A_CLOSE) {
        F->pending = F->block_start = false;    /* no blank line before `}` */
        bkp_pr_close(&F->pr);
    } else {
        tokens(F, a);
    }
    if (a->kind == A_HEADER) {
        bkp_pr_open(&F->pr);
        F->block_start = true;
    }
    trailing(F, a);
}

typedef struct Slot {
    int rank;
    uint32_t anchor;
} Slot;

static int by_rank(const void *x, const void *y)
{
    const Slot *a = x, *b = y;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    return a->anchor < b->anchor ? -1 : a->anchor > b->anchor;
}

/* How many leading comments of the first clause of a sequence stay at its
 * top: those up to the last blank line before the clause. */
static uint32_t head_comments(const Fmt *F, const Anchor *a)
{
    uint32_t head = 0;
    for (uint32_t i = 1; i <= a->nlead; i++)
        if (blank_before(F, element_off(F, a, i)))
            head = i;
    return head;
}

/* The clauses F->slots[0..n) (anchors in source order) in canonical order,
 * each with its comments. */
static void clauses(Fmt *F, size_t n)
{
    if (n == 0)
        return;
    const Anchor *first = &F->anchors[F->slots[0].anchor];
    uint32_t head = head_comments(F, first);
    leading(F, first, 0, head, false);
    if (head)
        F->pending = true;
    for (size_t i = 0; i < n; i++)
        F->slots[i].rank = bkp_layout_rank(F->anchors[F->slots[i].anchor].clause->kind);
    qsort(F->slots, n, sizeof(Slot), by_rank);
    for (size_t i = 0; i < n; i++) {
        const Anchor *a = &F->anchors[F->slots[i].anchor];
        anchor(F, a, a == first ? head : 0, a == first);
    }
}

/* The policy block whose header is anchor h; returns the anchor after its `}`. */
static size_t block(Fmt *F, size_t h)
{
    anchor(F, &F->anchors[h], 0, false);
    size_t i = h + 1, n = 0;
    for (; i < F->nanchors && F->anchors[i].kind == A_CLAUSE; i++)
        F->slots[n++].anchor = (uint32_t)i;
    clauses(F, n);
    if (i < F->nanchors && F->anchors[i].kind == A_CLOSE)
        anchor(F, &F->anchors[i++], 0, false);
    return i;
}

/* The bare clauses, wherever they stand, as one sequence. */
static void bare_clauses(Fmt *F)
{
    size_t n = 0;
    for (size_t i = 0; i < F->nanchors; i++)
        if (F->anchors[i].kind == A_CLAUSE && F->anchors[i].bare)
            F->slots[n++].anchor = (uint32_t)i;
    clauses(F, n);
}

static void file(Fmt *F)
{
    bool after_block = false, bare_done = false;
    for (size_t i = 0; i < F->nanchors;) {
        const Anchor *a = &F->anchors[i];
        if (a->kind == A_CLAUSE && bare_done) {
            i++;
            continue;
        }
        bool is_block = a->kind == A_HEADER || a->kind == A_CLAUSE;
        if (is_block || after_block)
            F->pending = true;
        if (a->kind == A_HEADER) {
            i = block(F, i);
        } else if (a->kind == A_CLAUSE) {
            bare_clauses(F);
            bare_done = true;
            i++;
        } else {
            anchor(F, a, 0, false);
            i++;
        }
        after_block = is_block;
    }
    for (uint32_t k = F->tail; k < F->ncoms; k++) {
        if (blank_before(F, F->coms[k].off))
            F->pending = true;
        own_line_comment(F, k);
    }
}

char *bkp_fmt_file(const AstFile *f, size_t *len)
{
    if (f->syntax_errors) {
        errno = EINVAL;
        return NULL;
    }
    Fmt F;
    memset(&F, 0, sizeof F);
    F.f = f;
    bkp_pr_init(&F.pr);
    collect_anchors(&F);
    attach_comments(&F);
    if (!F.err && !(F.slots = malloc((F.nanchors ? F.nanchors : 1) * sizeof(Slot))))
        F.err = ENOMEM;
    if (!F.err)
        file(&F);
    free(F.anchors);
    free(F.toks);
    free(F.coms);
    free(F.slots);
    if (F.err) {
        bkp_pr_free(&F.pr);
        errno = F.err;
        return NULL;
    }
    return bkp_pr_finish(&F.pr, len);
}

char *bkp_fmt_source(BkpCtx *ctx, BkpSource *src, size_t *len)
{
    return bkp_fmt_file(bkp_parse(ctx, src), len);
}
