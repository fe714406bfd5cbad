/* The text renderer of diagnostic records (diag_text.h): what reaches the
 * terminal, and how it is written. */
#define _GNU_SOURCE             /* fopencookie: a stream that counts its writes */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bkpc/diag_text.h"
#include "diag_fixture.h"

/* What bkp_diags_print writes, as a string (to free). */
static char *rendered(BkpDiags *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    bkp_diags_print(d, f);
    fclose(f);
    return buf;
}

/* Control characters from the user never reach the terminal raw: escaped
 * in the file name, the message, labels and hints; `?` in the source line
 * (one column each, so the marks still line up). */
static void test_control_characters_escaped(void **state)
{
    Rec *r = rec_source(state, "a\x1b[2J.bkp", "x \"\x1b]0;t\x07\" \"\xC2\x9B" "1m\" y\n");
    BkpDiag *g = bkp_error(&r->diags, r->src, "value", bkp_span(2, 9), "bad `%s`", "\x1b]0;t\x07");
    bkp_diag_label(&r->diags, g, "here\r");
    bkp_diag_secondary(&r->diags, g, bkp_span(0, 1), "and\x7f there");
    bkp_diag_hint(&r->diags, g, "no \x9b or \xC2\x9B, no\ttab");
    char *out = rendered(&r->diags);
    assert_string_equal(out,
        "a\\x1b[2J.bkp:1:3: error[value]: bad `\\x1b]0;t\\x07`\n"
        " 1 | x \"?]0;t?\" \"?1m\" y\n"
        "   | ~ ^^^^^^^ here\\x0d\n"
        "   | and\\x7f there\n"
        "hint: no \\x9b or \\u009b, no\\x09tab\n");
    free(out);
}

/* The marks after a C1 character (two bytes, shown as one `?`) line up. */
static void test_c1_in_source_line(void **state)
{
    Rec *r = rec_source(state, "c1.bkp", "\xC2\x9B\xC2\x9B sun\n");
    bkp_error(&r->diags, r->src, "value", bkp_span(5, 8), "m");
    char *out = rendered(&r->diags);
    assert_string_equal(out,
        "c1.bkp:1:4: error[value]: m\n"
        " 1 | ?? sun\n"
        "   |    ^^^\n");
    free(out);
}

static ssize_t count_write(void *cookie, const char *buf, size_t n)
{
    (void)buf;
    ++*(int *)cookie;
    return (ssize_t)n;
}

/* Output goes through a buffer: on an unbuffered stream (stderr), fifty
 * diagnostics are one write, not one per character. */
static void test_output_is_buffered(void **state)
{
    Rec *r = rec_source(state, "many.bkp", "weekly on xx, xx, xx at 02:00\n");
    for (int i = 0; i < 50; i++) {
        BkpDiag *g = bkp_error(&r->diags, r->src, "value", bkp_span(10, 12), "`xx` is not a weekday");
        bkp_diag_hint(&r->diags, g, "weekdays are mon to sun");
    }
    int writes = 0;
    cookie_io_functions_t io = {NULL, count_write, NULL, NULL};
    FILE *f = fopencookie(&writes, "w", io);
    assert_non_null(f);
    setvbuf(f, NULL, _IONBF, 0);
    bkp_diags_print(&r->diags, f);
    assert_int_equal(writes, 1);
    bkp_diag_print(r->diags.head, f);
    assert_int_equal(writes, 2);
    fclose(f);
}

/* Many diagnostics on one long line: each shows the part of the line
 * around it, with the header's column counted in characters. */
static void test_long_line_columns(void **state)
{
    size_t n = 2000;
    char *text = malloc(n * 4 + 2);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        memcpy(text + 4 * i, "\xC3\xA9, ", 4);       /* é, : four bytes, three characters */
    strcpy(text + 4 * n, "\n");
    Rec *r = rec_source(state, "long.bkp", text);
    for (size_t i = n; i-- > 0;)
        bkp_error(&r->diags, r->src, "value", bkp_span((uint32_t)(4 * i), (uint32_t)(4 * i + 2)), "e%zu", i);
    char *out = rendered(&r->diags);
    char *p = out;
    for (size_t i = 0; i < n; i++) {
        char want[64];
        snprintf(want, sizeof want, "long.bkp:1:%zu: error[value]: e%zu\n", 3 * i + 1, i);
        p = strstr(p, want);
        if (!p)
            fail_msg("missing or out of order: %s", want);
        p += strlen(want);
    }
    free(out);
    free(text);
}

/* The order every renderer shows: sources in the order of their first
 * diagnostic, then position, then the order queued. */
static void test_sorted(void **state)
{
    Rec *r = rec_source(state, "a.bkp", "0123456789abcdef\n");
    BkpSource *b = bkp_source_from_string("b.bkp", "0123456789\n", 11);
    BkpDiag *a10 = bkp_error(&r->diags, r->src, "x", bkp_span(10, 11), "a10");
    BkpDiag *b5 = bkp_error(&r->diags, b, "x", bkp_span(5, 6), "b5");
    BkpDiag *a2 = bkp_error(&r->diags, r->src, "x", bkp_span(2, 3), "a2");
    BkpDiag *b1 = bkp_error(&r->diags, b, "x", bkp_span(1, 2), "b1");
    BkpDiag *a2bis = bkp_warning(&r->diags, r->src, "x", bkp_span(2, 4), "a2 again");
    BkpDiag **v = bkp_diags_sorted(&r->diags);
    assert_non_null(v);
    const BkpDiag *want[] = {a2, a2bis, a10, b1, b5};
    for (int i = 0; i < 5; i++)
        assert_ptr_equal(v[i], want[i]);
    free(v);
    bkp_source_free(b);
}

/* A secondary span in another file (a template a `use` brings) is shown
 * under a `::: FILE:LINE:COL` line, after the diagnostic's own file, with
 * margins of one width. */
static void test_span_in_another_file(void **state)
{
    Rec *r = rec_source(state, "app.bkp", "policy billing from gold {\n    standard\n}\n");
    BkpSource *lib = bkp_source_from_string("lib/gold.bkp", "\n\n\n\n\n\n\n\n\n\n    keep snapshots 10d\n", 33);
    BkpDiag *g = bkp_error(&r->diags, r->src, "C1", bkp_span(15, 24), "snapshots 1 to 5 days, not 10");
    bkp_diag_secondary(&r->diags, g, bkp_span(31, 39), "this policy is standard");
    bkp_diag_secondary_in(&r->diags, g, lib, bkp_span(14, 32), "inherited from template `gold`");
    bkp_diag_secondary_in(&r->diags, g, r->src, bkp_span(0, 6), NULL);   /* the own file: no src */
    assert_null(g->secondary[2].src);
    assert_ptr_equal(bkp_label_src(g, &g->secondary[1]), lib);
    char *out = rendered(&r->diags);
    assert_string_equal(out,
        "app.bkp:1:16: error[C1]: snapshots 1 to 5 days, not 10\n"
        "  1 | policy billing from gold {\n"
        "    | ~~~~~~         ^^^^^^^^^\n"
        "  2 |     standard\n"
        "    |     ~~~~~~~~ this policy is standard\n"
        "   ::: lib/gold.bkp:11:5\n"
        " 11 |     keep snapshots 10d\n"
        "    |     ~~~~~~~~~~~~~~~~~~ inherited from template `gold`\n");
    free(out);
    bkp_source_free(lib);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        WITH_REC(test_control_characters_escaped), WITH_REC(test_c1_in_source_line),
        WITH_REC(test_output_is_buffered), WITH_REC(test_long_line_columns), WITH_REC(test_sorted),
        WITH_REC(test_span_in_another_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
