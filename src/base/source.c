/* source.c — source buffers and the lazily built line map. */
#define _XOPEN_SOURCE 700      /* realpath */
#define _DEFAULT_SOURCE 1      /* MADV_HUGEPAGE (Linux) */
#include "bkpc/source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "bkpc/utf8.h"

/* The UTF-16 code unit at b (2 bytes), big- or little-endian. */
static unsigned unit16(const unsigned char *b, bool be)
{
    return be ? (unsigned)b[0] << 8 | b[1] : (unsigned)b[1] << 8 | b[0];
}

/* s's text, UTF-16 after a byte-order mark of 2 bytes, decoded to UTF-8 in
 * a new buffer: an unpaired surrogate or an odd last byte becomes U+FFFD,
 * counted in s->bad16. -1 when memory runs out. */
static int decode_utf16(BkpSource *s, bool be)
{
    const unsigned char *b = (const unsigned char *)s->text + 2;
    size_t n = s->len - 2;
    char *out = malloc(n / 2 * 3 + 5);      /* a unit: at most 3 bytes; a pair: 4; two NULs */
    if (!out)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0xFFFD;
        bool bad = true;
        if (i + 1 < n) {
            unsigned u = unit16(b + i, be);
            i += 2;
            if (u < 0xD800 || u > 0xDFFF) {
                cp = u;
                bad = false;
            } else if (u <= 0xDBFF && i + 1 < n) {
                unsigned v = unit16(b + i, be);
                if (v >= 0xDC00 && v <= 0xDFFF) {
                    cp = 0x10000 + ((uint32_t)(u - 0xD800) << 10) + (v - 0xDC00);
                    bad = false;
                    i += 2;
                }
            }
        } else {
            i = n;                          /* an odd last byte */
        }
        if (bad && s->bad16++ == 0)
            s->bad16_off = (uint32_t)k;
        k += bkp_utf8_encode(cp, out + k);
    }
    out[k] = out[k + 1] = '\0';
    free(s->text);
    s->text = out;
    s->len = k;
    s->encoding = be ? BKP_ENC_UTF16BE : BKP_ENC_UTF16LE;
    return 0;
}

/* Decodes s's bytes by their byte-order mark (BkpEncoding). -1 when memory
 * runs out. */
static int decode(BkpSource *s)
{
    const unsigned char *b = (const unsigned char *)s->text;
    if (s->len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        memmove(s->text, s->text + 3, s->len - 3 + 2);
        s->len -= 3;
        s->encoding = BKP_ENC_UTF8_BOM;
        return 0;
    }
    if (s->len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return decode_utf16(s, b[0] == 0xFE);
    return 0;
}

/* A source named `name` over text[0..len), which it takes: text has room
 * for the two final NULs. NULL (errno ENOMEM, text freed) when text is NULL or
 * memory runs out. */
static BkpSource *adopt(const char *name, char *text, size_t len)
{
    BkpSource *s = text ? calloc(1, sizeof(*s)) : NULL;
    char *copy = s ? strdup(name) : NULL;
    if (!copy) {
        free(s);
        free(text);
        errno = ENOMEM;
        return NULL;
    }
    text[len] = text[len + 1] = '\0';
    s->name = copy;
    s->text = text;
    s->len = len;
    if (decode(s) != 0) {
        bkp_source_free(s);
        errno = ENOMEM;
        return NULL;
    }
    return s;
}

BkpSource *bkp_source_from_string(const char *name, const char *text, size_t len)
{
    char *copy = malloc(len + 2);
    if (copy)
        memcpy(copy, text, len);
    return adopt(name, copy, len);
}

/* A buffer for `cap` bytes of text. A large one is aligned on 2 MiB, and
 * the kernel asked to back its whole 2 MiB stretches with huge pages: the
 * file is then read into a few pages rather than one 4 KiB page at a time
 * (1,200 page faults for a 5 MB file); the rest has small pages, so the
 * memory it takes stays the file's size. Freed with free(). */
static char *text_buffer(size_t cap)
{
    const size_t huge = (size_t)2 << 20;
    void *b = NULL;
    if (cap < huge || posix_memalign(&b, huge, cap) != 0)
        return malloc(cap);
#ifdef MADV_HUGEPAGE
    madvise(b, cap / huge * huge, MADV_HUGEPAGE);
#endif
    return b;
}

BkpSource *bkp_source_read(const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return NULL;
    /* Read into a buffer that becomes the source's text (no second copy).
     * A regular file's size is known: too large is an error at once, and
     * otherwise the buffer is sized to it, with one spare byte so that the
     * end of the file is seen without growing. A pipe's buffer grows up to
     * one byte over the limit, enough to tell that the input is too large. */
    const size_t limit = (size_t)BKP_SOURCE_MAX + 3;    /* + 1 over, + the two NULs */
    size_t cap = 64 * 1024, len = 0;
    int err = 0;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0) {
        if ((uint64_t)st.st_size > BKP_SOURCE_MAX)
            err = EFBIG;
        else
            cap = (size_t)st.st_size + 3;
    }
    char *buf = err ? NULL : text_buffer(cap);
    if (!err && !buf)
        err = ENOMEM;
    while (!err) {
        if (cap - len <= 2) {           /* room for a byte and the two final NULs */
            if (cap >= limit) {
                err = EFBIG;
                break;
            }
            size_t ncap = cap > limit / 2 ? limit : cap * 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                err = ENOMEM;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        size_t want = cap - len - 2;
        size_t n = fread(buf + len, 1, want, f);
        len += n;
        if (n < want) {                 /* fread is short only at the end or on an error */
            if (ferror(f))
                err = errno ? errno : EIO;
            break;
        }
    }
    if (!is_stdin)
        fclose(f);
    if (!err && len > BKP_SOURCE_MAX)
        err = EFBIG;
    if (err) {
        free(buf);
        errno = err;
        return NULL;
    }
    return adopt(is_stdin ? "<stdin>" : path, buf, len);
}

void bkp_source_free(BkpSource *s)
{
    if (!s)
        return;
    free(s->name);
    free(s->text);
    free(s->lines);
    free(s->cols);
    free(s);
}

static _Noreturn void out_of_memory(void)
{
    fputs("bkpc: out of memory\n", stderr);
    abort();
}

static void build_lines(BkpSource *s)
{
    if (s->lines)
        return;
    const char *t = s->text, *end = s->text + s->len;
    uint32_t n = 1;
    for (const char *p = t; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        n++;
    s->lines = malloc(sizeof(uint32_t) * n);
    if (!s->lines)
        out_of_memory();
    uint32_t k = 0;
    s->lines[k++] = 0;
    for (const char *p = t; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        s->lines[k++] = (uint32_t)(p - t + 1);
    s->nlines = n;
}

/* The 0-based line that holds byte offset `off` (at most s->len). */
static uint32_t line_of(BkpSource *s, uint32_t off)
{
    build_lines(s);
    uint32_t lo = 0, hi = s->nlines;      /* last line start <= off */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (s->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Column checkpoints: for every COL_BLOCK bytes of the source, how many
 * characters and UTF-16 units come before the block. A column is then a
 * difference of two counts, each at most COL_BLOCK bytes from a checkpoint,
 * wherever the offset is on a line of any length. */
enum { COL_BLOCK = 256 };

typedef struct BkpColMark {
    uint32_t chars, units16;
} BkpColMark;

static void count_cols(const BkpSource *s, size_t from, size_t to, BkpColMark *c)
{
    uint32_t chars = c->chars, units16 = c->units16;
    for (size_t i = from; i < to; i++) {
        uint64_t w;             /* ASCII 8 bytes at a time: a character and a UTF-16 unit each */
        if (i + 8 <= to && (memcpy(&w, s->text + i, 8), !(w & 0x8080808080808080u))) {
            chars += 8;
            units16 += 8;
            i += 7;
            continue;
        }
        unsigned u = (unsigned char)s->text[i] < 0x80 ? 1 : bkp_utf8_units16(s->text + i, s->len - i);
        chars += u != 0;
        units16 += u;
    }
    c->chars = chars;
    c->units16 = units16;
}

static void build_cols(BkpSource *s)
{
    if (s->cols)
        return;
    size_t n = s->len / COL_BLOCK + 1;
    s->cols = malloc(sizeof(BkpColMark) * n);
    if (!s->cols)
        out_of_memory();
    BkpColMark c = {0, 0};
    for (size_t b = 0; b < n; b++) {
        s->cols[b] = c;
        size_t from = b * COL_BLOCK, to = from + COL_BLOCK < s->len ? from + COL_BLOCK : s->len;
        count_cols(s, from, to, &c);
    }
}

/* Characters and UTF-16 units before byte offset `off`. */
static BkpColMark cols_before(BkpSource *s, uint32_t off)
{
    build_cols(s);
    BkpColMark c = s->cols[off / COL_BLOCK];
    count_cols(s, off / COL_BLOCK * COL_BLOCK, off, &c);
    return c;
}

BkpPos bkp_source_pos(BkpSource *s, uint32_t off)
{
    if (off > s->len)
        off = (uint32_t)s->len;
    uint32_t line = line_of(s, off), start = s->lines[line];
    BkpColMark a = cols_before(s, start), b = cols_before(s, off);
    BkpPos p = {line + 1, b.chars - a.chars + 1, b.units16 - a.units16 + 1, off - start};
    return p;
}

void bkp_source_linecol(BkpSource *s, uint32_t off, uint32_t *line, uint32_t *col)
{
    BkpPos p = bkp_source_pos(s, off);
    *line = p.line;
    *col = p.col;
}

uint32_t bkp_source_offset16(BkpSource *s, uint32_t line, uint32_t col16)
{
    build_lines(s);
    if (line > s->nlines)
        return (uint32_t)s->len;
    size_t len;
    const char *text = bkp_source_line(s, line ? line : 1, &len);
    uint32_t at = 1;
    size_t i = 0;
    for (; i < len; i++) {
        unsigned u = bkp_utf8_units16(text + i, len - i);
        if (u && col16 < at + u)
            break;
        at += u;
    }
    return (uint32_t)(text - s->text + i);
}

const char *bkp_source_line(BkpSource *s, uint32_t line, size_t *len)
{
    build_lines(s);
    if (line == 0 || line > s->nlines) {
        *len = 0;
        return "";
    }
    uint32_t start = s->lines[line - 1];
    uint32_t end = line < s->nlines ? s->lines[line] - 1 : (uint32_t)s->len;
    if (end > start && s->text[end - 1] == '\r')
        end--;
    *len = end - start;
    return s->text + start;
}

const char *bkp_source_basename(const BkpSource *s)
{
    const char *base = strrchr(s->name, '/');
    return base ? base + 1 : s->name;
}

char *bkp_source_stem(const BkpSource *s)
{
    if (strcmp(s->name, "<stdin>") == 0)
        return strdup("stdin");
    const char *base = bkp_source_basename(s);
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    char *r = malloc(n + 1);
    if (r) {
        memcpy(r, base, n);
        r[n] = '\0';
    }
    return r;
}

/* `path` with `.` steps and `dir/..` pairs taken out, in place: "a/./b/../c"
 * -> "a/c", "../x" stays, "/.." -> "/". */
static void normalize(char *path)
{
    bool abs = path[0] == '/';
    char *out = path + abs, *seg = path + abs;
    size_t kept = 0;                    /* segments in out that `..` may remove */
    for (bool last = !*seg; !last;) {
        char *end = strchr(seg, '/');
        size_t n = end ? (size_t)(end - seg) : strlen(seg);
        last = !end;
        char *next = seg + n + !last;   /* read before out may write over it */
        if (n == 0 || (n == 1 && seg[0] == '.')) {
            /* nothing */
        } else if (n == 2 && seg[0] == '.' && seg[1] == '.' && (kept || abs)) {
            if (kept) {
                out--;                  /* the '/' after the last kept segment */
                while (out > path + abs && out[-1] != '/')
                    out--;
                kept--;
            }
        } else {
            memmove(out, seg, n);
            out += n;
            *out++ = '/';
            if (!(n == 2 && seg[0] == '.' && seg[1] == '.'))
                kept++;
        }
        seg = next;
    }
    if (out > path + abs)
        out--;                          /* the last '/' */
    if (out == path)
        *out++ = '.';
    *out = '\0';
}

char *bkp_source_resolve(const BkpSource *from, const char *path)
{
    const char *name = from ? from->name : "";
    const char *slash = strrchr(name, '/');
    size_t dl = path[0] == '/' || !slash || strcmp(name, "<stdin>") == 0 ? 0 : (size_t)(slash - name) + 1;
    size_t n = dl + strlen(path);
    char *r = malloc(n + 3);
    if (!r)
        return NULL;
    memcpy(r, name, dl);
    strcpy(r + dl, path);
    normalize(r);
    if (strcmp(r, "-") == 0)            /* a file named `-`, not standard input */
        strcpy(r, "./-");
    return r;
}

char *bkp_path_identity(const char *path)
{
    char *real = realpath(path, NULL);
    if (real)
        return real;
    char *r = malloc(strlen(path) + 2);
    if (r) {
        strcpy(r, path);
        normalize(r);
    }
    return r;
}
