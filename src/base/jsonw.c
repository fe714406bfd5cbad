/* jsonw.c — see jsonw.h. */
#include "bkpc/jsonw.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/textwrap.h"

/* A file's chunk: what is written to it at a time. */
#define CHUNK 16384

void jw_init(JsonW *w)
{
    memset(w, 0, sizeof *w);
    w->first = true;
}

void jw_init_file(JsonW *w, FILE *f, unsigned flags)
{
    jw_init(w);
    w->out = f;
    w->flags = flags;
}

void jw_free(JsonW *w)
{
    free(w->data);
    jw_init(w);
}

/* File: writes the buffered text. */
static void flush(JsonW *w)
{
    if (w->len && !w->failed && fwrite(w->data, 1, w->len, w->out) != w->len)
        w->failed = true;
    w->len = 0;
}

int jw_finish(JsonW *w)
{
    if (w->out) {
        flush(w);
        if (fflush(w->out) != 0 || ferror(w->out))
            w->failed = true;
    }
    bool failed = w->failed;
    jw_free(w);
    return failed ? -1 : 0;
}

/* Room for n more bytes at w->data + w->len (a file's buffer written out
 * first when it would pass its chunk), or NULL when w has failed. */
static char *room_slow(JsonW *w, size_t n)
{
    if (w->failed)
        return NULL;
    if (w->out && w->len + n > CHUNK)
        flush(w);
    if (w->len + n > w->cap) {
        size_t cap = w->cap ? w->cap : w->out ? CHUNK : 8192;
        while (cap < w->len + n)
            cap *= 2;
        char *d = realloc(w->data, cap);
        if (!d) {
            w->failed = true;
            return NULL;
        }
        w->data = d;
        w->cap = cap;
    }
    return w->failed ? NULL : w->data + w->len;
}

/* One capacity check per token: callers write up to n bytes at the
 * pointer and add what they wrote to w->len. */
static inline char *room(JsonW *w, size_t n)
{
    return w->len + n <= w->cap && !w->failed ? w->data + w->len : room_slow(w, n);
}

void jw_raw(JsonW *w, const char *s, size_t n)
{
    if (w->out && n > CHUNK && !w->failed) {    /* a long string: as it is */
        flush(w);
        if (!w->failed && fwrite(s, 1, n, w->out) != n)
            w->failed = true;
        return;
    }
    char *p = room(w, n);
    if (!p)
        return;
    memcpy(p, s, n);
    w->len += n;
}

static void put(JsonW *w, const char *s) { jw_raw(w, s, strlen(s)); }

static void newline(JsonW *w)
{
    if (w->flags & JW_COMPACT)
        return;
    size_t n = 1 + 2 * (size_t)w->depth;
    char *p = room(w, n);
    if (!p)
        return;
    p[0] = '\n';
    memset(p + 1, ' ', n - 1);
    w->len += n;
}

/* Before a value or a key: the separator and the line break. */
static void item(JsonW *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth > 0) {
        /* the comma, the line break and the indent in one go */
        bool comma = !w->first, lines = !(w->flags & JW_COMPACT);
        size_t n = comma + (lines ? 1 + 2 * (size_t)w->depth : 0);
        char *p = room(w, n + 16);
        if (p) {
            static const char spaces[16] = "                ";
            if (comma)
                *p++ = ',';
            if (lines) {
                *p++ = '\n';
                /* 16 spaces at a time (room for the last 16 was asked) */
                for (size_t i = 0; i < n - comma - 1; i += 16)
                    memcpy(p + i, spaces, 16);
            }
            w->len += n;
        }
    }
    w->first = false;
}

static void begin(JsonW *w, const char *c)
{
    item(w);
    put(w, c);
    w->depth++;
    w->first = true;
}

static void finish(JsonW *w, const char *c)
{
    w->depth--;
    if (!w->first)
        newline(w);
    put(w, c);
    w->first = false;
}

void jw_obj(JsonW *w) { begin(w, "{"); }
void jw_arr(JsonW *w) { begin(w, "["); }
void jw_end_obj(JsonW *w) { finish(w, "}"); }
void jw_end_arr(JsonW *w) { finish(w, "]"); }

/* What a byte of a string needs: 0 nothing, ESCAPE always (control
 * characters, `"`, `\`, and the NUL that ends the string), ASCII_ONLY
 * unless JW_UTF8 (bytes of non-ASCII characters). */
enum { ESCAPE = 1, ASCII_ONLY = 2 };
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
static const unsigned char needs[256] = {
    R16(ESCAPE), R16(ESCAPE),
    ['"'] = ESCAPE, ['\\'] = ESCAPE,
    [0x80] = R16(ASCII_ONLY), R16(ASCII_ONLY), R16(ASCII_ONLY), R16(ASCII_ONLY),
    R16(ASCII_ONLY), R16(ASCII_ONLY), R16(ASCII_ONLY), R16(ASCII_ONLY),
};
#undef R16

/* Whether byte c stands as it is in a JSON string (utf8: non-ASCII too). */
static inline bool plain(unsigned char c, bool utf8)
{
    return !(needs[c] & (utf8 ? ESCAPE : ESCAPE | ASCII_ONLY));
}

static void string(JsonW *w, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";   /* upper case, as jansson */
    bool utf8 = w->flags & JW_UTF8;
    unsigned stop = utf8 ? ESCAPE : ESCAPE | ASCII_ONLY;
    size_t len = 0;
    while (!(needs[(unsigned char)s[len]] & stop))
        len++;
    if (!s[len] && len <= CHUNK) {                   /* nothing to escape: the usual case */
        char *o = room(w, len + 2);
        if (o) {
            o[0] = '"';
            memcpy(o + 1, s, len);
            o[len + 1] = '"';
            w->len += len + 2;
        }
        return;
    }
    jw_raw(w, "\"", 1);
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        const unsigned char *run = p;
        while (plain(*p, utf8))
            p++;
        jw_raw(w, (const char *)run, (size_t)(p - run));
        if (!*p)
            break;
        char esc[16];
        unsigned c = *p;
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            jw_raw(w, esc, 2);
            p++;
            continue;
        }
        if (c < 0x20) {
            const char *named = c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r"
                              : c == '\b' ? "\\b" : c == '\f' ? "\\f" : NULL;
            if (named) {
                put(w, named);
            } else {
                snprintf(esc, sizeof esc, "\\u%04X", c);
                put(w, esc);
            }
            p++;
            continue;
        }
        /* UTF-8 (the scanner accepts only valid UTF-8) -> \uXXXX, with a
         * surrogate pair above U+FFFF, as jansson's JSON_ENSURE_ASCII does. */
        int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
        uint32_t cp = c & (0x3F >> n);
        for (int k = 1; k <= n && p[k]; k++)
            cp = cp << 6 | (p[k] & 0x3F);
        p += n + 1;
        uint32_t units[2] = {cp, 0};
        int nu = 1;
        if (cp > 0xFFFF) {
            cp -= 0x10000;
            units[0] = 0xD800 | (cp >> 10);
            units[1] = 0xDC00 | (cp & 0x3FF);
            nu = 2;
        }
        for (int k = 0; k < nu; k++) {
            esc[0] = '\\';
            esc[1] = 'u';
            for (int d = 0; d < 4; d++)
                esc[2 + d] = hex[units[k] >> (12 - 4 * d) & 0xF];
            jw_raw(w, esc, 6);
        }
    }
    jw_raw(w, "\"", 1);
}

void jw_key(JsonW *w, const char *k)
{
    item(w);
    size_t len = 0;
    while (!(needs[(unsigned char)k[len]] & (ESCAPE | ASCII_ONLY)))
        len++;
    size_t sep = w->flags & JW_COMPACT ? 1 : 2;
    char *o;
    if (!k[len] && len <= CHUNK && (o = room(w, len + 4)) != NULL) {   /* a plain key: the usual case */
        o[0] = '"';
        memcpy(o + 1, k, len);
        o += 1 + len;
        o[0] = '"';
        o[1] = ':';
        o[2] = ' ';                 /* not counted when compact */
        w->len += len + 2 + sep;
    } else {
        string(w, k);
        jw_raw(w, ": ", sep);
    }
    w->after_key = true;
}

void jw_str(JsonW *w, const char *s)
{
    item(w);
    string(w, s);
}

void jw_int(JsonW *w, int64_t v)
{
    char buf[24];
    char *e = buf + sizeof buf, *p = e;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do
        *--p = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0)
        *--p = '-';
    item(w);
    jw_raw(w, p, (size_t)(e - p));
}

void jw_real(JsonW *w, double v, int decimals)
{
    if (!isfinite(v)) {
        jw_null(w);
        return;
    }
    char buf[BKP_REAL_MAX];
    bkp_fmt_real(v, decimals, buf, sizeof buf);
    item(w);
    put(w, buf);
}

void jw_bool(JsonW *w, bool v)
{
    item(w);
    put(w, v ? "true" : "false");
}

void jw_null(JsonW *w)
{
    item(w);
    put(w, "null");
}

void jw_names(JsonW *w, uint64_t set, int count, JwName name, const void *ctx)
{
    jw_arr(w);
    for (int i = 0; i < count && i < 64; i++)
        if (set >> i & 1)
            jw_str(w, name(i, ctx));
    jw_end_arr(w);
}

void jw_key_str(JsonW *w, const char *k, const char *s)
{
    jw_key(w, k);
    if (s)
        jw_str(w, s);
    else
        jw_null(w);
}

void jw_key_int(JsonW *w, const char *k, int64_t v)
{
    jw_key(w, k);
    jw_int(w, v);
}

void jw_key_bool(JsonW *w, const char *k, bool v)
{
    jw_key(w, k);
    jw_bool(w, v);
}

void jw_key_real(JsonW *w, const char *k, double v, int decimals)
{
    jw_key(w, k);
    jw_real(w, v, decimals);
}
