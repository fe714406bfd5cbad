/* jsonw.h — a small streaming JSON writer.
 *
 * The REST backend writes 20,000 bodies in a fraction of the time jansson's
 * build-a-tree-then-dump takes (bench/README.md), so bodies are written
 * straight to a buffer. The layout is byte for byte jansson's JSON_INDENT(2)
 * | JSON_ENSURE_ASCII, and bkp_rest_body() reads the text back with jansson,
 * so the text and the tree cannot disagree.
 */
#ifndef BKPC_JSONW_H
#define BKPC_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct JsonW {
    char *data;
    size_t len, cap;
    int depth;
    bool first;          /* no member written yet at this depth */
    bool after_key;      /* a key was written: the value follows on its line */
    bool failed;         /* out of memory */
} JsonW;

void jw_init(JsonW *w);
void jw_free(JsonW *w);
void jw_obj(JsonW *w);               /* { */
void jw_arr(JsonW *w);               /* [ */
void jw_end_obj(JsonW *w);           /* } */
void jw_end_arr(JsonW *w);           /* ] */
void jw_key(JsonW *w, const char *k);
void jw_str(JsonW *w, const char *s);
void jw_int(JsonW *w, int64_t v);
void jw_bool(JsonW *w, bool v);
void jw_raw(JsonW *w, const char *s, size_t n);   /* bytes as they are */

#endif
