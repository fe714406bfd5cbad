/* tokens.c — the token stream between the scanner and the parser (see
 * front/tokens.h): comments go to a list, lexical errors to diagnostics,
 * grammar tokens to the parser (bkp_tokens_next, inline in tokens.h). */
#include "front/tokens.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/lexicon.h"
#include "bkpc/unichar.h"
#include "bkpc/utf8.h"

static void check_encoding(BkpTokens *T);

int bkp_tokens_init(BkpTokens *T, BkpCtx *ctx, BkpSource *src, BkpSyntaxCount *errors)
{
    memset(T, 0, sizeof *T);
    T->diags = &ctx->diags;
    T->A = &ctx->arena;
    T->src = src;
    T->errors = errors;
    T->prev = -1;
    if (bkp_scanner_init(T->A, src, true, &T->sc) != 0)
        return -1;
    check_encoding(T);
    return 0;
}

/* ---- the file's encoding ------------------------------------------------------ */

/* Windows-1252's characters for bytes 0x80-0x9F (0: none); 0xA0-0xFF are
 * Latin-1's, U+00A0-U+00FF. */
static const uint16_t cp1252[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* A file that is not UTF-8 (Latin-1, Windows-1252...) gets one error, at
 * its first byte that is not UTF-8, and none after it. */
static void report_not_utf8(BkpTokens *T)
{
    const char *t = T->src->text;
    size_t n = T->src->len, first = 0, count = 0, last = 0;
    uint32_t lines = 0;             /* lines that hold a byte that is not UTF-8 */
    /* Runs of ASCII are skipped many bytes at a time; a byte that is not
     * UTF-8 is on a new line when a newline separates it from the last. */
    for (size_t i = bkp_ascii_prefix(t, n); i < n; i += bkp_ascii_prefix(t + i, n - i)) {
        size_t k = bkp_utf8_len(t + i, n - i);
        if (k == 0) {
            if (count++ == 0) {
                first = i;
                lines = 1;
            } else if (memchr(t + last, '\n', i - last)) {
                lines++;
            }
            last = i;
            k = 1;
        }
        i += k;
    }
    if (count == 0)
        return;
    T->stop = true;
    unsigned char b = (unsigned char)t[first];
    char more[96] = "";
    if (count > 1)
        snprintf(more, sizeof more, " (and %zu more, on %u line%s)", count - 1, lines,
                 lines == 1 ? "" : "s");
    char msg[160];
    snprintf(msg, sizeof msg, "this file is not UTF-8: byte 0x%02X is not UTF-8 text%s", b, more);
    BkpDiag *g = bkp_error(T->diags, T->src, "encoding", bkp_span((uint32_t)first, (uint32_t)first + 1),
                           "%s", msg);
    T->errors->n++;
    uint32_t cp = b >= 0xA0 ? b : b >= 0x80 ? cp1252[b - 0x80] : 0;
    if (cp) {
        char u[8];
        u[bkp_utf8_encode(cp, u)] = '\0';
        bkp_diag_hint(T->diags, g, "in Windows-1252 (Latin-1) byte 0x%02X is `%s`: the file was "
                      "probably saved in that encoding", b, u);
    }
    bkp_diag_hint(T->diags, g, "save it as UTF-8 (or UTF-16 with a byte-order mark)");
}

/* Every other byte NUL at the start: UTF-16 text without a byte-order mark.
 * 1 little-endian, 2 big-endian, 0 neither. */
static int utf16_without_bom(const BkpSource *s)
{
    size_t n = s->len < 64 ? s->len & ~(size_t)1 : 64;
    if (n < 4)
        return 0;
    int le = 1, be = 1;
    for (size_t i = 0; i < n; i += 2) {
        le &= s->text[i] != 0 && s->text[i + 1] == 0;
        be &= s->text[i] == 0 && s->text[i + 1] != 0;
    }
    return le ? 1 : be ? 2 : 0;
}

/* The encoding errors of the whole file, once, before the first token:
 * UTF-16 that was not (src->bad16), UTF-16 without its byte-order mark,
 * bytes that are not UTF-8. */
static void check_encoding(BkpTokens *T)
{
    const BkpSource *s = T->src;
    if (s->bad16) {
        BkpDiag *g = bkp_error(T->diags, T->src, "encoding", bkp_span(s->bad16_off, s->bad16_off + 3),
                               "this UTF-16 file holds %u code unit%s that %s not UTF-16 text "
                               "(shown as U+FFFD)", s->bad16, s->bad16 == 1 ? "" : "s",
                               s->bad16 == 1 ? "is" : "are");
        bkp_diag_hint(T->diags, g, "save the file again as UTF-8 or UTF-16");
        T->errors->n++;
    }
    int w = utf16_without_bom(s);
    if (w) {
        BkpDiag *g = bkp_error(T->diags, T->src, "encoding", bkp_span(0, 0),
                               "this file looks like UTF-16 (%s-endian) without a byte-order mark",
                               w == 1 ? "little" : "big");
        bkp_diag_hint(T->diags, g, "save it as UTF-8, or as UTF-16 with a byte-order mark "
                      "(Windows PowerShell: `Out-File -Encoding utf8`)");
        T->errors->n++;
        T->stop = true;
        return;
    }
    report_not_utf8(T);
}

void bkp_tokens_destroy(BkpTokens *T)
{
    if (T->sc)
        bkp_scanner_destroy(T->sc);
    T->sc = NULL;
}

/* A lexical error, unless the run has reached its limit of syntax errors:
 * the parser stops there (RECOVER in parser.y); the token stream says so
 * once and then stays quiet, so no input floods the terminal. */
static BkpDiag *lex_error(BkpTokens *T, BkpSpan span, const char *msg, const char *hint)
{
    BkpSyntaxCount *e = T->errors;
    if (e->n >= e->max)
        return NULL;
    if (++e->n == e->max) {
        bkp_error(T->diags, T->src, "syntax", span, "too many syntax errors; stopping here");
        return NULL;
    }
    BkpDiag *g = bkp_error(T->diags, T->src, "syntax", span, "%s", msg);
    if (hint)
        bkp_diag_hint(T->diags, g, "%s", hint);
    return g;
}

/* The hint for a number that is not whole, num[0..n) followed by `unit`:
 * the same length in a smaller unit when one is exact (1.5d -> `36h`), else
 * rounding. None without a unit (`disks 1.5`) or with an unknown one. */
static const char *fraction_hint(BkpTokens *T, const char *num, size_t n, const char *unit)
{
    BkpUnit u = (BkpUnit)bkp_word_value(BKP_WORD_UNIT, unit);
    if (u == BKP_UNIT_NONE)
        return NULL;
    BkpUnit to;
    int64_t v;
    if (bkp_unit_exact_below(num, n, u, &to, &v))
        return bkp_arena_printf(T->A, "write `%" PRId64 "%c` for %.*s %s, or round to whole %s", v,
                                bkp_unit_letter(to), (int)n, num, bkp_unit_name(u, true),
                                bkp_unit_name(u, true));
    return bkp_arena_printf(T->A, "round to whole %s", bkp_unit_name(u, true));
}

/* ---- pasted characters ------------------------------------------------------- */

/* A token holding characters pasted from a document (unichar.h): one error
 * that names them, with the token in ASCII as its fix. */
static void report_pasted(BkpTokens *T, const BkpToken *t)
{
    const char *s = T->src->text + t->span.off;
    size_t n = t->span.end - t->span.off;
    char *fix = bkp_arena_alloc(T->A, n + 1);
    size_t k = 0;
    uint32_t seen[3];
    int nseen = 0, more = 0, count = 0;
    BkpSpan at = t->span;       /* the character, when there is one */
    const char *to = NULL;      /* the ASCII text they all stand for, or "" if they differ */
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = (unsigned char)s[i] < 0x80 ? 0 : bkp_utf8_decode(s + i, n - i, &cp);
        const char *a = len ? bkp_pasted_ascii(cp) : NULL;
        if (!a) {
            fix[k++] = s[i++];
            continue;
        }
        memcpy(fix + k, a, strlen(a));
        k += strlen(a);
        if (count++ == 0)
            at = bkp_span(t->span.off + (uint32_t)i, t->span.off + (uint32_t)(i + len));
        i += len;
        to = !to || strcmp(to, a) == 0 ? a : "\x01";
        int known = 0;
        for (int j = 0; j < nseen; j++)
            known |= seen[j] == cp;
        if (!known && nseen < 3)
            seen[nseen++] = cp;
        else if (!known)
            more = 1;
    }
    fix[k] = '\0';
    char names[256] = "", name[96];
    for (int j = 0; j < nseen; j++) {
        size_t l = strlen(names);
        snprintf(names + l, sizeof names - l, "%s%s", j == 0 ? "" : j == nseen - 1 && !more ? " and " : ", ",
                 bkp_char_name(seen[j], name, sizeof name));
    }
    const char *instead = !to || strcmp(to, "\x01") == 0 ? "instead of ASCII characters"
                          : strcmp(to, "-") == 0 ? "instead of `-`"
                          : strcmp(to, "\"") == 0 ? "instead of `\"`"
                          : strcmp(to, " ") == 0 ? "instead of a space" : "(an invisible character)";
    const char *msg = bkp_arena_printf(T->A, "%s%s %s", names, more ? " and others" : "", instead);
    const char *hint = !*fix ? "it looks pasted from a document: delete it"
                       : strcmp(fix, " ") == 0 ? "it looks pasted from a document: write a plain space"
                       : k <= 80 ? bkp_arena_printf(T->A, "it looks pasted from a document: write `%s`", fix)
                                 : "it looks pasted from a document: write ASCII characters instead";
    BkpDiag *g = lex_error(T, count == 1 ? at : t->span, msg, hint);
    if (g)
        bkp_diag_fix(T->diags, g, t->span, fix);
}

/* ---- the tokens' errors -------------------------------------------------------- */

/* The first run of NULs in span `in` of the source. */
static BkpSpan nul_run(const BkpTokens *T, BkpSpan in)
{
    const char *t = T->src->text;
    const char *z = memchr(t + in.off, '\0', in.end - in.off);
    uint32_t a = z ? (uint32_t)(z - t) : in.off, b = a;
    while (b < in.end && t[b] == '\0')
        b++;
    return bkp_span(a, b);
}

/* A run of n NUL bytes, at span. */
static void report_nuls(BkpTokens *T, BkpSpan span, const char *where)
{
    unsigned n = span.end - span.off;
    char msg[96];
    if (n == 1)
        snprintf(msg, sizeof msg, "%s NUL byte%s", where ? "a" : "unexpected", where ? where : "");
    else
        snprintf(msg, sizeof msg, "%u %sNUL bytes%s", n, where ? "" : "unexpected ", where ? where : "");
    lex_error(T, span, msg, "a .bkp file is text: is this a binary file?");
}

/* A typographic quote that does not end a string (`"UTC”`), if the token has
 * one: the hint for an unterminated string. */
static const char *unterminated_hint(BkpTokens *T, const BkpToken *t)
{
    const char *s = T->src->text + t->span.off;
    size_t n = t->span.end - t->span.off;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp;
        const char *a = (unsigned char)s[i] >= 0x80 && bkp_utf8_decode(s + i, n - i, &cp)
                        ? bkp_pasted_ascii(cp) : NULL;
        char name[96];
        if (a && strcmp(a, "\"") == 0)
            return bkp_arena_printf(T->A, "%s does not end a string: write `\"`",
                                    bkp_char_name(cp, name, sizeof name));
    }
    return "a string ends with `\"` on the same line";
}

/* Reports the lexical error `mark` of token t; false when it says nothing:
 * a dotted name after `policy`, `vault` or `with`, whose Azure rule the
 * checker applies (`.` is not allowed there even quoted). */
static bool report(BkpTokens *T, const BkpToken *t, unsigned mark)
{
    const char *text = T->src->text + t->span.off;
    int len = (int)(t->span.end - t->span.off);
    char msg[64];
    BkpDiag *g;
    switch (mark) {
    case BKP_LEX_UNTERMINATED:
        lex_error(T, t->span, "unterminated string", unterminated_hint(T, t));
        break;
    case BKP_LEX_STRING_UTF8:   /* (the file's encoding error says it, and the
                                   stream stops there: check_encoding) */
        break;
    case BKP_LEX_HOLDS_NUL:
        report_nuls(T, nul_run(T, t->span), t->kind == STRING ? " in a string" : " in a comment");
        break;
    case BKP_LEX_PASTED:
        report_pasted(T, t);
        break;
    case BKP_LEX_FRACTION:
        lex_error(T, t->span, "durations and numbers are whole numbers",
                  t->kind == NUMUNIT ? fraction_hint(T, text, t->val->numunit.split - t->span.off,
                                                     t->val->numunit.unit)
                                     : NULL);
        break;
    case BKP_LEX_DOTTED: {
        if (T->prev == POLICY || T->prev == VAULT || T->prev == WITH)
            return false;
        const char *quoted = bkp_arena_printf(T->A, "\"%.*s\"", len, text);
        g = lex_error(T, t->span, "a name with `.` must be quoted",
                      bkp_arena_printf(T->A, "write it as a string: %s", quoted));
        if (g)
            bkp_diag_fix(T->diags, g, t->span, quoted);
        break;
    }
    case BKP_LEX_SEMICOLON:
        g = lex_error(T, t->span, "unexpected `;`",
                      "clauses need no separator: every clause starts with its keyword");
        if (g)
            bkp_diag_fix(T->diags, g, t->span, "");
        break;
    case BKP_LEX_NON_ASCII: {
        uint32_t cp;
        char name[96];
        bkp_utf8_decode(text, (size_t)len, &cp);
        lex_error(T, t->span, bkp_arena_printf(T->A, "unexpected %s outside a string",
                                               bkp_char_name(cp, name, sizeof name)),
                  "a name with other characters than ASCII letters, digits, `-`, `_` and `!` "
                  "is written in quotes: \"caf\u00e9\"");
        break;
    }
    case BKP_LEX_CHAR:
        snprintf(msg, sizeof msg, "unexpected character `%c`", text[0]);
        lex_error(T, t->span, msg, NULL);
        break;
    default:                    /* BKP_LEX_BYTE: a control character */
        snprintf(msg, sizeof msg, "unexpected control character U+%04X", (unsigned char)text[0]);
        lex_error(T, t->span, msg, NULL);
        break;
    }
    return true;
}

/* A run of NULs before what comes now, as one error. */
static void flush_nuls(BkpTokens *T)
{
    if (T->nul.end)
        report_nuls(T, T->nul, NULL);
    T->nul = bkp_span(0, 0);
}

/* Spans of grammar tokens whose lexical error was reported, for the checker
 * (AstFile.marked): in order, as tokens come. */
static void mark(BkpTokens *T, BkpSpan span)
{
    if (T->nmarked == T->capmarked) {
        size_t cap = T->capmarked ? T->capmarked * 2 : 16;
        BkpSpan *v = bkp_arena_alloc(T->A, cap * sizeof *v);
        if (T->nmarked)
            memcpy(v, T->marked, T->nmarked * sizeof *v);
        T->marked = v;
        T->capmarked = cap;
    }
    T->marked[T->nmarked++] = span;
}

void bkp_tokens_report(BkpTokens *T, const BkpToken *t)
{
    if (t->kind == BKP_TOK_ERROR && t->errors == BKP_LEX_NUL) {
        if (T->nul.end != t->span.off)      /* not the run going on */
            flush_nuls(T);
        if (!T->nul.end)
            T->nul.off = t->span.off;
        T->nul.end = t->span.end;
        return;
    }
    flush_nuls(T);
    bool said = false;
    for (unsigned m = t->errors; m; m &= m - 1)
        said |= report(T, t, m & -m);
    if (said && t->kind > 0)
        mark(T, t->span);
}

void bkp_tokens_comment(BkpTokens *T, BkpSpan span)
{
    if (T->no_comments)
        return;
    AstComment *c = BKP_NEW(T->A, AstComment);
    c->span = span;
    if (T->last_comment)
        T->last_comment->next = c;
    else
        T->comments = c;
    T->last_comment = c;
    T->ncomments++;
}
