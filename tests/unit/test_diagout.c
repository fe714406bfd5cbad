/* The machine-readable renderers (diag_json.h, diag_sarif.h), colour in the
 * text renderer, and the rule reference (ruledoc.h). */
#define _GNU_SOURCE             /* open_memstream */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "bkpc/check.h"
#include "bkpc/diag_json.h"
#include "bkpc/diag_sarif.h"
#include "bkpc/diag_text.h"
#include "bkpc/ruledoc.h"
#include "diag_fixture.h"

/* A stream into memory: buf_open, write, then buf_text (to free). */
typedef struct Buf {
    char *text;
    size_t len;
    FILE *f;
} Buf;

static FILE *buf_open(Buf *b)
{
    b->text = NULL;
    b->len = 0;
    b->f = open_memstream(&b->text, &b->len);
    assert_non_null(b->f);
    return b->f;
}

static char *buf_text(Buf *b)
{
    fclose(b->f);
    return b->text;
}

/* The JSON values a renderer wrote, one per line. */
static json_t *json_lines(BkpDiags *d)
{
    Buf b;
    assert_int_equal(bkp_diags_json(d, buf_open(&b)), 0);
    char *buf = buf_text(&b);
    json_t *all = json_array();
    for (char *line = buf, *nl; line && *line; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        assert_non_null(nl);   /* every object ends its line */
        json_error_t err;
        json_t *v = json_loadb(line, (size_t)(nl - line), 0, &err);
        assert_non_null(v);
        json_array_append_new(all, v);
    }
    free(buf);
    return all;
}

static json_t *sarif_of(BkpDiags *d)
{
    BkpSarif *s = bkp_sarif_new();
    assert_non_null(s);
    assert_int_equal(bkp_sarif_add(s, d), 0);
    Buf b;
    assert_int_equal(bkp_sarif_write(s, buf_open(&b)), 0);
    char *buf = buf_text(&b);
    bkp_sarif_free(s);
    json_error_t err;
    json_t *v = json_loads(buf, 0, &err);
    assert_non_null(v);
    free(buf);
    return v;
}

static json_int_t geti(json_t *o, const char *path)
{
    /* "a.b.c": nested object keys */
    char key[64];
    for (const char *p = path;;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        snprintf(key, sizeof key, "%.*s", (int)n, p);
        o = json_object_get(o, key);
        assert_non_null(o);
        if (!dot)
            return json_integer_value(o);
        p = dot + 1;
    }
}

/* Positions in characters, UTF-16 units and bytes; a character outside the
 * BMP counts one character and two units. */
static void test_json_positions(void **state)
{
    Rec *r = rec_source(state, "u.bkp", "\"\xC3\xBC\xF0\x9F\x98\x80\" x\nyy\n");
    BkpDiag *g = bkp_error(&r->diags, r->src, "B3", bkp_span(9, 13), "m");   /* "x\nyy" */
    bkp_diag_secondary(&r->diags, g, bkp_span(0, 1), NULL);
    bkp_diag_fix(&r->diags, g, bkp_span(9, 10), "z");
    json_t *v = json_lines(&r->diags);
    assert_int_equal(json_array_size(v), 1);
    json_t *o = json_array_get(v, 0);
    assert_int_equal(geti(o, "range.start.line"), 1);
    assert_int_equal(geti(o, "range.start.column"), 6);
    assert_int_equal(geti(o, "range.start.column_utf16"), 7);
    assert_int_equal(geti(o, "range.start.offset"), 9);
    assert_int_equal(geti(o, "range.end.line"), 2);
    assert_int_equal(geti(o, "range.end.column"), 3);
    assert_int_equal(geti(o, "fix.range.end.offset"), 10);
    assert_string_equal(json_string_value(json_object_get(json_object_get(o, "fix"), "text")), "z");
    assert_true(json_is_null(json_object_get(json_array_get(json_object_get(o, "secondary"), 0), "label")));
    assert_true(json_is_null(json_object_get(o, "label")));
    char url[256];
    assert_string_equal(json_string_value(json_object_get(o, "help")), bkp_rule_doc_url("B3", url, sizeof url));
    json_decref(v);
}

static json_t *first_result(json_t *log) { return json_array_get(json_object_get(json_array_get(json_object_get(log, "runs"), 0), "results"), 0); }

/* A secondary span in another file names it ("file"), in JSON lines and as
 * the related location's artifact in SARIF; one in the same file does not. */
static void test_span_in_another_file(void **state)
{
    Rec *r = rec_source(state, "app.bkp", "policy a from gold {}\n");
    BkpSource *lib = bkp_source_from_string("lib/gold.bkp", "x\ny\n", 4);
    BkpDiag *g = bkp_error(&r->diags, r->src, "C1", bkp_span(9, 18), "m");
    bkp_diag_secondary_in(&r->diags, g, lib, bkp_span(2, 3), "inherited");
    bkp_diag_secondary(&r->diags, g, bkp_span(0, 6), NULL);
    json_t *v = json_lines(&r->diags);
    json_t *sec = json_object_get(json_array_get(v, 0), "secondary");
    assert_string_equal(json_string_value(json_object_get(json_array_get(sec, 0), "file")), "lib/gold.bkp");
    assert_int_equal(geti(json_array_get(sec, 0), "range.start.line"), 2);
    assert_null(json_object_get(json_array_get(sec, 1), "file"));
    json_decref(v);
    json_t *log = sarif_of(&r->diags);
    json_t *rel = json_object_get(first_result(log), "relatedLocations");
    json_t *art = json_object_get(json_object_get(json_array_get(rel, 0), "physicalLocation"), "artifactLocation");
    assert_string_equal(json_string_value(json_object_get(art, "uri")), "lib/gold.bkp");
    art = json_object_get(json_object_get(json_array_get(rel, 1), "physicalLocation"), "artifactLocation");
    assert_string_equal(json_string_value(json_object_get(art, "uri")), "app.bkp");
    json_decref(log);
    bkp_source_free(lib);
}

/* Bytes that are not UTF-8 in the file name and the message become U+FFFD:
 * the output is valid JSON in UTF-8. */
static void test_json_bad_utf8(void **state)
{
    Rec *r = rec_source(state, "a\xFF.bkp", "x\n");
    bkp_error(&r->diags, r->src, "nonesuch", bkp_span(0, 1), "bad \xC3 byte");
    json_t *v = json_lines(&r->diags);
    json_t *o = json_array_get(v, 0);
    assert_string_equal(json_string_value(json_object_get(o, "file")), "a\xEF\xBF\xBD.bkp");
    assert_string_equal(json_string_value(json_object_get(o, "message")), "bad \xEF\xBF\xBD byte");
    assert_true(json_is_null(json_object_get(o, "help")));    /* no page for that id */
    json_decref(v);
}


/* SARIF: UTF-16 columns, a relative path as a percent-encoded URI reference,
 * an absolute one as a file:// URI; an id without a page gets a descriptor
 * of its own, and ruleIndex points at it. */
static void test_sarif_locations(void **state)
{
    Rec *r = rec_source(state, "dir/a b%\xC3\xA9.bkp", "\xF0\x9F\x98\x80 x\n");
    BkpDiag *g = bkp_warning(&r->diags, r->src, "odd", bkp_span(5, 6), "m");
    bkp_diag_hint(&r->diags, g, "h1");
    bkp_diag_hint(&r->diags, g, "h2");
    json_t *log = sarif_of(&r->diags);
    json_t *res = first_result(log);
    assert_string_equal(json_string_value(json_object_get(res, "level")), "warning");
    assert_string_equal(json_string_value(json_object_get(json_object_get(res, "message"), "text")), "m\nhint: h1\nhint: h2");
    json_t *pl = json_object_get(json_array_get(json_object_get(res, "locations"), 0), "physicalLocation");
    assert_string_equal(json_string_value(json_object_get(json_object_get(pl, "artifactLocation"), "uri")),
                        "dir/a%20b%25%C3%A9.bkp");
    assert_int_equal(geti(pl, "region.startColumn"), 4);
    assert_int_equal(geti(pl, "region.endColumn"), 5);
    json_t *rules = json_object_get(json_object_get(json_object_get(json_array_get(json_object_get(log, "runs"), 0), "tool"), "driver"), "rules");
    json_t *rule = json_array_get(rules, (size_t)json_integer_value(json_object_get(res, "ruleIndex")));
    assert_string_equal(json_string_value(json_object_get(rule, "id")), "odd");
    assert_null(json_object_get(res, "fixes"));
    assert_null(json_object_get(res, "relatedLocations"));
    json_decref(log);
}

static void test_sarif_absolute_uri_and_fix(void **state)
{
    Rec *r = rec_source(state, "/tmp/x.bkp", "every 4h from 08:00 for 23h\n");
    BkpDiag *g = bkp_error(&r->diags, r->src, "B7", bkp_span(24, 27), "m");
    bkp_diag_fix(&r->diags, g, bkp_span(27, 27), "!");
    json_t *log = sarif_of(&r->diags);
    json_t *res = first_result(log);
    json_t *fix = json_array_get(json_object_get(res, "fixes"), 0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(fix, "description"), "text")), "insert `!`");
    json_t *ch = json_array_get(json_object_get(fix, "artifactChanges"), 0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(ch, "artifactLocation"), "uri")), "file:///tmp/x.bkp");
    json_t *rep = json_array_get(json_object_get(ch, "replacements"), 0);
    assert_int_equal(geti(rep, "deletedRegion.startColumn"), 28);
    assert_int_equal(geti(rep, "deletedRegion.endColumn"), 28);
    json_decref(log);
}

/* A run with an unreadable input: executionSuccessful false and a
 * notification; with none, no results and success. */
static void test_sarif_failure(void **state)
{
    (void)state;
    BkpSarif *s = bkp_sarif_new();
    assert_non_null(s);
    bkp_sarif_fail(s, "cannot read x.bkp: No such file or directory");
    Buf b;
    assert_int_equal(bkp_sarif_write(s, buf_open(&b)), 0);
    char *buf = buf_text(&b);
    bkp_sarif_free(s);
    json_t *log = json_loads(buf, 0, NULL);
    free(buf);
    json_t *run = json_array_get(json_object_get(log, "runs"), 0);
    json_t *inv = json_array_get(json_object_get(run, "invocations"), 0);
    assert_true(json_is_false(json_object_get(inv, "executionSuccessful")));
    assert_int_equal(json_array_size(json_object_get(inv, "toolExecutionNotifications")), 1);
    assert_int_equal(json_array_size(json_object_get(run, "results")), 0);
    assert_string_equal(json_string_value(json_object_get(run, "columnKind")), "utf16CodeUnits");
    json_decref(log);
}

/* Colour adds SGR sequences and nothing else. */
static void test_text_color(void **state)
{
    Rec *r = rec_source(state, "c.bkp", "daily at 02:15\n");
    BkpDiag *g = bkp_error(&r->diags, r->src, "B3", bkp_span(9, 14), "m");
    bkp_diag_label(&r->diags, g, "here");
    bkp_diag_secondary(&r->diags, g, bkp_span(0, 5), "there");
    bkp_diag_hint(&r->diags, g, "h");
    Buf b;
    bkp_diags_print_color(&r->diags, buf_open(&b), false);
    char *plain = buf_text(&b);
    bkp_diags_print_color(&r->diags, buf_open(&b), true);
    char *color = buf_text(&b);
    assert_null(strchr(plain, '\x1b'));
    assert_non_null(strstr(color, "\x1b[1;31merror[B3]\x1b[0m"));
    assert_non_null(strstr(color, "\x1b[1;34m~~~~~"));
    assert_non_null(strstr(color, "\x1b[1;31m^^^^^ here\x1b[0m"));
    assert_non_null(strstr(color, "\x1b[1;36mhint:\x1b[0m h"));
    /* without the sequences, the plain text */
    char *s = color, *d = color;
    while (*s) {
        if (*s == '\x1b') {
            while (*s && *s != 'm')
                s++;
            if (*s)
                s++;
        } else {
            *d++ = *s++;
        }
    }
    *d = '\0';
    assert_string_equal(color, plain);
    free(plain);
    free(color);
}

/* Every rule of the rule table has a page that says it is reported, as a
 * warning exactly for the documented-only limits. */
static void test_rule_table_has_pages(void **state)
{
    (void)state;
    int n;
    const BkpRule *rules = bkp_rules(&n);
    for (int i = 0; i < n; i++) {
        const BkpRuleDoc *doc = bkp_rule_doc(rules[i].id);
        assert_non_null(doc);
        bool warning = strcmp(rules[i].id, "B10") == 0 || strcmp(rules[i].id, "C5") == 0;
        assert_int_equal(doc->kind, warning ? BKP_RULE_WARNING : BKP_RULE_ERROR);
    }
}

static void test_rule_docs(void **state)
{
    (void)state;
    size_t n;
    const BkpRuleDoc *docs = bkp_rule_docs(&n);
    assert_true(n > 0);
    assert_ptr_equal(bkp_rule_doc("b7"), bkp_rule_doc("B7"));
    assert_ptr_equal(bkp_rule_doc("SYNTAX"), bkp_rule_doc("syntax"));
    assert_null(bkp_rule_doc("Z9"));
    assert_null(bkp_rule_doc(""));
    /* order: A1 < A2 < A10 < B1, then the language's ids */
    int a2 = -1, a10 = -1, b1 = -1, syntax = -1;
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(docs[i].id, "A2")) a2 = (int)i;
        if (!strcmp(docs[i].id, "A10")) a10 = (int)i;
        if (!strcmp(docs[i].id, "B1")) b1 = (int)i;
        if (!strcmp(docs[i].id, "syntax")) syntax = (int)i;
        assert_non_null(strstr(docs[i].text, docs[i].title));
        assert_non_null(strstr(docs[i].text, docs[i].summary));
        assert_null(strchr(docs[i].title, '\n'));
    }
    assert_true(a2 >= 0 && a2 < a10 && a10 < b1 && b1 < syntax);
    char url[64];
    assert_string_equal(bkp_rule_doc_url("B7", url, sizeof url),
                        "https://github.com/bkpc/bkpc/blob/main/docs/rules/B7.md");
    char tiny[8];
    assert_string_equal(bkp_rule_doc_url("B7", tiny, sizeof tiny), "");
    assert_string_equal(bkp_rule_kind_name(BKP_RULE_CONSTRUCTION), "by construction");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        WITH_REC(test_json_positions),
        WITH_REC(test_json_bad_utf8), WITH_REC(test_span_in_another_file),
        WITH_REC(test_sarif_locations),
        WITH_REC(test_sarif_absolute_uri_and_fix),
        cmocka_unit_test(test_sarif_failure),
        WITH_REC(test_text_color),
        cmocka_unit_test(test_rule_table_has_pages),
        cmocka_unit_test(test_rule_docs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
