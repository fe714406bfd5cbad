/* jsonw.h — a small streaming JSON writer: every JSON bkpc writes.
 *
 * The REST backend writes 20,000 bodies in a fraction of the time jansson's
 * build-a-tree-then-dump takes (bench/README.md), so bodies are written
 * straight to a buffer, and bkp_rest_body() reads the text back with
 * jansson, so the text and the tree cannot disagree. The interpreter's
 * documents (explain, next, simulate) are streamed to a FILE in chunks:
 * memory does not grow with the document.
 *
 * The layout is byte for byte jansson's JSON_INDENT(2) (keys in the order
 * written): with JSON_ENSURE_ASCII by default, or with non-ASCII text as it
 * is (JW_UTF8, jansson without JSON_ENSURE_ASCII).
 */
#ifndef BKPC_JSONW_H
#define BKPC_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum {
    JW_UTF8 = 1u << 0,   /* non-ASCII characters as they are, not \uXXXX */
    JW_COMPACT = 1u << 1,   /* no line breaks nor indent: jansson's JSON_COMPACT */
};

typedef struct JsonW {
    char *data;          /* the text (memory), or what is not written yet (file) */
    size_t len, cap;
    FILE *out;           /* NULL: the whole text stays in data */
    unsigned flags;      /* JW_* */
    int depth;
    bool first;          /* no member written yet at this depth */
    bool after_key;      /* a key was written: the value follows on its line */
    bool failed;         /* out of memory, or a write to `out` failed */
} JsonW;

/* To memory: the text is in w->data[0..w->len) (ASCII only unless
 * w->flags, set after jw_init, says JW_UTF8). */
void jw_init(JsonW *w);
/* To f, in chunks of 64 KiB: call jw_finish at the end. */
void jw_init_file(JsonW *w, FILE *f, unsigned flags);
/* Writes what is buffered (file, then fflush) and frees the buffer. 0, or
 * -1 if w failed (out of memory, or a write error). */
int jw_finish(JsonW *w);
void jw_free(JsonW *w);

void jw_obj(JsonW *w);               /* { */
void jw_arr(JsonW *w);               /* [ */
void jw_end_obj(JsonW *w);           /* } */
void jw_end_arr(JsonW *w);           /* ] */
void jw_key(JsonW *w, const char *k);
void jw_str(JsonW *w, const char *s);
void jw_int(JsonW *w, int64_t v);
/* A real number with `decimals` decimals (0 to 9), trailing zeros dropped
 * (12.5, 0.0448, 3); not finite: null. */
void jw_real(JsonW *w, double v, int decimals);
void jw_bool(JsonW *w, bool v);
void jw_null(JsonW *w);
void jw_raw(JsonW *w, const char *s, size_t n);   /* bytes as they are */
/* A member of an object: its key, then its value (a NULL string: null). */
void jw_key_str(JsonW *w, const char *k, const char *s);
void jw_key_int(JsonW *w, const char *k, int64_t v);
void jw_key_bool(JsonW *w, const char *k, bool v);
void jw_key_real(JsonW *w, const char *k, double v, int decimals);
/* An array of names: name(i, ctx) for each member i (bit i) of `set`,
 * i < count, in order ("days": ["Sunday", "Wednesday"]). */
typedef const char *(*JwName)(int i, const void *ctx);
void jw_names(JsonW *w, uint64_t set, int count, JwName name, const void *ctx);

/* --- the fast path: what the interpreter writes hundreds of thousands of -------- */

/* A key or a string value known when bkpc is compiled, escaped then:
 * JW_KEY("local") is the text `"local": `, JW_STR("snapshot") the text
 * `"snapshot"`, each written with one copy of a fixed size. Only for
 * ASCII text with nothing to escape, of at most 27 characters (a longer
 * one does not compile). */
typedef struct JwLit {
    char text[32];
    unsigned char len;
} JwLit;
#define JW_KEY(k) {"\"" k "\": ", (unsigned char)(sizeof "\"" k "\": " - 1)}
#define JW_STR(s) {"\"" s "\"", (unsigned char)(sizeof "\"" s "\"" - 1)}

void jw_lit(JsonW *w, const JwLit *s);          /* a JW_STR value */
void jw_key_lit(JsonW *w, const JwLit *k);      /* a JW_KEY key */
/* A member written in place: the separator and the key k (a JW_KEY; NULL:
 * an array's value, no key), then room for up to n bytes of its value,
 * which the caller writes at the pointer returned and ends with
 * jw_wrote(w, end). NULL when w has failed (write nothing). */
char *jw_member(JsonW *w, const JwLit *k, size_t n);
static inline void jw_wrote(JsonW *w, char *end) { w->len = (size_t)(end - w->data); }
/* A member that opens an object or an array: k, then { or [. */
void jw_key_obj(JsonW *w, const JwLit *k);
void jw_key_arr(JsonW *w, const JwLit *k);

#endif
