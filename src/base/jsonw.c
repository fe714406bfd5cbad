/* jsonw.c — see jsonw.h. */
#include "bkpc/jsonw.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/textwrap.h"

/* A file's chunk: what is written to it at a time. */
#define CHUNK 65536

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

/* The separator before a value or a key, the line break and the indent:
 * ",\n" and two spaces a level, copied from `lead` in one go up to
 * LEAD_DEPTH levels. */
#define LEAD_DEPTH 31
#define LEAD_COPY (2 + 2 * LEAD_DEPTH)
#define LEAD_TEXT ",\n                                                              "
static const char lead[] = LEAD_TEXT;
_Static_assert(sizeof lead == LEAD_COPY + 1, "lead: a comma, a line break, 2 * LEAD_DEPTH spaces");

/* What item_at may write at most. */
static inline size_t item_room(const JsonW *w)
{
    return w->depth <= LEAD_DEPTH ? LEAD_COPY : 2 + 2 * (size_t)w->depth;
}

/* The separator before a value or a key at p (item_room(w) bytes free);
 * returns its end. */
static inline char *item_at(JsonW *w, char *p)
{
    if (w->after_key) {
        w->after_key = false;
        return p;
    }
    if (w->depth > 0) {
        bool comma = !w->first;
        if (w->flags & JW_COMPACT) {
            *p = ',';
            p += comma;
        } else if (w->depth <= LEAD_DEPTH) {
            memcpy(p, lead + !comma, LEAD_COPY);   /* a fixed size: no call */
            p += comma + 1 + 2 * (size_t)w->depth;
        } else {
            if (comma)
                *p++ = ',';
            *p++ = '\n';
            memset(p, ' ', 2 * (size_t)w->depth);
            p += 2 * (size_t)w->depth;
        }
    }
    w->first = false;
    return p;
}

/* Before a value or a key: the separator and the line break. */
static void item(JsonW *w)
{
    char *p = room(w, item_room(w));
    if (p)
        jw_wrote(w, item_at(w, p));
}

/* The end of a container: the line break and the indent (unless it is
 * empty), and c. */
static void finish(JsonW *w, char c)
{
    w->depth--;
    char *p = room(w, item_room(w) + 1);
    if (p) {
        if (!w->first && !(w->flags & JW_COMPACT)) {
            if (w->depth <= LEAD_DEPTH) {
                memcpy(p, lead + 1, LEAD_COPY);
            } else {
                p[0] = '\n';
                memset(p + 1, ' ', 2 * (size_t)w->depth);
            }
            p += 1 + 2 * (size_t)w->depth;
        }
        *p++ = c;
        jw_wrote(w, p);
    }
    w->first = false;
}

/* jw_member, any case. */
static __attribute__((noinline)) char *member(JsonW *w, const JwLit *k, size_t n)
{
    char *p = room(w, item_room(w) + sizeof k->text + n);
    if (!p)
        return NULL;
    p = item_at(w, p);
    if (k) {
        memcpy(p, k->text, sizeof k->text);   /* a fixed size: no call */
        p += k->len - (w->flags & JW_COMPACT ? 1 : 0);
    }
    return p;
}

char *jw_member(JsonW *w, const JwLit *k, size_t n)
{
    /* The usual case in a few instructions: indented, not after a key,
     * inside a container no deeper than the lead's indent, with room. */
    size_t depth = (size_t)w->depth;
    if (depth - 1 >= LEAD_DEPTH || (w->flags & JW_COMPACT) || w->after_key || w->failed ||
        w->len + LEAD_COPY + sizeof k->text + n > w->cap)
        return member(w, k, n);
    char *p = w->data + w->len;
    memcpy(p, lead + w->first, LEAD_COPY);
    p += 1 + !w->first + 2 * depth;
    w->first = false;
    if (k) {
        memcpy(p, k->text, sizeof k->text);
        p += k->len;
    }
    return p;
}

void jw_key_lit(JsonW *w, const JwLit *k)
{
    char *p = jw_member(w, k, 0);
    if (p)
        jw_wrote(w, p);
    w->after_key = true;
}

void jw_lit(JsonW *w, const JwLit *s)
{
    char *p = jw_member(w, NULL, sizeof s->text);
    if (p) {
        memcpy(p, s->text, sizeof s->text);
        jw_wrote(w, p + s->len);
    }
}

/* k (NULL: none), then c, one level deeper. */
static void begin(JsonW *w, const JwLit *k, char c)
{
    char *p = jw_member(w, k, 1);
    if (p) {
        *p++ = c;
        jw_wrote(w, p);
    }
    w->depth++;
    w->first = true;
}

void jw_obj(JsonW *w) { begin(w, NULL, '{'); }
void jw_arr(JsonW *w) { begin(w, NULL, '['); }
void jw_key_obj(JsonW *w, const JwLit *k) { begin(w, k, '{'); }
void jw_key_arr(JsonW *w, const JwLit *k) { begin(w, k, '['); }
void jw_end_obj(JsonW *w) { finish(w, '}'); }
void jw_end_arr(JsonW *w) { finish(w, ']'); }

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

/* How many bytes of s stand as they are, up to the first that needs an
 * escape (stop: ESCAPE, or ESCAPE | ASCII_ONLY) or its end. */
static inline size_t plain_len(const char *s, unsigned stop)
{
    size_t len = 0;
    while (!(needs[(unsigned char)s[len]] & stop))
        len++;
    return len;
}

void jw_key(JsonW *w, const char *k)
{
    size_t len = plain_len(k, ESCAPE | ASCII_ONLY);
    char *o;
    if (!k[len] && len <= CHUNK && (o = room(w, item_room(w) + len + 4)) != NULL) {   /* the usual case */
        o = item_at(w, o);
        o[0] = '"';
        memcpy(o + 1, k, len);
        o += 1 + len;
        o[0] = '"';
        o[1] = ':';
        o[2] = ' ';
        jw_wrote(w, o + (w->flags & JW_COMPACT ? 2 : 3));
    } else {
        item(w);
        string(w, k);
        jw_raw(w, ": ", w->flags & JW_COMPACT ? 1 : 2);
    }
    w->after_key = true;
}

void jw_str(JsonW *w, const char *s)
{
    size_t len = plain_len(s, w->flags & JW_UTF8 ? ESCAPE : ESCAPE | ASCII_ONLY);
    char *o;
    if (!s[len] && len <= CHUNK && (o = jw_member(w, NULL, len + 2)) != NULL) {   /* the usual case */
        o[0] = '"';
        memcpy(o + 1, s, len);
        o[len + 1] = '"';
        jw_wrote(w, o + len + 2);
        return;
    }
    item(w);
    string(w, s);
}

/* A value written as it is: at most 24 bytes. */
static void word(JsonW *w, const char *s, size_t n)
{
    char *p = jw_member(w, NULL, 24);
    if (p) {
        memcpy(p, s, n);
        jw_wrote(w, p + n);
    }
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
    word(w, p, (size_t)(e - p));
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
    word(w, v ? "true" : "false", v ? 4 : 5);
}

void jw_null(JsonW *w)
{
    word(w, "null", 4);
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
