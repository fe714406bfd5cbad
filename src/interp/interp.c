/* interp.c — the interpreter: schedule days placed in time, retention rules
 * applied (see include/bkpc/interp.h and docs/semantics.md). */
#include "bkpc/interp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/sched.h"

#define DAY 86400

/* The longest month, in days. Only a bound: how far back a monthly rule (or a
 * tiering age) can reach is at most this many days a month, so look-back
 * windows may use it; retention itself counts calendar months
 * (bkp_add_months). */
#define MONTH_MAX_DAYS 31

const char *bkp_why_name(BkpWhy w)
{
    static const char *const names[BKP_WHY_COUNT] = {"snapshot", "daily", "weekly", "monthly", "yearly"};
    return (unsigned)w < BKP_WHY_COUNT ? names[w] : "?";
}

const char *bkp_tier_name(BkpTier t)
{
    static const char *const names[BKP_TIER_COUNT] = {"snapshot", "vault-standard", "vault-archive"};
    return (unsigned)t < BKP_TIER_COUNT ? names[t] : "?";
}

/* --- time ---------------------------------------------------------------------- */

static int std_offset(BkpTz *tz, const BkpPolicy *p, int64_t t)
{
    return bkp_tz_std_offset(tz, p->timezone, t);
}

int64_t bkp_interp_run_utc(BkpTz *tz, const BkpPolicy *p, int64_t day, int minute)
{
    int64_t local = day * DAY + (int64_t)minute * 60;
    int64_t u = local - (int64_t)std_offset(tz, p, local) * 60;
    return local - (int64_t)std_offset(tz, p, u) * 60;
}

int64_t bkp_interp_day_of(BkpTz *tz, const BkpPolicy *p, int64_t t)
{
    return bkp_floor_div(t + (int64_t)std_offset(tz, p, t) * 60, DAY);
}

/* --- retention rules --------------------------------------------------------- */

static bool longterm_matches(const BkpLongTerm *lt, bool yearly, int y, int m, int d, int wday)
{
    if (!lt->on)
        return false;
    if (yearly && !(lt->months >> (m - 1) & 1))
        return false;
    int dim = bkp_days_in_month(y, m);
    if (lt->format == BKP_FORMAT_DAILY)
        return (d <= 28 && (lt->dates >> d & 1)) || (lt->last_day && d == dim);
    if (!(lt->days >> wday & 1))
        return false;
    int week = (d - 1) / 7;
    if (week <= BKP_WEEK_FOURTH && (lt->weeks >> week & 1))
        return true;
    return (lt->weeks >> BKP_WEEK_LAST & 1) && d + 7 > dim;
}

unsigned bkp_interp_why(const BkpPolicy *p, int64_t day, bool to_vault)
{
    int wday = bkp_weekday(day);
    if (!bkp_sched_runs_on(p, wday))
        return 0;
    unsigned why = 1u << BKP_WHY_SNAPSHOT;
    if (!to_vault)
        return why;
    int y, m, d;
    bkp_civil_from_days(day, &y, &m, &d);
    if (p->daily.on)
        why |= 1u << BKP_WHY_DAILY;
    if (p->weekly.on && (p->weekly.days >> wday & 1))
        why |= 1u << BKP_WHY_WEEKLY;
    if (longterm_matches(&p->monthly, false, y, m, d, wday))
        why |= 1u << BKP_WHY_MONTHLY;
    if (longterm_matches(&p->yearly, true, y, m, d, wday))
        why |= 1u << BKP_WHY_YEARLY;
    return why;
}

/* The schedule day on which rule `why` lets a point of schedule day `day` go.
 * Calendar months and years: the same day of the month N months (years)
 * later, or that month's last day if it is shorter (31 January + 1 month ->
 * 28/29 February; 29 February + 1 year -> 28). */
static int64_t rule_end_day(const BkpPolicy *p, BkpWhy why, int64_t day)
{
    switch (why) {
    case BKP_WHY_SNAPSHOT: return day + p->snapshot_days;
    case BKP_WHY_DAILY: return day + p->daily.days;
    case BKP_WHY_WEEKLY: return day + (int64_t)p->weekly.weeks * 7;
    case BKP_WHY_MONTHLY: return bkp_add_months(day, p->monthly.count);
    case BKP_WHY_YEARLY: return bkp_add_months(day, p->yearly.count * 12);
    default: return day;
    }
}

int64_t bkp_interp_expiry(BkpTz *tz, const BkpPolicy *p, BkpWhy why, int64_t day, int minute, int64_t t)
{
    switch (why) {
    /* Days and weeks: exactly, from the instant the point is taken. */
    case BKP_WHY_SNAPSHOT:
    case BKP_WHY_DAILY:
    case BKP_WHY_WEEKLY: return t + (rule_end_day(p, why, day) - day) * DAY;
    /* Calendar months and years: at the point's time of day. */
    case BKP_WHY_MONTHLY:
    case BKP_WHY_YEARLY: return bkp_interp_run_utc(tz, p, rule_end_day(p, why, day), minute);
    default: return t;
    }
}

static void fill_backup(BkpTz *tz, const BkpPolicy *p, int64_t day, const BkpRun *r, BkpBackup *b)
{
    b->day = day;
    b->minute = r->minute;
    b->to_vault = r->to_vault;
    b->utc = bkp_interp_run_utc(tz, p, day, r->minute);
    b->offset = bkp_tz_offset(tz, p->timezone, b->utc, NULL);
    b->std_offset = std_offset(tz, p, b->utc);
    b->why = bkp_interp_why(p, day, r->to_vault);
}

/* --- next ------------------------------------------------------------------------ */

int bkp_interp_next(BkpTz *tz, const BkpPolicy *p, int64_t from, int n, BkpBackup *out)
{
    if (n <= 0 || n > BKP_NEXT_MAX)
        return 0;
    BkpRun runs[BKP_SCHED_MAX_RUNS];
    int nruns = bkp_sched_day(p, runs);
    if (nruns <= 0)
        return 0;
    /* A window that opened the day before may still be running. Every week
     * has a backup day, so 7 days per backup (and two more) always suffice. */
    int64_t day = bkp_interp_day_of(tz, p, from) - 1;
    int got = 0;
    for (int64_t guard = 0; got < n && guard < (int64_t)n * 7 + 16; guard++, day++) {
        if (!bkp_sched_runs_on(p, bkp_weekday(day)))
            continue;
        for (int i = 0; i < nruns && got < n; i++) {
            BkpBackup b;
            fill_backup(tz, p, day, &runs[i], &b);
            if (b.utc >= from)
                out[got++] = b;
        }
    }
    return got;
}

/* --- simulate ---------------------------------------------------------------- */

/* How long rule w keeps a point, in days, or -1 when the policy has no such
 * rule: exact for days and weeks, a bound for months (MONTH_MAX_DAYS each)
 * and years (366 days each), which are calendar months and years. */
static int64_t keep_bound_days(const BkpPolicy *p, BkpWhy w)
{
    switch (w) {
    case BKP_WHY_SNAPSHOT: return p->snapshot_days;
    case BKP_WHY_DAILY: return p->daily.on ? p->daily.days : -1;
    case BKP_WHY_WEEKLY: return p->weekly.on ? (int64_t)p->weekly.weeks * 7 : -1;
    case BKP_WHY_MONTHLY: return p->monthly.on ? (int64_t)p->monthly.count * MONTH_MAX_DAYS : -1;
    case BKP_WHY_YEARLY: return p->yearly.on ? (int64_t)p->yearly.count * 366 : -1;
    default: return -1;
    }
}

/* The longest any rule keeps a point, in days, as a bound. */
static int64_t max_keep_days(const BkpPolicy *p)
{
    int64_t d = 0;
    for (int w = 0; w < BKP_WHY_COUNT; w++)
        if (keep_bound_days(p, (BkpWhy)w) > d)
            d = keep_bound_days(p, (BkpWhy)w);
    return d;
}

/* The age, in calendar months, from which a point may move to vault-archive
 * (TierAfter's months, TierRecommended's least age), or 0: never. */
static int archive_age_months(const BkpPolicy *p)
{
    switch (p->archive) {
    case BKP_ARCHIVE_AFTER: return p->archive_months;
    case BKP_ARCHIVE_RECOMMENDED: return BKP_ARCHIVE_MIN_AGE_MONTHS;
    default: return 0;
    }
}

/* How long the daily and weekly rules in `why` keep a point, in days (0:
 * neither keeps it); *weekly: the weekly rule is the one that keeps it
 * longest. */
static int64_t release_days(const BkpPolicy *p, unsigned why, bool *weekly)
{
    int64_t days = why >> BKP_WHY_DAILY & 1 ? p->daily.days : 0;
    *weekly = (why >> BKP_WHY_WEEKLY & 1) && (int64_t)p->weekly.weeks * 7 > days;
    return *weekly ? (int64_t)p->weekly.weeks * 7 : days;
}

/* The archive rule (docs/semantics.md §5), in schedule days: the day on
 * which a vault point of schedule day `day`, kept by the rules in `why`,
 * moves to vault-archive, or INT64_MAX if it never does. It must be a
 * monthly or yearly point; it moves at the tiering age in calendar months
 * or, when later (*late), the day its daily or weekly rule releases it; and
 * only if 6 calendar months of its retention (its longest rule's) are left
 * from that day. late may be NULL. */
static int64_t archive_day(const BkpPolicy *p, int64_t day, unsigned why, bool *late)
{
    bool ignored;
    if (!late)
        late = &ignored;
    int months = archive_age_months(p);
    *late = false;
    if (months <= 0 || !(why & (1u << BKP_WHY_MONTHLY | 1u << BKP_WHY_YEARLY)))
        return INT64_MAX;
    bool weekly;
    int64_t move = bkp_add_months(day, months), release = day + release_days(p, why, &weekly);
    if (release > move) {
        move = release;
        *late = true;
    }
    int64_t end = INT64_MIN;         /* the day it leaves the vault */
    for (int w = BKP_WHY_DAILY; w < BKP_WHY_COUNT; w++)
        if (why >> w & 1 && rule_end_day(p, (BkpWhy)w, day) > end)
            end = rule_end_day(p, (BkpWhy)w, day);
    return bkp_add_months(move, BKP_ARCHIVE_MIN_LEFT_MONTHS) <= end ? move : INT64_MAX;
}

int64_t bkp_sim_default_since(BkpTz *tz, const BkpPolicy *p, int64_t at)
{
    /* Local midnight: a round date to show. */
    int64_t day = bkp_interp_day_of(tz, p, at - (max_keep_days(p) + 366) * DAY);
    return bkp_tz_local_to_utc(tz, p->timezone, day, 0);
}

/* The point a backup of schedule day `day` is at `at`, if it was taken
 * since sim->since and some rule still keeps it (else false). */
static bool sim_point(BkpTz *tz, const BkpPolicy *p, const BkpSim *sim, int64_t day, const BkpRun *run,
                      BkpPoint *pt)
{
    int64_t at = sim->at;
    memset(pt, 0, sizeof *pt);
    fill_backup(tz, p, day, run, &pt->b);
    if (pt->b.utc > at || pt->b.utc < sim->since)
        return false;
    /* Instants may be negative (before 1970): no 0 sentinels. */
    pt->expires = INT64_MIN;
    int64_t release = INT64_MIN;     /* when its daily or weekly rules let it go */
    for (int w = 0; w < BKP_WHY_COUNT; w++) {
        if (!(pt->b.why >> w & 1))
            continue;
        int64_t e = bkp_interp_expiry(tz, p, (BkpWhy)w, pt->b.day, pt->b.minute, pt->b.utc);
        if ((w == BKP_WHY_DAILY || w == BKP_WHY_WEEKLY) && e > release)
            release = e;
        if (e > at) {
            pt->why |= 1u << w;
            pt->rule_expires[w] = e;
            if (e > pt->expires)
                pt->expires = e;
        }
    }
    if (!pt->why)
        return false;
    /* It moves (if archive_day says it does) at the later of the instant it
     * is old enough, at its time of day, and the instant its daily or weekly
     * rule lets it go. */
    pt->archive_at = INT64_MAX;
    if (archive_day(p, pt->b.day, pt->b.why, NULL) != INT64_MAX) {
        int64_t old_enough = bkp_interp_run_utc(tz, p, bkp_add_months(pt->b.day, archive_age_months(p)),
                                                pt->b.minute);
        pt->archive_at = release > old_enough ? release : old_enough;
    }
    if (pt->why >> BKP_WHY_SNAPSHOT & 1)
        pt->tiers |= 1u << BKP_TIER_SNAPSHOT;
    if (pt->why & ~(1u << BKP_WHY_SNAPSHOT))
        pt->tiers |= 1u << (pt->archive_at <= at ? BKP_TIER_ARCHIVE : BKP_TIER_STANDARD);
    return true;
}

/* Appends pt to sim's points (cap: their room); -1 when out of memory. */
static int sim_add(BkpSim *sim, size_t *cap, const BkpPoint *pt)
{
    if (sim->npoints == *cap) {
        size_t n = *cap ? *cap * 2 : 64;
        BkpPoint *v = realloc(sim->points, n * sizeof *v);
        if (!v)
            return -1;
        sim->points = v;
        *cap = n;
    }
    sim->points[sim->npoints++] = *pt;
    for (int t = 0; t < BKP_TIER_COUNT; t++)
        sim->tier_count[t] += pt->tiers >> t & 1;
    for (int w = 0; w < BKP_WHY_COUNT; w++)
        sim->why_count[w] += pt->why >> w & 1;
    sim->shifted += bkp_backup_shifted(&pt->b);
    return 0;
}

int bkp_simulate(BkpTz *tz, const BkpPolicy *p, int64_t at, const int64_t *since, BkpSim *out)
{
    memset(out, 0, sizeof *out);
    out->at = at;
    out->since_default = since == NULL;
    out->since = since ? *since : bkp_sim_default_since(tz, p, at);
    out->archive_assumed = p->archive == BKP_ARCHIVE_RECOMMENDED;
    BkpRun runs[BKP_SCHED_MAX_RUNS];
    int nruns = bkp_sched_day(p, runs);
    if (nruns <= 0 || out->since > at)
        return 0;

    /* Each rule's window: the schedule days [lo[w], hi] whose backups (vault
     * backups, but for snapshots) it could still keep at `at`. The rule
     * keeps points at most keep_bound_days, plus a day for windows that
     * cross midnight and one for the zone's offset; none before --since. */
    int64_t hi = bkp_interp_day_of(tz, p, at);
    int64_t first = bkp_interp_day_of(tz, p, out->since) - 1;
    int64_t lo[BKP_WHY_COUNT], start = hi + 1;
    for (int w = 0; w < BKP_WHY_COUNT; w++) {
        int64_t keep = keep_bound_days(p, (BkpWhy)w);
        lo[w] = keep < 0 ? INT64_MAX : hi - keep - 2 < first ? first : hi - keep - 2;
        if (lo[w] < start)
            start = lo[w];
    }
    /* One pass over the days, in time order (schedule days and their runs
     * are), so each backup is looked at once and the points come sorted. */
    size_t cap = 0;
    for (int64_t day = start; day <= hi; day++) {
        unsigned keeps = bkp_interp_why(p, day, true), in = 0;   /* in: windows that hold it */
        for (int w = 0; w < BKP_WHY_COUNT; w++)
            if (day >= lo[w] && (keeps >> w & 1))
                in |= 1u << w;
        if (!in)
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
            if (sim_point(tz, p, out, day, &runs[i], &pt) && sim_add(out, &cap, &pt) != 0) {
                bkp_sim_free(out);          /* empty, as promised */
                memset(out->tier_count, 0, sizeof out->tier_count);
                memset(out->why_count, 0, sizeof out->why_count);
                out->shifted = out->candidates = 0;
                return -1;
            }
        }
    }
    return 0;
}

void bkp_sim_free(BkpSim *sim)
{
    free(sim->points);
    sim->points = NULL;
    sim->npoints = 0;
}

/* --- explain ------------------------------------------------------------------------ */

/* The longest gap, in days, between consecutive schedule days that keep a
 * point for rule `why`, over one 400-year Gregorian cycle (the calendar
 * repeats after it, weekdays included). 0 if no day matches. */
static int64_t longest_day_gap(const BkpPolicy *p, BkpWhy why)
{
    const int64_t cycle = 146097;
    int64_t first = -1, prev = -1, gap = 0;
    for (int64_t d = 0; d < cycle; d++) {
        if (!(bkp_interp_why(p, d, true) >> why & 1))
            continue;
        if (first < 0)
            first = d;
        else if (d - prev > gap)
            gap = d - prev;
        prev = d;
    }
    if (first < 0)
        return 0;
    if (first + cycle - prev > gap)     /* across the end of the cycle */
        gap = first + cycle - prev;
    return gap;
}

/* How monthly ([0]) and yearly ([1]) points move to vault-archive: the
 * archive rule applied to every schedule day of one 400-year cycle, apart
 * for those the weekly rule keeps too ([k][1]) and the others ([k][0]). A
 * point both rules keep is a yearly one: it moves as its longer retention
 * allows, which a monthly rule alone might not. */
static void archive_kinds(const BkpPolicy *p, BkpArchiveKind k[2][2])
{
    for (int64_t d = 0; d < 146097; d++) {
        unsigned why = bkp_interp_why(p, d, true);
        bool late, weekly;
        int64_t release = release_days(p, why, &weekly);
        bool moves = archive_day(p, d, why, &late) != INT64_MAX;
        int y = why >> BKP_WHY_YEARLY & 1;
        if (y || (why >> BKP_WHY_MONTHLY & 1)) {
            BkpArchiveKind *c = &k[y][why >> BKP_WHY_WEEKLY & 1];
            c->points++;
            c->release_days = release;
            c->weekly_release = weekly;
            c->moves += moves;
            c->by_age |= moves && !late;
            c->by_release |= moves && late;
        }
    }
}

/* The longest gap, in minutes, between consecutive backups (vault backups
 * if vault_only) over two weeks of schedule days. */
static int64_t longest_run_gap(const BkpPolicy *p, const BkpRun *runs, int nruns, bool vault_only)
{
    int64_t prev = INT64_MIN, gap = 0;
    for (int64_t d = 0; d < 21; d++) {
        if (!bkp_sched_runs_on(p, bkp_weekday(d)))
            continue;
        for (int i = 0; i < nruns; i++) {
            if (vault_only && !runs[i].to_vault)
                continue;
            int64_t t = d * 1440 + runs[i].minute;
            if (prev != INT64_MIN && d >= 7 && t - prev > gap)
                gap = t - prev;
            prev = t;
        }
    }
    return gap;
}

/* The first instant in (lo, hi] at which DST is `want`, to the second;
 * hi if none is found by bisection (dst(hi) must equal want). */
static int64_t dst_edge(BkpTz *tz, const char *zone, int64_t lo, int64_t hi, bool want)
{
    for (int i = 0; i < 64 && hi - lo > 1; i++) {
        int64_t mid = lo + (hi - lo) / 2;
        bool dst;
        bkp_tz_offset(tz, zone, mid, &dst);
        if (dst == want)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

void bkp_explain(BkpTz *tz, const BkpPolicy *p, int64_t at, BkpExplain *out)
{
    memset(out, 0, sizeof *out);
    const BkpRun *runs = out->runs;
    int nruns = out->nruns = bkp_sched_day(p, out->runs);
    for (int d = 0; d < 7; d++)
        out->run_days += bkp_sched_runs_on(p, d);
    out->std_offset = std_offset(tz, p, at);
    for (int i = 0; i < nruns; i++) {
        int m = runs[i].minute - out->std_offset;
        out->utc_day[i] = (int)bkp_floor_div(m, 1440);
        out->utc_minute[i] = m - out->utc_day[i] * 1440;
    }

    /* DST: the period in force at `at`, or the next one within a year. */
    bool dst_now;
    int off_now = bkp_tz_offset(tz, p->timezone, at, &dst_now);
    out->dst_in_force = dst_now;
    int64_t t = at;
    bool has_start = false, has_end = false;
    int64_t start = 0, end = 0;
    bool prev = dst_now;
    if (dst_now) {
        out->has_dst = true;
        out->dst_amount = off_now - out->std_offset;
        /* Back to its start (DST periods last under a year). */
        int64_t s = at;
        for (int i = 0; i < 400; i++) {
            bool d;
            bkp_tz_offset(tz, p->timezone, s - DAY, &d);
            if (!d) {
                start = dst_edge(tz, p->timezone, s - DAY, s, true);
                has_start = true;
                break;
            }
            s -= DAY;
        }
    }
    for (int i = 0; i < 400 && !has_end; i++) {
        bool d;
        int off = bkp_tz_offset(tz, p->timezone, t + DAY, &d);
        if (d != prev) {
            int64_t edge = dst_edge(tz, p->timezone, t, t + DAY, d);
            if (d) {
                if (!out->has_dst) {
                    out->has_dst = true;
                    out->dst_amount = off - std_offset(tz, p, t + DAY);
                }
                if (!has_start) {
                    start = edge;
                    has_start = true;
                }
            } else if (has_start) {
                end = edge;
                has_end = true;
            }
            prev = d;
        }
        t += DAY;
    }
    out->has_dst_start = has_start;
    out->has_dst_end = has_end;
    out->dst_start = start;
    out->dst_end = end;

    out->on[BKP_WHY_SNAPSHOT] = true;
    out->on[BKP_WHY_DAILY] = p->daily.on;
    out->on[BKP_WHY_WEEKLY] = p->weekly.on;
    out->on[BKP_WHY_MONTHLY] = p->monthly.on;
    out->on[BKP_WHY_YEARLY] = p->yearly.on;
    out->rpo[BKP_WHY_SNAPSHOT] = longest_run_gap(p, runs, nruns, false);
    if (p->daily.on)
        out->rpo[BKP_WHY_DAILY] = longest_run_gap(p, runs, nruns, true);
    for (int w = BKP_WHY_WEEKLY; w < BKP_WHY_COUNT; w++)
        if (out->on[w])
            out->rpo[w] = longest_day_gap(p, (BkpWhy)w) * 1440;
    out->archive_after_months = archive_age_months(p);
    if (out->archive_after_months)
        archive_kinds(p, out->archive);
}

/* --- times -------------------------------------------------------------------------- */

/* Reads exactly `n` digits. */
static bool digits(const char **s, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        char c = (*s)[i];
        if (c < '0' || c > '9')
            return false;
        x = x * 10 + (c - '0');
    }
    *s += n;
    *v = x;
    return true;
}

int bkp_interp_parse_time(BkpTz *tz, const BkpPolicy *p, const char *s, int64_t *utc)
{
    if (!s)
        return -1;
    int y, mo, d, hh = 0, mm = 0;
    if (!digits(&s, 4, &y) || *s++ != '-' || !digits(&s, 2, &mo) || *s++ != '-' || !digits(&s, 2, &d))
        return -1;
    if (*s == 'T' || *s == ' ') {
        s++;
        if (!digits(&s, 2, &hh) || *s++ != ':' || !digits(&s, 2, &mm))
            return -1;
    }
    bool z = false;
    if (*s == 'Z') {
        z = true;
        s++;
    }
    if (*s)
        return -1;
    if (y < BKP_TIME_MIN_YEAR || y > BKP_TIME_MAX_YEAR || mo < 1 || mo > 12 || d < 1 ||
        d > bkp_days_in_month(y, mo) || hh > 23 || mm > 59)
        return -1;
    int64_t days = bkp_days_from_civil(y, mo, d);
    *utc = z ? days * DAY + hh * 3600 + mm * 60 : bkp_tz_local_to_utc(tz, p->timezone, days, hh * 60 + mm);
    return 0;
}

char *bkp_fmt_offset(int minutes, char *buf, size_t n)
{
    int a = minutes < 0 ? -minutes : minutes;
    snprintf(buf, n, "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60 % 100, a % 60);
    return buf;
}

char *bkp_fmt_clock(int64_t t, int offset, unsigned flags, char *buf, size_t n)
{
    int64_t local = t + (int64_t)offset * 60;
    int64_t days = bkp_floor_div(local, DAY), secs = local - days * DAY;
    int y, m, d;
    bkp_civil_from_days(days, &y, &m, &d);
    int len = snprintf(buf, n, "%.3s%s%04d-%02d-%02d", flags & BKP_CLOCK_WEEKDAY ? bkp_word_name(BKP_WORD_WEEKDAY, bkp_weekday(days), BKP_SPELL_AZURE) : "",
                       flags & BKP_CLOCK_WEEKDAY ? " " : "", y, m, d);
    if (!(flags & BKP_CLOCK_DATE) && len >= 0 && (size_t)len < n)
        len += snprintf(buf + len, n - (size_t)len, "%c%02d:%02d", flags & BKP_CLOCK_T ? 'T' : ' ',
                        (int)(secs / 3600), (int)(secs / 60 % 60));
    if ((flags & BKP_CLOCK_SECONDS) && !(flags & BKP_CLOCK_DATE) && len >= 0 && (size_t)len < n)
        len += snprintf(buf + len, n - (size_t)len, ":%02d", (int)(secs % 60));
    if ((flags & BKP_CLOCK_Z) && len >= 0 && (size_t)len < n)
        snprintf(buf + len, n - (size_t)len, "Z");
    return buf;
}

char *bkp_fmt_utc(int64_t t, char *buf, size_t n)
{
    return bkp_fmt_clock(t, 0, BKP_CLOCK_T | BKP_CLOCK_SECONDS | BKP_CLOCK_Z, buf, n);
}

char *bkp_fmt_local(BkpTz *tz, const BkpPolicy *p, int64_t t, char *buf, size_t n)
{
    int off = bkp_tz_offset(tz, p->timezone, t, NULL);
    char c[BKP_CLOCK_MAX], o[16];
    snprintf(buf, n, "%s%s", bkp_fmt_clock(t, off, BKP_CLOCK_T | BKP_CLOCK_SECONDS, c, sizeof c),
             bkp_fmt_offset(off, o, sizeof o));
    return buf;
}

/* --- JSON ---------------------------------------------------------------------------- */

/* Builders that tolerate NULL (out of memory): the result is then NULL. They
 * take v's reference in every case (jansson frees v when the set fails; with
 * no container, so do they). */
static void put(json_t *o, const char *k, json_t *v, bool *ok)
{
    if (!o)
        json_decref(v);
    if (!o || !v || json_object_set_new(o, k, v) != 0)
        *ok = false;
}

static void push(json_t *a, json_t *v, bool *ok)
{
    if (!a)
        json_decref(v);
    if (!a || !v || json_array_append_new(a, v) != 0)
        *ok = false;
}

static json_t *jutc(int64_t t)
{
    char b[48];
    return json_string(bkp_fmt_utc(t, b, sizeof b));
}

static json_t *jlocal(BkpTz *tz, const BkpPolicy *p, int64_t t)
{
    char b[64];
    return json_string(bkp_fmt_local(tz, p, t, b, sizeof b));
}

static json_t *jinstant(BkpTz *tz, const BkpPolicy *p, int64_t t, bool *ok)
{
    json_t *o = json_object();
    put(o, "local", jlocal(tz, p, t), ok);
    put(o, "utc", jutc(t), ok);
    return o;
}

static json_t *jwhy(unsigned why, bool *ok)
{
    json_t *a = json_array();
    for (int w = 0; w < BKP_WHY_COUNT; w++)
        if (why >> w & 1)
            push(a, json_string(bkp_why_name((BkpWhy)w)), ok);
    return a;
}

static json_t *jhhmm(int minute)
{
    char b[6];
    return json_string(bkp_fmt_hhmm(minute, b));
}

static json_t *head(const BkpPolicy *p, bool *ok)
{
    json_t *o = json_object();
    put(o, "policy", json_string(p->name), ok);
    put(o, "timezone", json_string(p->timezone), ok);
    return o;
}

static json_t *finish(json_t *o, bool ok)
{
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *jbackup(BkpTz *tz, const BkpPolicy *p, const BkpBackup *b, bool *ok)
{
    char d[BKP_CLOCK_MAX];
    json_t *o = json_object();
    put(o, "time", jinstant(tz, p, b->utc, ok), ok);
    put(o, "schedule_day", json_string(bkp_fmt_clock(b->day * DAY, 0, BKP_CLOCK_DATE, d, sizeof d)), ok);
    put(o, "written_time", jhhmm(b->minute), ok);
    put(o, "dst_shifted", json_boolean(bkp_backup_shifted(b)), ok);
    put(o, "to_vault", json_boolean(b->to_vault), ok);
    return o;
}

json_t *bkp_next_json(BkpTz *tz, const BkpPolicy *p, int64_t from, const BkpBackup *b, int n)
{
    bool ok = true;
    json_t *o = head(p, &ok);
    put(o, "from", jinstant(tz, p, from, &ok), &ok);
    json_t *a = json_array();
    for (int i = 0; i < n; i++) {
        json_t *x = jbackup(tz, p, &b[i], &ok);
        put(x, "kept_as", jwhy(b[i].why, &ok), &ok);
        json_t *exp = json_object();
        for (int w = 0; w < BKP_WHY_COUNT; w++)
            if (b[i].why >> w & 1)
                put(exp, bkp_why_name((BkpWhy)w),
                    jutc(bkp_interp_expiry(tz, p, (BkpWhy)w, b[i].day, b[i].minute, b[i].utc)), &ok);
        put(x, "expires", exp, &ok);
        push(a, x, &ok);
    }
    put(o, "backups", a, &ok);
    return finish(o, ok);
}

static json_t *jpoint(BkpTz *tz, const BkpPolicy *p, const BkpPoint *pt, bool *ok)
{
    json_t *x = jbackup(tz, p, &pt->b, ok);
    json_t *tiers = json_array();
    for (int t = 0; t < BKP_TIER_COUNT; t++)
        if (pt->tiers >> t & 1)
            push(tiers, json_string(bkp_tier_name((BkpTier)t)), ok);
    put(x, "tiers", tiers, ok);
    put(x, "kept_as", jwhy(pt->why, ok), ok);
    put(x, "expires", jinstant(tz, p, pt->expires, ok), ok);
    json_t *re = json_object();
    for (int w = 0; w < BKP_WHY_COUNT; w++)
        if (pt->why >> w & 1)
            put(re, bkp_why_name((BkpWhy)w), jutc(pt->rule_expires[w]), ok);
    put(x, "rule_expires", re, ok);
    put(x, "archive_at", pt->archive_at != INT64_MAX ? jutc(pt->archive_at) : json_null(), ok);
    return x;
}

/* Everything but the points. */
static json_t *sim_head(BkpTz *tz, const BkpPolicy *p, const BkpSim *sim, bool *ok)
{
    json_t *o = head(p, ok);
    put(o, "at", jinstant(tz, p, sim->at, ok), ok);
    json_t *since = jinstant(tz, p, sim->since, ok);
    put(since, "default", json_boolean(sim->since_default), ok);
    put(o, "since", since, ok);
    return o;
}

static json_t *sim_summary(const BkpSim *sim, bool *ok)
{
    json_t *s = json_object();
    put(s, "points", json_integer((json_int_t)sim->npoints), ok);
    json_t *tiers = json_object();
    for (int t = 0; t < BKP_TIER_COUNT; t++)
        put(tiers, bkp_tier_name((BkpTier)t), json_integer((json_int_t)sim->tier_count[t]), ok);
    put(s, "tiers", tiers, ok);
    json_t *why = json_object();
    for (int w = 0; w < BKP_WHY_COUNT; w++)
        put(why, bkp_why_name((BkpWhy)w), json_integer((json_int_t)sim->why_count[w]), ok);
    put(s, "kept_as", why, ok);
    put(s, "dst_shifted", json_integer((json_int_t)sim->shifted), ok);
    put(s, "archive_assumed", json_boolean(sim->archive_assumed), ok);
    put(s, "backups_examined", json_integer((json_int_t)sim->candidates), ok);
    return s;
}

json_t *bkp_sim_json(BkpTz *tz, const BkpPolicy *p, const BkpSim *sim)
{
    bool ok = true;
    json_t *o = sim_head(tz, p, sim, &ok);
    json_t *a = json_array();
    for (size_t i = 0; i < sim->npoints; i++)
        push(a, jpoint(tz, p, &sim->points[i], &ok), &ok);
    put(o, "points", a, &ok);
    put(o, "summary", sim_summary(sim, &ok), &ok);
    return finish(o, ok);
}

/* Writes v as json_dumpf(JSON_INDENT(2)) would inside a document, `depth`
 * levels deep. */
static int dump_at(FILE *f, const json_t *v, int depth)
{
    char *s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
    if (!s)
        return -1;
    for (const char *c = s; *c; c++) {
        if (fputc(*c, f) == EOF) {
            free(s);
            return -1;
        }
        if (*c == '\n')
            fprintf(f, "%*s", depth * 2, "");
    }
    free(s);
    return 0;
}

int bkp_sim_json_write(BkpTz *tz, const BkpPolicy *p, const BkpSim *sim, FILE *f)
{
    bool ok = true;
    json_t *h = sim_head(tz, p, sim, &ok);
    json_t *s = sim_summary(sim, &ok);
    int rc = ok ? 0 : -1;
    fputs("{\n", f);
    for (void *it = h ? json_object_iter(h) : NULL; it && rc == 0; it = json_object_iter_next(h, it)) {
        json_t *k = json_string(json_object_iter_key(it));
        rc = k ? 0 : -1;
        fputs("  ", f);
        if (rc == 0)
            rc = dump_at(f, k, 1);
        json_decref(k);
        fputs(": ", f);
        if (rc == 0)
            rc = dump_at(f, json_object_iter_value(it), 1);
        fputs(",\n", f);
    }
    fputs(sim->npoints ? "  \"points\": [\n" : "  \"points\": [],\n", f);
    for (size_t i = 0; i < sim->npoints && rc == 0; i++) {
        bool pok = true;
        json_t *x = jpoint(tz, p, &sim->points[i], &pok);
        fputs("    ", f);
        rc = pok ? dump_at(f, x, 2) : -1;
        json_decref(x);
        fputs(i + 1 < sim->npoints ? ",\n" : "\n  ],\n", f);
    }
    fputs("  \"summary\": ", f);
    if (rc == 0)
        rc = dump_at(f, s, 1);
    fputs("\n}\n", f);
    json_decref(h);
    json_decref(s);
    return rc != 0 || ferror(f) ? -1 : 0;
}

static json_t *jdays(BkpDaySet days, bool *ok)
{
    json_t *a = json_array();
    for (int d = 0; d < 7; d++)
        if (days >> d & 1)
            push(a, json_string(bkp_word_name(BKP_WORD_WEEKDAY, d, BKP_SPELL_AZURE)), ok);
    return a;
}

static json_t *jlongterm(const BkpLongTerm *lt, bool yearly, bool *ok)
{
    json_t *o = json_object();
    put(o, yearly ? "years" : "months", json_integer(lt->count), ok);
    if (yearly) {
        json_t *m = json_array();
        for (int i = 0; i < 12; i++)
            if (lt->months >> i & 1)
                push(m, json_string(bkp_word_name(BKP_WORD_MONTH, i, BKP_SPELL_AZURE)), ok);
        put(o, "months_of_year", m, ok);
    }
    if (lt->format == BKP_FORMAT_WEEKLY) {
        json_t *w = json_array();
        for (int i = 0; i <= BKP_WEEK_LAST; i++)
            if (lt->weeks >> i & 1)
                push(w, json_string(bkp_word_name(BKP_WORD_WEEK, i, BKP_SPELL_AZURE)), ok);
        put(o, "weeks_of_month", w, ok);
        put(o, "days_of_week", jdays(lt->days, ok), ok);
    } else {
        json_t *d = json_array();
        for (int i = 1; i <= 28; i++)
            if (lt->dates >> i & 1)
                push(d, json_integer(i), ok);
        if (lt->last_day)
            push(d, json_string("Last"), ok);
        put(o, "days_of_month", d, ok);
    }
    put(o, "default", json_false(), ok);
    return o;
}

json_t *bkp_explain_json(BkpTz *tz, const BkpPolicy *p, const BkpExplain *e, int64_t at)
{
    bool ok = true;
    json_t *o = json_object();
    put(o, "policy", json_string(p->name), &ok);
    json_t *type = json_object();
    put(type, "name", json_string(p->enhanced ? "enhanced" : "standard"), &ok);
    put(type, "policyType", json_string(bkp_azure_policy_type(p->enhanced)), &ok);
    put(type, "default", json_boolean(bkp_policy_default(p, BKP_FIELD_TYPE)), &ok);
    put(o, "type", type, &ok);

    char b[48];
    json_t *zone = json_object();
    put(zone, "windows", json_string(p->timezone), &ok);
    put(zone, "written", json_string(p->origin && p->origin->timezone_written ? p->origin->timezone_written : p->timezone), &ok);
    const char *iana = bkp_tz_iana(tz, p->timezone);
    put(zone, "iana", iana ? json_string(iana) : json_null(), &ok);
    put(zone, "standard_offset", json_string(bkp_fmt_offset(e->std_offset, b, sizeof b)), &ok);
    put(zone, "default", json_boolean(bkp_policy_default(p, BKP_FIELD_TIMEZONE)), &ok);
    json_t *dst = json_null();
    if (e->has_dst) {
        dst = json_object();
        put(dst, "amount_minutes", json_integer(e->dst_amount), &ok);
        put(dst, "in_force_at", json_boolean(e->dst_in_force), &ok);
        put(dst, "start", e->has_dst_start ? jinstant(tz, p, e->dst_start, &ok) : json_null(), &ok);
        put(dst, "end", e->has_dst_end ? jinstant(tz, p, e->dst_end, &ok) : json_null(), &ok);
    }
    put(zone, "dst", dst, &ok);
    put(o, "timezone", zone, &ok);
    put(o, "at", jinstant(tz, p, at, &ok), &ok);

    json_t *sch = json_object();
    put(sch, "frequency", json_string(bkp_azure_freq(p->freq)), &ok);
    if (p->freq == BKP_FREQ_HOURLY) {
        put(sch, "interval_hours", json_integer(p->interval_hours), &ok);
        put(sch, "window_start", jhhmm(p->time), &ok);
        put(sch, "window_hours", json_integer(p->window_hours), &ok);
    } else {
        put(sch, "time", jhhmm(p->time), &ok);
    }
    if (p->freq == BKP_FREQ_WEEKLY)
        put(sch, "days", jdays(p->run_days, &ok), &ok);
    put(sch, "backups_per_day", json_integer(e->nruns), &ok);
    put(sch, "backup_days_per_week", json_integer(e->run_days), &ok);
    json_t *runs = json_array();
    for (int i = 0; i < e->nruns; i++) {
        json_t *r = json_object();
        put(r, "local", jhhmm(e->runs[i].minute), &ok);
        put(r, "next_day", json_boolean(e->runs[i].minute >= 1440), &ok);
        put(r, "utc", jhhmm(e->utc_minute[i]), &ok);
        put(r, "to_vault", json_boolean(e->runs[i].to_vault), &ok);
        push(runs, r, &ok);
    }
    put(sch, "runs", runs, &ok);
    put(o, "schedule", sch, &ok);

    json_t *rpo = json_object();
    for (int w = 0; w < BKP_WHY_COUNT; w++)
        if (e->on[w]) {
            json_t *r = json_object();
            put(r, "worst_case_minutes", json_integer((json_int_t)e->rpo[w]), &ok);
            if (w == BKP_WHY_YEARLY)
                put(r, "kept_years", json_integer(p->yearly.count), &ok);
            else if (w == BKP_WHY_MONTHLY)
                put(r, "kept_months", json_integer(p->monthly.count), &ok);
            else     /* days and weeks: exact */
                put(r, "kept_days", json_integer((json_int_t)keep_bound_days(p, (BkpWhy)w)), &ok);
            put(rpo, bkp_why_name((BkpWhy)w), r, &ok);
        }
    put(o, "rpo", rpo, &ok);

    json_t *ret = json_object();
    json_t *snap = json_object();
    put(snap, "days", json_integer(p->snapshot_days), &ok);
    put(snap, "default", json_boolean(bkp_policy_default(p, BKP_FIELD_SNAPSHOTS)), &ok);
    put(snap, "consistency", json_string(bkp_azure_consistency(p->crash_consistent)), &ok);
    put(snap, "consistency_default", json_boolean(bkp_policy_default(p, BKP_FIELD_CONSISTENCY)), &ok);
    json_t *rg = json_null();
    if (p->snapshot_rg_prefix) {
        rg = json_object();
        put(rg, "prefix", json_string(p->snapshot_rg_prefix), &ok);
        put(rg, "suffix", p->snapshot_rg_suffix ? json_string(p->snapshot_rg_suffix) : json_null(), &ok);
    }
    put(snap, "resource_group", rg, &ok);
    put(ret, "snapshots", snap, &ok);
    if (p->daily.on) {
        json_t *d = json_object();
        put(d, "days", json_integer(p->daily.days), &ok);
        put(d, "default", json_boolean(bkp_policy_default(p, BKP_FIELD_DAILY)), &ok);
        put(ret, "daily", d, &ok);
    }
    if (p->weekly.on) {
        json_t *w = json_object();
        put(w, "weeks", json_integer(p->weekly.weeks), &ok);
        put(w, "days_of_week", jdays(p->weekly.days, &ok), &ok);
        put(w, "default", json_boolean(bkp_policy_default(p, BKP_FIELD_WEEKLY)), &ok);
        put(w, "days_default", json_boolean(bkp_policy_default(p, BKP_FIELD_WEEKLY_DAYS)), &ok);
        put(ret, "weekly", w, &ok);
    }
    if (p->monthly.on) {
        json_t *m = jlongterm(&p->monthly, false, &ok);
        put(m, "kept_months", json_integer(p->monthly.count), &ok);
        put(ret, "monthly", m, &ok);
    }
    if (p->yearly.on)
        put(ret, "yearly", jlongterm(&p->yearly, true, &ok), &ok);
    put(o, "retention", ret, &ok);

    json_t *arc = json_object();
    const char *mode = bkp_azure_tiering(p->archive);
    put(arc, "mode", json_string(mode), &ok);
    if (p->archive == BKP_ARCHIVE_AFTER)
        put(arc, "months", json_integer(p->archive_months), &ok);
    if (e->archive_after_months) {
        put(arc, "min_age_months", json_integer(e->archive_after_months), &ok);
        put(arc, "min_left_months", json_integer(BKP_ARCHIVE_MIN_LEFT_MONTHS), &ok);
    }
    put(arc, "default", json_boolean(bkp_policy_default(p, BKP_FIELD_ARCHIVE)), &ok);
    put(o, "archive", arc, &ok);
    return finish(o, ok);
}
