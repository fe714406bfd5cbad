/* diag_text.c — diagnostics rendered as text for a terminal (see
 * include/bkpc/diag_text.h):
 *
 *   file:line:col: error[B7]: message
 *    3 |     every 4h from 08:00 for 23h
 *      |           ~~                ^^^ primary label
 *   hint: `for 24h` gives the same six backups a day
 *
 * Spans are byte offsets; positions come from bkp_source_pos, and the caret
 * lines are computed only here (jq's locfile). The records themselves are
 * src/base/diag.c's. Nothing from the user reaches the terminal raw: control
 * characters in the file name, messages, labels and hints are written as
 * escapes (`\x1b`), and in source lines as `?` (one column, so carets line
 * up).
 */
#include "bkpc/diag_text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/utf8.h"

/* ---- output through a buffer ---------------------------------------------- */

typedef struct Out {
    FILE *f;
    bool color;             /* ANSI colours (SGR sequences) */
    BkpSeverity sev;        /* of the diagnostic being written: its colour */
    size_t len;
    char buf[16384];
} Out;

static void out_flush(Out *o)
{
    if (o->len)
        fwrite(o->buf, 1, o->len, o->f);
    o->len = 0;
}

static void out_bytes(Out *o, const char *s, size_t n)
{
    if (n > sizeof o->buf - o->len) {
        out_flush(o);
        if (n > sizeof o->buf) {
            fwrite(s, 1, n, o->f);
            return;
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void out_str(Out *o, const char *s) { out_bytes(o, s, strlen(s)); }
static void out_char(Out *o, char c)
{
    if (o->len == sizeof o->buf)
        out_flush(o);
    o->buf[o->len++] = c;
}

static void out_fmt(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Short formatted text: numbers and the like, never the user's text. */
static void out_fmt(Out *o, const char *fmt, ...)
{
    char tmp[64];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        out_bytes(o, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* Text that may hold the user's strings, made safe for a terminal: a C0
 * control character or DEL becomes `\xNN`, a C1 control character `\u00NN`,
 * and a byte that is not part of well-formed UTF-8 `\xNN`. */
static void out_text(Out *o, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = bkp_utf8_decode(s + i, n - i, &cp);
        if (k == 0)
            out_fmt(o, "\\x%02x", (unsigned char)s[i++]);
        else if (cp < 0x20 || cp == 0x7F)
            out_fmt(o, "\\x%02x", (unsigned)cp);
        else if (cp >= 0x80 && cp <= 0x9F)
            out_fmt(o, "\\u%04x", (unsigned)cp);
        else
            out_bytes(o, s + i, k);
        i += k;
    }
}

/* ---- colours ------------------------------------------------------------------ */

/* rustc's choice: the severity (and the primary carets) bold red for an
 * error, bold yellow for a warning; the margin and secondary marks bold
 * blue; "hint:" bold cyan; the message bold. */
typedef enum { ST_RESET, ST_SEVERITY, ST_BOLD, ST_MARGIN, ST_SECONDARY, ST_HINT } Style;

static void out_style(Out *o, Style st)
{
    static const char *const sgr[] = {"\x1b[0m", NULL, "\x1b[1m", "\x1b[1;34m", "\x1b[1;34m", "\x1b[1;36m"};
    if (!o->color)
        return;
    if (st == ST_SEVERITY)
        out_str(o, o->sev == BKP_SEV_ERROR ? "\x1b[1;31m" : "\x1b[1;33m");
    else
        out_str(o, sgr[st]);
}

/* ---- source lines ------------------------------------------------------------ */

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
    BkpPos p = bkp_source_pos(src, l.span.off);
    m.line = p.line;
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

/* A copy of a source line fit for a terminal, byte for byte so that offsets
 * hold: a control byte or a byte that is not part of well-formed UTF-8
 * becomes `?`, a C1 control character (two bytes) `?` and a NUL, which
 * takes no column and is not written; every continuation byte left belongs
 * to a character, as column_blank assumes. NULL when out of memory. */
static char *display_copy(const char *text, size_t len)
{
    char *d = malloc(len + 1);
    if (!d)
        return NULL;
    memcpy(d, text, len);
    d[len] = '\0';
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x20 && c < 0x7F) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = bkp_utf8_decode(text + i, len - i, &cp);
        if (n == 0 || (n == 1 && cp != '\t')) {
            d[i++] = '?';
        } else if (cp >= 0x80 && cp <= 0x9F) {
            d[i] = '?';
            d[i + 1] = '\0';
            i += 2;
        } else {
            i += n;
        }
    }
    return d;
}

/* A display copy's bytes, without the NULs that stand for nothing. */
static void out_shown(Out *o, const char *text, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t k = strnlen(text + i, len - i);
        out_bytes(o, text + i, k);
        i += k + (i + k < len);
    }
}

/* Under byte `i` of the line: 0 under a UTF-8 continuation byte (one column
 * per character, not per byte) or a NUL of display_copy, else a tab under a
 * tab and a space under anything else, so that what follows lines up in any
 * terminal. */
static int column_blank(const char *text, size_t len, uint32_t i)
{
    unsigned char c = i < len ? (unsigned char)text[i] : ' ';
    return bkp_utf8_cont(c) || c == '\0' ? 0 : c == '\t' ? '\t' : ' ';
}

/* Blanks up to byte `col` of the line (at most its end). */
static void pad_to(Out *o, const char *text, size_t len, uint32_t col)
{
    for (uint32_t i = 0; i < col && i < len; i++) {
        int b = column_blank(text, len, i);
        if (b)
            out_char(o, (char)b);
    }
}

/* Writes the marker line for `marks` (those on one source line); `label`
 * ends it, in the colour of the last mark. */
static void put_markers(Out *o, const char *text, size_t len, const Mark *marks, int n,
                        const char *label)
{
    uint32_t last = 0;
    for (int i = 0; i < n; i++)
        if (marks[i].to > last)
            last = marks[i].to;
    /* Trailing spaces are never printed: find the last marked byte. */
    char cur = 0;           /* the mark whose colour is on */
    for (uint32_t i = 0; i < last; i++) {
        int b = column_blank(text, len, i);
        if (!b)
            continue;
        char ch = 0;
        for (int k = 0; k < n; k++)
            if (i >= marks[k].from && i < marks[k].to && (ch == 0 || marks[k].ch == '^'))
                ch = marks[k].ch;
        if (ch != cur) {
            out_style(o, ch == '^' ? ST_SEVERITY : ch ? ST_SECONDARY : ST_RESET);
            cur = ch;
        }
        out_char(o, ch ? ch : (char)b);
    }
    if (label && *label) {
        out_char(o, ' ');
        out_text(o, label);
    }
    if (cur)
        out_style(o, ST_RESET);
    out_char(o, '\n');
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

/* The start of the margin: " 12 | ", or "    | " without a line number. */
static void out_margin(Out *o, int w, uint32_t line)
{
    out_style(o, ST_MARGIN);
    if (line)
        out_fmt(o, " %*u | ", w, line);
    else
        out_fmt(o, " %*s | ", w, "");
    out_style(o, ST_RESET);
}

/* A long line: the part around the marks `on[0..n)`, "..." for the rest
 * (PostgreSQL's LINE excerpts); the marks are moved to it. NULL when the
 * line is short enough, or out of memory. */
static char *excerpt(const char *text, size_t len, Mark *on, int n, size_t *view_len)
{
    if (len <= MAX_LINE)
        return NULL;
    uint32_t lo = on[0].from, hi = on[0].to;
    for (int i = 1; i < n; i++) {
        if (on[i].from < lo)
            lo = on[i].from;
        if (on[i].to > hi)
            hi = on[i].to;
    }
    /* Cut at character boundaries: a character has at most 3 continuation
     * bytes (a longer run is not UTF-8, and shows as `?`s). */
    size_t start = lo > CONTEXT ? lo - CONTEXT : 0;
    for (int k = 0; k < 3 && start > 0 && bkp_utf8_cont((unsigned char)text[start]); k++)
        start--;
    size_t end = hi + CONTEXT < len ? hi + CONTEXT : len;
    if (end - start > MAX_LINE)
        end = start + MAX_LINE;
    for (int k = 0; k < 3 && end < len && bkp_utf8_cont((unsigned char)text[end]); k++)
        end++;
    size_t pre = start > 0 ? 3 : 0, post = end < len ? 3 : 0;
    char *view = malloc(pre + (end - start) + post + 1);
    if (!view)
        return NULL;
    memcpy(view, "...", pre);
    memcpy(view + pre, text + start, end - start);
    memcpy(view + pre + (end - start), "...", post);
    for (int i = 0; i < n; i++) {
        uint32_t f = on[i].from < start ? 0 : on[i].from - (uint32_t)start;
        uint32_t t = on[i].to < start ? 0 : on[i].to - (uint32_t)start;
        if (f > end - start)
            f = (uint32_t)(end - start);
        if (t > end - start)
            t = (uint32_t)(end - start);
        on[i].from = f + (uint32_t)pre;
        on[i].to = (t > f ? t : f + 1) + (uint32_t)pre;
    }
    *view_len = pre + (end - start) + post;
    return view;
}

/* Source line `line` with the marks `on[0..n)` that fall on it. */
static void put_line(Out *o, BkpSource *src, uint32_t line, Mark *on, int n, int w)
{
    size_t len;
    const char *text = bkp_source_line(src, line, &len);
    char *view = excerpt(text, len, on, n, &len);
    if (view)
        text = view;
    char *shown = display_copy(text, len);  /* no control bytes to the terminal */
    if (shown)
        text = shown;
    out_margin(o, w, line);
    if (shown)
        out_shown(o, text, len);
    else
        out_bytes(o, text, len);
    out_char(o, '\n');

    /* The rightmost mark's label, if it has one, ends the marker line
     * (after that mark, so it cannot be read as another's); every other
     * label goes on a line of its own, starting under its mark. */
    int lab = -1, right = 0;
    for (int i = 1; i < n; i++)
        if (on[i].from > on[right].from)
            right = i;
    if (on[right].label)
        lab = right;
    out_margin(o, w, 0);
    put_markers(o, text, len, on, n, lab >= 0 ? on[lab].label : NULL);
    for (int i = 0; i < n; i++) {
        if (i == lab || !on[i].label)
            continue;
        out_margin(o, w, 0);
        pad_to(o, text, len, on[i].from);
        out_style(o, on[i].ch == '^' ? ST_SEVERITY : ST_SECONDARY);
        out_text(o, on[i].label);
        out_style(o, ST_RESET);
        out_char(o, '\n');
    }
    free(shown);
    free(view);
}

/* The first secondary span of g in file src. */
static BkpSpan first_span_in(const BkpDiag *g, const BkpSource *src)
{
    for (int i = 0; i < g->nsecondary; i++)
        if (bkp_label_src(g, &g->secondary[i]) == src)
            return g->secondary[i].span;
    return g->primary.span;
}

/* The lines of `src` that the marks `marks[0..n)` fall on, in ascending
 * order, each once, with its marks under it. */
static void put_marks(Out *o, BkpSource *src, const Mark *marks, int n, int w)
{
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
        put_line(o, src, next, on, non, w);
    }
}

static void put_header(Out *o, const BkpDiag *g)
{
    BkpPos at = bkp_source_pos(g->src, g->primary.span.off);
    o->sev = g->sev;
    out_style(o, ST_BOLD);
    out_text(o, g->src->name);
    out_fmt(o, ":%u:%u: ", at.line, at.col);
    out_style(o, ST_SEVERITY);
    out_str(o, g->sev == BKP_SEV_ERROR ? "error" : "warning");
    if (g->rule) {
        out_char(o, '[');
        out_text(o, g->rule);
        out_char(o, ']');
    }
    out_style(o, ST_RESET);
    out_style(o, ST_BOLD);
    out_str(o, ": ");
    out_text(o, g->msg);
    out_style(o, ST_RESET);
    out_char(o, '\n');
}

/* The source lines: the diagnostic's own file first, then each other file
 * a secondary span lies in, under a `::: FILE:LINE:COL` line. */
static void put_sources(Out *o, const BkpDiag *g)
{
    BkpSource *srcs[MAX_SHOWN];
    Mark marks[MAX_SHOWN];
    int nsrc = 0, n = 0;
    srcs[nsrc++] = g->src;
    marks[n++] = make_mark(g->src, g->primary, '^');
    for (int i = 0; i < g->nsecondary; i++) {
        BkpSource *src = bkp_label_src(g, &g->secondary[i]);
        marks[n++] = make_mark(src, g->secondary[i], '~');
        int k = 0;
        while (k < nsrc && srcs[k] != src)
            k++;
        if (k == nsrc)
            srcs[nsrc++] = src;
    }
    uint32_t maxline = 0;
    for (int i = 0; i < n; i++)
        if (marks[i].line > maxline)
            maxline = marks[i].line;
    int w = digits(maxline);
    for (int k = 0; k < nsrc; k++) {
        Mark in[MAX_SHOWN];
        int nin = 0;
        for (int i = 0; i < n; i++)
            if ((i == 0 ? g->src : bkp_label_src(g, &g->secondary[i - 1])) == srcs[k])
                in[nin++] = marks[i];
        if (k > 0) {
            BkpPos at = bkp_source_pos(srcs[k], first_span_in(g, srcs[k]).off);
            out_style(o, ST_MARGIN);
            out_fmt(o, " %*s::: ", w, "");
            out_style(o, ST_RESET);
            out_text(o, srcs[k]->name);
            out_fmt(o, ":%u:%u\n", at.line, at.col);
        }
        put_marks(o, srcs[k], in, nin, w);
    }
}

static void put_diag(Out *o, const BkpDiag *g)
{
    put_header(o, g);
    put_sources(o, g);
    for (int i = 0; i < g->nhints; i++) {
        out_style(o, ST_HINT);
        out_str(o, "hint:");
        out_style(o, ST_RESET);
        out_char(o, ' ');
        out_text(o, g->hints[i]);
        out_char(o, '\n');
    }
}

void bkp_diag_print(const BkpDiag *g, FILE *out)
{
    Out o;
    o.f = out;
    o.color = false;
    o.len = 0;
    put_diag(&o, g);
    out_flush(&o);
}

/* ---- all of a run's diagnostics, in order ------------------------------- */

void bkp_diags_print(BkpDiags *d, FILE *out) { bkp_diags_print_color(d, out, false); }

void bkp_diags_print_color(BkpDiags *d, FILE *out, bool color)
{
    if (!d->count)
        return;
    Out o;
    o.f = out;
    o.color = color;
    o.len = 0;
    BkpDiag **v = bkp_diags_sorted(d);
    if (v) {
        for (unsigned i = 0; i < d->count; i++)
            put_diag(&o, v[i]);
    } else {                            /* out of memory: in the order queued */
        for (BkpDiag *g = d->head; g; g = g->next)
            put_diag(&o, g);
    }
    out_flush(&o);
    free(v);
}
