/* Unit tests of the AST walk: that the tree keeps every token as written
 * (the walk's leaves cover every byte of a file but blanks and commas, once
 * and in order), and that a visitor can skip a subtree. */
#include <glob.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "bkpc/compile.h"

typedef struct Cover {
    const AstFile *f;
    uint32_t at;               /* every byte before it is accounted for */
    int leaves, containers, comments;
} Cover;

static bool is_leaf(AstNodeKind k)
{
    return k == AST_NODE_KEYWORD || k == AST_NODE_PUNCT || k == AST_NODE_NAME ||
           k == AST_NODE_DURATION || k == AST_NODE_TIME || k == AST_NODE_ITEM ||
           k == AST_NODE_COMMENT;
}

/* Only blanks and commas may lie between two leaves. */
static void skip_to(Cover *c, uint32_t off)
{
    assert_true(off >= c->at);
    for (; c->at < off; c->at++) {
        char ch = c->f->src->text[c->at];
        if (!strchr(" \t\r\n\f\v,", ch))
            fail_msg("%s: byte %u (`%c`) is in no node", c->f->src->name, c->at, ch);
    }
}

static bool cover_enter(void *user, const AstNode *n, int depth)
{
    Cover *c = user;
    assert_true(depth >= 0);
    assert_true(n->span.off <= n->span.end);
    if (!is_leaf(n->kind)) {
        c->containers++;
        return true;
    }
    skip_to(c, n->span.off);
    assert_true(n->span.end > n->span.off);
    c->at = n->span.end;
    c->leaves++;
    c->comments += n->kind == AST_NODE_COMMENT;
    return true;
}

/* Parses `text` (no syntax errors allowed) and walks it. */
static Cover cover_text(const char *name, const char *text, size_t len)
{
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    BkpSource *src = bkp_source_from_string(name, text, len);
    AstFile *f = bkp_parse(&ctx, src);
    if (f->syntax_errors)
        fail_msg("%s: %u syntax errors", name, f->syntax_errors);
    Cover c = {f, 0, 0, 0, 0};
    AstVisitor v = {cover_enter, NULL, &c};
    bkp_ast_walk(f, &v);
    skip_to(&c, (uint32_t)src->len);
    assert_int_equal(c.comments, f->ncomments);
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
    return c;
}

static void test_leaves_cover_the_text(void **state)
{
    (void)state;
    const char *text =
        "# head\n"
        "vault v resource-group \"g\" subscription s # tail\n"
        "policy \"p 1\" { # brace\n"
        "  enhanced timezone \"UTC\"\n"
        "  every 4h from 8:00 for 24 hours\n"
        "  keep snapshots 5d keep daily 30d keep weekly 12w on sun, # in a list\n"
        "    wed\n"
        "  keep monthly 6m on day 1, last keep yearly 2y in jan, jul on first sun\n"
        "  archive after 3m snapshot resource-group \"a\" suffix \"b\" consistency crash\n"
        "}\n"
        "policy crash { weekly on sat at 01:00 archive never consistency application }\n"
        "protect vm a resource-group b with crash exclude disks 1, 2";
    Cover c = cover_text("inline.bkp", text, strlen(text));
    assert_int_equal(c.comments, 4);
    assert_true(c.leaves > 60);
}

static void test_leaves_cover_the_examples(void **state)
{
    (void)state;
    glob_t g;
    assert_int_equal(glob("examples/*.bkp", 0, NULL, &g), 0);
    assert_true(g.gl_pathc >= 5);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        BkpSource *src = bkp_source_read(g.gl_pathv[i]);
        assert_non_null(src);
        Cover c = cover_text(g.gl_pathv[i], src->text, src->len);
        assert_true(c.leaves > 10);
        bkp_source_free(src);
    }
    globfree(&g);
}

/* A visitor that skips every clause. */
typedef struct Skip {
    int clauses, leaves, comments, left;
} Skip;

static bool skip_enter(void *user, const AstNode *n, int depth)
{
    Skip *s = user;
    (void)depth;
    s->clauses += n->kind == AST_NODE_CLAUSE;
    s->leaves += is_leaf(n->kind);
    s->comments += n->kind == AST_NODE_COMMENT;
    return n->kind != AST_NODE_CLAUSE;
}

static void skip_leave(void *user, const AstNode *n, int depth)
{
    Skip *s = user;
    (void)depth;
    s->left += n->kind == AST_NODE_CLAUSE;
}

static void test_skip_a_subtree(void **state)
{
    (void)state;
    const char *text = "policy p {\n  every 4h # inside\n  from 08:00 for 24h\n  # between\n"
                       "  keep daily 30d\n}\n";
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    BkpSource *src = bkp_source_from_string("s.bkp", text, strlen(text));
    AstFile *f = bkp_parse(&ctx, src);
    Skip s = {0, 0, 0, 0};
    AstVisitor v = {skip_enter, skip_leave, &s};
    bkp_ast_walk(f, &v);
    assert_int_equal(s.clauses, 2);
    assert_int_equal(s.left, 2);           /* leave is called for a skipped node */
    assert_int_equal(s.comments, 1);       /* `# inside` went with its clause */
    assert_int_equal(s.leaves, 5);         /* policy, p, {, # between, } */
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_leaves_cover_the_text),
        cmocka_unit_test(test_leaves_cover_the_examples),
        cmocka_unit_test(test_skip_a_subtree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
