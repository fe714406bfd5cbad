/* test_lsp.c — the language server in-process (include/bkpc/lsp.h): framing
 * whatever the bytes' split, malformed headers, an over-large message
 * skipped, the lifecycle's exit status; and what the server adds to the
 * stages below it: bkp_lex (parse.h), bkp_tz_windows_ids (tz.h),
 * bkp_explain_field_text (interp.h). tests/lsp/ has the protocol's
 * transcripts, tests/extra/lsp.sh a real client. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/compile.h"
#include "bkpc/interp.h"
#include "bkpc/lsp.h"

/* ---- the server's output ------------------------------------------------------- */

typedef struct Out {
    char *data;
    size_t len;
    int calls;
} Out;

static int collect(void *user, const char *bytes, size_t n)
{
    Out *o = user;
    o->data = realloc(o->data, o->len + n + 1);
    memcpy(o->data + o->len, bytes, n);
    o->len += n;
    o->data[o->len] = 0;
    o->calls++;
    return 0;
}

/* The messages of o, parsed: a JSON array. Fails on bad framing. */
static json_t *messages(const Out *o)
{
    json_t *all = json_array();
    const char *p = o->data, *end = o->data + o->len;
    while (p && p < end) {
        unsigned long n;
        int used;
        assert_int_equal(sscanf(p, "Content-Length: %lu\r\n\r\n%n", &n, &used), 1);
        json_error_t err;
        json_t *m = json_loadb(p + used, n, 0, &err);
        assert_non_null(m);
        json_array_append_new(all, m);
        p += used + n;
    }
    return all;
}

static char *frame(const char *body)
{
    char *s = malloc(strlen(body) + 64);
    sprintf(s, "Content-Length: %zu\r\n\r\n%s", strlen(body), body);
    return s;
}

/* A session's bytes: initialize, open, hover, shutdown, exit. */
static char *session(void)
{
    static const char *const bodies[] = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"initializationOptions\":{\"at\":\"2026-01-15\"}}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///a/x.bkp\","
        "\"version\":1,\"text\":\"policy x-vms {\\n  keep snapshots 3d daily at 02:30\\n}\\n\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":\"h\",\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":"
        "\"file:///a/x.bkp\"},\"position\":{\"line\":1,\"character\":4}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}",
    };
    size_t n = 0;
    char *all = calloc(1, 1);
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        char *f = frame(bodies[i]);
        all = realloc(all, n + strlen(f) + 1);
        strcpy(all + n, f);
        n += strlen(f);
        free(f);
    }
    return all;
}

/* Feeds `in` in chunks of `chunk` bytes (0: all at once); the output. */
static Out run(const char *in, size_t len, size_t chunk, int *status)
{
    Out o = {NULL, 0, 0};
    BkpLsp *s = bkp_lsp_new(collect, &o);
    assert_non_null(s);
    for (size_t i = 0; i < len;) {
        size_t k = chunk && chunk < len - i ? chunk : len - i;
        bkp_lsp_feed(s, in + i, k);
        i += k;
    }
    if (!bkp_lsp_done(s, status))
        *status = bkp_lsp_eof(s);
    bkp_lsp_free(s);
    return o;
}

/* ---- framing ---------------------------------------------------------------------- */

static void test_any_split(void **state)
{
    (void)state;
    char *in = session();
    size_t len = strlen(in);
    int status;
    Out whole = run(in, len, 0, &status);
    assert_int_equal(status, 0);
    json_t *m = messages(&whole);
    /* initialize, the diagnostics (none), the hover, shutdown */
    assert_int_equal(json_array_size(m), 4);
    assert_int_equal(whole.calls, 4);            /* one write per message */
    assert_string_equal(json_string_value(json_object_get(json_array_get(m, 1), "method")),
                        "textDocument/publishDiagnostics");
    const char *hover = json_string_value(
        json_object_get(json_object_get(json_object_get(json_array_get(m, 2), "result"), "contents"), "value"));
    assert_non_null(strstr(hover, "**keep snapshots**"));
    assert_non_null(strstr(hover, "3 days"));
    json_decref(m);
    for (size_t chunk = 1; chunk < 40; chunk++) {
        Out o = run(in, len, chunk, &status);
        assert_int_equal(status, 0);
        assert_int_equal(o.len, whole.len);
        assert_memory_equal(o.data, whole.data, whole.len);
        free(o.data);
    }
    free(whole.data);
    free(in);
}

/* Bytes of `in` until the server's first message's "error" code. */
static int first_error(const char *in, size_t len, int *count)
{
    int status;
    Out o = run(in, len, 0, &status);
    json_t *m = messages(&o);
    *count = (int)json_array_size(m);
    int code = (int)json_integer_value(json_object_get(json_object_get(json_array_get(m, 0), "error"), "code"));
    json_decref(m);
    free(o.data);
    return code;
}

static void test_bad_headers(void **state)
{
    (void)state;
    static const char init[] = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}";
    char buf[512];
    int n;
    /* no Content-Length; a bad one; a header line without a colon: each is
     * a ParseError, and the next message is read */
    static const char *const bad[] = {"Content-Type: x\r\n\r\n", "Content-Length: 12x\r\n\r\n",
                                      "Content-Length: -1\r\n\r\n", "nonsense\r\n\r\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(buf, sizeof buf, "%sContent-Length: %zu\n\n%s", bad[i], strlen(init), init);
        assert_int_equal(first_error(buf, strlen(buf), &n), -32700);
        assert_int_equal(n, 2);                 /* the error, then initialize's answer */
    }
    /* a message over the limit: an error, its bytes skipped, then the next */
    snprintf(buf, sizeof buf, "Content-Length: %d\r\n\r\n", BKP_LSP_MAX_MESSAGE + 1);
    size_t k = strlen(buf);
    size_t total = k + BKP_LSP_MAX_MESSAGE + 1 + 200;
    char *big = malloc(total);
    memcpy(big, buf, k);
    memset(big + k, '{', BKP_LSP_MAX_MESSAGE + 1);
    int h = snprintf(big + k + BKP_LSP_MAX_MESSAGE + 1, 200, "Content-Length: %zu\r\n\r\n%s", strlen(init), init);
    assert_int_equal(first_error(big, k + BKP_LSP_MAX_MESSAGE + 1 + (size_t)h, &n), -32600);
    assert_int_equal(n, 2);
    free(big);
    /* a header block that never ends: one error, not one per chunk */
    char *junk = malloc(100000);
    memset(junk, 'x', 100000);
    assert_int_equal(first_error(junk, 100000, &n), -32700);
    assert_int_equal(n, 1);
    free(junk);
}

static void test_exit_status(void **state)
{
    (void)state;
    int status;
    char *f = frame("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    Out o = run(f, strlen(f), 0, &status);
    assert_int_equal(status, 1);               /* exit without shutdown */
    assert_int_equal(o.len, 0);
    free(f);
    o = run("", 0, 0, &status);
    assert_int_equal(status, 1);               /* the input ended */
    /* a message straight to bkp_lsp_message (what a fuzzer calls) */
    o.data = NULL;
    o.len = 0;
    BkpLsp *s = bkp_lsp_new(collect, &o);
    bkp_lsp_message(s, "[1,2]", 5);
    bkp_lsp_message(s, "\0\0", 2);
    bkp_lsp_free(s);
    json_t *m = messages(&o);
    assert_int_equal(json_array_size(m), 2);
    json_decref(m);
    free(o.data);
}

/* bkp_lsp_text: a document's text as the server has it, after an
 * incremental change (UTF-16 positions past an emoji) and after close. */
static void test_document_text(void **state)
{
    (void)state;
    Out o = {NULL, 0, 0};
    BkpLsp *s = bkp_lsp_new(collect, &o);
    static const char *const bodies[] = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"u:a\","
        "\"version\":1,\"text\":\"\\ufeff# \\ud83d\\ude00 x\\npolicy p {}\\n\"}}}",
        /* line 0, characters 5..6 (after "# ", the emoji's two units and a blank): "x" -> "yz" */
        "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"u:a\","
        "\"version\":2},\"contentChanges\":[{\"range\":{\"start\":{\"line\":0,\"character\":5},"
        "\"end\":{\"line\":0,\"character\":6}},\"text\":\"yz\"}]}}",
    };
    size_t len = 99;
    assert_null(bkp_lsp_text(s, "u:a", &len));
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++)
        bkp_lsp_message(s, bodies[i], strlen(bodies[i]));
    const char *text = bkp_lsp_text(s, "u:a", &len);
    static const char want[] = "# \xf0\x9f\x98\x80 yz\npolicy p {}\n";       /* the BOM is not text */
    assert_non_null(text);
    assert_int_equal(len, sizeof want - 1);
    assert_memory_equal(text, want, len);
    assert_null(bkp_lsp_text(s, "u:b", &len));
    static const char close[] =
        "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didClose\",\"params\":{\"textDocument\":{\"uri\":\"u:a\"}}}";
    bkp_lsp_message(s, close, sizeof close - 1);
    assert_null(bkp_lsp_text(s, "u:a", &len));
    bkp_lsp_free(s);
    free(o.data);
}

/* ---- what the server builds on --------------------------------------------------------- */

typedef struct Lexemes {
    BkpLexeme v[32];
    int n;
} Lexemes;

static bool keep_lexeme(void *user, const BkpLexeme *t)
{
    Lexemes *l = user;
    if (l->n < 32)
        l->v[l->n++] = *t;
    return true;
}

static void test_lex(void **state)
{
    (void)state;
    const char *text = "policy p { keep monthly 60m on first, sun # note\n timezone \"Ind ; }";
    BkpSource *src = bkp_source_from_string("t.bkp", text, strlen(text));
    Lexemes l = {.n = 0};
    assert_int_equal(bkp_lex(src, keep_lexeme, &l), 0);
    const BkpLexemeKind kinds[] = {
        BKP_LEXEME_KEYWORD, BKP_LEXEME_WORD,    BKP_LEXEME_PUNCT,   BKP_LEXEME_KEYWORD, BKP_LEXEME_KEYWORD,
        BKP_LEXEME_DURATION, BKP_LEXEME_KEYWORD, BKP_LEXEME_WORD,   BKP_LEXEME_PUNCT,   BKP_LEXEME_WORD,
        BKP_LEXEME_COMMENT, BKP_LEXEME_KEYWORD, BKP_LEXEME_STRING,
    };
    assert_int_equal(l.n, (int)(sizeof kinds / sizeof kinds[0]));
    for (int i = 0; i < l.n; i++)
        assert_int_equal(l.v[i].kind, kinds[i]);
    assert_int_equal(l.v[0].keyword, BKP_KW_POLICY);
    assert_int_equal(l.v[1].keyword, -1);
    assert_int_equal(l.v[2].punct, '{');
    assert_int_equal(l.v[4].keyword, BKP_KW_MONTHLY);
    assert_int_equal(l.v[5].span.off, 24);
    assert_int_equal(l.v[5].unit_off, 26);
    assert_int_equal(l.v[8].punct, ',');
    assert_true(l.v[12].unterminated);         /* to the end of its line */
    assert_int_equal(l.v[12].span.end, strlen(text));
    /* stopping early */
    l.n = 0;
    bkp_source_free(src);
    src = bkp_source_from_string("t.bkp", "a ; b", 5);
    assert_int_equal(bkp_lex(src, keep_lexeme, &l), 0);
    assert_int_equal(l.n, 3);
    assert_int_equal(l.v[1].kind, BKP_LEXEME_ERROR);
    bkp_source_free(src);
}

static void test_windows_ids(void **state)
{
    (void)state;
    BkpTz *tz = bkp_tz_new();
    size_t n;
    const char *const *ids = bkp_tz_windows_ids(tz, &n);
    assert_true(n > 100);
    bool india = false;
    for (size_t i = 0; i < n; i++) {
        const char *win;
        assert_int_equal(bkp_tz_resolve(tz, ids[i], &win), BKP_TZ_WINDOWS);
        if (i)
            assert_true(strcmp(ids[i - 1], ids[i]) < 0);
        india |= strcmp(ids[i], "India Standard Time") == 0;
    }
    assert_true(india);
    bkp_tz_free(tz);
}

/* The text of explain's field f of `p`. */
static char *field_text(BkpTz *tz, const BkpPolicy *p, int field)
{
    BkpExplain e;
    bkp_explain(tz, p, 1768435200, &e);       /* 2026-01-15 */
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    if (field < 0)
        bkp_explain_text(&e, f);
    else
        bkp_explain_field_text(&e, (BkpField)field, f);
    fclose(f);
    return text;
}

static void test_field_text(void **state)
{
    (void)state;
    const char *text = "policy p-vms { timezone \"W. Europe Standard Time\" every 4h from 08:00 for 24h\n"
                       "keep daily 180d keep monthly 60m on first sun archive after 3m }";
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    BkpSource *src = bkp_source_from_string("t.bkp", text, strlen(text));
    BkpProgram *prog = bkp_compile(&ctx, src);
    assert_non_null(prog);
    BkpTz *tz = bkp_ctx_tz(&ctx);
    char *all = field_text(tz, prog->policies, -1);
    char *name = field_text(tz, prog->policies, BKP_FIELD_NAME);
    assert_string_equal(name, all);
    /* the zone's lines are explain's, DST period included */
    char *zone = field_text(tz, prog->policies, BKP_FIELD_TIMEZONE);
    assert_non_null(strstr(all, zone));
    assert_non_null(strstr(zone, "daylight saving time (UTC+02:00) from 2026-03-29 02:00 until"));
    /* monthly: which points, how long, archived when */
    char *monthly = field_text(tz, prog->policies, BKP_FIELD_MONTHLY_ON);
    assert_non_null(strstr(monthly, "the vault points of the first Sunday of"));
    assert_non_null(strstr(monthly, "60 months"));
    assert_non_null(strstr(monthly, "monthly points move when 180 days old, once the daily rule"));
    assert_null(strstr(monthly, "every vault point"));   /* not the daily rule's row */
    char *schedule = field_text(tz, prog->policies, BKP_FIELD_SCHEDULE);
    assert_non_null(strstr(all, schedule));
    free(all);
    free(name);
    free(zone);
    free(monthly);
    free(schedule);
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_any_split),  cmocka_unit_test(test_bad_headers), cmocka_unit_test(test_exit_status),
        cmocka_unit_test(test_document_text),
        cmocka_unit_test(test_lex),        cmocka_unit_test(test_windows_ids), cmocka_unit_test(test_field_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
