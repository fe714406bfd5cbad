/* source.h — a source buffer, its lazily built line map (jq's locfile) and
 * positions.
 *
 * Locations are byte offsets [off, end) into the buffer; line and columns
 * are computed only when a diagnostic is rendered (bkp_source_pos).
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

/* How the bytes of a source were encoded (bkp_source_read decodes them):
 * the text is UTF-8 in every case. A leading UTF-8 byte-order mark is
 * dropped; UTF-16 with a byte-order mark (what Windows PowerShell 5.1's `>`
 * writes) is decoded to UTF-8, its unpaired surrogates (and an odd last
 * byte) becoming U+FFFD and counted in `bad16`. Anything else is taken as
 * UTF-8; bytes that are not are the scanner's to report (once per file). */
typedef enum BkpEncoding {
    BKP_ENC_UTF8,          /* no byte-order mark */
    BKP_ENC_UTF8_BOM,      /* EF BB BF, dropped */
    BKP_ENC_UTF16LE,       /* FF FE */
    BKP_ENC_UTF16BE,       /* FE FF */
} BkpEncoding;

typedef struct BkpSource {
    char *name;            /* as shown in diagnostics: the path, or "<stdin>" */
    char *text;            /* UTF-8 (decoded; may contain NULs), followed by two NULs:
                              text[len] and text[len + 1] (the scanner reads the
                              text in place, and flex wants two at its end) */
    size_t len;
    BkpEncoding encoding;  /* of the bytes read */
    uint32_t bad16;        /* UTF-16: code units that were not UTF-16 (now U+FFFD) */
    uint32_t bad16_off;    /* ... the first one's offset in `text` */
    uint32_t *lines;       /* offsets of line starts, built on first use */
    uint32_t nlines;
    struct BkpColMark *cols;   /* column checkpoints, built on first use (source.c) */
} BkpSource;

/* The largest source read: 64 MiB. */
enum { BKP_SOURCE_MAX = 64 * 1024 * 1024 };

/* Reads a whole file ("-" = stdin) and decodes it (BkpEncoding). Returns
 * NULL and sets errno on failure, or when the file is over BKP_SOURCE_MAX
 * bytes (EFBIG). bkp_source_from_string decodes the same way. */
BkpSource *bkp_source_read(const char *path);
BkpSource *bkp_source_from_string(const char *name, const char *text, size_t len);
void bkp_source_free(BkpSource *src);

/* Where a byte offset is, in the units each consumer of diagnostics wants:
 * the text output prints line:col; the Language Server Protocol wants
 * line - 1 and col16 - 1 (its default position encoding is UTF-16); SARIF
 * wants line and col16 (columnKind "utf16CodeUnits") or col
 * ("unicodeCodePoints").
 *
 * Columns count characters: a UTF-8 continuation byte does not count, any
 * other byte does (so a byte that is not UTF-8 counts as one character; an
 * offset inside a character is taken as the one after it). In col16 a well-formed 4-byte sequence (outside the BMP) counts two.
 * An offset past the end is the end. */
typedef struct BkpPos {
    uint32_t line;         /* 1-based */
    uint32_t col;          /* 1-based, in characters (code points) */
    uint32_t col16;        /* 1-based, in UTF-16 code units */
    uint32_t byte;         /* the offset within its line, in bytes (0-based) */
} BkpPos;

/* The position of byte offset `off`. It costs the same wherever `off` is on
 * its line (no scan from the line's start): rendering N diagnostics is linear
 * in N however long their line is. */
BkpPos bkp_source_pos(BkpSource *src, uint32_t off);
/* The byte offset of 1-based line `line`, 1-based UTF-16 column `col16` (an
 * editor's position): a column inside a character gives the character's
 * start, a column past the line's end gives its end (before the newline); a
 * line past the last gives the end of the source. */
uint32_t bkp_source_offset16(BkpSource *src, uint32_t line, uint32_t col16);
/* Line and column of bkp_source_pos. */
void bkp_source_linecol(BkpSource *src, uint32_t off, uint32_t *line, uint32_t *col);
/* The bytes of 1-based line `line`, without its newline. */
const char *bkp_source_line(BkpSource *src, uint32_t line, size_t *len);

/* The policy name a file of bare clauses gets: its base name without the
 * extension ("dir/prod-vms.bkp" -> "prod-vms"; "<stdin>" -> "stdin"). */
char *bkp_source_stem(const BkpSource *src);
/* The file name without its directories (points into src->name). */
const char *bkp_source_basename(const BkpSource *src);

/* The path that `path`, written in file `from` (a `use`), names: itself when
 * absolute, else relative to the directory of `from` (the current directory
 * for standard input), with `.` and `dir/..` steps taken out
 * ("teams/app.bkp" + "../lib/gold.bkp" -> "lib/gold.bkp"). malloc'd; NULL
 * when out of memory. */
char *bkp_source_resolve(const BkpSource *from, const char *path);
/* What tells two names of one file apart: the file's real path (symbolic
 * links followed), or, for a file that is not there, `path` with `.` and
 * `dir/..` taken out. malloc'd; NULL when out of memory. */
char *bkp_path_identity(const char *path);

#endif
