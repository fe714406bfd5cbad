/* UTF-8 decoding (utf8.h) and source positions (source.h): lines, columns
 * in characters and in UTF-16 units, bytes within the line, and back. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bkpc/source.h"
#include "bkpc/utf8.h"

#define S(lit) (lit), sizeof(lit) - 1

static void test_utf8_len(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(bkp_utf8_decode(S("a"), &cp), 1);
    assert_int_equal(cp, 'a');
    assert_int_equal(bkp_utf8_decode(S("\xC3\xA9"), &cp), 2);          /* é */
    assert_int_equal(cp, 0xE9);
    assert_int_equal(bkp_utf8_decode(S("\xE2\x82\xAC"), &cp), 3);      /* € */
    assert_int_equal(cp, 0x20AC);
    assert_int_equal(bkp_utf8_decode(S("\xF0\x9F\x98\x80"), &cp), 4);  /* 😀 */
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(bkp_utf8_decode(S("\xF4\x8F\xBF\xBF"), &cp), 4);  /* U+10FFFF */
    assert_int_equal(cp, 0x10FFFF);
    assert_int_equal(bkp_utf8_decode(S("\xC2\x9B"), &cp), 2);          /* C1 CSI */
    assert_int_equal(cp, 0x9B);

    /* not UTF-8: 0, and U+FFFD */
    assert_int_equal(bkp_utf8_decode("", 0, &cp), 0);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(bkp_utf8_len(S("\x80")), 0);                      /* stray continuation */
    assert_int_equal(bkp_utf8_len(S("\xC0\xAF")), 0);                  /* overlong '/' */
    assert_int_equal(bkp_utf8_len(S("\xC1\xBF")), 0);
    assert_int_equal(bkp_utf8_len(S("\xE0\x9F\xBF")), 0);              /* overlong, 3 bytes */
    assert_int_equal(bkp_utf8_len(S("\xF0\x8F\xBF\xBF")), 0);          /* overlong, 4 bytes */
    assert_int_equal(bkp_utf8_len(S("\xED\xA0\x80")), 0);              /* surrogate U+D800 */
    assert_int_equal(bkp_utf8_len(S("\xED\x9F\xBF")), 3);              /* U+D7FF is fine */
    assert_int_equal(bkp_utf8_len(S("\xF4\x90\x80\x80")), 0);          /* past U+10FFFF */
    assert_int_equal(bkp_utf8_len(S("\xF5\x80\x80\x80")), 0);
    assert_int_equal(bkp_utf8_len(S("\xFF")), 0);
    assert_int_equal(bkp_utf8_len("\xE2\x82\xAC", 2), 0);              /* truncated */
    assert_int_equal(bkp_utf8_len(S("\xE2\x28\xAC")), 0);              /* bad continuation */
}

static void test_utf8_valid(void **state)
{
    (void)state;
    assert_true(bkp_utf8_valid(S("")));
    assert_true(bkp_utf8_valid(S("plain ascii")));
    assert_true(bkp_utf8_valid(S("caf\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x82\xAC")));
    assert_false(bkp_utf8_valid(S("caf\xC3")));                         /* truncated at the end */
    assert_false(bkp_utf8_valid(S("a\xFF" "b")));
    assert_false(bkp_utf8_valid(S("\xED\xB0\x80")));                    /* lone low surrogate */
    assert_true(bkp_utf8_valid("a\0b", 3));                              /* NUL is a character */
}

static void test_units16(void **state)
{
    (void)state;
    assert_int_equal(bkp_utf8_units16(S("a")), 1);
    assert_int_equal(bkp_utf8_units16(S("\xC3\xA9")), 1);
    assert_int_equal(bkp_utf8_units16(S("\xF0\x9F\x98\x80")), 2);
    assert_int_equal(bkp_utf8_units16(S("\x9F")), 0);                   /* continuation */
    assert_int_equal(bkp_utf8_units16(S("\xF0\x9F")), 1);               /* truncated: one */
    assert_int_equal(bkp_utf8_units16(S("\xFF")), 1);
}

static void assert_pos(BkpSource *src, uint32_t off, uint32_t line, uint32_t col, uint32_t col16,
                       uint32_t byte)
{
    BkpPos p = bkp_source_pos(src, off);
    assert_int_equal(p.line, line);
    assert_int_equal(p.col, col);
    assert_int_equal(p.col16, col16);
    assert_int_equal(p.byte, byte);
    uint32_t l, c;
    bkp_source_linecol(src, off, &l, &c);
    assert_int_equal(l, line);
    assert_int_equal(c, col);
}

static void test_positions(void **state)
{
    (void)state;
    /* line 1: "ab"; line 2: "é😀x" (2 + 4 + 1 bytes); line 3: "\tz" after
     * CRLF; line 4 empty at the end. */
    static const char text[] = "ab\n\xC3\xA9\xF0\x9F\x98\x80x\r\n\tz\n";
    BkpSource *src = bkp_source_from_string("t.bkp", text, sizeof text - 1);
    assert_pos(src, 0, 1, 1, 1, 0);
    assert_pos(src, 1, 1, 2, 2, 1);
    assert_pos(src, 2, 1, 3, 3, 2);          /* the newline */
    assert_pos(src, 3, 2, 1, 1, 0);          /* é */
    assert_pos(src, 5, 2, 2, 2, 2);          /* 😀 */
    assert_pos(src, 9, 2, 3, 4, 6);          /* x: 😀 is two UTF-16 units */
    assert_pos(src, 10, 2, 4, 5, 7);         /* \r */
    assert_pos(src, 12, 3, 1, 1, 0);         /* a tab is one character */
    assert_pos(src, 13, 3, 2, 2, 1);
    assert_pos(src, 15, 4, 1, 1, 0);         /* the end */
    assert_pos(src, 999, 4, 1, 1, 0);        /* past the end: the end */
    /* inside a character: counted as the character after it */
    assert_pos(src, 4, 2, 2, 2, 1);
    assert_pos(src, 7, 2, 3, 4, 4);
    bkp_source_free(src);
}

/* Bytes that are not UTF-8 count as the column always counted them: a
 * continuation byte is no character, any other byte is one. */
static void test_positions_not_utf8(void **state)
{
    (void)state;
    static const char text[] = "a\x80\xFF\xF0\x9F" "b";
    BkpSource *src = bkp_source_from_string("t.bkp", text, sizeof text - 1);
    assert_pos(src, 1, 1, 2, 2, 1);
    assert_pos(src, 2, 1, 2, 2, 2);          /* after the stray \x80: still 2 */
    assert_pos(src, 3, 1, 3, 3, 3);          /* \xFF counts one */
    assert_pos(src, 5, 1, 4, 4, 5);          /* truncated F0 9F: one, in UTF-16 too */
    bkp_source_free(src);
}

/* A long line of mixed widths: every position agrees with a count from the
 * line's start, across the checkpoints (including characters cut by them). */
static void test_positions_long_line(void **state)
{
    (void)state;
    static const char unit[] = "x\xC3\xA9\xF0\x9F\x98\x80, ";      /* 1 + 2 + 4 + 2 bytes */
    size_t n = 5000, ul = sizeof unit - 1;
    char *text = malloc(n * ul + 3);
    assert_non_null(text);
    memcpy(text, "#\n", 2);
    for (size_t i = 0; i < n; i++)
        memcpy(text + 2 + i * ul, unit, ul);
    text[2 + n * ul] = '\n';
    BkpSource *src = bkp_source_from_string("long.bkp", text, n * ul + 3);
    uint32_t col = 1, col16 = 1;
    for (uint32_t b = 0; b <= n * ul; b++) {
        uint32_t off = 2 + b;
        BkpPos p = bkp_source_pos(src, off);
        if (p.line != 2 || p.col != col || p.col16 != col16 || p.byte != b)
            fail_msg("offset %u: %u:%u/%u byte %u, want 2:%u/%u byte %u", off, p.line, p.col,
                     p.col16, p.byte, col, col16, b);
        unsigned char c = (unsigned char)text[off];
        if ((c & 0xC0) != 0x80) {
            col++;
            col16 += c >= 0xF0 ? 2 : 1;
        }
    }
    bkp_source_free(src);
    free(text);
}

static void test_offset16(void **state)
{
    (void)state;
    static const char text[] = "ab\n\xC3\xA9\xF0\x9F\x98\x80x\r\nlast";
    BkpSource *src = bkp_source_from_string("t.bkp", text, sizeof text - 1);
    assert_int_equal(bkp_source_offset16(src, 1, 1), 0);
    assert_int_equal(bkp_source_offset16(src, 1, 3), 2);     /* the line's end */
    assert_int_equal(bkp_source_offset16(src, 1, 99), 2);    /* past it: the end */
    assert_int_equal(bkp_source_offset16(src, 2, 1), 3);
    assert_int_equal(bkp_source_offset16(src, 2, 2), 5);     /* 😀 */
    assert_int_equal(bkp_source_offset16(src, 2, 3), 5);     /* inside 😀: its start */
    assert_int_equal(bkp_source_offset16(src, 2, 4), 9);     /* x */
    assert_int_equal(bkp_source_offset16(src, 2, 5), 10);    /* before \r\n */
    assert_int_equal(bkp_source_offset16(src, 2, 9), 10);
    assert_int_equal(bkp_source_offset16(src, 3, 5), 16);
    assert_int_equal(bkp_source_offset16(src, 4, 1), 16);    /* no such line: the end */
    /* and back: every character's position maps to its offset */
    for (uint32_t off = 0; off < sizeof text - 1; off++) {
        if (((unsigned char)text[off] & 0xC0) == 0x80)
            continue;
        BkpPos p = bkp_source_pos(src, off);
        if (text[off] == '\n')
            continue;
        assert_int_equal(bkp_source_offset16(src, p.line, p.col16), off);
    }
    bkp_source_free(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_len),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_units16),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_positions_not_utf8),
        cmocka_unit_test(test_positions_long_line),
        cmocka_unit_test(test_offset16),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
