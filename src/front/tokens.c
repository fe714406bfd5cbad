/* tokens.c — the token stream between the scanner and the parser (see
 * front/tokens.h): comments go to a list, lexical errors to diagnostics,
 * grammar tokens to the parser (bkp_tokens_next, inline in tokens.h). */
#include "front/tokens.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "bkpc/lexicon.h"

int bkp_tokens_init(BkpTokens *T, BkpCtx *ctx, BkpSource *src, BkpSyntaxCount *errors)
{
    memset(T, 0, sizeof *T);
    T->diags = &ctx->diags;
    T->A = &ctx->arena;
    T->src = src;
    T->errors = errors;
    return bkp_scanner_init(T->A, src, &T->sc);
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

/* Reports the lexical error `mark` of token t. */
static void report(BkpTokens *T, const BkpToken *t, unsigned mark)
{
    const char *text = T->src->text + t->span.off;
    int len = (int)(t->span.end - t->span.off);
    char msg[64];
    BkpDiag *g;
    switch (mark) {
    case BKP_LEX_UNTERMINATED:
        lex_error(T, t->span, "unterminated string", "a string ends with `\"` on the same line");
        break;
    case BKP_LEX_STRING_UTF8:
        lex_error(T, t->span, "string is not valid UTF-8", NULL);
        break;
    case BKP_LEX_FRACTION:
        lex_error(T, t->span, "durations and numbers are whole numbers",
                  t->kind == NUMUNIT ? fraction_hint(T, text, t->val->numunit.split - t->span.off,
                                                     t->val->numunit.unit)
                                     : NULL);
        break;
    case BKP_LEX_DOTTED: {
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
    case BKP_LEX_NON_ASCII:
        lex_error(T, t->span, "unexpected character outside a string",
                  "quote names that use other characters: \"web.01\"");
        break;
    case BKP_LEX_NUL:
        if (len == 1)
            snprintf(msg, sizeof msg, "unexpected NUL byte");
        else
            snprintf(msg, sizeof msg, "%d unexpected NUL bytes", len);
        lex_error(T, t->span, msg, "a .bkp file is text: is this a binary file?");
        break;
    case BKP_LEX_CHAR:
        snprintf(msg, sizeof msg, "unexpected character `%c`", text[0]);
        lex_error(T, t->span, msg, NULL);
        break;
    default:
        lex_error(T, t->span, "unexpected byte (not UTF-8 text)", NULL);
        break;
    }
}

void bkp_tokens_report(BkpTokens *T, const BkpToken *t)
{
    for (unsigned m = t->errors; m; m &= m - 1)
        report(T, t, m & -m);
}

void bkp_tokens_comment(BkpTokens *T, BkpSpan span)
{
    AstComment *c = BKP_NEW(T->A, AstComment);
    c->span = span;
    if (T->last_comment)
        T->last_comment->next = c;
    else
        T->comments = c;
    T->last_comment = c;
    T->ncomments++;
}
