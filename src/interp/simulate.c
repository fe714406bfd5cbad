/* simulate.c — the recovery points that exist at an instant (see
 * include/bkpc/interp.h and docs/semantics.md §6). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The longest any rule keeps a point, in days, as a bound. */
static int64_t max_keep_days(const BkpPolicy *p)
{
    int64_t d = 0;
    for (int w = 0; w < BKP_WHY_COUNT; w++) {
        int64_t k = bkp_keep_max_days(bkp_keep(p, (BkpWhy)w));
        if (k > d)
            d = k;
    }
    return d;
}

int64_t bkp_sim_default_since(BkpTz *tz, const BkpPolicy *p, int64_t at)
{
    /* Local midnight: a round date to show. */
    int64_t day = bkp_interp_day_of(tz, p, at - (max_keep_days(p) + 366) * DAY);
    return bkp_tz_local_to_utc(tz, p->timezone, day, 0);
}

/* The point a backup of schedule day `day` is at `at`, if it was taken
 * since sim->since and some rule still keeps it (else false). */
static bool sim_point(BkpTz *tz, const BkpPolicy *p, const BkpSim *sim, int64_t day, unsigned why,
                      const BkpRun *run, BkpPoint *pt)
{
    int64_t at = sim->at;
    memset(pt, 0, sizeof *pt);
    interp_backup(tz, p, day, why, run, &pt->b);
    if (pt->b.utc > at || pt->b.utc < sim->since)
        return false;
    BkpLife life;
    bkp_backup_life(tz, p, &pt->b, &life);
    /* Instants may be negative (before 1970): no 0 sentinels. */
    pt->expires = INT64_MIN;
    for (int w = 0; w < BKP_WHY_COUNT; w++) {
        int64_t e = life.rule_expires[w];
        if ((pt->b.why >> w & 1) && e > at) {
            pt->why |= 1u << w;
            pt->rule_expires[w] = e;
            if (e > pt->expires)
                pt->expires = e;
        }
    }
    if (!pt->why)
        return false;
    pt->expires_offset = bkp_interp_offset(tz, p, pt->expires);
    pt->archive_at = life.archive_at;
    if (pt->why >> BKP_WHY_SNAPSHOT & 1)
        pt->tiers |= 1u << BKP_TIER_SNAPSHOT;
    if (pt->why & ~(1u << BKP_WHY_SNAPSHOT))
        pt->tiers |= 1u << (pt->archive_at <= at ? BKP_TIER_ARCHIVE : BKP_TIER_STANDARD);
    return true;
}

static void sim_count(BkpSim *sim, const BkpPoint *pt)
{
    sim->npoints++;
    for (int t = 0; t < BKP_TIER_COUNT; t++)
        sim->tier_count[t] += pt->tiers >> t & 1;
    for (int w = 0; w < BKP_WHY_COUNT; w++)
        sim->why_count[w] += pt->why >> w & 1;
    sim->shifted += bkp_backup_shifted(&pt->b);
}

/* Each rule's window: the schedule days [lo[w], hi] whose backups (vault
 * backups, but for snapshots) it could still keep at `at`. The rule keeps
 * points at most bkp_keep_max_days, plus a day for windows that cross
 * midnight and one for the zone's offset; none before `since`. Returns hi;
 * *start: the first day of any window. */
static int64_t sim_windows(BkpTz *tz, const BkpPolicy *p, const BkpSim *sim, int64_t lo[BKP_WHY_COUNT],
                           int64_t *start)
{
    int64_t hi = bkp_interp_day_of(tz, p, sim->at);
    int64_t first = bkp_interp_day_of(tz, p, sim->since) - 1;
    *start = hi + 1;
    for (int w = 0; w < BKP_WHY_COUNT; w++) {
        int64_t keep = bkp_keep_max_days(bkp_keep(p, (BkpWhy)w));
        lo[w] = keep < 0 ? INT64_MAX : hi - keep - 2 < first ? first : hi - keep - 2;
        if (lo[w] < *start)
            *start = lo[w];
    }
    return hi;
}

int bkp_sim_each(BkpTz *tz, const BkpPolicy *p, int64_t at, const int64_t *since, BkpSim *out,
                 BkpPointFn fn, void *ctx)
{
    memset(out, 0, sizeof *out);
    out->policy = p;
    out->at = at;
    out->since_default = since == NULL;
    out->since = since ? *since : bkp_sim_default_since(tz, p, at);
    out->at_offset = bkp_interp_offset(tz, p, at);
    out->since_offset = bkp_interp_offset(tz, p, out->since);
    out->archive_assumed = p->archive == BKP_ARCHIVE_RECOMMENDED;
    BkpRun runs[BKP_SCHED_MAX_RUNS];
    int nruns = bkp_sched_day(p, runs);
    if (nruns <= 0 || out->since > at)
        return 0;
    int64_t lo[BKP_WHY_COUNT], start, hi = sim_windows(tz, p, out, lo, &start);
    /* One pass over the days, in time order (schedule days and their runs
     * are), so each backup is looked at once and the points come sorted. */
    InterpCal cal;
    interp_cal_at(p, start, &cal);
    for (int64_t day = start; day <= hi; day++, interp_cal_next(p, &cal)) {
        unsigned keeps = interp_cal_why(p, &cal), in = 0;   /* in: windows that hold it */
        for (int w = 0; w < BKP_WHY_COUNT; w++)
            if (day >= lo[w] && (keeps >> w & 1))
                in |= 1u << w;
        if (!in || !interp_day_exists(tz, p, day))
            continue;
        int vault_rules = 0;
        for (int w = BKP_WHY_DAILY; w < BKP_WHY_COUNT; w++)
            vault_rules += in >> w & 1;
        for (int i = 0; i < nruns; i++) {
            int windows = (int)(in >> BKP_WHY_SNAPSHOT & 1) + (runs[i].to_vault ? vault_rules : 0);
            if (!windows)
                continue;
            out->candidates += (size_t)windows;
            BkpPoint pt;
            if (!sim_point(tz, p, out, day, keeps, &runs[i], &pt))
                continue;
            int rc = fn ? fn(ctx, &pt) : 0;
            if (rc)
                return rc;
            sim_count(out, &pt);
        }
    }
    return 0;
}

/* Collects the points: the BkpPointFn of bkp_simulate. */
typedef struct Collect {
    BkpPoint *points;
    size_t n, cap;
} Collect;

static int collect(void *ctx, const BkpPoint *pt)
{
    Collect *c = ctx;
    if (c->n == c->cap) {
        size_t n = c->cap ? c->cap * 2 : 64;
        BkpPoint *v = realloc(c->points, n * sizeof *v);
        if (!v)
            return -1;
        c->points = v;
        c->cap = n;
    }
    c->points[c->n++] = *pt;
    return 0;
}

int bkp_simulate(BkpTz *tz, const BkpPolicy *p, int64_t at, const int64_t *since, BkpSim *out)
{
    Collect c = {NULL, 0, 0};
    if (bkp_sim_each(tz, p, at, since, out, collect, &c) != 0) {
        free(c.points);
        out->npoints = out->shifted = out->candidates = 0;
        memset(out->tier_count, 0, sizeof out->tier_count);
        memset(out->why_count, 0, sizeof out->why_count);
        return -1;
    }
    out->points = c.points;
    return 0;
}

void bkp_sim_free(BkpSim *sim)
{
    free(sim->points);
    sim->points = NULL;
    sim->npoints = 0;
}
