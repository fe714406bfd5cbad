/* require.c — `require` clauses -> BkpRequire values (docs/language.md,
 * "Requirements"). What they mean is proved later, by src/prove/; here
 * only what they say is checked: units, spans, tiers, and repeats. */
#include <inttypes.h>
#include <string.h>

#include "bkpc/misspell.h"
#include "check_int.h"

/* The longest span a requirement may name, in hours: 100 years of 366 days
 * (Azure keeps points 99 years at most). */
#define SPAN_MAX_HOURS ((int64_t)100 * 366 * 24)

/* Hours of a length, months and years counted long (31 and 366 days): to
 * compare spans with periods and bounds. */
static int64_t length_hours(BkpLength l)
{
    static const int64_t per[] = {[BKP_HOURS] = 1, [BKP_DAYS] = 24, [BKP_WEEKS] = 168, [BKP_MONTHS] = 31 * 24,
                                  [BKP_YEARS] = 366 * 24};
    return (int64_t)l.count * per[l.unit];
}

/* A period's longest length, in the units of BkpLength: a day, a week, a
 * month, a year. */
static BkpLength period_length(BkpPeriod p)
{
    static const BkpLength len[] = {{1, BKP_DAYS}, {1, BKP_WEEKS}, {1, BKP_MONTHS}, {1, BKP_YEARS}};
    return len[p];
}

static const char *const period_noun[] = {"day", "week", "month", "year"};

/* Whether span s is longer than period p, counting months and years as
 * calendar ones (a span of 12 months is exactly a year, not longer). */
static bool longer_than(BkpLength s, BkpPeriod p)
{
    if (p == BKP_PERIOD_MONTH && s.unit >= BKP_MONTHS)
        return s.count * (s.unit == BKP_YEARS ? 12 : 1) > 1;
    if (p == BKP_PERIOD_YEAR && s.unit >= BKP_MONTHS)
        return s.count * (s.unit == BKP_YEARS ? 12 : 1) > 12;
    return length_hours(s) > length_hours(period_length(p));
}

/* `for SPAN`: a length of at least an hour and at most 100 years. */
static bool span(Checker *C, const AstClause *c, BkpLength *out)
{
    const AstDuration *d = &c->u.require.span;
    BkpUnit u;
    if (!check_unit(C, d, &u))
        return false;
    out->unit = u;
    out->count = d->num > INT32_MAX ? INT32_MAX : (int)d->num;
    if (d->num < 1 || length_hours(*out) > SPAN_MAX_HOURS) {
        BkpDiag *g = bkp_error(C->D, C->src, "value", d->span, "a requirement's span is 1 hour to 100 years, not %s",
                               bkp_arena_strndup(C->A, C->src->text + d->span.off, d->span.end - d->span.off));
        bkp_diag_hint(C->D, g, "Azure keeps recovery points at most 99 years");
        return false;
    }
    return true;
}

/* `in TIER`: snapshot or vault-standard. */
static bool tier(Checker *C, const AstClause *c, BkpReqTier *out)
{
    const AstName *t = &c->u.require.tier;
    *out = BKP_REQ_ANY_TIER;
    if (!t->value)
        return true;
    if (strcmp(t->value, "snapshot") == 0) {
        *out = BKP_REQ_SNAPSHOT_TIER;
        return true;
    }
    if (strcmp(t->value, "vault-standard") == 0) {
        *out = BKP_REQ_STANDARD_TIER;
        return true;
    }
    if (strcmp(t->value, "vault-archive") == 0) {
        BkpDiag *g = bkp_error(C->D, C->src, "value", t->span,
                               "no period is ever covered by archived points alone: a point moves to vault-archive "
                               "months after it is taken");
        bkp_diag_hint(C->D, g, "for points that restore without rehydration, write `in vault-standard`; "
                               "for points in any tier, leave `in ...` out");
        return false;
    }
    static const char *const tiers[] = {"snapshot", "vault-standard"};
    BkpDiag *g = bkp_error(C->D, C->src, "value", t->span, "unknown tier `%s`", t->value);
    const char *best = bkp_closest(t->value, tiers, 2);
    if (best) {
        bkp_diag_hint(C->D, g, "did you mean `%s`?", best);
        check_fix(C->D, g, t->span, "%s", best);
    } else {
        bkp_diag_hint(C->D, g, "the tiers are `snapshot` (instant restore) and `vault-standard` (restores "
                               "without rehydration); without `in ...`, points in any tier count");
    }
    return false;
}

static BkpPeriod period_of(BkpKeyword k)
{
    switch (k) {
    case BKP_KW_WEEKLY: return BKP_PERIOD_WEEK;
    case BKP_KW_MONTHLY: return BKP_PERIOD_MONTH;
    case BKP_KW_YEARLY: return BKP_PERIOD_YEAR;
    default: return BKP_PERIOD_DAY;
    }
}

BkpRequire *check_require(Checker *C, const AstClause *c, const BkpTemplateRef *from)
{
    BkpRequire *r = BKP_NEW(C->A, BkpRequire);
    BkpRequireOrigin *o = BKP_NEW(C->A, BkpRequireOrigin);
    r->origin = o;
    o->src = C->src;
    o->span = c->span;
    o->from = from;
    bool ok = true;
    switch (c->u.require.what) {
    case AST_REQ_POINTS:
        r->kind = BKP_REQ_POINTS;
        r->period = period_of(c->u.require.kind);
        ok = tier(C, c, &r->tier);
        break;
    case AST_REQ_SNAPSHOTS:
        r->kind = BKP_REQ_SNAPSHOTS;
        break;
    case AST_REQ_RPO:
        r->kind = BKP_REQ_RPO;
        o->rpo_at = c->u.require.rpo.span;
        if (!check_duration(C, &c->u.require.rpo, BKP_HOURS, "require rpo", ast_clause_kw_span(c), &r->rpo_hours))
            ok = false;
        else if (r->rpo_hours < 1 || r->rpo_hours > SPAN_MAX_HOURS) {
            bkp_error(C->D, C->src, "value", o->rpo_at, "an rpo is 1 hour to 100 years, not %d hours", r->rpo_hours);
            ok = false;
        }
        break;
    }
    if (c->u.require.has_span) {
        o->span_at = c->u.require.span.span;
        ok &= span(C, c, &r->span);
        if (ok && r->kind != BKP_REQ_POINTS && r->span.unit >= BKP_MONTHS) {
            /* snapshots and rpo count time exactly: months have no length */
            BkpDiag *g = bkp_error(C->D, C->src, "unit", o->span_at, "`require %s ... for` counts days exactly, "
                                   "and a %s has no fixed number of days",
                                   r->kind == BKP_REQ_RPO ? "rpo" : "snapshots",
                                   r->span.unit == BKP_MONTHS ? "month" : "year");
            int64_t near = bkp_unit_nearest(r->span.count, r->span.unit, BKP_DAYS);
            bkp_diag_hint(C->D, g, "write `%dd`", (int)near);
            check_fix(C->D, g, o->span_at, "%dd", (int)near);
            ok = false;
        }
    }
    if (ok && r->kind == BKP_REQ_POINTS && !longer_than(r->span, r->period)) {
        const char *n = period_noun[r->period];
        BkpDiag *g = bkp_error(C->D, C->src, "value", o->span_at,
                               "a %s never lies within the last %s: this requirement says nothing", n,
                               bkp_arena_strndup(C->A, C->src->text + o->span_at.off, o->span_at.end - o->span_at.off));
        bkp_diag_hint(C->D, g, "the last N is the time since N ago, and a %s has ended only once the next has "
                               "begun: a span must be longer than a %s", n, n);
        ok = false;
    }
    return ok ? r : NULL;
}

/* Whether an equal requirement is in the list. */
static const BkpRequire *find(const BkpRequire *list, const BkpRequire *r, const BkpRequire *stop)
{
    for (; list && list != stop; list = list->next)
        if (bkp_require_equal(list, r))
            return list;
    return NULL;
}

const BkpRequire *check_require_list(Checker *C, BkpRequire *own, const BkpRequire *inherited)
{
    BkpRequire *head = NULL, *last = NULL;
    for (BkpRequire *r = own, *next; r; r = next) {
        next = (BkpRequire *)r->next;
        const BkpRequire *twin = find(head, r, NULL);
        if (twin) {
            BkpDiag *g = bkp_error(C->D, r->origin->src, "duplicate", r->origin->span, "this requirement is given twice");
            bkp_diag_secondary(C->D, g, twin->origin->span, "first given here");
            continue;
        }
        if (find(inherited, r, NULL))
            continue;               /* the template's binds already */
        r->next = NULL;
        if (last)
            last->next = r;
        else
            head = r;
        last = r;
    }
    if (!last)
        return inherited;
    last->next = inherited;
    return head;
}
