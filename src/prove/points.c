/* points.c — `require daily|weekly|monthly|yearly points for SPAN [in
 * TIER]` and `require snapshots for SPAN` (docs/semantics.md, "Proving
 * requirements").
 *
 * A period P = [start, end) of the zone's clocks lies within the last SPAN
 * at moment t when end <= t and start > t - SPAN, that is for t in [end,
 * D) with D = start + SPAN; the requirement holds for P when a point taken
 * in P is there at every such t: when E(P) >= D, E(P) being the latest
 * instant one of them is still there (in the tier). It fails from max(E(P),
 * end) until D: the counterexample is the earliest moment from t0 on at
 * which some period fails.
 *
 * Every period of the range is decided. For days and weeks, whose periods
 * of one kind (the same weekday, the same offsets at both ends) look the
 * same to a policy's day-count rules, the days a stretch of constant offset
 * holds are decided by kind: when each kind's points of the pattern last
 * long enough, the stretch holds whatever the monthly and yearly rules add
 * (they only add), and the prover goes on at its end.
 */
#include <stdlib.h>
#include <string.h>

#include "prove_int.h"

int64_t span_seconds(BkpLength l)
{
    switch (l.unit) {
    case BKP_HOURS: return (int64_t)l.count * 3600;
    case BKP_DAYS: return (int64_t)l.count * DAY;
    case BKP_WEEKS: return (int64_t)l.count * 7 * DAY;
    default: return 0;
    }
}

int64_t span_after(const Plan *pl, int64_t t, int64_t day, BkpLength l)
{
    int64_t s = span_seconds(l);
    if (s)
        return t + s;
    int hint = *pl->hint;       /* the deadline is later than the period: its own cursor */
    return zone_midnight(pl->tz, pl->zone, bkp_add_months(day, l.count * (l.unit == BKP_YEARS ? 12 : 1)), &hint);
}

void proof_fail(BkpProof *out, BkpFailKind k, int64_t at, int64_t from, int64_t to)
{
    if (!out->holds && out->at <= at)
        return;
    out->holds = false;
    out->fail = k;
    out->at = at;
    out->from = from;
    out->to = to;
}

/* The first day (days since 1970, the zone's clocks) of the period of kind
 * k that holds day d, and of the next one. */
static int64_t period_first(BkpPeriod k, int64_t d)
{
    int y, m, dd;
    switch (k) {
    case BKP_PERIOD_DAY: return d;
    case BKP_PERIOD_WEEK: return d - (bkp_weekday(d) + 6) % 7;      /* Monday */
    case BKP_PERIOD_MONTH: bkp_civil_from_days(d, &y, &m, &dd); return bkp_days_from_civil(y, m, 1);
    default: bkp_civil_from_days(d, &y, &m, &dd); return bkp_days_from_civil(y, 1, 1);
    }
}

static int64_t period_next(BkpPeriod k, int64_t first)
{
    switch (k) {
    case BKP_PERIOD_DAY: return first + 1;
    case BKP_PERIOD_WEEK: return first + 7;
    case BKP_PERIOD_MONTH: return bkp_add_months(first, 1);
    default: return bkp_add_months(first, 12);
    }
}

/* The life in `tier` of the vault point of schedule day d, a monthly or
 * yearly one, if it is taken in [start, end); NEVER otherwise. */
static int64_t month_point_last(const Plan *pl, int64_t d, BkpReqTier tier, int64_t start, int64_t end)
{
    if (tier == BKP_REQ_ANY_TIER) {
        /* it is there until its last rule lets it go (no archive to work out) */
        int v = pl->nruns - 1;
        while (v > 0 && !pl->week[bkp_weekday(d)][v].to_vault)
            v--;
        int minute = pl->week[bkp_weekday(d)][v].minute;
        int64_t t = bkp_interp_run_utc(pl->tz, pl->p, d, minute);
        if (t < start || t >= end)
            return NEVER;
        unsigned why = bkp_interp_why(pl->p, d, true);
        int64_t last = NEVER;
        for (int w = 0; w < BKP_WHY_COUNT; w++)
            if (why >> w & 1) {
                int64_t e = bkp_interp_expiry(pl->tz, pl->p, (BkpWhy)w, d, minute, t);
                if (e > last)
                    last = e;
            }
        return last > t ? last : NEVER;
    }
    BkpBackup b[BKP_SCHED_MAX_RUNS];
    int64_t life[BKP_SCHED_MAX_RUNS][3];
    int n = plan_day(pl, d, true, false, b, life);
    for (int i = 0; i < n; i++)
        if (b[i].to_vault && b[i].utc >= start && b[i].utc < end)
            return life[i][tier];
    return NEVER;
}

/* The monthly and yearly points of schedule days [lo, hi] taken in [start,
 * end): the latest of each rule lasts longest (later days, later expiries);
 * in vault-standard, where a point may leave for the archive tier early,
 * each of them counts. The latest life among them, or NEVER. */
static int64_t month_points_last(const Plan *pl, BkpReqTier tier, int64_t lo, int64_t hi, int64_t start, int64_t end)
{
    int64_t best = NEVER;
    bool found[2] = {false, false};
    for (int64_t d = hi; d >= lo && !(found[0] && found[1] && tier != BKP_REQ_STANDARD_TIER);) {
        int y, m, dd;
        bkp_civil_from_days(d, &y, &m, &dd);
        uint32_t set[2] = {bkp_interp_month_days(pl->p, BKP_WHY_MONTHLY, y, m),
                           bkp_interp_month_days(pl->p, BKP_WHY_YEARLY, y, m)};
        int64_t first = d - dd + 1;                 /* the month's first day */
        for (; d >= lo && d >= first; d--, dd--) {
            unsigned rules = (set[0] >> dd & 1) | (set[1] >> dd & 1) << 1;
            bool want = tier == BKP_REQ_STANDARD_TIER || ((rules & 1) && !found[0]) || ((rules & 2) && !found[1]);
            if (!rules || !want)
                continue;
            int64_t e = month_point_last(pl, d, tier, start, end);
            if (e == NEVER)
                continue;
            if (e > best)
                best = e;
            found[0] |= rules & 1;
            found[1] |= (rules & 2) != 0;
        }
    }
    return best;
}

/* The latest instant a point taken in [start, end) is there in `tier`
 * (NEVER: none is). The reference looks at every backup of the period with
 * the interpreter; the fast way at the pattern's backups of the last eleven
 * schedule days (each weekday's backups repeat a week later, and later ones
 * last later; a schedule day's backups run up to two days after it) and, if
 * `full`, at the monthly and yearly points of it. */
static int64_t period_last(const Plan *pl, BkpReqTier tier, int64_t start, int64_t end, bool full, bool reference)
{
    int64_t lo = plan_day_of(pl, start) - 2, hi = plan_day_of(pl, end) + 1;
    int64_t best = NEVER;
    if (reference || !pl->fast) {
        BkpBackup b[BKP_SCHED_MAX_RUNS];
        int64_t life[BKP_SCHED_MAX_RUNS][3];
        for (int64_t d = lo; d <= hi; d++) {
            int n = plan_day(pl, d, false, true, b, life);
            for (int i = 0; i < n; i++)
                if (b[i].utc >= start && b[i].utc < end && life[i][tier] > best)
                    best = life[i][tier];
        }
        return best;
    }
    for (int64_t d = hi - 11 > lo ? hi - 11 : lo; d <= hi; d++) {
        const Run *r = pl->week[bkp_weekday(d)];
        for (int i = 0; i < pl->nruns && r[i].why; i++) {
            int64_t t = d * DAY + r[i].off;
            if (t >= start && t < end && r[i].life[tier] != NEVER && t + r[i].life[tier] > best)
                best = t + r[i].life[tier];
        }
    }
    if (full && pl->month_rules && tier != BKP_REQ_SNAPSHOT_TIER) {
        int64_t e = month_points_last(pl, tier, lo, hi, start, end);
        if (e > best)
            best = e;
    }
    return best;
}

/* What the day-count rules give a kind of day or week: E(P) - start for
 * periods of one weekday and the same offsets at both ends. */
typedef struct Kind {
    int wd;
    int64_t off_s, off_e;
    int64_t last;               /* E(P) - start, or NEVER */
} Kind;

typedef struct Kinds {
    Kind v[256];
    int n;
} Kinds;

static const Kind *kind_of(const Plan *pl, Kinds *ks, const BkpRequire *r, int64_t first, int64_t start, int64_t end,
                           int64_t next)
{
    int wd = bkp_weekday(first);
    int64_t off_s = first * DAY - start, off_e = next * DAY - end;
    for (int i = 0; i < ks->n; i++)
        if (ks->v[i].wd == wd && ks->v[i].off_s == off_s && ks->v[i].off_e == off_e)
            return &ks->v[i];
    if (ks->n == (int)(sizeof ks->v / sizeof ks->v[0]))
        return NULL;
    Kind *k = &ks->v[ks->n++];
    k->wd = wd;
    k->off_s = off_s;
    k->off_e = off_e;
    int64_t e = period_last(pl, r->tier, start, end, false, false);
    k->last = e == NEVER ? NEVER : e - start;
    return k;
}

/* Whether every weekday's days (or every week) of offset `off` at both ends
 * is known to hold by the day-count rules alone. */
static bool stretch_holds(const Kinds *ks, BkpPeriod kind, int64_t off, int64_t span)
{
    int seen = 0;
    for (int i = 0; i < ks->n; i++) {
        const Kind *k = &ks->v[i];
        if (k->off_s != off || k->off_e != off)
            continue;
        if (k->last == NEVER || k->last < span)
            return false;
        seen |= 1 << k->wd;
    }
    return kind == BKP_PERIOD_WEEK ? seen != 0 : seen == 0x7F;
}

int prove_points(const Plan *pl, const BkpRequire *r, bool reference, BkpProof *out)
{
    const Zone *z = pl->zone;
    int64_t span = span_seconds(r->span);
    int64_t back = span ? span : (int64_t)r->span.count * (r->span.unit == BKP_YEARS ? 366 : 31) * DAY;
    int64_t t = pl->t0 - back - 400 * DAY;
    int64_t day = period_first(r->period, bkp_floor_div(t + (int64_t)z->off[zone_index(z, t)] * 60, DAY));
    bool by_kind = !reference && pl->fast && span &&
                   (r->period == BKP_PERIOD_DAY || r->period == BKP_PERIOD_WEEK);
    Kinds *ks = by_kind ? calloc(1, sizeof *ks) : NULL;
    if (by_kind && !ks)
        return -1;
    for (int64_t next; ; day = next) {
        next = period_next(r->period, day);
        int64_t start = zone_midnight(pl->tz, z, day, pl->hint), end = zone_midnight(pl->tz, z, next, pl->hint);
        if (end >= pl->t1 || (!out->holds && end > out->at))
            break;
        int64_t deadline = span_after(pl, start, day, r->span);
        if (deadline <= pl->t0 || end >= deadline)
            continue;
        if (ks) {
            const Kind *k = kind_of(pl, ks, r, day, start, end, next);
            if (k && k->last != NEVER && k->last >= span) {
                /* the stretch of this offset holds: go on at its end */
                int i = zone_index(z, start);
                int64_t off = day * DAY - start;
                if (i == zone_index(z, end) && stretch_holds(ks, r->period, off, span)) {
                    int64_t stop = i + 1 < z->n ? z->at[i + 1] - 3 * DAY : pl->t1;
                    int64_t last = bkp_floor_div(stop + off, DAY) - 1;        /* its last whole day */
                    int64_t to = period_first(r->period, last);
                    if (to > next)
                        next = to;
                }
                continue;
            }
        }
        int64_t e = period_last(pl, r->tier, start, end, true, reference);
        int64_t at = e > end ? e : end;         /* from then until the deadline, P has no point */
        if (at < pl->t0)
            at = pl->t0;
        if (e < deadline && at < pl->t1)
            proof_fail(out, BKP_FAIL_PERIOD, at, start, end);
    }
    free(ks);
    return 0;
}

int prove_snapshots(const Plan *pl, const BkpRequire *r, bool reference, BkpProof *out)
{
    int64_t span = span_seconds(r->span);
    BkpBackup b[BKP_SCHED_MAX_RUNS];
    int64_t life[BKP_SCHED_MAX_RUNS][3];
    int64_t first = plan_day_of(pl, pl->t0 - span) - 2, last = plan_day_of(pl, pl->t1) + 1;
    /* The fast way: snapshots last as long for every backup of a weekday
     * and run (a day-count rule): one week of the pattern decides, and the
     * first backup of a kind that fails is the counterexample. */
    bool fast = pl->fast && !reference;
    int64_t week_after = plan_day_of(pl, pl->t0) + 8;   /* by then each kind has a backup taken after t0 */
    for (int64_t d = first; d <= last; d++) {
        if (fast && d > week_after)
            break;
        int n = plan_day(pl, d, false, reference, b, life);
        for (int i = 0; i < n; i++) {
            int64_t until = life[i][BKP_REQ_SNAPSHOT_TIER], to = b[i].utc + span;   /* it counts until then */
            int64_t at = until > pl->t0 ? until : pl->t0;
            if (until < to && at < to && at < pl->t1)
                proof_fail(out, BKP_FAIL_SNAPSHOT, at, b[i].utc, b[i].utc);
        }
        if (!out->holds && d * DAY > out->at)
            break;
    }
    return 0;
}
