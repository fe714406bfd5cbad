/* diag_int.h — what the JSON and SARIF renderers share (src/diag only). */
#ifndef BKPC_DIAG_INT_H
#define BKPC_DIAG_INT_H

#include <jansson.h>
#include <stdio.h>

#include "bkpc/diag.h"

/* A JSON string of s, which may hold bytes that are not UTF-8 (each becomes
 * U+FFFD); JSON null for NULL. NULL only when out of memory. */
json_t *dj_str(const char *s);
/* The same for the bytes of `span` in its source (at most to its end). */
json_t *dj_span_text(const BkpSource *src, BkpSpan span);
/* The URL of the page of `rule` (ruledoc.h), or JSON null when it has none. */
json_t *dj_help(const char *rule);
/* Adds `value` to `obj` under `key`, taking it over; on a NULL value (out of
 * memory) sets *ok false. */
void dj_set(json_t *obj, const char *key, json_t *value, int *ok);
/* `v` when ok, else NULL (and `v` released): the end of a builder that
 * used dj_set. */
json_t *dj_done(json_t *v, int ok);
/* Writes `v` with jansson's `flags` and a newline; 0 or -1. */
int dj_dump(const json_t *v, FILE *out, size_t flags);

#endif
