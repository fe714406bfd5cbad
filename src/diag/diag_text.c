/* diag_text.c — diagnostics rendered as text for a terminal (see
 * include/bkpc/diag_text.h):
 *
 *   file:line:col: error[B7]: message
 *    3 |     every 4h from 08:00 for 23h
 *      |           ~~                ^^^ primary label
 *   hint: `for 24h` gives the same six backups a day
 *
 * Spans are byte offsets; line, column and the caret line are computed only
 * here (jq's locfile). The records themselves are src/base/diag.c's.
 */
#include "bkpc/diag_text.h"

#include <stdlib.h>
#include <string.h>

/* ---- rendering ---------------------------------------------------------- */

enum { MAX_SHOWN = 1 + BKP_DIAG_MAX_SECONDARY, MAX_LINE = 160, CONTEXT = 50 };

typedef struct Mark {
    uint32_t line;
    uint32_t from, to;      /* byte offsets within the line, to > from */
    char ch;                /* '^' primary, '~' secondary */
    const char *label;
} Mark;

static Mark make_mark(BkpSource *src, BkpLabel l, char ch)
{
    Mark m;
    uint32_t col;
    bkp_source_linecol(src, l.span.off, &m.line, &col);
    size_t len;
    const char *text = bkp_source_line(src, m.line, &len);
    uint32_t start = (uint32_t)(text - src->text);
    m.from = l.span.off - start;
    uint32_t end = l.span.end > l.span.off ? l.span.end : l.span.off + 1;
    if (end > start + len)          /* clip a multi-line span to its first line */
        end = start + (uint32_t)len;
    m.to = end > start + m.from ? end - start : m.from + 1;
    m.ch = ch;
    m.label = l.text;
    return m;
}

/* The length of the well-formed UTF-8 sequence at text[i] (RFC 3629: no
 * overlong forms, no surrogates, nothing past U+10FFFF), or 0. */
static size_t u8_len(const unsigned char *t, size_t len, size_t i)
{
    unsigned char c = t[i];
    size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
             : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > len)
        return 0;
    unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    for (size_t k = 1; k < n; k++, lo = 0x80, hi = 0xBF)
        if (t[i + k] < lo || t[i + k] > hi)
            return 0;
    return n;
}

/* A copy of a source line fit for a terminal: a control byte or a byte that
 * is not part of well-formed UTF-8 becomes `?` (one byte for one, so offsets
 * hold), and every continuation byte left belongs to a character, as
 * column_blank assumes. NULL when out of memory. */
static char *display_copy(const char *text, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    char *d = malloc(len + 1);
    if (!d)
        return NULL;
    for (size_t i = 0; i < len;) {
        size_t n = u8_len(t, len, i);
        if (n == 1 && ((t[i] < 0x20 && t[i] != '\t') || t[i] == 0x7F))
            n = 0;
        if (n == 0) {
            d[i++] = '?';
        } else {
            memcpy(d + i, t + i, n);
            i += n;
        }
    }
    d[len] = '\0';
    return d;
}

/* Under byte `i` of the line: 0 under a UTF-8 continuation byte (one column
 * per character, not per byte), else a tab under a tab and a space under
 * anything else, so that what follows lines up in any terminal. */
static int column_blank(const char *text, size_t len, uint32_t i)
{
    unsigned char c = i < len ? (unsigned char)text[i] : ' ';
    return (c & 0xC0) == 0x80 ? 0 : c == '\t' ? '\t' : ' ';
}

/* Blanks up to byte `col` of the line (at most its end). */
static void pad_to(FILE *out, const char *text, size_t len, uint32_t col)
{
    for (uint32_t i = 0; i < col && i < len; i++) {
        int b = column_blank(text, len, i);
        if (b)
            fputc(b, out);
    }
}

/* Writes the marker line for `marks` (those on one source line). */
static void put_markers(FILE *out, const char *text, size_t len, const Mark *marks, int n,
                        const char *label)
{
    uint32_t last = 0;
    for (int i = 0; i < n; i++)
        if (marks[i].to > last)
            last = marks[i].to;
    /* Trailing spaces are never printed: find the last marked byte. */
    for (uint32_t i = 0; i < last; i++) {
        char ch = 0;
        for (int k = 0; k < n; k++)
            if (i >= marks[k].from && i < marks[k].to && (ch == 0 || marks[k].ch == '^'))
                ch = marks[k].ch;
        int b = column_blank(text, len, i);
        if (b)
            fputc(ch ? ch : b, out);
    }
    if (label && *label)
        fprintf(out, " %s", label);
    fputc('\n', out);
}

static int digits(uint32_t n)
{
    int k = 1;
    while (n >= 10) {
        n /= 10;
        k++;
    }
    return k;
}

void bkp_diag_print(const BkpDiag *g, FILE *out)
{
    BkpSource *src = g->src;
    uint32_t line, col;
    bkp_source_linecol(src, g->primary.span.off, &line, &col);
    fprintf(out, "%s:%u:%u: %s", src->name, line, col,
            g->sev == BKP_SEV_ERROR ? "error" : "warning");
    if (g->rule)
        fprintf(out, "[%s]", g->rule);
    fprintf(out, ": %s\n", g->msg);

    Mark marks[MAX_SHOWN];
    int n = 0;
    marks[n++] = make_mark(src, g->primary, '^');
    for (int i = 0; i < g->nsecondary; i++)
        marks[n++] = make_mark(src, g->secondary[i], '~');

    uint32_t maxline = 0;
    for (int i = 0; i < n; i++)
        if (marks[i].line > maxline)
            maxline = marks[i].line;
    int w = digits(maxline);

    /* Lines in ascending order, each once. */
    uint32_t done[MAX_SHOWN];
    int ndone = 0;
    for (;;) {
        uint32_t next = 0;
        for (int i = 0; i < n; i++) {
            int seen = 0;
            for (int k = 0; k < ndone; k++)
                seen |= done[k] == marks[i].line;
            if (!seen && (next == 0 || marks[i].line < next))
                next = marks[i].line;
        }
        if (next == 0)
            break;
        done[ndone++] = next;

        Mark on[MAX_SHOWN];
        int non = 0;
        for (int i = 0; i < n; i++)
            if (marks[i].line == next)
                on[non++] = marks[i];
        size_t len;
        const char *text = bkp_source_line(src, next, &len);
        char *view = NULL;
        if (len > MAX_LINE) {
            /* A long line: show the part around the marks, "..." for the rest
             * (PostgreSQL's LINE excerpts). */
            uint32_t lo = on[0].from, hi = on[0].to;
            for (int i = 1; i < non; i++) {
                if (on[i].from < lo)
                    lo = on[i].from;
                if (on[i].to > hi)
                    hi = on[i].to;
            }
            size_t start = lo > CONTEXT ? lo - CONTEXT : 0;
            while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80)
                start--;
            size_t end = hi + CONTEXT < len ? hi + CONTEXT : len;
            if (end - start > MAX_LINE)
                end = start + MAX_LINE;
            while (end < len && ((unsigned char)text[end] & 0xC0) == 0x80)
                end++;
            size_t pre = start > 0 ? 3 : 0, post = end < len ? 3 : 0;
            view = malloc(pre + (end - start) + post + 1);
            if (view) {
                memcpy(view, "...", pre);
                memcpy(view + pre, text + start, end - start);
                memcpy(view + pre + (end - start), "...", post);
                for (int i = 0; i < non; i++) {
                    uint32_t f = on[i].from < start ? 0 : on[i].from - (uint32_t)start;
                    uint32_t t = on[i].to < start ? 0 : on[i].to - (uint32_t)start;
                    if (f > end - start)
                        f = (uint32_t)(end - start);
                    if (t > end - start)
                        t = (uint32_t)(end - start);
                    on[i].from = f + (uint32_t)pre;
                    on[i].to = (t > f ? t : f + 1) + (uint32_t)pre;
                }
                text = view;
                len = pre + (end - start) + post;
            }
        }
        char *shown = display_copy(text, len);  /* no control bytes to the terminal */
        if (shown)
            text = shown;
        fprintf(out, " %*u | ", w, next);
        fwrite(text, 1, len, out);
        fputc('\n', out);

        /* The rightmost mark's label, if it has one, ends the marker line
         * (after that mark, so it cannot be read as another's); every other
         * label goes on a line of its own, starting under its mark. */
        int lab = -1, right = 0;
        for (int i = 1; i < non; i++)
            if (on[i].from > on[right].from)
                right = i;
        if (on[right].label)
            lab = right;
        fprintf(out, " %*s | ", w, "");
        put_markers(out, text, len, on, non, lab >= 0 ? on[lab].label : NULL);
        for (int i = 0; i < non; i++) {
            if (i == lab || !on[i].label)
                continue;
            fprintf(out, " %*s | ", w, "");
            pad_to(out, text, len, on[i].from);
            fprintf(out, "%s\n", on[i].label);
        }
        free(shown);
        free(view);
    }
    for (int i = 0; i < g->nhints; i++)
        fprintf(out, "hint: %s\n", g->hints[i]);
}

typedef struct SortKey {
    unsigned rank;          /* order of the source's first diagnostic */
    uint32_t off;
    unsigned seq;
    BkpDiag *g;
} SortKey;

static int cmp_key(const void *pa, const void *pb)
{
    const SortKey *a = pa, *b = pb;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    if (a->off != b->off)
        return a->off < b->off ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void bkp_diags_print(BkpDiags *d, FILE *out)
{
    if (!d->count)
        return;
    SortKey *v = malloc(sizeof(*v) * d->count);
    if (!v) {
        for (BkpDiag *g = d->head; g; g = g->next)
            bkp_diag_print(g, out);
        return;
    }
    unsigned n = 0, rank = 0;
    BkpSource *prev = NULL;
    for (BkpDiag *g = d->head; g; g = g->next) {
        /* Sources are compiled one after another, so a new source pointer
         * means a later file. */
        if (g->src != prev) {
            unsigned r = rank;
            for (unsigned i = 0; i < n; i++)
                if (v[i].g->src == g->src) {
                    r = v[i].rank;
                    break;
                }
            if (r == rank)
                rank++;
            prev = g->src;
            v[n].rank = r;
        } else {
            v[n].rank = n ? v[n - 1].rank : 0;
        }
        v[n].off = g->primary.span.off;
        v[n].seq = g->seq;
        v[n].g = g;
        n++;
    }
    qsort(v, n, sizeof(*v), cmp_key);
    for (unsigned i = 0; i < n; i++)
        bkp_diag_print(v[i].g, out);
    free(v);
}
