/* explain.c — what a policy promises, computed: runs in UTC, the zone's DST,
 * the RPO of each kind of point, the promise, how monthly and yearly points
 * move to vault-archive, and the defaults it used (see
 * include/bkpc/interp.h). The renderers (render_text.c, render_json.c)
 * only write these facts. */
#include <string.h>

#include "internal.h"

/* --- RPO ------------------------------------------------------------------------ */

/* The longest gap, in days, between consecutive schedule days that keep a
 * point for rule `why`, over one 400-year Gregorian cycle (the calendar
 * repeats after it, weekdays included). 0 if no day matches. */
static int64_t longest_day_gap(const BkpPolicy *p, BkpWhy why)
{
    int64_t first = -1, prev = -1, gap = 0;
    for (int64_t d = 0; d < CYCLE_DAYS; d++) {
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
    if (first + CYCLE_DAYS - prev > gap)     /* across the end of the cycle */
        gap = first + CYCLE_DAYS - prev;
    return gap;
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

static void explain_rules(const BkpPolicy *p, BkpExplain *e)
{
    for (int w = 0; w < BKP_WHY_COUNT; w++) {
        e->keep[w] = bkp_keep(p, (BkpWhy)w);
        e->on[w] = w == BKP_WHY_SNAPSHOT || e->keep[w].count > 0;
    }
    e->rpo[BKP_WHY_SNAPSHOT] = longest_run_gap(p, e->runs, e->nruns, false);
    if (e->on[BKP_WHY_DAILY])
        e->rpo[BKP_WHY_DAILY] = longest_run_gap(p, e->runs, e->nruns, true);
    for (int w = BKP_WHY_WEEKLY; w < BKP_WHY_COUNT; w++)
        if (e->on[w])
            e->rpo[w] = longest_day_gap(p, (BkpWhy)w) * 1440;
}

/* The promise: at each age, the finest points some rule keeps. The rules
 * by length; best[i] = the least RPO among rule i and the longer ones;
 * neighbours with the same best merge into the longer one. */
static void explain_promise(BkpExplain *e)
{
    BkpWhy order[BKP_WHY_COUNT];
    int nr = 0;
    for (int w = 0; w < BKP_WHY_COUNT; w++)
        if (e->on[w])
            order[nr++] = (BkpWhy)w;
    for (int i = 1; i < nr; i++)          /* stable: equal lengths keep BkpWhy order */
        for (int j = i; j > 0 && bkp_keep_mean(e->keep[order[j]]) < bkp_keep_mean(e->keep[order[j - 1]]); j--) {
            BkpWhy x = order[j];
            order[j] = order[j - 1];
            order[j - 1] = x;
        }
    int64_t best[BKP_WHY_COUNT];
    for (int i = nr - 1; i >= 0; i--)
        best[i] = i == nr - 1 || e->rpo[order[i]] < best[i + 1] ? e->rpo[order[i]] : best[i + 1];
    for (int i = 0; i < nr; i++) {
        if (i + 1 < nr && best[i + 1] == best[i])
            continue;
        int k = i;           /* the rule that gives this RPO */
        while (k < nr - 1 && e->rpo[order[k]] != best[i])
            k++;
        e->promise[e->npromise++] = (BkpPromise){best[i], order[i], order[k]};
    }
}

/* --- vault-archive ----------------------------------------------------------------- */

/* How monthly ([0]) and yearly ([1]) points move to vault-archive: the
 * archive rule applied to every schedule day of one 400-year cycle, apart
 * for those the weekly rule keeps too ([k][1]) and the others ([k][0]). A
 * point both rules keep is a yearly one: it moves as its longer retention
 * allows, which a monthly rule alone might not. */
static void archive_kinds(const BkpPolicy *p, BkpArchiveKind k[2][2])
{
    for (int64_t d = 0; d < CYCLE_DAYS; d++) {
        unsigned why = bkp_interp_why(p, d, true);
        bool late, weekly;
        int64_t release = interp_release_days(p, why, &weekly);
        bool moves = interp_archive_day(p, d, why, &late) != INT64_MAX;
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
    for (int y = 0; y < 2; y++)
        for (int w = 0; w < 2; w++) {
            BkpArchiveKind *c = &k[y][w];
            c->share = !c->moves ? BKP_ARCHIVE_MOVES_NONE
                     : c->moves < c->points ? BKP_ARCHIVE_MOVES_SOME : BKP_ARCHIVE_MOVES_ALL;
            c->when = c->by_age && c->by_release ? BKP_ARCHIVE_AT_LATER
                    : c->by_release ? BKP_ARCHIVE_AT_RELEASE : BKP_ARCHIVE_AT_AGE;
        }
}

/* --- the zone's daylight saving time ------------------------------------------------- */

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

/* In force at `at`: back to its start (DST periods last under a year). */
static void dst_back(BkpTz *tz, const BkpPolicy *p, BkpExplain *e)
{
    int64_t s = e->at;
    for (int i = 0; i < 400; i++) {
        bool d;
        bkp_tz_offset(tz, p->timezone, s - DAY, &d);
        if (!d) {
            e->dst_start = dst_edge(tz, p->timezone, s - DAY, s, true);
            e->has_dst_start = true;
            return;
        }
        s -= DAY;
    }
}

/* The DST period in force at `at`, or the next one within a year. */
static void explain_dst(BkpTz *tz, const BkpPolicy *p, BkpExplain *e)
{
    bool prev;
    bkp_tz_offset(tz, p->timezone, e->at, &prev);
    e->dst_in_force = prev;
    if (e->dst_in_force) {
        e->has_dst = true;
        e->dst_amount = e->at_offset - e->std_offset;
        dst_back(tz, p, e);
    }
    for (int64_t i = 0, t = e->at; i < 400 && !e->has_dst_end; i++, t += DAY) {
        bool d;
        int off = bkp_tz_offset(tz, p->timezone, t + DAY, &d);
        if (d == prev)
            continue;
        int64_t edge = dst_edge(tz, p->timezone, t, t + DAY, d);
        if (d && !e->has_dst) {
            e->has_dst = true;
            e->dst_amount = off - bkp_tz_std_offset(tz, p->timezone, t + DAY);
        }
        if (d && !e->has_dst_start) {
            e->dst_start = edge;
            e->has_dst_start = true;
        } else if (!d && e->has_dst_start) {
            e->dst_end = edge;
            e->has_dst_end = true;
        }
        prev = d;
    }
    if (e->has_dst_start) {
        e->dst_start_before = bkp_interp_offset(tz, p, e->dst_start - 1);
        e->dst_start_after = bkp_interp_offset(tz, p, e->dst_start);
    }
    if (e->has_dst_end) {
        e->dst_end_before = bkp_interp_offset(tz, p, e->dst_end - 1);
        e->dst_end_after = bkp_interp_offset(tz, p, e->dst_end);
    }
}

/* --- the rest ------------------------------------------------------------------------ */

static void explain_schedule(const BkpPolicy *p, BkpExplain *e)
{
    e->nruns = bkp_sched_day(p, e->runs);
    for (int d = 0; d < 7; d++)
        e->run_days += bkp_sched_runs_on(p, d);
    e->vault_run = e->nruns - 1;
    for (int i = 0; i < e->nruns; i++) {
        int m = e->runs[i].minute - e->std_offset;
        e->utc_day[i] = (int)bkp_floor_div(m, 1440);
        e->utc_minute[i] = m - e->utc_day[i] * 1440;
        if (e->runs[i].to_vault)
            e->vault_run = i;
    }
    int shift = e->nruns ? e->utc_day[0] : 0;     /* weekly: the one run */
    if (p->freq == BKP_FREQ_WEEKLY)
        for (int d = 0; d < 7; d++)
            if (p->run_days >> d & 1)
                e->utc_run_days |= (BkpDaySet)(1u << ((d + shift + 7) % 7));
}

static void explain_defaults(const BkpPolicy *p, BkpExplain *e)
{
    static const BkpField order[BKP_EXPLAIN_DEFAULTS] = {
        BKP_FIELD_TYPE, BKP_FIELD_TIMEZONE, BKP_FIELD_SNAPSHOTS, BKP_FIELD_DAILY, BKP_FIELD_WEEKLY,
        BKP_FIELD_WEEKLY_DAYS, BKP_FIELD_ARCHIVE, BKP_FIELD_CONSISTENCY, BKP_FIELD_SNAPSHOT_RG,
    };
    for (int i = 0; i < BKP_EXPLAIN_DEFAULTS; i++) {
        BkpField f = order[i];
        if (!bkp_policy_default(p, f) || (f == BKP_FIELD_DAILY && !p->daily.on) ||
            ((f == BKP_FIELD_WEEKLY || f == BKP_FIELD_WEEKLY_DAYS) && !p->weekly.on) ||
            (f == BKP_FIELD_WEEKLY_DAYS && bkp_policy_default(p, BKP_FIELD_WEEKLY)))  /* said with weekly */
            continue;
        e->defaults[e->ndefaults++] = f;
    }
}

/* Where each value came from, for a policy made from a template. */
static void explain_sources(const BkpPolicy *p, BkpExplain *e)
{
    static const BkpField fields[] = {BKP_FIELD_TYPE, BKP_FIELD_TIMEZONE, BKP_FIELD_SCHEDULE, BKP_FIELD_SNAPSHOTS,
                                      BKP_FIELD_DAILY, BKP_FIELD_WEEKLY, BKP_FIELD_MONTHLY, BKP_FIELD_YEARLY,
                                      BKP_FIELD_ARCHIVE, BKP_FIELD_SNAPSHOT_RG, BKP_FIELD_CONSISTENCY};
    e->requirements = p->requirements;
    e->template_name = p->origin ? p->origin->template_name : NULL;
    if (!e->template_name)
        return;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        BkpField f = fields[i];
        bool dflt = bkp_policy_default(p, f);
        if (!dflt && !bkp_policy_has(p, f))
            continue;
        e->sources[e->nsources].field = f;
        e->sources[e->nsources].is_default = dflt;
        e->sources[e->nsources].from = dflt ? NULL : bkp_policy_template(p, f);
        e->nsources++;
    }
}

void bkp_explain_zone(BkpTz *tz, const BkpPolicy *p, int64_t at, BkpExplain *out)
{
    memset(out, 0, sizeof *out);
    out->policy = p;
    out->named_after_file = p->origin && p->origin->name_implicit;
    out->at = at;
    out->at_offset = bkp_interp_offset(tz, p, at);
    out->zone_written = p->origin && p->origin->timezone_written ? p->origin->timezone_written : p->timezone;
    out->zone_mapped = strcmp(out->zone_written, p->timezone) != 0;
    out->iana = bkp_tz_iana(tz, p->timezone);
    out->std_offset = bkp_tz_std_offset(tz, p->timezone, at);
    explain_dst(tz, p, out);
}

void bkp_explain(BkpTz *tz, const BkpPolicy *p, int64_t at, BkpExplain *out)
{
    bkp_explain_zone(tz, p, at, out);
    explain_schedule(p, out);
    explain_rules(p, out);
    explain_promise(out);
    out->archive_after_months = interp_archive_age(p);
    if (out->archive_after_months)
        archive_kinds(p, out->archive);
    out->snapshots = p->freq == BKP_FREQ_WEEKLY ? out->nruns * out->run_days : out->nruns;
    BkpSim steady;
    bkp_sim_each(tz, p, at, NULL, &steady, NULL, NULL);
    memcpy(out->steady_points, steady.tier_count, sizeof out->steady_points);
    explain_defaults(p, out);
    explain_sources(p, out);
}
