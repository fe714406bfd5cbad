/* Unit tests of the scanner and the token stream: tokens, values, spans,
 * comments, lexical errors. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <stdio.h>

#include "bkpc/compile.h"
#include "bkpc/unichar.h"
#include "bkpc/utf8.h"
#include "front/tokens.h"

/* A token stream over a string. */
typedef struct Lexed {
    BkpCtx ctx;
    BkpSource *src;
    BkpSyntaxCount errors;
    BkpTokens T;
} Lexed;

static void lex_open_n(Lexed *L, const char *text, size_t len)
{
    bkp_ctx_init(&L->ctx);
    L->src = bkp_source_from_string("t.bkp", text, len);
    L->errors.n = 0;
    L->errors.max = BKP_MAX_SYNTAX_ERRORS;
    assert_int_equal(bkp_tokens_init(&L->T, &L->ctx, L->src, &L->errors), 0);
}

static void lex_open(Lexed *L, const char *text)
{
    lex_open_n(L, text, strlen(text));
}

static int next(Lexed *L, BKP_YYSTYPE *v, BkpSpan *at)
{
    return bkp_tokens_next(&L->T, v, at);
}

static void lex_close(Lexed *L)
{
    bkp_tokens_destroy(&L->T);
    bkp_ctx_free(&L->ctx);
    bkp_source_free(L->src);
}

/* The kinds of every token of `text`, ending with 0 (end of file). */
static void expect_kinds(const char *text, const int *kinds)
{
    Lexed L;
    lex_open(&L, text);
    BKP_YYSTYPE v;
    BkpSpan at;
    for (int i = 0;; i++) {
        int k = next(&L, &v, &at);
        assert_int_equal(k, kinds[i]);
        if (k == 0)
            break;
    }
    lex_close(&L);
}

static void test_keywords_and_names(void **state)
{
    (void)state;
    const int k1[] = {POLICY, WORD, '{', ENHANCED, '}', 0};
    expect_kinds("policy prod-vms { enhanced }", k1);
    const int k2[] = {SNAPSHOT, RESOURCE_GROUP, STRING, SUFFIX, STRING, 0};
    expect_kinds("snapshot resource-group \"rg-\" suffix \"-s\"", k2);
    /* keywords are case-sensitive: `Keep` is a word, for the checker or a hint */
    const int k3[] = {WORD, WORD, 0};
    expect_kinds("Keep daily_", k3);
    const int k4[] = {WORD, ',', WORD, ',', NUMBER, 0};
    expect_kinds("first,sun , 15", k4);
}

static void test_schedule_tokens(void **state)
{
    (void)state;
    Lexed L;
    lex_open(&L, "every 4h from 08:30 for 24h");
    BKP_YYSTYPE v;
    BkpSpan at;
    assert_int_equal(next(&L, &v, &at), EVERY);
    assert_int_equal(at.off, 0);
    assert_int_equal(at.end, 5);
    assert_int_equal(next(&L, &v, &at), NUMUNIT);
    assert_int_equal(v.numunit.num, 4);
    assert_string_equal(v.numunit.unit, "h");
    assert_int_equal(v.numunit.split, 7);
    assert_int_equal(next(&L, &v, &at), FROM);
    assert_int_equal(next(&L, &v, &at), TIME);
    assert_int_equal(v.time.hh, 8);
    assert_int_equal(v.time.mm, 30);
    assert_int_equal(at.off, 14);
    assert_int_equal(at.end, 19);
    assert_int_equal(next(&L, &v, &at), FOR);
    assert_int_equal(next(&L, &v, &at), NUMUNIT);
    assert_int_equal(v.numunit.num, 24);
    assert_int_equal(next(&L, &v, &at), 0);
    lex_close(&L);
}

static void test_numbers(void **state)
{
    (void)state;
    Lexed L;
    lex_open(&L, "180 days 99999999999999999999999d 8:0");
    BKP_YYSTYPE v;
    BkpSpan at;
    assert_int_equal(next(&L, &v, &at), NUMBER);
    assert_int_equal(v.num, 180);
    assert_int_equal(next(&L, &v, &at), WORD);
    assert_string_equal(v.str, "days");
    assert_int_equal(next(&L, &v, &at), NUMUNIT);
    assert_true(v.numunit.num == INT64_MAX);       /* saturated, not wrapped */
    assert_int_equal(next(&L, &v, &at), TIME);
    assert_int_equal(v.time.hh, 8);
    assert_int_equal(v.time.mm, -1);                /* malformed: the checker says so */
    lex_close(&L);
}

static void test_strings(void **state)
{
    (void)state;
    Lexed L;
    lex_open(&L, "\"o\\\"brien \\\\ $(x)\" \"open");
    BKP_YYSTYPE v;
    BkpSpan at;
    assert_int_equal(next(&L, &v, &at), STRING);
    assert_string_equal(v.str, "o\"brien \\ $(x)");
    assert_int_equal(L.ctx.diags.errors, 0);
    assert_int_equal(next(&L, &v, &at), STRING);   /* unterminated: reported, kept */
    assert_string_equal(v.str, "open");
    assert_int_equal(L.ctx.diags.errors, 1);
    assert_string_equal(L.ctx.diags.head->msg, "unterminated string");
    lex_close(&L);
}

/* Bytes that are not UTF-8 make one error for the file, whatever holds
 * them (strings, words, comments), and none per byte; then there are no
 * tokens: read as UTF-8, the file would only give errors of its reading. */
static void test_invalid_utf8_string(void **state)
{
    (void)state;
    Lexed L;
    lex_open(&L, "\"a\xff\" caf\xe9 # \xe9\xe9\n\"\xe9\"");
    BKP_YYSTYPE v;
    BkpSpan at;
    assert_int_equal(next(&L, &v, &at), 0);
    assert_int_equal(L.ctx.diags.errors, 1);
    assert_string_equal(L.ctx.diags.head->msg,
                        "this file is not UTF-8: byte 0xFF is not UTF-8 text (and 4 more, on 2 lines)");
    assert_string_equal(L.ctx.diags.head->rule, "encoding");
    assert_int_equal(L.ctx.diags.head->primary.span.off, 2);
    lex_close(&L);
}

/* NULs never make a token: in a comment or a string they are an error (the
 * first run of them), and the scanner reads them in linear time. */
static void test_nul_in_comment_and_string(void **state)
{
    (void)state;
    static const char text[] = "# a\0\0b\n\"x\0y\" keep";
    Lexed L;
    lex_open_n(&L, text, sizeof text - 1);
    BKP_YYSTYPE v;
    BkpSpan at;
    assert_int_equal(next(&L, &v, &at), STRING);
    assert_int_equal(next(&L, &v, &at), KEEP);
    assert_int_equal(next(&L, &v, &at), 0);
    assert_int_equal(L.ctx.diags.errors, 2);
    const BkpDiag *g = L.ctx.diags.head;
    assert_string_equal(g->msg, "2 NUL bytes in a comment");
    assert_int_equal(g->primary.span.off, 3);
    assert_int_equal(g->primary.span.end, 5);
    assert_string_equal(g->next->msg, "a NUL byte in a string");
    assert_int_equal(g->next->primary.span.off, 9);
    assert_int_equal(L.T.nmarked, 1);          /* the string: the checker says no more */
    lex_close(&L);
}

/* Every character of the pasted-character table (unichar.h) is read as its
 * ASCII one where it stands: in a word, around a string, as a space. */
static void test_pasted_characters(void **state)
{
    (void)state;
    for (uint32_t cp = 0xA0; cp < 0x10000; cp++) {
        const char *a = bkp_pasted_ascii(cp);
        if (!a)
            continue;
        char c[5] = {0}, text[64];
        bkp_utf8_encode(cp, c);
        if (strcmp(a, "-") == 0)
            snprintf(text, sizeof text, "resource%sgroup", c);
        else if (strcmp(a, "\"") == 0)
            snprintf(text, sizeof text, "%sUTC%s", c, c);
        else
            snprintf(text, sizeof text, "keep%sdaily", c);
        Lexed L;
        lex_open(&L, text);
        BKP_YYSTYPE v;
        BkpSpan at;
        int k = next(&L, &v, &at);
        if (strcmp(a, "-") == 0)
            assert_int_equal(k, RESOURCE_GROUP);
        else if (strcmp(a, "\"") == 0) {
            assert_int_equal(k, STRING);
            assert_string_equal(v.str, "UTC");
        } else {
            assert_int_equal(k, KEEP);
            assert_int_equal(next(&L, &v, &at), DAILY);
        }
        assert_int_equal(next(&L, &v, &at), 0);
        assert_int_equal(L.ctx.diags.errors, 1);
        char name[96];
        assert_non_null(strstr(L.ctx.diags.head->msg, bkp_char_name(cp, name, sizeof name)));
        assert_non_null(L.ctx.diags.head->fix.text);
        lex_close(&L);
    }
}

static void test_pasted_message(void **state)
{
    (void)state;
    Lexed L;
    lex_open(&L, "web\xe2\x80\x93tier");
    BKP_YYSTYPE v;
    BkpSpan at;
    assert_int_equal(next(&L, &v, &at), WORD);
    assert_string_equal(v.str, "web-tier");
    const BkpDiag *g = L.ctx.diags.head;
    assert_string_equal(g->msg, "U+2013 EN DASH instead of `-`");
    assert_string_equal(g->hints[0], "it looks pasted from a document: write `web-tier`");
    assert_string_equal(g->fix.text, "web-tier");
    assert_int_equal(g->fix.span.off, 0);
    assert_int_equal(g->fix.span.end, 10);
    assert_int_equal(g->primary.span.off, 3);  /* the dash itself */
    assert_int_equal(g->primary.span.end, 6);
    lex_close(&L);
}

/* A byte-order mark is not part of the text; UTF-16 is decoded. */
static void test_encodings(void **state)
{
    (void)state;
    static const char bom8[] = "\xef\xbb\xbfkeep";
    static const char le[] = "\xff\xfek\0e\0e\0p\0 \0\x3d\xd8\x00\xde";   /* keep U+1F600 */
    static const char be[] = "\xfe\xff\0k\0e\0e\0p";
    static const char bad[] = "\xff\xfek\0\x00\xd8k\0";                  /* an unpaired surrogate */
    BkpSource *s = bkp_source_from_string("t.bkp", bom8, sizeof bom8 - 1);
    assert_int_equal(s->encoding, BKP_ENC_UTF8_BOM);
    assert_string_equal(s->text, "keep");
    bkp_source_free(s);
    s = bkp_source_from_string("t.bkp", le, sizeof le - 1);
    assert_int_equal(s->encoding, BKP_ENC_UTF16LE);
    assert_string_equal(s->text, "keep \xf0\x9f\x98\x80");
    assert_int_equal(s->bad16, 0);
    bkp_source_free(s);
    s = bkp_source_from_string("t.bkp", be, sizeof be - 1);
    assert_int_equal(s->encoding, BKP_ENC_UTF16BE);
    assert_string_equal(s->text, "keep");
    bkp_source_free(s);
    s = bkp_source_from_string("t.bkp", bad, sizeof bad - 1);
    assert_string_equal(s->text, "k\xef\xbf\xbdk");
    assert_int_equal(s->bad16, 1);
    assert_int_equal(s->bad16_off, 1);
    bkp_source_free(s);

    Lexed L;
    lex_open_n(&L, "k\0e\0e\0p\0 \0d\0a\0i\0l\0y\0", 20);  /* UTF-16 without its BOM */
    assert_int_equal(L.ctx.diags.errors, 1);
    assert_string_equal(L.ctx.diags.head->msg, "this file looks like UTF-16 (little-endian) without a byte-order mark");
    BKP_YYSTYPE v;
    BkpSpan at;
    assert_int_equal(next(&L, &v, &at), 0);
    assert_int_equal(L.ctx.diags.errors, 1);   /* and not one per NUL */
    lex_close(&L);
}

static void test_comments_side_table(void **state)
{
    (void)state;
    Lexed L;
    lex_open(&L, "# head\nkeep # tail\n");
    BKP_YYSTYPE v;
    BkpSpan at;
    assert_int_equal(next(&L, &v, &at), KEEP);
    assert_int_equal(at.off, 7);
    assert_int_equal(next(&L, &v, &at), 0);
    assert_int_equal(L.T.ncomments, 2);
    assert_int_equal(L.T.comments->span.off, 0);
    assert_int_equal(L.T.comments->span.end, 6);
    AstFile f = {.src = L.src};
    assert_true(bkp_ast_own_line(&f, L.T.comments->span));
    assert_int_equal(L.T.comments->next->span.off, 12);
    assert_false(bkp_ast_own_line(&f, L.T.comments->next->span));
    lex_close(&L);
}

static void test_bad_characters(void **state)
{
    (void)state;
    Lexed L;
    lex_open(&L, "keep @ ; web.01");
    BKP_YYSTYPE v;
    BkpSpan at;
    assert_int_equal(next(&L, &v, &at), KEEP);
    assert_int_equal(next(&L, &v, &at), WORD);     /* `@` and `;` skipped, reported */
    assert_string_equal(v.str, "web.01");          /* kept as a name, reported */
    assert_int_equal(next(&L, &v, &at), 0);
    assert_int_equal(L.ctx.diags.errors, 3);
    assert_string_equal(L.ctx.diags.head->msg, "unexpected character `@`");
    lex_close(&L);
}

/* A run of NUL bytes (a binary file) is one error, not one per byte. */
static void test_nul_run_is_one_error(void **state)
{
    (void)state;
    char text[1000 + 5];
    memset(text, 0, 1000);
    memcpy(text + 1000, "keep", 5);
    Lexed L;
    lex_open_n(&L, text, 1004);
    BKP_YYSTYPE v;
    BkpSpan at;
    assert_int_equal(next(&L, &v, &at), KEEP);
    assert_int_equal(next(&L, &v, &at), 0);
    assert_int_equal(L.ctx.diags.errors, 1);
    assert_string_equal(L.ctx.diags.head->msg, "1000 unexpected NUL bytes");
    assert_int_equal(L.ctx.diags.head->primary.span.off, 0);
    assert_int_equal(L.ctx.diags.head->primary.span.end, 1000);
    lex_close(&L);
}

/* The scanner stops reporting at the parser's limit, and says so once. */
static void test_error_limit(void **state)
{
    (void)state;
    char text[400];
    for (int i = 0; i < 200; i++)
        memcpy(text + 2 * i, "@ ", 2);
    memcpy(text + 398, "\0", 1);
    Lexed L;
    lex_open_n(&L, text, 398);
    BKP_YYSTYPE v;
    BkpSpan at;
    assert_int_equal(next(&L, &v, &at), 0);
    assert_int_equal(L.ctx.diags.errors, BKP_MAX_SYNTAX_ERRORS);
    const BkpDiag *g = L.ctx.diags.head;
    for (int i = 1; i < BKP_MAX_SYNTAX_ERRORS; i++)
        g = g->next;
    assert_string_equal(g->msg, "too many syntax errors; stopping here");
    assert_null(g->next);
    lex_close(&L);
}

static void test_source_untouched(void **state)
{
    (void)state;
    /* The scanner reads the text in place: while a token is out, the byte
     * after it may be flex's NUL, but every token's own bytes are as read,
     * and the whole text is again once the scanner goes on or goes away,
     * at the end or halfway. */
    const char *text = "policy abc { daily at 02:00 }";
    for (int stop = 1; stop <= 9; stop++) {
        Lexed L;
        lex_open(&L, text);
        BKP_YYSTYPE v;
        BkpSpan at;
        for (int i = 0; i < stop && next(&L, &v, &at) != 0; i++) {
            assert_memory_equal(L.src->text, text, at.end);
            assert_memory_equal(L.src->text + at.end + 1, text + at.end + 1, strlen(text) - at.end);
        }
        bkp_tokens_destroy(&L.T);
        assert_string_equal(L.src->text, text);
        assert_int_equal(L.src->text[L.src->len + 1], 0);
        bkp_ctx_free(&L.ctx);
        bkp_source_free(L.src);
    }
}

/* The tokens for editors (bkp_lex) come from a copy: the text is whole
 * while the callback reads it. */
static bool whole(void *user, const BkpLexeme *t)
{
    const BkpSource *src = user;
    (void)t;
    assert_string_equal(src->text, "policy abc { daily at 02:00 }");
    return true;
}

static void test_lex_reads_a_copy(void **state)
{
    (void)state;
    const char *text = "policy abc { daily at 02:00 }";
    BkpSource *src = bkp_source_from_string("t.bkp", text, strlen(text));
    assert_int_equal(bkp_lex(src, whole, src), 0);
    bkp_source_free(src);
}

/* The scanner alone: comments and lexical errors come out as tokens or
 * marks on tokens, and it reports nothing itself. */
static void test_scanner_only_classifies(void **state)
{
    (void)state;
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    const char *text = "# c\nkeep ; web.01 1.5d \"a\xff @\n  ";
    BkpSource *src = bkp_source_from_string("t.bkp", text, strlen(text));
    BkpScanner sc;
    assert_int_equal(bkp_scanner_init(&ctx.arena, src, true, &sc), 0);
    static const struct { int kind; unsigned errors; } want[] = {
        {BKP_TOK_COMMENT, 0}, {KEEP, 0}, {BKP_TOK_ERROR, BKP_LEX_SEMICOLON},
        {WORD, BKP_LEX_DOTTED}, {NUMUNIT, BKP_LEX_FRACTION},
        {STRING, BKP_LEX_UNTERMINATED | BKP_LEX_STRING_UTF8}, {0, 0},
    };
    BKP_YYSTYPE val;
    BkpToken t;
    t.val = &val;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        t.errors = 0;
        assert_int_equal(bkp_scan(sc, &t), want[i].kind);
        assert_int_equal(t.kind, want[i].kind);
        assert_int_equal(t.errors, want[i].errors);
    }
    /* the end is located at the last bytes scanned: the trailing blanks */
    assert_int_equal(t.span.off, strlen(text) - 3);
    assert_int_equal(t.span.end, strlen(text));
    assert_int_equal(ctx.diags.count, 0);
    bkp_scanner_destroy(sc);
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keywords_and_names),
        cmocka_unit_test(test_schedule_tokens),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_invalid_utf8_string),
        cmocka_unit_test(test_nul_in_comment_and_string),
        cmocka_unit_test(test_pasted_characters),
        cmocka_unit_test(test_pasted_message),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_comments_side_table),
        cmocka_unit_test(test_bad_characters),
        cmocka_unit_test(test_nul_run_is_one_error),
        cmocka_unit_test(test_error_limit),
        cmocka_unit_test(test_source_untouched),
        cmocka_unit_test(test_lex_reads_a_copy),
        cmocka_unit_test(test_scanner_only_classifies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
