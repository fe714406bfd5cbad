/* fuzz_lsp.c — the language server (lsp.h) in memory, on arbitrary
 * messages: one server per input, its output kept by the write callback.
 *
 * An input that starts with `{` is a session of messages, one body a line
 * (the seeds: the transcripts of tests/lsp/); an even-sized one has each
 * body framed (Content-Length) and fed to bkp_lsp_feed in two pieces, an
 * odd-sized one gives each to bkp_lsp_message unframed. Any other input is
 * a byte stream of headers and bodies, fed to bkp_lsp_feed in pieces of
 * varying sizes.
 *
 * Properties: every message the server writes is whole in one call, its
 * Content-Length its body's length, the body a JSON-RPC 2.0 object: a
 * notification (a method, object params, no id) or a response (an integer,
 * string or null id, exactly one of result and error, an error with an
 * integer code and a string message). In a session, a message gets at most
 * one response, carrying its id (null when it has none the server can
 * use), and a request (an object with an integer or string id and a
 * method other than exit) exactly one; nothing is answered once the session
 * is over; every position in an answer or in published diagnostics is
 * inside the document it is about (bkp_lsp_text, the server's text: line
 * below the number of lines, character at most the line's UTF-16 length),
 * no range ends before it starts, and a closed document's diagnostics are
 * empty; the exit status is 0 exactly when shutdown was answered. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "bkpc/lsp.h"
#include "bkpc/utf8.h"
#include "fuzz.h"

enum { MAX_MESSAGES = 64 };

/* What the server wrote since the last reset: each message's body, parsed. */
typedef struct Sink {
    json_t *msgs[256];
    size_t n;
} Sink;

static void response_shape(const json_t *m, const char *body)
{
    const json_t *id = json_object_get(m, "id"), *result = json_object_get(m, "result"),
                 *error = json_object_get(m, "error");
    FUZZ_CHECK(json_is_integer(id) || json_is_string(id) || json_is_null(id), "a response's id is not an id: %s",
               body);
    FUZZ_CHECK(!result != !error, "a response without exactly one of result and error: %s", body);
    FUZZ_CHECK(!error || (json_is_integer(json_object_get(error, "code")) &&
                          json_is_string(json_object_get(error, "message"))),
               "an error without an integer code and a string message: %s", body);
}

/* The write callback: one whole message, checked, its body kept. */
static int sink_write(void *user, const char *bytes, size_t n)
{
    Sink *k = user;
    static const char key[] = "Content-Length: ";
    size_t hn = sizeof key - 1, len = 0;
    bool digits = false;
    for (; n >= sizeof key - 1 && memcmp(bytes, key, sizeof key - 1) == 0 && hn < n && hn < 40 &&
           bytes[hn] >= '0' && bytes[hn] <= '9';
         hn++, digits = true)
        len = len * 10 + (size_t)(bytes[hn] - '0');
    FUZZ_CHECK(digits && n - hn >= 4 && memcmp(bytes + hn, "\r\n\r\n", 4) == 0 && len == n - hn - 4,
               "a message not framed as one whole message: %.*s", (int)(n < 300 ? n : 300), bytes);
    const char *body = bytes + hn + 4;
    json_error_t err;
    json_t *m = json_loadb(body, len, 0, &err);
    FUZZ_CHECK(m != NULL, "a message is not a JSON object: %s: %.*s", err.text, (int)len, body);
    const json_t *version = json_object_get(m, "jsonrpc"), *method = json_object_get(m, "method");
    FUZZ_CHECK(json_is_string(version) && strcmp(json_string_value(version), "2.0") == 0,
               "a message without \"jsonrpc\": \"2.0\": %.*s", (int)len, body);
    if (method) {
        FUZZ_CHECK(json_is_string(method) && json_is_object(json_object_get(m, "params")) &&
                       !json_object_get(m, "id"),
                   "a notification without a method name and object params, or with an id: %.*s", (int)len, body);
    } else {
        response_shape(m, body);
    }
    FUZZ_CHECK(k->n < sizeof k->msgs / sizeof k->msgs[0], "over %zu messages for one", k->n);
    k->msgs[k->n++] = m;
    return 0;
}

static void sink_reset(Sink *k)
{
    for (size_t i = 0; i < k->n; i++)
        json_decref(k->msgs[i]);
    k->n = 0;
}

/* ---- positions ------------------------------------------------------------------ */

/* A document's lines: their starts and UTF-16 lengths. */
typedef struct Lines {
    size_t n;
    size_t *start;
    json_int_t *units;
} Lines;

static void lines_of(Lines *l, const char *text, size_t len)
{
    l->n = 1;
    for (size_t i = 0; i < len; i++)
        l->n += text[i] == '\n';
    l->start = malloc(l->n * sizeof *l->start);
    l->units = calloc(l->n, sizeof *l->units);
    FUZZ_CHECK(l->start && l->units, "out of memory");
    size_t k = 0;
    l->start[0] = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n')
            l->start[++k] = i + 1;
        else
            l->units[k] += bkp_utf8_units16(text + i, len - i);
    }
}

static bool is_position(const json_t *j)
{
    return json_is_object(j) && json_is_integer(json_object_get(j, "line")) &&
           json_is_integer(json_object_get(j, "character"));
}

static json_int_t pos_line(const json_t *p)
{
    return json_integer_value(json_object_get(p, "line"));
}

static json_int_t pos_char(const json_t *p)
{
    return json_integer_value(json_object_get(p, "character"));
}

/* Every position under j inside the document (l NULL: none open), every
 * range in order. */
static void positions(const json_t *j, const Lines *l, const char *uri)
{
    if (is_position(j)) {
        json_int_t line = pos_line(j), ch = pos_char(j);
        FUZZ_CHECK(l != NULL, "a position in %s, which is not open", uri);
        FUZZ_CHECK(line >= 0 && (size_t)line < l->n, "line %lld of %s, which has %zu lines", (long long)line, uri,
                   l->n);
        FUZZ_CHECK(ch >= 0 && ch <= l->units[line], "character %lld of line %lld of %s, which has %lld",
                   (long long)ch, (long long)line, uri, (long long)l->units[line]);
        return;
    }
    const json_t *a = json_object_get(j, "start"), *b = json_object_get(j, "end");
    if (is_position(a) && is_position(b))
        FUZZ_CHECK(pos_line(a) < pos_line(b) || (pos_line(a) == pos_line(b) && pos_char(a) <= pos_char(b)),
                   "a range of %s that ends before it starts", uri);
    const char *key;
    size_t i;
    json_t *v;
    if (json_is_object(j)) {
        json_object_foreach((json_t *)j, key, v)
            positions(v, l, uri);
    } else if (json_is_array(j)) {
        json_array_foreach(j, i, v)
            positions(v, l, uri);
    }
}

/* The positions of message m, about document `uri` (NULL: none) as the
 * server has it now. */
static void check_positions(const BkpLsp *s, const json_t *m, const char *uri)
{
    size_t len;
    const char *text = uri ? bkp_lsp_text(s, uri, &len) : NULL;
    Lines l = {0, NULL, NULL};
    if (text)
        lines_of(&l, text, len);
    positions(m, text ? &l : NULL, uri ? uri : "a message about no document");
    free(l.start);
    free(l.units);
}

/* ---- a session ------------------------------------------------------------------- */

/* What the server wrote for message `body` (sent as one; `over`: the
 * session was over before it): responses and positions. Returns whether it
 * was a shutdown that succeeded. */
static bool answers(const BkpLsp *s, const Sink *k, const char *body, size_t n, bool over)
{
    json_t *req = json_loadb(body, n, JSON_DECODE_ANY, NULL);
    const json_t *id = json_object_get(req, "id"), *method = json_object_get(req, "method");
    bool usable = json_is_integer(id) || json_is_string(id);
    bool request = usable && json_is_string(method) && strcmp(json_string_value(method), "exit") != 0;
    const char *uri = json_string_value(json_object_get(json_object_get(json_object_get(req, "params"),
                                                                        "textDocument"), "uri"));
    size_t responses = 0;
    bool shut = false;
    for (size_t i = 0; i < k->n; i++) {
        const json_t *m = k->msgs[i];
        if (json_object_get(m, "method")) {     /* a notification */
            const json_t *params = json_object_get(m, "params");
            const char *about = json_string_value(json_object_get(params, "uri"));
            if (about && !json_object_get(params, "version"))
                FUZZ_CHECK(json_array_size(json_object_get(params, "diagnostics")) == 0,
                           "diagnostics published for closed %s", about);
            check_positions(s, m, about);
            continue;
        }
        responses++;
        const json_t *rid = json_object_get(m, "id");
        FUZZ_CHECK(usable ? json_equal(rid, id) : json_is_null(rid), "a response with another id than its request's:"
                   " %.*s", (int)n, body);
        check_positions(s, json_object_get(m, "result"), uri);
        shut = json_is_string(method) && strcmp(json_string_value(method), "shutdown") == 0 &&
               json_object_get(m, "result");
    }
    FUZZ_CHECK(responses <= 1, "%zu responses to one message: %.*s", responses, (int)n, body);
    FUZZ_CHECK(over || !request || responses == 1, "a request without a response: %.*s", (int)n, body);
    json_decref(req);
    return shut;
}

/* One body a line: each sent (framed or not), its answers checked. */
static void session(BkpLsp *s, Sink *k, const char *data, size_t size, bool framed)
{
    bool shut = false;
    int status, count = 0;
    for (const char *line = data, *end = data + size; line < end && count < MAX_MESSAGES;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
        const char *body = line;
        line += n + 1;
        if (n == 0)
            continue;
        count++;
        bool over = bkp_lsp_done(s, &status);
        if (framed) {
            char head[64];
            int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);
            bkp_lsp_feed(s, head, (size_t)hn);
            bkp_lsp_feed(s, body, n);
        } else {
            bkp_lsp_message(s, body, n);
        }
        FUZZ_CHECK(!over || k->n == 0, "the server wrote after the session was over");
        shut = answers(s, k, body, n, over) || shut;
        sink_reset(k);
    }
    status = bkp_lsp_eof(s);
    FUZZ_CHECK(status == (shut ? 0 : 1), "exit status %d, after %s shutdown", status, shut ? "a" : "no");
}

/* A byte stream, in pieces of 1, 2, 3, ... bytes (from an offset the
 * size picks), then the rest. */
static void stream(BkpLsp *s, Sink *k, const char *data, size_t size)
{
    size_t piece = size % 7 + 1;
    for (size_t off = 0; off < size; piece = piece < 600 ? piece * 2 + 1 : size) {
        size_t n = size - off < piece ? size - off : piece;
        bkp_lsp_feed(s, data + off, n);
        off += n;
        sink_reset(k);
    }
    (void)bkp_lsp_eof(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Sink k = {.n = 0};
    BkpLsp *s = bkp_lsp_new(sink_write, &k);
    FUZZ_CHECK(s != NULL, "out of memory");
    if (size && data[0] == '{')
        session(s, &k, (const char *)data, size, size % 2 == 0);
    else
        stream(s, &k, (const char *)data, size);
    sink_reset(&k);
    bkp_lsp_free(s);
    return 0;
}
