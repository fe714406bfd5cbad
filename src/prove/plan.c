/* plan.c — a policy made ready to prove (see prove_int.h).
 *
 * The weekly pattern. Without its monthly and yearly rules, a policy keeps
 * every backup of a schedule day for a number of days that depends on the
 * day's weekday only (snapshots, daily, weekly on some days), and its
 * backups run at the same minutes of every schedule day, placed by the
 * zone's standard offset (docs/semantics.md §2.2). Where that offset does
 * not change, the backups of a week and their lives, as the interpreter
 * gives them for one week, repeat every week 7 days later: the pattern.
 * The monthly and yearly points only add to it: a point they keep lives at
 * least as long as the pattern says, and the interpreter gives its life.
 */
#include <stdlib.h>
#include <string.h>

#include "prove_int.h"

int64_t plan_day_of(const Plan *pl, int64_t t)
{
    /* with the pattern's constant standard offset, what bkp_interp_day_of says */
    if (pl->fast)
        return bkp_floor_div(t + pl->sigma, DAY);
    return bkp_interp_day_of(pl->tz, pl->p, t);
}

/* The days monthly and yearly rules keep in a few months: a month's
 * masks once, whatever asks about its days. */
typedef struct MonthMasks {
    struct {
        int64_t first;          /* its first day */
        int dim;
        uint32_t monthly, yearly;
    } v[4];
    int next;                   /* the entry to replace next */
} MonthMasks;

/* The lives of b, after its instant, in the order of BkpReqTier. */
static void lives(const BkpBackup *b, const BkpLife *l, int64_t out[3])
{
    out[BKP_REQ_ANY_TIER] = l->expires;
    out[BKP_REQ_SNAPSHOT_TIER] = l->snapshot_until;
    out[BKP_REQ_STANDARD_TIER] = l->vault_until == NEVER ? NEVER
                                 : l->archive_at < l->vault_until ? l->archive_at : l->vault_until;
    for (int k = 0; k < 3; k++)
        if (out[k] != NEVER && out[k] <= b->utc)
            out[k] = NEVER;                 /* kept no time at all: never there */
}

int plan_init(Plan *pl, BkpTz *tz, const BkpPolicy *p, const Zone *z, int64_t t0, int64_t years)
{
    memset(pl, 0, sizeof *pl);
    pl->tz = tz;
    pl->p = p;
    pl->zone = z;
    pl->dc = *p;
    pl->dc.monthly.on = pl->dc.yearly.on = false;
    pl->month_rules = p->monthly.on || p->yearly.on;
    pl->masks = calloc(1, sizeof *pl->masks);
    pl->hint = calloc(1, sizeof *pl->hint);
    if (!pl->masks || !pl->hint) {
        plan_free(pl);
        return -1;
    }
    for (int w = 0; w < BKP_WHY_COUNT; w++) {
        int64_t k = bkp_keep_max_days(bkp_keep(p, (BkpWhy)w));
        if (k * DAY > pl->kmax)
            pl->kmax = k * DAY;
    }
    pl->t0 = t0;
    if (years > 0) {
        pl->t1 = t0 + years * 365 * DAY;
    } else {
        /* Every moment from t0 on: a cycle from where the zone's offsets,
         * and so the points of the longest retention, repeat. */
        int64_t from = z->periodic_from == INT64_MAX ? t0 : z->periodic_from + pl->kmax + 2 * DAY;
        pl->t1 = (from > t0 ? from : t0) + (int64_t)CYCLE_DAYS * DAY;
    }
    /* The weekly pattern, from a week near t0; it holds where the standard
     * offset is the one it had then. */
    BkpRun runs[BKP_SCHED_MAX_RUNS];
    pl->nruns = bkp_sched_day(&pl->dc, runs);
    int64_t d0 = plan_day_of(pl, t0);
    for (int k = 0; k < 7; k++) {
        int64_t day = d0 + k;
        int w = bkp_weekday(day);
        BkpBackup b[BKP_SCHED_MAX_RUNS];
        int n = bkp_interp_day(tz, &pl->dc, day, b);
        for (int i = 0; i < pl->nruns; i++) {
            Run *r = &pl->week[w][i];
            r->minute = runs[i].minute;
            r->to_vault = runs[i].to_vault;
            if (i >= n) {                   /* no backup that weekday (weekly schedules) */
                r->why = 0;
                continue;
            }
            BkpLife l;
            bkp_backup_life(tz, &pl->dc, &b[i], &l);
            r->off = b[i].utc - day * DAY;
            r->why = b[i].why;
            int64_t abs[3];
            lives(&b[i], &l, abs);
            for (int t = 0; t < 3; t++)
                r->life[t] = abs[t] == NEVER ? NEVER : abs[t] - b[i].utc;
        }
    }
    /* The pattern stands for the backups that matter at moments from t0 on:
     * those a day-count rule still keeps then (the monthly and yearly
     * points come from the interpreter, whatever their age). */
    int64_t reach = 0;
    for (int w = BKP_WHY_SNAPSHOT; w <= BKP_WHY_WEEKLY; w++) {
        int64_t k = bkp_keep_max_days(bkp_keep(p, (BkpWhy)w));
        if (k * DAY > reach)
            reach = k * DAY;
    }
    int a = zone_index(z, t0 - reach - 10 * DAY), b = zone_index(z, pl->t1 + 10 * DAY);
    pl->fast = true;
    for (int i = a; i <= b; i++)
        pl->fast &= z->std[i] == z->std[a];
    pl->sigma = (int64_t)z->std[a] * 60;
    return 0;
}

unsigned plan_month_rules(const Plan *pl, int64_t day)
{
    if (!pl->month_rules)
        return 0;
    MonthMasks *mm = pl->masks;
    for (int i = 0; i < 4; i++)
        if (mm->v[i].dim && day >= mm->v[i].first && day < mm->v[i].first + mm->v[i].dim) {
            int d = (int)(day - mm->v[i].first) + 1;
            return (mm->v[i].monthly >> d & 1) | (mm->v[i].yearly >> d & 1) << 1;
        }
    int y, m, d;
    bkp_civil_from_days(day, &y, &m, &d);
    int k = mm->next;
    mm->next = (k + 1) % 4;
    mm->v[k].first = day - d + 1;
    mm->v[k].dim = bkp_days_in_month(y, m);
    mm->v[k].monthly = bkp_interp_month_days(pl->p, BKP_WHY_MONTHLY, y, m);
    mm->v[k].yearly = bkp_interp_month_days(pl->p, BKP_WHY_YEARLY, y, m);
    return (mm->v[k].monthly >> d & 1) | (mm->v[k].yearly >> d & 1) << 1;
}

bool plan_month_point(const Plan *pl, int64_t day)
{
    return plan_month_rules(pl, day) != 0;
}

void plan_free(Plan *pl)
{
    free(pl->masks);
    free(pl->hint);
    pl->masks = NULL;
    pl->hint = NULL;
}

int plan_day(const Plan *pl, int64_t day, bool full, bool reference, BkpBackup b[BKP_SCHED_MAX_RUNS],
             int64_t life[BKP_SCHED_MAX_RUNS][3])
{
    if (reference || !pl->fast) {
        int n = bkp_interp_day(pl->tz, pl->p, day, b);
        for (int i = 0; i < n; i++) {
            BkpLife l;
            bkp_backup_life(pl->tz, pl->p, &b[i], &l);
            lives(&b[i], &l, life[i]);
        }
        return n;
    }
    int w = bkp_weekday(day);
    if (!pl->week[w][0].why)
        return 0;
    for (int i = 0; i < pl->nruns; i++) {
        const Run *r = &pl->week[w][i];
        memset(&b[i], 0, sizeof b[i]);
        b[i].day = day;
        b[i].minute = r->minute;
        b[i].to_vault = r->to_vault;
        b[i].utc = day * DAY + r->off;
        b[i].why = r->why;
        for (int t = 0; t < 3; t++)
            life[i][t] = r->life[t] == NEVER ? NEVER : b[i].utc + r->life[t];
        if (full && r->to_vault) {
            /* a monthly or yearly point: placed and kept by the interpreter */
            b[i].utc = bkp_interp_run_utc(pl->tz, pl->p, day, r->minute);
            b[i].why = bkp_interp_why(pl->p, day, true);
            BkpLife l;
            bkp_backup_life(pl->tz, pl->p, &b[i], &l);
            lives(&b[i], &l, life[i]);
        }
    }
    return pl->nruns;
}
