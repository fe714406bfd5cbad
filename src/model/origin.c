/* origin.c — where a policy's values were written, for diagnostics: the
 * policy's own text, or a template's (see include/bkpc/policy.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bkpc/policy.h"

/* "inherited from template `base`", or "... (through `gold`)" when the
 * policy is made from another template of the chain. */
static const char *inherited(BkpDiags *d, const BkpPolicy *p, const BkpTemplateRef *from)
{
    const char *via = p->origin->template_name;
    if (via && from->name && strcmp(via, from->name) != 0)
        return bkp_arena_printf(d->arena, "inherited from template `%s` (through `%s`)", from->name, via);
    return bkp_arena_printf(d->arena, "inherited from template `%s`", from->name);
}

BkpDiag *bkp_policy_report(BkpDiags *d, const BkpPolicy *p, BkpSeverity sev, const char *id, BkpLoc loc,
                           const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const BkpPolicyOrigin *o = p->origin;
    BkpSpan at = loc.span;
    if (loc.from || !at.end)
        at = loc.from && o->from_span.end ? o->from_span : o->name_span;
    BkpDiag *g = sev == BKP_SEV_ERROR ? bkp_error(d, o->src, id, at, "%s", msg)
                                      : bkp_warning(d, o->src, id, at, "%s", msg);
    if (loc.from && loc.span.end)
        bkp_diag_secondary_in(d, g, loc.src, loc.span, "%s", inherited(d, p, loc.from));
    return g;
}

void bkp_policy_secondary(BkpDiags *d, BkpDiag *g, BkpLoc loc, const char *fmt, ...)
{
    if (!loc.span.end)
        return;
    const char *text = NULL;
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        text = bkp_arena_vprintf(d->arena, fmt, ap);
        va_end(ap);
    }
    if (loc.from)
        text = text ? bkp_arena_printf(d->arena, "%s (template `%s`)", text, loc.from->name)
                    : bkp_arena_printf(d->arena, "template `%s`", loc.from->name);
    bkp_diag_secondary_in(d, g, loc.src, loc.span, text ? "%s" : NULL, text);
}
