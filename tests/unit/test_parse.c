/* Unit tests of syntax errors: the machine-applicable fixes that go with a
 * hint naming one replacement, and none where a hint names several. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "bkpc/compile.h"

typedef struct Parsed {
    BkpCtx ctx;
    BkpSource *src;
} Parsed;

static void parse(Parsed *p, const char *text)
{
    bkp_ctx_init(&p->ctx);
    p->src = bkp_source_from_string("t.bkp", text, strlen(text));
    bkp_parse(&p->ctx, p->src);
}

static void done(Parsed *p)
{
    bkp_ctx_free(&p->ctx);
    bkp_source_free(p->src);
}

/* The one diagnostic with message `msg`. */
static const BkpDiag *diag(const Parsed *p, const char *msg)
{
    const BkpDiag *found = NULL;
    for (const BkpDiag *g = p->ctx.diags.head; g; g = g->next)
        if (strcmp(g->msg, msg) == 0) {
            assert_null(found);
            found = g;
        }
    if (!found)
        fail_msg("no diagnostic \"%s\"", msg);
    return found;
}

/* g's fix replaces `old` (the first occurrence in the text) with `text`. */
static void expect_fix(const Parsed *p, const BkpDiag *g, const char *old, const char *text)
{
    const char *at = strstr(p->src->text, old);
    assert_non_null(at);
    assert_non_null(g->fix.text);
    assert_string_equal(g->fix.text, text);
    assert_int_equal(g->fix.span.off, (uint32_t)(at - p->src->text));
    assert_int_equal(g->fix.span.end, (uint32_t)(at - p->src->text + strlen(old)));
}

/* Parsing `text` reports `msg` with `hint`, and a fix of `old` into `fixed`
 * (NULL: no fix). */
static void expect(const char *text, const char *msg, const char *hint, const char *old,
                   const char *fixed)
{
    Parsed p;
    parse(&p, text);
    const BkpDiag *g = diag(&p, msg);
    if (hint)
        assert_string_equal(g->hints[0], hint);
    if (fixed)
        expect_fix(&p, g, old, fixed);
    else
        assert_null(g->fix.text);
    done(&p);
}

static void test_did_you_mean_fixes(void **state)
{
    (void)state;
    expect("policy p {\n  daily at 01:00\n  kep daily 7d\n}\n",
           "unexpected word `kep`; expected a clause or `}`", "did you mean `keep`?", "kep", "keep");
    expect("policy p { daily at 01:00 keep dayly 7d }\n",
           "unexpected word `dayly`; expected `daily`, `monthly`, `snapshots`, `weekly` or `yearly`",
           "did you mean `daily`?", "dayly", "daily");
}

static void test_quote_it_fixes(void **state)
{
    (void)state;
    expect("timezone UTC\n", "unexpected word `UTC`; expected a quoted string",
           "quote it: `\"UTC\"`", "UTC", "\"UTC\"");
    /* at the end of the file there is nothing to quote */
    expect("timezone", "unexpected end of file; expected a quoted string", NULL, NULL, NULL);
}

static void test_lexical_fixes(void **state)
{
    (void)state;
    const char *text = "daily at 01:00; keep daily 7d\nprotect vm web.01 resource-group g with t\n";
    expect(text, "unexpected `;`", NULL, ";", "");
    expect(text, "a name with `.` must be quoted", "write it as a string: \"web.01\"", "web.01",
           "\"web.01\"");
}

/* A hint that offers several ways out carries no fix. */
static void test_no_fix_without_one_replacement(void **state)
{
    (void)state;
    expect("daily at 01:00 keep daily 180 weekly\n",
           "unexpected `weekly`; expected a unit (`h`, `d`, `w`, `m`, `y`, or `hours`, `days`, ...)",
           "write the unit after the number: `180d` or `180 days`", NULL, NULL);
    expect("keep daily 1.5d\n", "durations and numbers are whole numbers", NULL, NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_did_you_mean_fixes),
        cmocka_unit_test(test_quote_it_fixes),
        cmocka_unit_test(test_lexical_fixes),
        cmocka_unit_test(test_no_fix_without_one_replacement),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
