/* rpc.c — the language server's transport and dispatch (see bkpc/lsp.h):
 * Content-Length framing, JSON-RPC 2.0 messages read with jansson and
 * written with the project's JSON writer, the lifecycle (initialize,
 * shutdown, exit), the method table, and the helpers every handler uses
 * (parameters, positions, notifications). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "bkpc/interp.h"
#include "bkpc/version.h"
#include "lsp_int.h"

/* A header block longer than this is not one. */
#define HEADER_MAX 8192
/* The input buffer is given back above this size once it is empty. */
#define BUF_KEEP (1024 * 1024)

/* ---- errors and parameters --------------------------------------------------- */

int lsp_fail(LspError *e, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    e->code = code;
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return -1;
}

static const char *type_name(json_type t)
{
    switch (t) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

json_t *lsp_member(const json_t *obj, const char *path, json_type type, LspError *e)
{
    const json_t *v = obj;
    for (const char *p = path; v;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        char key[64];
        if (!json_is_object(v) || n >= sizeof key) {
            v = NULL;
            break;
        }
        memcpy(key, p, n);
        key[n] = 0;
        v = json_object_get(v, key);
        if (!dot)
            break;
        p = dot + 1;
    }
    if (!v) {
        lsp_fail(e, LSP_INVALID_PARAMS, "params.%s: missing", path);
        return NULL;
    }
    if (json_typeof(v) != type && !(type == JSON_TRUE && json_is_boolean(v))) {
        lsp_fail(e, LSP_INVALID_PARAMS, "params.%s: expected %s, not %s", path, type_name(type),
                 type_name(json_typeof(v)));
        return NULL;
    }
    return (json_t *)v;
}

const char *lsp_string(const json_t *obj, const char *path, LspError *e)
{
    json_t *v = lsp_member(obj, path, JSON_STRING, e);
    return v ? json_string_value(v) : NULL;
}

int lsp_uint(const json_t *obj, const char *path, uint32_t *out, LspError *e)
{
    json_t *v = lsp_member(obj, path, JSON_INTEGER, e);
    if (!v)
        return -1;
    json_int_t n = json_integer_value(v);
    if (n < 0)
        return lsp_fail(e, LSP_INVALID_PARAMS, "params.%s: expected an integer >= 0, not %" JSON_INTEGER_FORMAT,
                        path, n);
    *out = n > (json_int_t)UINT32_MAX ? UINT32_MAX : (uint32_t)n;
    return 0;
}

/* ---- positions ----------------------------------------------------------------- */

int lsp_offset(BkpSource *src, const json_t *obj, const char *path, uint32_t *off, LspError *e)
{
    json_t *pos = lsp_member(obj, path, JSON_OBJECT, e);
    uint32_t line, ch;
    if (!pos || lsp_uint(pos, "line", &line, e) != 0 || lsp_uint(pos, "character", &ch, e) != 0) {
        if (pos)    /* name the whole path */
            lsp_fail(e, LSP_INVALID_PARAMS, "params.%s: expected {line, character}, integers >= 0", path);
        return -1;
    }
    if (line >= UINT32_MAX - 1)
        line = UINT32_MAX - 2;
    if (ch >= UINT32_MAX - 1)
        ch = UINT32_MAX - 2;
    *off = bkp_source_offset16(src, line + 1, ch + 1);
    return 0;
}

void lsp_write_position(JsonW *w, BkpSource *src, uint32_t off)
{
    BkpPos p = bkp_source_pos(src, off);
    jw_obj(w);
    jw_key(w, "line");
    jw_int(w, (int64_t)p.line - 1);
    jw_key(w, "character");
    jw_int(w, (int64_t)p.col16 - 1);
    jw_end_obj(w);
}

void lsp_write_range(JsonW *w, BkpSource *src, BkpSpan span)
{
    jw_obj(w);
    jw_key(w, "start");
    lsp_write_position(w, src, span.off);
    jw_key(w, "end");
    lsp_write_position(w, src, span.end);
    jw_end_obj(w);
}

/* ---- sending ---------------------------------------------------------------------- */

static void json_init(JsonW *w)
{
    jw_init(w);
    w->flags = JW_COMPACT;
}

/* Frames w's text and writes it; frees w. */
static void send_json(BkpLsp *s, JsonW *w)
{
    if (!w->failed && !s->failed) {
        char head[64];
        int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", w->len);
        char *msg = malloc((size_t)hn + w->len);
        if (msg) {
            memcpy(msg, head, (size_t)hn);
            memcpy(msg + hn, w->data, w->len);
            if (s->write(s->user, msg, (size_t)hn + w->len) != 0)
                s->failed = true;
            free(msg);
        }
    }
    jw_free(w);
}

static void write_id(JsonW *w, const json_t *id)
{
    if (json_is_integer(id))
        jw_int(w, json_integer_value(id));
    else if (json_is_string(id))
        jw_str(w, json_string_value(id));
    else
        jw_null(w);
}

static void begin_message(JsonW *w)
{
    json_init(w);
    jw_obj(w);
    jw_key(w, "jsonrpc");
    jw_str(w, "2.0");
}

static void send_error(BkpLsp *s, const json_t *id, const LspError *e)
{
    JsonW w;
    begin_message(&w);
    jw_key(&w, "id");
    write_id(&w, id);
    jw_key(&w, "error");
    jw_obj(&w);
    jw_key(&w, "code");
    jw_int(&w, e->code);
    jw_key(&w, "message");
    jw_str(&w, e->msg);
    jw_end_obj(&w);
    jw_end_obj(&w);
    send_json(s, &w);
}

static void reject(BkpLsp *s, const json_t *id, int code, const char *msg)
{
    LspError e;
    lsp_fail(&e, code, "%s", msg);
    send_error(s, id, &e);
}

void lsp_notify_begin(JsonW *w, const char *method)
{
    begin_message(w);
    jw_key(w, "method");
    jw_str(w, method);
    jw_key(w, "params");
}

void lsp_notify_end(BkpLsp *s, JsonW *w)
{
    jw_end_obj(w);
    send_json(s, w);
}

void lsp_show_message(BkpLsp *s, int type, const char *msg)
{
    JsonW w;
    lsp_notify_begin(&w, "window/showMessage");
    jw_obj(&w);
    jw_key(&w, "type");
    jw_int(&w, type);
    jw_key(&w, "message");
    jw_str(&w, msg);
    jw_end_obj(&w);
    lsp_notify_end(s, &w);
}

/* ---- the session --------------------------------------------------------------------- */

BkpTz *lsp_tz(BkpLsp *s)
{
    if (!s->tz)
        s->tz = bkp_tz_new();
    return s->tz;
}

int64_t lsp_now(const BkpLsp *s)
{
    return s->has_at ? s->at : (int64_t)time(NULL);
}

static void write_capabilities(JsonW *w)
{
    jw_obj(w);
    jw_key(w, "positionEncoding");
    jw_str(w, "utf-16");
    jw_key(w, "textDocumentSync");
    jw_obj(w);
    jw_key(w, "openClose");
    jw_bool(w, true);
    jw_key(w, "change");
    jw_int(w, 2);                       /* incremental */
    jw_end_obj(w);
    jw_key(w, "hoverProvider");
    jw_bool(w, true);
    jw_key(w, "completionProvider");
    jw_obj(w);
    jw_key(w, "triggerCharacters");
    jw_arr(w);
    jw_str(w, "\"");
    jw_end_arr(w);
    jw_end_obj(w);
    jw_key(w, "documentSymbolProvider");
    jw_bool(w, true);
    jw_key(w, "documentFormattingProvider");
    jw_bool(w, true);
    jw_key(w, "codeActionProvider");
    jw_obj(w);
    jw_key(w, "codeActionKinds");
    jw_arr(w);
    jw_str(w, "quickfix");
    jw_end_arr(w);
    jw_end_obj(w);
    jw_end_obj(w);
}

static int on_initialize(BkpLsp *s, const json_t *params, JsonW *w, LspError *e)
{
    if (s->initialized)
        return lsp_fail(e, LSP_INVALID_REQUEST, "initialize: the server is initialized already");
    const json_t *opts = json_object_get(params, "initializationOptions");
    const json_t *at = json_is_object(opts) ? json_object_get(opts, "at") : NULL;
    if (at) {
        BkpPolicy utc;
        memset(&utc, 0, sizeof utc);
        utc.timezone = "UTC";
        if (!json_is_string(at) || bkp_interp_parse_time(NULL, &utc, json_string_value(at), &s->at) != 0)
            return lsp_fail(e, LSP_INVALID_PARAMS,
                            "params.initializationOptions.at: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC)");
        s->has_at = true;
    }
    s->initialized = true;
    jw_obj(w);
    jw_key(w, "capabilities");
    write_capabilities(w);
    jw_key(w, "serverInfo");
    jw_obj(w);
    jw_key(w, "name");
    jw_str(w, "bkpc");
    jw_key(w, "version");
    jw_str(w, BKPC_VERSION);
    jw_end_obj(w);
    jw_end_obj(w);
    return 0;
}

static int on_shutdown(BkpLsp *s, const json_t *params, JsonW *w, LspError *e)
{
    (void)params;
    (void)e;
    s->shutdown = true;
    jw_null(w);
    return 0;
}

static void on_exit(BkpLsp *s, const json_t *params)
{
    (void)params;
    s->exited = true;
}

/* ---- dispatch ----------------------------------------------------------------------------- */

typedef int (*RequestFn)(BkpLsp *s, const json_t *params, JsonW *w, LspError *e);
typedef void (*NotifyFn)(BkpLsp *s, const json_t *params);

typedef struct Method {
    const char *name;
    RequestFn request;         /* one of the two */
    NotifyFn notify;
} Method;

static const Method methods[] = {
    {"initialize", on_initialize, NULL},
    {"shutdown", on_shutdown, NULL},
    {"exit", NULL, on_exit},
    {"textDocument/didOpen", NULL, lsp_did_open},
    {"textDocument/didChange", NULL, lsp_did_change},
    {"textDocument/didClose", NULL, lsp_did_close},
    {"textDocument/hover", lsp_hover, NULL},
    {"textDocument/completion", lsp_completion, NULL},
    {"textDocument/documentSymbol", lsp_symbols, NULL},
    {"textDocument/codeAction", lsp_code_actions, NULL},
    {"textDocument/formatting", lsp_formatting, NULL},
};

static const Method *find_method(const char *name)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcmp(methods[i].name, name) == 0)
            return &methods[i];
    return NULL;
}

static void request(BkpLsp *s, const Method *m, const json_t *id, const json_t *params)
{
    LspError e;
    JsonW w;
    begin_message(&w);
    jw_key(&w, "id");
    write_id(&w, id);
    jw_key(&w, "result");
    int rc = params && !json_is_object(params)
                 ? lsp_fail(&e, LSP_INVALID_PARAMS, "params: expected an object, not %s",
                            type_name(json_typeof(params)))
                 : m->request(s, params, &w, &e);
    if (rc != 0) {
        jw_free(&w);
        send_error(s, id, &e);
        return;
    }
    jw_end_obj(&w);
    send_json(s, &w);
}

/* What is wrong with a message's envelope, or NULL. */
static const char *envelope_error(const json_t *msg)
{
    const json_t *version = json_object_get(msg, "jsonrpc");
    const json_t *method = json_object_get(msg, "method");
    const json_t *params = json_object_get(msg, "params");
    if (!json_is_string(version) || strcmp(json_string_value(version), "2.0") != 0)
        return "jsonrpc: expected \"2.0\"";
    if (!method)
        return "method: missing";
    if (!json_is_string(method))
        return "method: expected a string";
    if (params && !json_is_object(params) && !json_is_array(params) && !json_is_null(params))
        return "params: expected an object or an array";
    return NULL;
}

/* A parsed message: its checks, the lifecycle, then its method. */
static void dispatch(BkpLsp *s, const json_t *msg)
{
    const json_t *id = json_object_get(msg, "id");
    if (id && !json_is_integer(id) && !json_is_string(id) && !json_is_null(id)) {
        reject(s, NULL, LSP_INVALID_REQUEST, "id: expected an integer or a string");
        return;
    }
    if (id && !json_object_get(msg, "method") && (json_object_get(msg, "result") || json_object_get(msg, "error")))
        return;                 /* a response: the server asks nothing */
    const char *bad = envelope_error(msg);
    if (bad) {
        reject(s, id, LSP_INVALID_REQUEST, bad);
        return;
    }
    const char *name = json_string_value(json_object_get(msg, "method"));
    const json_t *params = json_object_get(msg, "params");
    if (json_is_null(params))
        params = NULL;          /* as if left out (Eglot sends it) */
    const Method *m = find_method(name);
    if (m && m->notify == on_exit) {
        on_exit(s, params);
        return;
    }
    if (!id) {                  /* a notification: handled, or ignored */
        if (m && m->notify && s->initialized && !s->shutdown)
            m->notify(s, params);
        return;
    }
    char text[200];
    int code = LSP_INVALID_REQUEST;
    if (!m) {
        snprintf(text, sizeof text, "unknown method: %.150s", name);
        code = LSP_METHOD_NOT_FOUND;
    } else if (!m->request) {
        snprintf(text, sizeof text, "%.150s is a notification, not a request", name);
    } else if (!s->initialized && m->request != on_initialize) {
        snprintf(text, sizeof text, "the server is not initialized yet");
        code = LSP_NOT_INITIALIZED;
    } else if (s->shutdown) {
        snprintf(text, sizeof text, "the server is shutting down: only exit is expected");
    } else {
        request(s, m, id, params);
        return;
    }
    reject(s, id, code, text);
}

void bkp_lsp_message(BkpLsp *s, const char *body, size_t n)
{
    if (s->exited || s->failed)
        return;
    json_error_t err;
    json_t *msg = json_loadb(body, n, JSON_DECODE_ANY, &err);
    if (!msg) {
        char text[240];
        snprintf(text, sizeof text, "not JSON: %.180s (at byte %d)", err.text, err.position);
        reject(s, NULL, LSP_PARSE_ERROR, text);
        return;
    }
    if (!json_is_object(msg))
        reject(s, NULL, LSP_INVALID_REQUEST,
               json_is_array(msg) ? "batches are not supported" : "a message is a JSON object");
    else
        dispatch(s, msg);
    json_decref(msg);
}

/* ---- framing ------------------------------------------------------------------------------ */

/* One header line (without its line end): 0 and *len set for a good
 * Content-Length, 1 for another header, -1 for a malformed line. */
static int header_line(const char *p, size_t n, uint64_t *len, bool *have_len)
{
    const char *colon = memchr(p, ':', n);
    if (!colon || colon == p)
        return -1;
    size_t kn = (size_t)(colon - p);
    const char *v = colon + 1, *end = p + n;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    if (kn != 14 || strncasecmp(p, "Content-Length", 14) != 0)
        return 1;
    if (v == end || end - v > 19)
        return -1;
    uint64_t x = 0;
    for (; v < end; v++) {
        if (*v < '0' || *v > '9')
            return -1;
        x = x * 10 + (uint64_t)(*v - '0');
    }
    *len = x;
    *have_len = true;
    return 0;
}

/* The header block at s->buf[s->pos..]: false when it is not complete yet.
 * Otherwise consumed, with s->in_body set or an error sent. */
static bool read_header(BkpLsp *s)
{
    const char *p = s->buf + s->pos, *end = s->buf + s->len;
    uint64_t len = 0;
    bool have_len = false, bad = false;
    for (const char *line = p;;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        if (!nl) {
            if (end - p > HEADER_MAX) {      /* not a header: skip to its blank line */
                s->pos = s->len;
                if (!s->junk_header)
                    reject(s, NULL, LSP_PARSE_ERROR, "a header longer than 8192 bytes");
                s->junk_header = true;
            }
            return false;
        }
        size_t n = (size_t)(nl - line);
        if (n && line[n - 1] == '\r')
            n--;
        if (n == 0) {                         /* the blank line: the block's end */
            s->pos = (size_t)(nl + 1 - s->buf);
            break;
        }
        if (header_line(line, n, &len, &have_len) < 0)
            bad = true;
        line = nl + 1;
    }
    if (s->junk_header) {
        s->junk_header = false;
        return true;
    }
    if (bad || !have_len) {
        reject(s, NULL, LSP_PARSE_ERROR,
               bad ? "a malformed header (want Content-Length: N)" : "a header without Content-Length");
    } else if (len > BKP_LSP_MAX_MESSAGE) {
        char text[160];
        snprintf(text, sizeof text, "a message of %" PRIu64 " bytes, over the limit of %d: skipped", len,
                 BKP_LSP_MAX_MESSAGE);
        reject(s, NULL, LSP_INVALID_REQUEST, text);
        s->skip = len;
    } else {
        s->body = (size_t)len;
        s->in_body = true;
    }
    return true;
}

static bool append(BkpLsp *s, const char *bytes, size_t n)
{
    if (s->len + n > s->cap) {
        size_t cap = s->cap ? s->cap : 65536;
        while (cap < s->len + n)
            cap *= 2;
        char *b = realloc(s->buf, cap);
        if (!b)
            return false;
        s->buf = b;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, bytes, n);
    s->len += n;
    return true;
}

/* Moves what is not read to the buffer's start; gives back a big buffer. */
static void compact(BkpLsp *s)
{
    memmove(s->buf, s->buf + s->pos, s->len - s->pos);
    s->len -= s->pos;
    s->pos = 0;
    if (s->cap > BUF_KEEP && s->len < BUF_KEEP / 2) {
        char *b = realloc(s->buf, BUF_KEEP / 2);
        if (b) {
            s->buf = b;
            s->cap = BUF_KEEP / 2;
        }
    }
}

void bkp_lsp_feed(BkpLsp *s, const char *bytes, size_t n)
{
    while (n && !s->exited && !s->failed) {
        if (s->skip) {
            size_t k = s->skip < n ? (size_t)s->skip : n;
            s->skip -= k;
            bytes += k;
            n -= k;
            continue;
        }
        /* At most what completes the current body, so a message that asks
         * to skip bytes sees them before they are buffered. */
        size_t k = n;
        if (s->in_body && s->body > s->len - s->pos && k > s->body - (s->len - s->pos))
            k = s->body - (s->len - s->pos);
        if (!append(s, bytes, k)) {
            reject(s, NULL, LSP_INTERNAL_ERROR, "out of memory");
            s->failed = true;
            return;
        }
        bytes += k;
        n -= k;
        for (;;) {
            if (s->skip) {              /* of what is buffered already */
                size_t have = s->len - s->pos;
                size_t skip = have < s->skip ? have : (size_t)s->skip;
                s->pos += skip;
                s->skip -= skip;
                if (s->skip)
                    break;
                continue;
            }
            if (!s->in_body) {
                if (!read_header(s))
                    break;
                continue;
            }
            if (s->len - s->pos < s->body)
                break;
            s->in_body = false;
            size_t at = s->pos;
            s->pos += s->body;
            bkp_lsp_message(s, s->buf + at, s->body);
            if (s->exited || s->failed)
                break;
        }
        compact(s);
    }
}

/* ---- the server ----------------------------------------------------------------------------- */

BkpLsp *bkp_lsp_new(BkpLspWrite write, void *user)
{
    BkpLsp *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->write = write;
    s->user = user;
    return s;
}

void bkp_lsp_free(BkpLsp *s)
{
    if (!s)
        return;
    lsp_docs_free(s);
    if (s->tz)
        bkp_tz_free(s->tz);
    free(s->buf);
    free(s);
}

bool bkp_lsp_done(const BkpLsp *s, int *status)
{
    *status = s->shutdown && !s->failed ? 0 : 1;
    return s->exited || s->failed;
}

int bkp_lsp_eof(BkpLsp *s)
{
    int status;
    s->exited = true;
    bkp_lsp_done(s, &status);
    return status;
}
