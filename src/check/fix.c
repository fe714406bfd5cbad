/* fix.c — the checker's machine-applicable fixes: where a hint names one
 * exact edit ("did you mean `sun`?", "write `7d`"), the diagnostic carries
 * it as a record (bkp_diag_fix) that an editor can apply. Where a hint
 * offers a choice, there is no fix.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check_int.h"

/* A span of the source, or the zero span of a value that was not written
 * (a policy built in memory has no spans): no fix can point there. */
static bool known(BkpSpan span) { return span.end != 0; }

void check_fix(BkpDiags *d, BkpDiag *g, BkpSpan span, const char *fmt, ...)
{
    if (!known(span))
        return;
    va_list ap;
    va_start(ap, fmt);
    const char *text = bkp_arena_vprintf(d->arena, fmt, ap);
    va_end(ap);
    bkp_diag_fix(d, g, span, text);
}

void check_fix_at(BkpDiags *d, BkpDiag *g, BkpLoc loc, const char *fmt, ...)
{
    if (loc.from || !known(loc.span))
        return;
    va_list ap;
    va_start(ap, fmt);
    const char *text = bkp_arena_vprintf(d->arena, fmt, ap);
    va_end(ap);
    bkp_diag_fix(d, g, loc.span, text);
}

void check_fix_string(BkpDiags *d, BkpDiag *g, BkpSpan span, const char *s)
{
    /* Time-zone ids and policy names have no `"` or `\`; one that had would
     * need escapes (the printer's, a later stage): no fix then. */
    if (!strpbrk(s, "\"\\"))
        check_fix(d, g, span, "\"%s\"", s);
}

void check_fix_name(BkpDiags *d, BkpDiag *g, const BkpSource *src, BkpSpan span, const char *name)
{
    /* A name Azure accepts is also a bare word of the language. */
    bool was_quoted = known(span) && src->text[span.off] == '"';
    if (was_quoted || !bkp_policy_name_ok(name))
        check_fix_string(d, g, span, name);
    else
        check_fix(d, g, span, "%s", name);
}

static bool blank(char c) { return c == ' ' || c == '\t'; }

void check_fix_remove(BkpDiags *d, BkpDiag *g, const BkpSource *src, BkpSpan span)
{
    if (!known(span))
        return;
    const char *t = src->text;
    uint32_t a = span.off, b = span.end;
    while (a > 0 && blank(t[a - 1]))
        a--;
    while (b < src->len && blank(t[b]))
        b++;
    bool line_start = a == 0 || t[a - 1] == '\n';
    size_t eol = b < src->len && t[b] == '\r' ? 1 : 0;
    bool line_end = b + eol == src->len || t[b + eol] == '\n';
    if (line_start && line_end)          /* alone on its line: the line goes */
        span = bkp_span(a, b + (uint32_t)eol + (b + eol < src->len));
    else if (line_start)                 /* first on its line: the indentation stays */
        span = bkp_span(span.off, b);
    else
        span = bkp_span(a, span.end);
    bkp_diag_fix(d, g, span, "");
}
