/* The formatter (fmt.h) over every .bkp of the tree: refused on syntax
 * errors; otherwise idempotent, every token kept as written, every comment
 * kept (count and text) beside what it was written next to, the same
 * diagnostics, and for a valid file the same build (program, REST body of
 * each policy, PowerShell and Azure CLI scripts); the canonical printer's
 * text is already formatted. Then the line diff and the unified diff. */
#define _GNU_SOURCE             /* open_memstream */
#include <errno.h>
#include <glob.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bkpc/compile.h"
#include "bkpc/diag_text.h"
#include "bkpc/emit.h"
#include "bkpc/fmt.h"
#include "bkpc/print.h"
#include "tree_fixture.h"

/* ---- strings ----------------------------------------------------------------------- */

typedef struct Strs {
    char **v;
    size_t n, cap;
} Strs;

static void strs_push(Strs *s, char *str)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        assert_non_null(s->v);
    }
    s->v[s->n++] = str;
}

static char *strs_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *strs_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    assert_true(vasprintf(&s, fmt, ap) >= 0);
    va_end(ap);
    return s;
}

static void strs_free(Strs *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Whether a and b hold the same strings, in any order (sorts both). */
static bool same_multiset(Strs *a, Strs *b)
{
    if (a->n != b->n)
        return false;
    if (a->n == 0)
        return true;
    qsort(a->v, a->n, sizeof *a->v, cmp_str);
    qsort(b->v, b->n, sizeof *b->v, cmp_str);
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->v[i], b->v[i]) != 0)
            return false;
    return true;
}

/* A comment's text without its trailing blanks (the layout drops them). */
static char *comment_text(const AstFile *f, BkpSpan s)
{
    size_t n;
    const char *t = bkp_ast_text(f, s, &n);
    while (n && strchr(" \t\r", t[n - 1]))
        n--;
    return strndup(t, n);
}

/* ---- what a file says, independently of layout --------------------------------------- */

/* One parsed text, kept alive while it is looked at. */
typedef struct Parsed {
    BkpCtx ctx;
    BkpSource *src;
    AstFile *f;
} Parsed;

static void parse(Parsed *p, const char *name, const char *text, size_t len)
{
    bkp_ctx_init(&p->ctx);
    p->src = bkp_source_from_string(name, text, len);
    assert_non_null(p->src);
    p->f = bkp_parse(&p->ctx, p->src);
}

static void parsed_free(Parsed *p)
{
    bkp_ctx_free(&p->ctx);
    bkp_source_free(p->src);
}

/* The units of a file (a policy's header, a clause, a vault, a protect),
 * each as its tokens as written (blanks inside a duration as one space),
 * the comments directly above it and the comment after it on its line. */
typedef struct Facts {
    const AstFile *f;
    Strs units;                 /* "kind|tok|tok..." */
    Strs placed;                /* "unit <- comment" and "unit -> comment" */
    Strs comments;
    Strs statements;            /* vault, protect and policy headers, in order */
    char *cur;                  /* the unit being read */
    BkpSpan cur_span;
    bool in_header;
} Facts;

static void facts_append(Facts *x, const char *s, size_t n)
{
    size_t len = x->cur ? strlen(x->cur) : 0;
    x->cur = realloc(x->cur, len + n + 2);
    assert_non_null(x->cur);
    x->cur[len] = '|';
    memcpy(x->cur + len + 1, s, n);
    x->cur[len + n + 1] = '\0';
}

static bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

/* The comment that starts at `off`, if one does. */
static const AstComment *comment_at(const AstFile *f, uint32_t off)
{
    for (const AstComment *c = f->comments; c; c = c->next)
        if (c->span.off == off)
            return c;
    return NULL;
}

/* "unit <- comment" for each own-line comment on the lines right above the
 * unit (no blank line between), "unit -> comment" for the one after it on
 * its last line. */
static void place_comments(Facts *x, const char *unit, BkpSpan span)
{
    const char *s = x->f->src->text;
    uint32_t end = span.end;
    while (end < x->f->src->len && blank(s[end]))
        end++;
    const AstComment *c = comment_at(x->f, end);
    if (c) {
        char *t = comment_text(x->f, c->span);
        strs_push(&x->placed, strs_printf("%s -> %s", unit, t));
        free(t);
    }
    uint32_t at = span.off;
    for (;;) {
        while (at > 0 && blank(s[at - 1]))
            at--;
        if (at == 0 || s[at - 1] != '\n')
            return;                 /* code before it on its line, or the file's start */
        uint32_t line = --at;       /* the previous line: [start, line) */
        while (at > 0 && s[at - 1] != '\n')
            at--;
        uint32_t first = at;
        while (first < line && blank(s[first]))
            first++;
        if (first == line || !(c = comment_at(x->f, first)))
            return;                 /* a blank line, or code */
        char *t = comment_text(x->f, c->span);
        strs_push(&x->placed, strs_printf("%s <- %s", unit, t));
        free(t);
    }
}

static void unit_start(Facts *x, const char *kind, BkpSpan span)
{
    free(x->cur);
    x->cur = strdup(kind);
    x->cur_span = span;
}

static void unit_end(Facts *x, bool statement)
{
    if (!x->cur)
        return;
    place_comments(x, x->cur, x->cur_span);
    if (statement)
        strs_push(&x->statements, strdup(x->cur));
    strs_push(&x->units, x->cur);
    x->cur = NULL;
}

static bool facts_enter(void *user, const AstNode *n, int depth)
{
    Facts *x = user;
    size_t len;
    const char *t;
    (void)depth;
    switch (n->kind) {
    case AST_NODE_POLICY:
        if (!n->u.policy->implicit) {
            unit_start(x, "policy", bkp_span(n->span.off, n->u.policy->lbrace_at + 1));
            x->in_header = true;
        }
        break;
    case AST_NODE_CLAUSE: unit_start(x, "clause", n->span); break;
    case AST_NODE_VAULT: unit_start(x, "vault", n->span); break;
    case AST_NODE_PROTECT: unit_start(x, "protect", n->span); break;
    case AST_NODE_PUNCT:
        if (x->in_header)
            unit_end(x, true);
        x->in_header = false;
        break;
    case AST_NODE_COMMENT: strs_push(&x->comments, comment_text(x->f, n->span)); break;
    case AST_NODE_DURATION: {
        const AstDuration *d = n->u.duration;
        size_t un;
        t = bkp_ast_text(x->f, ast_duration_num(d), &len);
        const char *u = bkp_ast_text(x->f, ast_duration_unit(d), &un);
        char *s = strs_printf("%.*s%s%.*s", (int)len, t, ast_duration_spaced(d) ? " " : "", (int)un, u);
        facts_append(x, s, strlen(s));
        free(s);
        break;
    }
    case AST_NODE_KEYWORD:
    case AST_NODE_NAME:
    case AST_NODE_ITEM:
    case AST_NODE_TIME:
        t = bkp_ast_text(x->f, n->span, &len);
        facts_append(x, t, len);
        break;
    default: break;
    }
    return true;
}

static void facts_leave(void *user, const AstNode *n, int depth)
{
    Facts *x = user;
    (void)depth;
    if (n->kind == AST_NODE_CLAUSE || n->kind == AST_NODE_VAULT || n->kind == AST_NODE_PROTECT)
        unit_end(x, n->kind != AST_NODE_CLAUSE);
}

static void facts_of(Facts *x, const AstFile *f)
{
    memset(x, 0, sizeof *x);
    x->f = f;
    AstVisitor v = {facts_enter, facts_leave, x};
    bkp_ast_walk(f, &v);
    free(x->cur);
}

static void facts_free(Facts *x)
{
    strs_free(&x->units);
    strs_free(&x->placed);
    strs_free(&x->comments);
    strs_free(&x->statements);
}

/* Every fact of `before` holds after: the same units (tokens as written),
 * comments, statements in the same order, and each comment placed above or
 * after the unit it was above or after (a comment inside a unit may join
 * those above it). */
static void same_facts(const char *name, const AstFile *before, const AstFile *after)
{
    Facts a, b;
    facts_of(&a, before);
    facts_of(&b, after);
    if (!same_multiset(&a.units, &b.units))
        fail_msg("%s: the clauses or statements differ after formatting", name);
    if (!same_multiset(&a.comments, &b.comments))
        fail_msg("%s: %zu comments before formatting, %zu after, or their text differs", name,
                 a.comments.n, b.comments.n);
    assert_int_equal(a.statements.n, b.statements.n);
    for (size_t i = 0; i < a.statements.n; i++)
        if (strcmp(a.statements.v[i], b.statements.v[i]) != 0)
            fail_msg("%s: statement %zu moved: %s", name, i, a.statements.v[i]);
    if (b.placed.n)
        qsort(b.placed.v, b.placed.n, sizeof *b.placed.v, cmp_str);
    for (size_t i = 0; i < a.placed.n; i++)
        if (!bsearch(&a.placed.v[i], b.placed.v, b.placed.n, sizeof *b.placed.v, cmp_str))
            fail_msg("%s: no longer true after formatting: %s", name, a.placed.v[i]);
    facts_free(&a);
    facts_free(&b);
}

/* ---- what a file compiles to ------------------------------------------------------- */

/* A script, but for the source lines it cites ("line 12" -> "line N", and
 * a rule of dashes after it -> "---"): formatting moves clauses to other
 * lines. */
static char *script(int (*emit)(const BkpProgram *, const BkpPolicy *, FILE *), const BkpProgram *prog)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    assert_int_equal(emit(prog, NULL, f), 0);
    assert_int_equal(fclose(f), 0);
    char *out = buf;
    for (const char *s = buf; *s;) {
        if (strncmp(s, "line ", 5) == 0 && s[5] >= '0' && s[5] <= '9') {
            for (s += 5; *s >= '0' && *s <= '9'; s++)
                ;                   /* past the digits first: out may be at s */
            memcpy(out, "line N", 6);
            out += 6;
        } else if (strncmp(s, "---", 3) == 0) {
            while (*s == '-')
                s++;
            memcpy(out, "---", 3);
            out += 3;
        } else {
            *out++ = *s++;
        }
    }
    *out = '\0';
    return buf;
}


static void diag_ids(const BkpDiags *d, Strs *out)
{
    for (const BkpDiag *g = d->head; g; g = g->next)
        strs_push(out, strs_printf("%d %s", (int)g->sev, g->rule));
}

static void same_output(const char *name, char *a, char *b, const char *what)
{
    if (strcmp(a, b) != 0)
        fail_msg("%s: the %s differs after formatting", name, what);
    free(a);
    free(b);
}

/* The same diagnostics (severity and rule), and for a valid file the same
 * build: program, REST bodies, scripts. */
static bool same_build(const char *name, const char *text, size_t len, const char *ftext, size_t flen)
{
    Parsed a, b;
    bkp_ctx_init(&a.ctx);
    bkp_ctx_init(&b.ctx);
    a.src = bkp_source_from_string(name, text, len);
    b.src = bkp_source_from_string(name, ftext, flen);
    BkpProgram *pa = bkp_compile(&a.ctx, a.src), *pb = bkp_compile(&b.ctx, b.src);
    Strs da = {0}, db = {0};
    diag_ids(&a.ctx.diags, &da);
    diag_ids(&b.ctx.diags, &db);
    if (!same_multiset(&da, &db))
        fail_msg("%s: the diagnostics differ after formatting", name);
    strs_free(&da);
    strs_free(&db);
    bool valid = pa && a.ctx.diags.errors == 0;
    if (valid) {
        assert_non_null(pb);
        if (!bkp_program_equal(pa, pb))
            fail_msg("%s: the program differs after formatting", name);
        for (const BkpPolicy *p = pa->policies, *q = pb->policies; p; p = p->next, q = q->next)
            same_output(name, rest_body(p), rest_body(q), "REST body");
        same_output(name, script(bkp_emit_ps1, pa), script(bkp_emit_ps1, pb), "PowerShell script");
        same_output(name, script(bkp_emit_azcli, pa), script(bkp_emit_azcli, pb), "Azure CLI script");
        /* the printer's text is formatted already: one layout */
        size_t n1, n2;
        char *printed = bkp_program_text(pa, &n1);
        assert_non_null(printed);
        BkpCtx c;
        bkp_ctx_init(&c);
        BkpSource *s = bkp_source_from_string(name, printed, n1);
        char *again = bkp_fmt_source(&c, s, &n2);
        if (!again || n1 != n2 || memcmp(printed, again, n1) != 0)
            fail_msg("%s: formatting the printer's text changes it:\n%s---\n%s", name, printed, again);
        free(again);
        free(printed);
        bkp_source_free(s);
        bkp_ctx_free(&c);
    }
    parsed_free(&a);
    parsed_free(&b);
    return valid;
}

/* ---- the tree -------------------------------------------------------------------------- */


typedef struct Tally {
    int refused, formatted, valid, comments, changed;
} Tally;

static void check_file(const char *path, const char *text, size_t len, Tally *t)
{
    Parsed a;
    parse(&a, path, text, len);
    errno = 0;
    size_t n1;
    char *once = bkp_fmt_file(a.f, &n1);
    if (a.f->syntax_errors) {
        if (once || errno != EINVAL)
            fail_msg("%s: formatted despite its syntax errors", path);
        t->refused++;
        parsed_free(&a);
        return;
    }
    if (!once)
        fail_msg("%s: not formatted: %s", path, strerror(errno));
    Parsed b;
    parse(&b, path, once, n1);
    if (b.f->syntax_errors) {
        bkp_diags_print(&b.ctx.diags, stderr);
        fail_msg("%s: the formatted text has syntax errors:\n%s", path, once);
    }
    size_t n2;
    char *twice = bkp_fmt_file(b.f, &n2);
    assert_non_null(twice);
    if (n1 != n2 || memcmp(once, twice, n1) != 0)
        fail_msg("%s: formatting is not idempotent:\n%s---\n%s", path, once, twice);
    same_facts(path, a.f, b.f);
    t->formatted++;
    t->comments += (int)a.f->ncomments;
    t->changed += n1 != len || memcmp(once, text, len) != 0;
    t->valid += same_build(path, text, len, once, n1);
    free(once);
    free(twice);
    parsed_free(&a);
    parsed_free(&b);
}

/* Every .bkp of the tree (run from the repository root, as make check does). */
static void test_tree(void **state)
{
    (void)state;
    static const char *const patterns[] = {"examples/*.bkp", "tests/*/*.bkp"};
    Tally t = {0};
    for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
        glob_t g;
        if (glob(patterns[i], 0, NULL, &g) != 0)
            fail_msg("no %s: run the test from the repository root", patterns[i]);
        for (size_t k = 0; k < g.gl_pathc; k++) {
            size_t len;
            char *text = slurp(g.gl_pathv[k], &len);
            check_file(g.gl_pathv[k], text, len, &t);
            free(text);
        }
        globfree(&g);
    }
    print_message("fmt: %d files formatted (%d changed, %d valid, %d comments), %d refused\n",
                  t.formatted, t.changed, t.valid, t.comments, t.refused);
    /* Not vacuous: most files took part, with comments, changes and errors. */
    assert_true(t.formatted >= 120);
    assert_true(t.valid >= 90);
    assert_true(t.changed >= 30);
    assert_true(t.comments >= 100);
    assert_true(t.refused >= 10);
}

/* The expected outputs of the golden suite tests/fmt/ are formatted
 * already: each is its own formatting. */
static void test_goldens_formatted(void **state)
{
    (void)state;
    glob_t g;
    if (glob("tests/fmt/*.fmt", 0, NULL, &g) != 0)
        fail_msg("no tests/fmt/*.fmt: run the test from the repository root");
    int n = 0;
    for (size_t k = 0; k < g.gl_pathc; k++) {
        size_t len, flen;
        char *text = slurp(g.gl_pathv[k], &len);
        BkpCtx ctx;
        bkp_ctx_init(&ctx);
        BkpSource *src = bkp_source_from_string(g.gl_pathv[k], text, len);
        char *again = bkp_fmt_source(&ctx, src, &flen);
        if (len > 0) {
            if (!again || flen != len || memcmp(again, text, len) != 0)
                fail_msg("%s is not formatted:\n%s", g.gl_pathv[k], again ? again : "(refused)");
            n++;
        }
        free(again);
        free(text);
        bkp_source_free(src);
        bkp_ctx_free(&ctx);
    }
    globfree(&g);
    assert_true(n >= 10);
}

/* ---- layouts, by example ------------------------------------------------------------ */

static char *fmt_of(const char *name, const char *text)
{
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    BkpSource *src = bkp_source_from_string(name, text, strlen(text));
    char *out = bkp_fmt_source(&ctx, src, NULL);
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
    return out;
}

static void formats_as(const char *text, const char *want)
{
    char *got = fmt_of("x.bkp", text);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
    Tally t = {0};
    check_file("x.bkp", text, strlen(text), &t);     /* and every property of the tree */
}

static void test_layouts(void **state)
{
    (void)state;
    /* clause order, spacing, values as written */
    formats_as("policy p{keep daily 180   days keep yearly 2y in JAN,jul on day 1 ,last\n"
               "   daily at 8:00  standard}",
               "policy p {\n    standard\n    daily at 8:00\n    keep daily 180 days\n"
               "    keep yearly 2y in JAN, jul on day 1, last\n}\n");
    /* a comment moves with the clause below it; a trailing one stays;
     * comments inside a clause go above it */
    formats_as("policy p {\n  # the retention\n  keep daily 30d # a month\n  # the schedule\n"
               "  daily at # when\n 02:00\n}\n",
               "policy p {\n    # the schedule\n    # when\n    daily at 02:00\n"
               "    # the retention\n    keep daily 30d  # a month\n}\n");
    /* the top of a block stays at the top when a blank line follows it */
    formats_as("policy p {\n    # about p\n\n    keep daily 30d\n    daily at 02:00\n}\n",
               "policy p {\n    # about p\n\n    daily at 02:00\n    keep daily 30d\n}\n");
    /* bare clauses stay bare, gathered where the first stands */
    formats_as("# head\n\nkeep daily 7d\nvault v resource-group rg\ndaily at 01:00\n",
               "# head\n\ndaily at 01:00\nkeep daily 7d\n\nvault v resource-group rg\n");
    /* blank lines: around blocks, kept (one) between statements, none at
     * the ends of a block */
    formats_as("vault v resource-group rg\npolicy a {\n\n daily at 01:00\n\n\n}\n"
               "protect vm x resource-group rg with a\n\n\n\nprotect vm y resource-group rg with a\n"
               "protect vm z resource-group rg with a  \n# end\n",
               "vault v resource-group rg\n\npolicy a {\n    daily at 01:00\n}\n\n"
               "protect vm x resource-group rg with a\n\nprotect vm y resource-group rg with a\n"
               "protect vm z resource-group rg with a\n# end\n");
    /* the comments of a header; after braces; aligned trailing comments */
    formats_as("policy # one\n p # two\n { # three\n daily at 01:00 # four\n keep daily 7d # five\n"
               "} # six\n",
               "# one\n# two\npolicy p {  # three\n    daily at 01:00  # four\n"
               "    keep daily 7d   # five\n}  # six\n");
    /* nothing, or comments only */
    formats_as("", "");
    formats_as("\n\n  # only\r\n\n\n# comments  \n", "# only\n\n# comments\n");
    /* the example of docs/language.md, section 14.3 */
    formats_as("# web.bkp: the web servers\n\npolicy web-vms{   # reviewed 2026-03\n"
               "  keep daily 30 days # a month\n    # nightly, after the deploys\n  daily at 2:00\n"
               "  keep weekly 12w on sun,WED\n  standard\n}\n"
               "protect vm web-01 resource-group rg-web with web-vms\n",
               "# web.bkp: the web servers\n\npolicy web-vms {  # reviewed 2026-03\n    standard\n"
               "    # nightly, after the deploys\n    daily at 2:00\n    keep daily 30 days  # a month\n"
               "    keep weekly 12w on sun, WED\n}\n\n"
               "protect vm web-01 resource-group rg-web with web-vms\n");
    /* syntax errors: refused */
    assert_null(fmt_of("x.bkp", "policy p { daily at }"));
    assert_int_equal(errno, EINVAL);
}

/* The comments after consecutive lines of one indentation align, counted
 * in characters; another indentation, a line without one, a comment line
 * or a blank line ends the run. */
static void test_aligned_comments(void **state)
{
    (void)state;
    BkpPrinter pr;
    bkp_pr_init(&pr);
    bkp_pr_token(&pr, "a");
    bkp_pr_comment(&pr, "# 1", 3);
    bkp_pr_token(&pr, "\xc3\xa9t\xc3\xa9");           /* three characters, five bytes */
    bkp_pr_comment(&pr, "# 2", 3);
    bkp_pr_keyword(&pr, BKP_KW_POLICY);
    bkp_pr_open(&pr);
    bkp_pr_comment(&pr, "# 3", 3);
    bkp_pr_token(&pr, "b");
    bkp_pr_comment(&pr, "# 4", 3);
    bkp_pr_token(&pr, "ccc");
    bkp_pr_comment(&pr, "# 5", 3);
    bkp_pr_token(&pr, "dddd");
    bkp_pr_end_line(&pr);
    bkp_pr_token(&pr, "e");
    bkp_pr_comment(&pr, "# 6", 3);
    bkp_pr_comment(&pr, "# own", 5);
    bkp_pr_token(&pr, "ffffff");
    bkp_pr_comment(&pr, "# 7", 3);
    bkp_pr_blank_line(&pr);
    bkp_pr_token(&pr, "g");
    bkp_pr_comment(&pr, "# 8", 3);
    bkp_pr_close(&pr);
    bkp_pr_comment(&pr, "# 9", 3);
    char *text = bkp_pr_finish(&pr, NULL);
    assert_string_equal(text,
        "a         # 1\n"
        "\xc3\xa9t\xc3\xa9       # 2\n"
        "policy {  # 3\n"
        "    b    # 4\n"
        "    ccc  # 5\n"
        "    dddd\n"
        "    e  # 6\n"
        "    # own\n"
        "    ffffff  # 7\n"
        "\n"
        "    g  # 8\n"
        "}  # 9\n");
    free(text);
}

/* ---- the diff ------------------------------------------------------------------------- */

/* Applies edits to a: the text they turn it into. */
static char *apply(const char *a, const char *b, const BkpLineEdit *e, size_t n)
{
    Strs la = {0}, lb = {0};
    for (const char *s = a; *s;) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) + 1 : strlen(s);
        strs_push(&la, strndup(s, len));
        s += len;
    }
    for (const char *s = b; *s;) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) + 1 : strlen(s);
        strs_push(&lb, strndup(s, len));
        s += len;
    }
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    uint32_t at = 0;
    for (size_t i = 0; i < n; i++) {
        for (; at < e[i].old_line; at++)
            fputs(la.v[at], f);
        for (uint32_t k = 0; k < e[i].new_n; k++)
            fputs(lb.v[e[i].new_line + k], f);
        at += e[i].old_n;
    }
    for (; at < la.n; at++)
        fputs(la.v[at], f);
    fclose(f);
    strs_free(&la);
    strs_free(&lb);
    return out;
}

/* The length of a longest common subsequence of lines (the shortest diff
 * changes all the others). */
static size_t lcs(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);   /* one character a line */
    size_t *row = calloc((nb + 1) * (na + 1), sizeof *row);
    for (size_t i = 1; i <= na; i++)
        for (size_t j = 1; j <= nb; j++) {
            size_t *c = &row[i * (nb + 1) + j];
            if (a[i - 1] == b[j - 1])
                *c = row[(i - 1) * (nb + 1) + j - 1] + 1;
            else
                *c = row[(i - 1) * (nb + 1) + j] > row[i * (nb + 1) + j - 1] ? row[(i - 1) * (nb + 1) + j]
                                                                           : row[i * (nb + 1) + j - 1];
        }
    size_t r = row[na * (nb + 1) + nb];
    free(row);
    return r;
}

/* "abc" -> "a\nb\nc\n" */
static char *as_lines(const char *s)
{
    size_t n = strlen(s);
    char *t = malloc(2 * n + 1);
    for (size_t i = 0; i < n; i++)
        t[2 * i] = s[i], t[2 * i + 1] = '\n';
    t[2 * n] = '\0';
    return t;
}

static void test_line_diff(void **state)
{
    (void)state;
    unsigned seed = 12345;
    for (int round = 0; round < 2000; round++) {
        char a[24], b[24];
        int na = (int)((seed = seed * 1103515245 + 12345) >> 16) % 20;
        int nb = (int)((seed = seed * 1103515245 + 12345) >> 16) % 20;
        for (int i = 0; i < na; i++)
            a[i] = (char)('a' + ((seed = seed * 1103515245 + 12345) >> 16) % 4);
        for (int i = 0; i < nb; i++)
            b[i] = (char)('a' + ((seed = seed * 1103515245 + 12345) >> 16) % 4);
        a[na] = b[nb] = '\0';
        char *ta = as_lines(a), *tb = as_lines(b);
        BkpLineEdit *e;
        size_t n;
        assert_int_equal(bkp_line_diff(ta, strlen(ta), tb, strlen(tb), &e, &n), 0);
        char *got = apply(ta, tb, e, n);
        assert_string_equal(got, tb);
        size_t changed = 0;
        for (size_t i = 0; i < n; i++)
            changed += e[i].old_n + e[i].new_n;
        if (changed != (size_t)(na + nb) - 2 * lcs(a, b))
            fail_msg("%s -> %s: %zu lines changed, not the fewest", a, b, changed);
        free(got);
        free(e);
        free(ta);
        free(tb);
    }
}

/* Two large texts with nothing in common: one change, at once. */
static void test_line_diff_bounded(void **state)
{
    (void)state;
    enum { N = 300000 };
    char *a = malloc(N * 8 + 1), *b = malloc(N * 8 + 1);
    for (int i = 0; i < N; i++) {
        char line[16];
        snprintf(line, sizeof line, "%06d\n", i % 1000000);
        a[8 * i] = 'a';
        b[8 * i] = 'b';
        memcpy(a + 8 * i + 1, line, 7);
        memcpy(b + 8 * i + 1, line, 7);
    }
    BkpLineEdit *e;
    size_t n;
    assert_int_equal(bkp_line_diff(a, N * 8, b, N * 8, &e, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(e[0].old_line, 0);
    assert_int_equal(e[0].old_n, N);
    assert_int_equal(e[0].new_n, N);
    free(e);
    /* equal texts: no change */
    assert_int_equal(bkp_line_diff(a, N * 8, a, N * 8, &e, &n), 0);
    assert_int_equal(n, 0);
    assert_null(e);
    free(a);
    free(b);
}

static char *udiff(const char *a, const char *b)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_int_equal(bkp_unified_diff(f, "p.bkp", a, strlen(a), b, strlen(b)), 0);
    fclose(f);
    return out;
}

static void test_unified_diff(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b, *want;
    } cases[] = {
        /* two hunks; a last line without its newline */
        {"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n",
         "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\nseventeen",
         "--- p.bkp\n+++ p.bkp\n"
         "@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n"
         "@@ -14,3 +14,4 @@\n 14\n 15\n 16\n+seventeen\n\\ No newline at end of file\n"},
        /* close changes share a hunk */
        {"a\nb\nc\nd\ne\nf\ng\nh\n", "a\nB\nc\nd\ne\nf\ng\nH\n",
         "--- p.bkp\n+++ p.bkp\n@@ -1,8 +1,8 @@\n a\n-b\n+B\n c\n d\n e\n f\n g\n-h\n+H\n"},
        /* from nothing; to nothing; no change */
        {"", "x\n", "--- p.bkp\n+++ p.bkp\n@@ -0,0 +1 @@\n+x\n"},
        {"x\ny", "", "--- p.bkp\n+++ p.bkp\n@@ -1,2 +0,0 @@\n-x\n-y\n\\ No newline at end of file\n"},
        {"same\n", "same\n", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *d = udiff(cases[i].a, cases[i].b);
        assert_string_equal(d, cases[i].want);
        free(d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layouts),
        cmocka_unit_test(test_aligned_comments),
        cmocka_unit_test(test_tree),
        cmocka_unit_test(test_goldens_formatted),
        cmocka_unit_test(test_line_diff),
        cmocka_unit_test(test_line_diff_bounded),
        cmocka_unit_test(test_unified_diff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
