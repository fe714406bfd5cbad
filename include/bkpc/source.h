/* source.h — a source buffer and its lazily built line map (jq's locfile).
 *
 * Locations are byte offsets [off, end) into the buffer; line and column are
 * computed only when a diagnostic is printed.
 */
#ifndef BKPC_SOURCE_H
#define BKPC_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct BkpSpan {
    uint32_t off, end;     /* byte offsets, end exclusive; off == end for a point */
} BkpSpan;

static inline BkpSpan bkp_span(uint32_t off, uint32_t end) { BkpSpan s = {off, end}; return s; }
static inline BkpSpan bkp_span_join(BkpSpan a, BkpSpan b)
{
    BkpSpan s = {a.off < b.off ? a.off : b.off, a.end > b.end ? a.end : b.end};
    return s;
}

typedef struct BkpSource {
    char *name;            /* as shown in diagnostics: the path, or "<stdin>" */
    char *text;            /* NUL-terminated copy of the bytes (may contain NULs) */
    size_t len;
    uint32_t *lines;       /* offsets of line starts, built on first use */
    uint32_t nlines;
} BkpSource;

/* The largest source read: 64 MiB. */
enum { BKP_SOURCE_MAX = 64 * 1024 * 1024 };

/* Reads a whole file ("-" = stdin). Returns NULL and sets errno on failure,
 * or when the file is over BKP_SOURCE_MAX bytes (EFBIG). */
BkpSource *bkp_source_read(const char *path);
BkpSource *bkp_source_from_string(const char *name, const char *text, size_t len);
void bkp_source_free(BkpSource *src);

/* 1-based line and column (column in characters: UTF-8 continuation bytes
 * do not count) of a byte offset. */
void bkp_source_linecol(BkpSource *src, uint32_t off, uint32_t *line, uint32_t *col);
/* The bytes of 1-based line `line`, without its newline. */
const char *bkp_source_line(BkpSource *src, uint32_t line, size_t *len);

/* The policy name a file of bare clauses gets: its base name without the
 * extension ("dir/prod-vms.bkp" -> "prod-vms"; "<stdin>" -> "stdin"). */
char *bkp_source_stem(const BkpSource *src);
/* The file name without its directories (points into src->name). */
const char *bkp_source_basename(const BkpSource *src);

#endif
