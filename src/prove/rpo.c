/* rpo.c — `require rpo R [for SPAN]` (docs/semantics.md, "Proving
 * requirements").
 *
 * At moment t, take the points there, in time order, p1 < ... < pn
 * (without a span: all of them; with one: those taken in (t - SPAN, t]).
 * The requirement holds at t when no stretch of time between them is longer
 * than R: between consecutive points, from the newest to t, and, with a
 * span, from its start t - SPAN to p1. Three checks decide every moment:
 *
 *   1. the newest point is never older than R: no two consecutive backups
 *      are further apart (the newest backup is always there);
 *   2. for each point p, while it is there (and within the span), a point
 *      taken in (p, p + R] is there too: with q1 < q2 < ... the backups of
 *      (p, p + R], the longest-lived of q1..qk lasts until q(k+1) is taken,
 *      and the longest-lived of them all as long as p counts;
 *   3. with a span longer than R: at every t, a point taken in (t - SPAN,
 *      t - SPAN + R] is there: the moments each backup q covers so,
 *      [q + SPAN - R, min(q + SPAN, end of q)), leave no hole.
 *
 * With a span no longer than R, every stretch of it is at most R: it holds.
 *
 * The fast way: the pattern's backups (without monthly and yearly points)
 * repeat every week, and the checks look at differences of instants only,
 * so a week of moments decides them for all; monthly and yearly points only
 * make points last longer, which can only help checks 1 and 3 and check 2
 * for the other points, so what is left is check 2 for each of them. When
 * the pattern fails, the checks run on every point, a year at a time, from
 * t0 until the first moment that fails.
 */
#include <stdlib.h>

#include "prove_int.h"

typedef struct Pt {
    int64_t t, life;            /* taken; there until */
    bool month;                 /* a monthly or yearly point */
} Pt;

typedef struct Pts {
    Pt *v;
    size_t n, cap;
} Pts;

static int push(Pts *a, int64_t t, int64_t life, bool month)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 256;
        Pt *v = realloc(a->v, cap * sizeof *v);
        if (!v)
            return -1;
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n++] = (Pt){t, life, month};
    return 0;
}

/* The backups of schedule days [from, to], in time order, with their lives:
 * the pattern's (mode 0), with the monthly and yearly points' whole lives
 * (mode 1), or the interpreter's for all (mode 2). */
static int collect(const Plan *pl, int64_t from, int64_t to, int mode, Pts *out)
{
    BkpBackup b[BKP_SCHED_MAX_RUNS];
    int64_t life[BKP_SCHED_MAX_RUNS][3];
    out->n = 0;
    for (int64_t d = from; d <= to; d++) {
        bool month = mode == 1 && plan_month_point(pl, d);
        int n = plan_day(pl, d, month, mode == 2, b, life);
        for (int i = 0; i < n; i++)
            if (push(out, b[i].utc, life[i][BKP_REQ_ANY_TIER], (month || mode == 2) && b[i].to_vault &&
                     (b[i].why & (1u << BKP_WHY_MONTHLY | 1u << BKP_WHY_YEARLY))) != 0)
                return -1;
    }
    return 0;
}

/* Check 2 for point i, failures at moments in [lo, hi). */
static void check_successors(const Pts *a, size_t i, int64_t R, int64_t span, int64_t lo, int64_t hi, BkpProof *out)
{
    const Pt *p = &a->v[i];
    int64_t w = span && p->t + span < p->life ? p->t + span : p->life;     /* p counts until then */
    int64_t best = NEVER;
    for (size_t k = i + 1; k < a->n && a->v[k].t <= p->t + R; k++) {
        if (a->v[k].life > best)
            best = a->v[k].life;
        int64_t until = k + 1 < a->n && a->v[k + 1].t <= p->t + R && a->v[k + 1].t < w ? a->v[k + 1].t : w;
        if (best >= until)
            continue;
        /* from `best` to `until` no point after p within R is there */
        int64_t at = best > lo ? best : lo;
        if (at < until && at < hi)
            proof_fail(out, BKP_FAIL_GAP, at, p->t, a->v[k].t);
        return;
    }
}

/* Checks 1-3 on the points a (in time order), for moments in [lo, hi). */
static void sweep(const Pts *a, int64_t R, int64_t span, int64_t lo, int64_t hi, BkpProof *out)
{
    for (size_t i = 0; i + 1 < a->n; i++) {
        const Pt *x = &a->v[i], *y = &a->v[i + 1];
        if (y->t - x->t <= R)
            continue;
        /* the newest point is older than R in (x + R, y): from the first
         * whole minute of it, when there is one */
        int64_t at = x->t + R + 1;
        if (at + 59 < y->t)
            at += 59;
        if (at < lo)
            at = lo;
        if (at < y->t && at < hi)
            proof_fail(out, BKP_FAIL_NEWEST, at, x->t, y->t);
    }
    for (size_t i = 0; i < a->n; i++)
        if (a->v[i].life > lo && a->v[i].t < hi)
            check_successors(a, i, R, span, lo, hi, out);
    if (!span)
        return;
    /* the union of what each point covers, in order: its first hole from lo on */
    int64_t covered = lo;
    for (size_t i = 0; i < a->n; i++) {
        int64_t s = a->v[i].t + span - R, e = a->v[i].t + span < a->v[i].life ? a->v[i].t + span : a->v[i].life;
        if (e <= s || e <= covered)
            continue;
        if (s > covered)
            break;
        covered = e;
        if (covered >= hi)
            return;
    }
    if (covered < hi)
        proof_fail(out, BKP_FAIL_START, covered, covered - span, INT64_MAX);
}

/* The checks for moments [lo, hi) with every point's lives (mode 1 or 2). */
static int sweep_range(const Plan *pl, int64_t R, int64_t span, int64_t back, int64_t lo, int64_t hi, int mode,
                       BkpProof *out)
{
    Pts a = {NULL, 0, 0};
    int rc = collect(pl, plan_day_of(pl, lo - back) - 2, plan_day_of(pl, hi + R) + 2, mode, &a);
    if (rc == 0)
        sweep(&a, R, span, lo, hi, out);
    free(a.v);
    return rc;
}

/* Check 2 for every monthly and yearly point there at t0 or later, in time
 * order: with the points taken within R after it (their whole lives). A
 * point the day-count rules keep past the span counts no longer than they
 * say: the pattern decided it. */
static int month_points(const Plan *pl, int64_t R, int64_t span, BkpProof *out)
{
    Pts a = {NULL, 0, 0};
    int64_t from = plan_day_of(pl, pl->t0 - pl->kmax - R) - 1, to = plan_day_of(pl, pl->t1);
    BkpBackup b[BKP_SCHED_MAX_RUNS];
    int64_t life[BKP_SCHED_MAX_RUNS][3];
    int rc = 0;
    bool done = false;
    for (int64_t d = from; d <= to && rc == 0 && !done;) {
        int y, m, dd;
        bkp_civil_from_days(d, &y, &m, &dd);
        uint32_t set = bkp_interp_month_days(pl->p, BKP_WHY_MONTHLY, y, m) |
                       bkp_interp_month_days(pl->p, BKP_WHY_YEARLY, y, m);
        int64_t month_end = d + bkp_days_in_month(y, m) - dd;
        for (; d <= to && d <= month_end && rc == 0 && !done; d++, dd++) {
            if (!(set >> dd & 1))
                continue;
            int n = plan_day(pl, d, false, false, b, life);
            int v = n - 1;
            while (v >= 0 && !b[v].to_vault)
                v--;
            if (v < 0 || (span && life[v][BKP_REQ_ANY_TIER] >= b[v].utc + span))
                continue;
            if (!out->holds && b[v].utc > out->at) {
                done = true;            /* what follows fails later, if at all */
                break;
            }
            rc = collect(pl, d, plan_day_of(pl, b[v].utc + R) + 1, 1, &a);
            for (size_t i = 0; rc == 0 && i < a.n; i++)
                if (a.v[i].t == b[v].utc && a.v[i].life > pl->t0)
                    check_successors(&a, i, R, span, pl->t0, pl->t1, out);
        }
    }
    free(a.v);
    return rc;
}

int prove_rpo(const Plan *pl, const BkpRequire *r, bool reference, BkpProof *out)
{
    int64_t R = (int64_t)r->rpo_hours * 3600, span = span_seconds(r->span);
    if (span && span <= R)
        return 0;                               /* no stretch of the span is longer than R */
    /* How far back points can matter: those there at t0 (the whole span, or
     * the longest retention without one). */
    int64_t back = (span ? span : pl->kmax) + R + 2 * DAY;
    if (reference || !pl->fast)
        return sweep_range(pl, R, span, back, pl->t0, pl->t1, 2, out);
    /* A week of moments with the pattern decides it for every other point. */
    Pts a = {NULL, 0, 0};
    int64_t week = 7 * DAY;
    int64_t dc_back = (span ? span : 0) + R + 2 * DAY;
    for (int w = BKP_WHY_SNAPSHOT; w <= BKP_WHY_WEEKLY; w++) {
        int64_t k = bkp_keep_max_days(bkp_keep(pl->p, (BkpWhy)w)) * DAY;
        if (!span && k + R + 2 * DAY > dc_back)
            dc_back = k + R + 2 * DAY;
    }
    int rc = collect(pl, plan_day_of(pl, pl->t0 - dc_back) - 2, plan_day_of(pl, pl->t0 + week + R) + 2, 0, &a);
    BkpProof dc = *out;
    if (rc == 0)
        sweep(&a, R, span, pl->t0, pl->t0 + week, &dc);
    free(a.v);
    if (rc != 0)
        return -1;
    if (!dc.holds) {
        /* The pattern fails every week; the monthly and yearly points may
         * save some of those weeks: look a year at a time. */
        int64_t year = 365 * DAY;
        for (int64_t lo = pl->t0; lo < pl->t1 && out->holds; lo += year)
            if (sweep_range(pl, R, span, back, lo, lo + year < pl->t1 ? lo + year : pl->t1, 1, out) != 0)
                return -1;
        return 0;
    }
    if (!pl->month_rules)
        return 0;
    return month_points(pl, R, span, out);
}
