/* model.c — the storage model: what the interpreter's recovery points hold
 * at the end of each month, and what that costs (see include/bkpc/cost.h
 * and docs/cost.md). Which points exist, in which tier, comes from
 * bkp_sim_each alone. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/civil.h"
#include "bkpc/cost.h"

#define DAY_SECONDS 86400.0

double bkp_churn(double c, double days)
{
    if (days <= 0)
        return 0;
    if (days <= 1)
        return c * days;
    return 1 - pow(1 - c, days);
}

/* --- a VM's disks ------------------------------------------------------------------ */

static bool disk_backed_up(const BkpProtect *pr, int lun)
{
    if (lun == BKP_DISK_OS || !pr || pr->disks == BKP_DISKS_ALL)
        return true;
    bool listed = bkp_protect_luns(pr) >> lun & 1;
    return pr->disks == BKP_DISKS_INCLUDE ? listed : !listed;
}

static int disks_fail(char *err, size_t n, const char *msg, int lun)
{
    if (err && n)
        snprintf(err, n, msg, lun);
    return -1;
}

int bkp_cost_disks(const BkpPolicy *p, const BkpProtect *pr, BkpDisk *disks, int n, BkpCostSizes *out,
                   char *err, size_t errn)
{
    memset(out, 0, sizeof *out);
    uint64_t given = 0;
    bool os = false;
    for (int i = 0; i < n; i++) {
        int lun = disks[i].lun;
        if (lun < BKP_DISK_OS || lun > 63)
            return disks_fail(err, errn, "LUN %d is not a data disk's LUN (0-63)", lun);
        if (lun == BKP_DISK_OS ? os : (given >> lun & 1))
            return lun == BKP_DISK_OS ? disks_fail(err, errn, "the OS disk is given twice", lun)
                                      : disks_fail(err, errn, "LUN %d is given twice", lun);
        if (lun == BKP_DISK_OS)
            os = true;
        else
            given |= (uint64_t)1 << lun;
    }
    if (!os)
        return disks_fail(err, errn, "the OS disk's used size is needed (it is always backed up)", 0);
    uint64_t listed = pr ? bkp_protect_luns(pr) : 0;
    for (int lun = 0; lun < 64; lun++)
        if ((listed >> lun & 1) && !(given >> lun & 1))
            return disks_fail(err, errn, "the protect clause names LUN %d, which is not among the VM's disks", lun);
    double all = 0, os_gb = 0;
    int data_backed_up = 0;
    for (int i = 0; i < n; i++) {
        disks[i].backed_up = disk_backed_up(pr, disks[i].lun);
        all += disks[i].gb;
        if (disks[i].backed_up)
            out->vault += disks[i].gb;
        if (disks[i].backed_up && disks[i].lun != BKP_DISK_OS)
            data_backed_up++;
        if (disks[i].lun == BKP_DISK_OS)
            os_gb = disks[i].gb;
    }
    /* Selective disk backup, "Billing": Enhanced bills everything on the
     * disks backed up; Standard snapshots every disk, and bills the instance
     * on the OS disk alone only when no data disk is backed up. */
    out->snapshot = p->enhanced ? out->vault : all;
    out->instance = p->enhanced ? out->vault : data_backed_up ? all : os_gb;
    return 0;
}

/* --- storage at an instant ----------------------------------------------------------- */

/* What bkp_sim_each's callback adds up. */
typedef struct Acc {
    BkpTz *tz;
    const BkpPolicy *p;
    BkpRun runs[BKP_SCHED_MAX_RUNS];
    int nruns;
    const BkpCostInput *in;
    int64_t prev_standard;         /* the last point in vault-standard so far */
    bool any_standard;
    BkpCostState *s;
} Acc;

/* When the backup before `b` ran: the run before it that day, or the last
 * run of the schedule's previous backup day. */
static int64_t previous_backup(const Acc *a, const BkpBackup *b)
{
    int i = 0;
    while (i < a->nruns && a->runs[i].minute != b->minute)
        i++;
    if (i > 0 && i < a->nruns)
        return bkp_interp_run_utc(a->tz, a->p, b->day, a->runs[i - 1].minute);
    int64_t d = b->day - 1;
    while (d > b->day - 7 && !bkp_sched_runs_on(a->p, bkp_weekday(d)))
        d--;
    return bkp_interp_run_utc(a->tz, a->p, d, a->runs[a->nruns - 1].minute);
}

static int add_point(void *ctx, const BkpPoint *pt)
{
    Acc *a = ctx;
    BkpCostState *s = a->s;
    double c = a->in->churn;
    const BkpCostSizes *size = &a->in->size;
    if (pt->tiers >> BKP_TIER_SNAPSHOT & 1) {
        double days = (double)(pt->b.utc - previous_backup(a, &pt->b)) / DAY_SECONDS;
        s->points[BKP_TIER_SNAPSHOT]++;
        s->gb[BKP_TIER_SNAPSHOT] += size->snapshot * bkp_churn(c, days);
    }
    if (pt->tiers >> BKP_TIER_STANDARD & 1) {
        double days = (double)(pt->b.utc - a->prev_standard) / DAY_SECONDS;
        s->points[BKP_TIER_STANDARD]++;
        s->gb[BKP_TIER_STANDARD] += a->any_standard ? size->vault * bkp_churn(c, days) : size->vault;
        a->prev_standard = pt->b.utc;
        a->any_standard = true;
    }
    if (pt->tiers >> BKP_TIER_ARCHIVE & 1) {
        s->points[BKP_TIER_ARCHIVE]++;
        s->gb[BKP_TIER_ARCHIVE] += size->vault;
    }
    return 0;
}

/* The storage at the midnight that starts schedule day `day`, `month`
 * months after the start, and its price. */
static void state_at(BkpTz *tz, const BkpPolicy *p, const BkpCostInput *in, const BkpPrices *prices, int month,
                     BkpCostState *s)
{
    memset(s, 0, sizeof *s);
    s->month = month;
    s->day = bkp_add_months(in->start_day, month);
    Acc a = {.tz = tz, .p = p, .in = in, .s = s};
    a.nruns = bkp_sched_day(p, a.runs);
    int64_t since = bkp_interp_run_utc(tz, p, in->start_day, 0);
    BkpSim sim;
    if (a.nruns > 0)
        bkp_sim_each(tz, p, bkp_interp_run_utc(tz, p, s->day, 0), &since, &sim, add_point, &a);
    s->total = s->instance_fee = bkp_prices_instance(prices, in->size.instance);
    for (int t = 0; t < BKP_TIER_COUNT; t++) {
        s->cost[t] = s->gb[t] * prices->per_gb[t][in->redundancy];
        s->total += s->cost[t];
    }
}

/* The first month at whose end no rule could still keep a point taken
 * before the start: from then on the points are those of a policy that has
 * always run. */
static int steady_month(const BkpPolicy *p, int64_t start)
{
    int64_t end = start;
    for (int w = 0; w < BKP_WHY_COUNT; w++) {
        BkpKeep k = bkp_keep(p, (BkpWhy)w);
        int64_t e = k.count > 0 ? bkp_keep_end_day(k, start) : start;
        if (e > end)
            end = e;
    }
    int m = 1;
    while (m < BKP_COST_MAX_MONTHS && bkp_add_months(start, m) < end)
        m++;
    return m;
}

/* The same policy with other tiering: never if it archives; recommended
 * if it could (monthly or yearly points). */
static bool alternative(const BkpPolicy *p, BkpPolicy *alt)
{
    *alt = *p;
    alt->next = NULL;
    if (p->archive != BKP_ARCHIVE_NEVER)
        alt->archive = BKP_ARCHIVE_NEVER;
    else if (p->monthly.on || p->yearly.on)
        alt->archive = BKP_ARCHIVE_RECOMMENDED;
    else
        return false;
    return true;
}

int bkp_cost(BkpTz *tz, const BkpPolicy *p, const BkpCostInput *in, const BkpPrices *prices, BkpCost *out)
{
    memset(out, 0, sizeof *out);
    out->policy = p;
    out->in = *in;
    out->prices = prices;
    out->weekly = p->freq == BKP_FREQ_WEEKLY;
    BkpRun runs[BKP_SCHED_MAX_RUNS];
    int nruns = bkp_sched_day(p, runs), days = 0;
    for (int d = 0; d < 7; d++)
        days += bkp_sched_runs_on(p, d);
    out->snapshots = out->weekly ? nruns * days : nruns;
    out->vault_points = out->weekly ? days : 1;
    out->archive_assumed = p->archive == BKP_ARCHIVE_RECOMMENDED;
    out->steady_month = steady_month(p, in->start_day);
    int n = in->months > 0 ? in->months : out->steady_month;
    out->months = calloc((size_t)n, sizeof *out->months);
    if (!out->months)
        return -1;
    out->nmonths = n;
    for (int m = 1; m <= n; m++) {
        state_at(tz, p, in, prices, m, &out->months[m - 1]);
        out->horizon_total += out->months[m - 1].total;
    }
    if (out->steady_month <= n)
        out->steady = out->months[out->steady_month - 1];
    else
        state_at(tz, p, in, prices, out->steady_month, &out->steady);
    BkpPolicy alt;
    out->has_alt = alternative(p, &alt);
    out->alt_mode = alt.archive;
    if (out->has_alt)
        state_at(tz, &alt, in, prices, out->steady_month, &out->alt);
    return 0;
}

void bkp_cost_free(BkpCost *c)
{
    free(c->months);
    c->months = NULL;
    c->nmonths = 0;
}
