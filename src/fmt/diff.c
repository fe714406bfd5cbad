/* diff.c — the differences of two texts, line by line, and their unified
 * diff (see include/bkpc/fmt.h): what `bkpc fmt --diff` prints, and the
 * line edits an editor applies.
 *
 * Myers' O(ND) algorithm in linear space: the common first and last lines
 * are set aside, then the "middle snake" found by searching from both ends
 * at once splits the rest in two, recursively (the bisection of Google's
 * diff-match-patch). The work of one bisection is bounded: past it, what
 * remains is one change, so a diff of two unrelated large texts stays fast
 * (and correct, if not the shortest).
 */
#include "bkpc/fmt.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct Line {
    const char *p;
    size_t n;                       /* with its newline, if it has one */
    uint32_t hash;
} Line;

typedef struct Diff {
    Line *a, *b;
    BkpLineEdit *edits;
    size_t nedits, cap;
    int err;
} Diff;

/* Roughly the comparisons one bisection may make before it gives up. */
enum { DIFF_WORK = 1 << 25, DIFF_MIN_D = 64 };

static uint32_t hash_line(const char *p, size_t n)
{
    uint32_t h = 2166136261u;       /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

/* The lines of s[0..n); *count of them. */
static Line *split_lines(const char *s, size_t n, uint32_t *count, int *err)
{
    size_t lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += s[i] == '\n';
    lines += n > 0 && s[n - 1] != '\n';
    if (lines >= UINT32_MAX) {
        *err = EFBIG;
        return NULL;
    }
    Line *v = malloc((lines ? lines : 1) * sizeof *v);
    if (!v) {
        *err = ENOMEM;
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; k++) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t len = nl ? (size_t)(nl - (s + i)) + 1 : n - i;
        v[k] = (Line){s + i, len, hash_line(s + i, len)};
        i += len;
    }
    *count = (uint32_t)lines;
    return v;
}

static bool same(const Diff *D, int64_t i, int64_t j)
{
    const Line *x = &D->a[i], *y = &D->b[j];
    return x->hash == y->hash && x->n == y->n && memcmp(x->p, y->p, x->n) == 0;
}

/* Lines a[a0..a1) become b[b0..b1): joined to the last change when it ends there. */
static void change(Diff *D, int64_t a0, int64_t a1, int64_t b0, int64_t b1)
{
    BkpLineEdit *last = D->nedits ? &D->edits[D->nedits - 1] : NULL;
    if (last && last->old_line + last->old_n == a0 && last->new_line + last->new_n == b0) {
        last->old_n += (uint32_t)(a1 - a0);
        last->new_n += (uint32_t)(b1 - b0);
        return;
    }
    if (D->nedits == D->cap) {
        size_t cap = D->cap ? D->cap * 2 : 16;
        BkpLineEdit *e = realloc(D->edits, cap * sizeof *e);
        if (!e) {
            D->err = ENOMEM;
            return;
        }
        D->edits = e;
        D->cap = cap;
    }
    D->edits[D->nedits++] = (BkpLineEdit){(uint32_t)a0, (uint32_t)(a1 - a0), (uint32_t)b0,
                                          (uint32_t)(b1 - b0)};
}

/* A range of both texts: a[a0..a1) and b[b0..b1). */
typedef struct Range {
    int64_t a0, a1, b0, b1;
} Range;

/* One step of the search from the front (rev false) or the back: the
 * furthest x on diagonal k after d changes, from v (indexed k + off). */
static int64_t extend(const Diff *D, const Range *r, const int64_t *v, int64_t off, int64_t k,
                      int64_t d, bool rev)
{
    int64_t n = r->a1 - r->a0, m = r->b1 - r->b0;
    int64_t x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1]
                                                                          : v[off + k - 1] + 1;
    int64_t y = x - k;
    if (rev)
        while (x < n && y < m && same(D, r->a1 - x - 1, r->b1 - y - 1))
            x++, y++;
    else
        while (x < n && y < m && same(D, r->a0 + x, r->b0 + y))
            x++, y++;
    return x;
}

/* Where a shortest edit path of r crosses its middle, as offsets into r
 * (*x, *y); false when none was found within the work allowed. Both ends of
 * r differ (the common lines were set aside). */
static bool bisect(Diff *D, const Range *r, int64_t *px, int64_t *py)
{
    int64_t n = r->a1 - r->a0, m = r->b1 - r->b0, delta = n - m;
    int64_t max_d = (n + m + 1) / 2, lim = DIFF_WORK / (n + m);
    if (lim < DIFF_MIN_D)
        lim = DIFF_MIN_D;
    if (lim > max_d)
        lim = max_d;
    int64_t off = lim + 1, len = 2 * lim + 3;
    int64_t *v1 = malloc(2 * (size_t)len * sizeof *v1), *v2 = v1 + len;
    if (!v1) {
        D->err = ENOMEM;
        return false;
    }
    for (int64_t i = 0; i < 2 * len; i++)
        v1[i] = -1;
    v1[off + 1] = v2[off + 1] = 0;
    bool front = delta % 2 != 0, found = false;
    int64_t k1start = 0, k1end = 0, k2start = 0, k2end = 0;
    for (int64_t d = 0; d < lim && !found; d++) {
        for (int64_t k1 = -d + k1start; k1 <= d - k1end && !found; k1 += 2) {
            int64_t x1 = v1[off + k1] = extend(D, r, v1, off, k1, d, false), y1 = x1 - k1;
            if (x1 > n) {
                k1end += 2;
            } else if (y1 > m) {
                k1start += 2;
            } else if (front) {
                int64_t k2 = off + delta - k1;
                if (k2 >= 0 && k2 < len && v2[k2] != -1 && x1 >= n - v2[k2])
                    *px = x1, *py = y1, found = true;
            }
        }
        for (int64_t k2 = -d + k2start; k2 <= d - k2end && !found; k2 += 2) {
            int64_t x2 = v2[off + k2] = extend(D, r, v2, off, k2, d, true), y2 = x2 - k2;
            if (x2 > n) {
                k2end += 2;
            } else if (y2 > m) {
                k2start += 2;
            } else if (!front) {
                int64_t k1 = off + delta - k2;
                if (k1 >= 0 && k1 < len && v1[k1] != -1 && v1[k1] >= n - x2)
                    *px = v1[k1], *py = v1[k1] - (k1 - off), found = true;
            }
        }
    }
    free(v1);
    return found;
}

static void diff_range(Diff *D, Range r)
{
    while (r.a0 < r.a1 && r.b0 < r.b1 && same(D, r.a0, r.b0))
        r.a0++, r.b0++;
    while (r.a0 < r.a1 && r.b0 < r.b1 && same(D, r.a1 - 1, r.b1 - 1))
        r.a1--, r.b1--;
    if (D->err || (r.a0 == r.a1 && r.b0 == r.b1))
        return;
    int64_t x, y;
    if (r.a0 == r.a1 || r.b0 == r.b1 || !bisect(D, &r, &x, &y)) {
        change(D, r.a0, r.a1, r.b0, r.b1);
        return;
    }
    diff_range(D, (Range){r.a0, r.a0 + x, r.b0, r.b0 + y});
    diff_range(D, (Range){r.a0 + x, r.a1, r.b0 + y, r.b1});
}

/* The changes from a to b, and the lines of both (freed by the caller). */
static int line_diff(Diff *D, const char *a, size_t na, const char *b, size_t nb, uint32_t *la,
                     uint32_t *lb)
{
    memset(D, 0, sizeof *D);
    D->a = split_lines(a, na, la, &D->err);
    if (D->a)
        D->b = split_lines(b, nb, lb, &D->err);
    if (D->b)
        diff_range(D, (Range){0, *la, 0, *lb});
    if (D->err) {
        free(D->a);
        free(D->b);
        free(D->edits);
        errno = D->err;
        return -1;
    }
    return 0;
}

int bkp_line_diff(const char *a, size_t na, const char *b, size_t nb, BkpLineEdit **edits,
                  size_t *nedits)
{
    Diff D;
    uint32_t la, lb;
    *edits = NULL;
    *nedits = 0;
    if (line_diff(&D, a, na, b, nb, &la, &lb) != 0)
        return -1;
    free(D.a);
    free(D.b);
    *edits = D.edits;
    *nedits = D.nedits;
    return 0;
}

/* ---- the unified diff --------------------------------------------------------------- */

enum { CONTEXT = 3 };

/* A hunk's range as diff -u writes it: `start,count`, `start` alone for one
 * line, and for none the line before (0 at the start). */
static void range(FILE *out, uint32_t start, uint32_t count)
{
    if (count == 1)
        fprintf(out, "%u", start + 1);
    else
        fprintf(out, "%u,%u", count ? start + 1 : start, count);
}

static void lines(FILE *out, char mark, const Line *v, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to; i++) {
        fputc(mark, out);
        fwrite(v[i].p, 1, v[i].n, out);
        if (v[i].n == 0 || v[i].p[v[i].n - 1] != '\n')
            fputs("\n\\ No newline at end of file\n", out);
    }
}

/* The hunk of edits e[0..n) (close enough to share their context). */
static void hunk(FILE *out, const Diff *D, const BkpLineEdit *e, size_t n, uint32_t la)
{
    const BkpLineEdit *last = &e[n - 1];
    uint32_t os = e->old_line > CONTEXT ? e->old_line - CONTEXT : 0;
    uint32_t oe = last->old_line + last->old_n + CONTEXT;
    if (oe > la)
        oe = la;
    uint32_t ns = os + e->new_line - e->old_line;
    uint32_t ne = oe + (last->new_line + last->new_n) - (last->old_line + last->old_n);
    fputs("@@ -", out);
    range(out, os, oe - os);
    fputs(" +", out);
    range(out, ns, ne - ns);
    fputs(" @@\n", out);
    uint32_t at = os;
    for (size_t i = 0; i < n; i++) {
        lines(out, ' ', D->a, at, e[i].old_line);
        lines(out, '-', D->a, e[i].old_line, e[i].old_line + e[i].old_n);
        lines(out, '+', D->b, e[i].new_line, e[i].new_line + e[i].new_n);
        at = e[i].old_line + e[i].old_n;
    }
    lines(out, ' ', D->a, at, oe);
}

int bkp_unified_diff(FILE *out, const char *name, const char *a, size_t na, const char *b,
                     size_t nb)
{
    Diff D;
    uint32_t la, lb;
    if (line_diff(&D, a, na, b, nb, &la, &lb) != 0)
        return -1;
    if (D.nedits)
        fprintf(out, "--- %s\n+++ %s\n", name, name);
    for (size_t i = 0, j; i < D.nedits; i = j) {
        for (j = i + 1; j < D.nedits && D.edits[j].old_line - (D.edits[j - 1].old_line +
                                                               D.edits[j - 1].old_n) <= 2 * CONTEXT;
             j++)
            ;
        hunk(out, &D, &D.edits[i], j - i, la);
    }
    free(D.a);
    free(D.b);
    free(D.edits);
    if (ferror(out)) {
        errno = errno ? errno : EIO;
        return -1;
    }
    return 0;
}
