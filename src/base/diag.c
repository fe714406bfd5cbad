/* diag.c — diagnostic records (see include/bkpc/diag.h).
 *
 * Records are queued while the compiler runs and shown together by a
 * renderer, sorted by position (nftables' erec queue): src/diag/.
 */
#include "bkpc/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void bkp_diags_init(BkpDiags *d, BkpArena *arena)
{
    memset(d, 0, sizeof(*d));
    d->arena = arena;
}

static BkpDiag *add(BkpDiags *d, BkpSeverity sev, BkpSource *src, const char *rule,
                    BkpSpan span, const char *fmt, va_list ap)
{
    if (sev == BKP_SEV_ERROR)
        d->errors++;
    else
        d->warnings++;
    if (d->limit && d->count >= d->limit) {      /* past the limit: counted, not kept */
        if (!d->sink)
            d->sink = BKP_NEW(d->arena, BkpDiag);
        memset(d->sink, 0, sizeof *d->sink);
        d->sink->sev = sev;
        d->sink->rule = rule;
        d->sink->src = src;
        d->sink->primary.span = span;
        d->sink->msg = "";
        return d->sink;
    }
    BkpDiag *g = BKP_NEW(d->arena, BkpDiag);
    g->sev = sev;
    g->rule = rule;
    g->src = src;
    g->primary.span = span;
    g->seq = d->count++;
    if (d->limit && d->count == d->limit)       /* the last one kept says so */
        g->msg = "too many diagnostics; the rest are not shown";
    else
        g->msg = bkp_arena_vprintf(d->arena, fmt, ap);
    if (d->tail)
        d->tail->next = g;
    else
        d->head = g;
    d->tail = g;
    return g;
}

BkpDiag *bkp_error(BkpDiags *d, BkpSource *src, const char *rule, BkpSpan span,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    BkpDiag *g = add(d, BKP_SEV_ERROR, src, rule, span, fmt, ap);
    va_end(ap);
    return g;
}

BkpDiag *bkp_warning(BkpDiags *d, BkpSource *src, const char *rule, BkpSpan span,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    BkpDiag *g = add(d, BKP_SEV_WARNING, src, rule, span, fmt, ap);
    va_end(ap);
    return g;
}

bool bkp_diag_muted(const BkpDiags *d, const BkpDiag *g)
{
    return g == d->sink || (d->limit && g->seq + 1 == d->limit);
}

void bkp_diag_label(BkpDiags *d, BkpDiag *g, const char *fmt, ...)
{
    if (bkp_diag_muted(d, g))
        return;
    va_list ap;
    va_start(ap, fmt);
    g->primary.text = bkp_arena_vprintf(d->arena, fmt, ap);
    va_end(ap);
}

static void secondary(BkpDiags *d, BkpDiag *g, BkpSource *src, BkpSpan span, const char *fmt, va_list ap)
{
    if (bkp_diag_muted(d, g) || g->nsecondary == BKP_DIAG_MAX_SECONDARY)
        return;
    BkpLabel *l = &g->secondary[g->nsecondary++];
    l->span = span;
    l->src = src == g->src ? NULL : src;
    l->text = fmt ? bkp_arena_vprintf(d->arena, fmt, ap) : NULL;
}

void bkp_diag_secondary(BkpDiags *d, BkpDiag *g, BkpSpan span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    secondary(d, g, NULL, span, fmt, ap);
    va_end(ap);
}

void bkp_diag_secondary_in(BkpDiags *d, BkpDiag *g, BkpSource *src, BkpSpan span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    secondary(d, g, src, span, fmt, ap);
    va_end(ap);
}

void bkp_diag_hint(BkpDiags *d, BkpDiag *g, const char *fmt, ...)
{
    if (bkp_diag_muted(d, g) || g->nhints == BKP_DIAG_MAX_HINTS)
        return;
    va_list ap;
    va_start(ap, fmt);
    g->hints[g->nhints++] = bkp_arena_vprintf(d->arena, fmt, ap);
    va_end(ap);
}

void bkp_diag_fix(BkpDiags *d, BkpDiag *g, BkpSpan span, const char *text)
{
    if (bkp_diag_muted(d, g))
        return;
    g->fix.span = span;
    g->fix.text = bkp_arena_strdup(d->arena, text);
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

BkpDiag **bkp_diags_sorted(const BkpDiags *d)
{
    if (!d->count)
        return NULL;
    SortKey *v = malloc(sizeof(*v) * d->count);
    BkpDiag **out = malloc(sizeof(*out) * d->count);
    if (!v || !out) {
        free(v);
        free(out);
        return NULL;
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
        out[i] = v[i].g;
    free(v);
    return out;
}
