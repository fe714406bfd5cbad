/* render_json.c — the interpreter's results as JSON for programs, streamed
 * with the JSON writer (jsonw.h: jansson's JSON_INDENT(2) layout, non-ASCII
 * as it is), so memory does not grow with the document. It writes the
 * facts of BkpExplain, BkpNext and BkpSim that render_text.c writes, and
 * computes none. docs/semantics.md describes the keys. */
#include <string.h>

#include "bkpc/jsonw.h"
#include "internal.h"

/* --- keys ---------------------------------------------------------------------------- */

/* The keys next and simulate write for every backup and point (hundreds of
 * thousands of times), escaped when bkpc is compiled; the rest are written
 * by name. */
static const JwLit K_LOCAL = JW_KEY("local"), K_UTC = JW_KEY("utc"), K_TIME = JW_KEY("time"),
                   K_SCHEDULE_DAY = JW_KEY("schedule_day"), K_WRITTEN_TIME = JW_KEY("written_time"),
                   K_DST_SHIFTED = JW_KEY("dst_shifted"), K_TO_VAULT = JW_KEY("to_vault"),
                   K_KEPT_AS = JW_KEY("kept_as"), K_EXPIRES = JW_KEY("expires"), K_TIERS = JW_KEY("tiers"),
                   K_RULE_EXPIRES = JW_KEY("rule_expires"), K_ARCHIVE_AT = JW_KEY("archive_at"),
                   K_FROM = JW_KEY("from"), K_BACKUPS = JW_KEY("backups"), K_AT = JW_KEY("at"),
                   K_SINCE = JW_KEY("since"), K_POINTS = JW_KEY("points"), K_START = JW_KEY("start"),
                   K_END = JW_KEY("end"), K_LOCAL_BEFORE = JW_KEY("local_before"),
                   K_WINDOW_START = JW_KEY("window_start");

/* bkp_why_name's and bkp_tier_name's names, as keys and as values. */
static const JwLit why_keys[BKP_WHY_COUNT] = {JW_KEY("snapshot"), JW_KEY("daily"), JW_KEY("weekly"),
                                              JW_KEY("monthly"), JW_KEY("yearly")};
static const JwLit why_strs[BKP_WHY_COUNT] = {JW_STR("snapshot"), JW_STR("daily"), JW_STR("weekly"),
                                              JW_STR("monthly"), JW_STR("yearly")};
static const JwLit tier_strs[BKP_TIER_COUNT] = {JW_STR("snapshot"), JW_STR("vault-standard"),
                                                JW_STR("vault-archive")};

/* --- values ------------------------------------------------------------------------ */

/* A document: the writer, and the dates it wrote last, which the next
 * instants mostly fall on (a backup, its schedule day; the next backup). */
typedef struct Doc {
    JsonW w;
    BkpDates dates;
} Doc;

/* A member that is an object or an array: its key, and the opening. */
static void obj(JsonW *w, const char *key)
{
    jw_key(w, key);
    jw_obj(w);
}

static void arr(JsonW *w, const char *key)
{
    jw_key(w, key);
    jw_arr(w);
}

/* An instant as bkp_fmt_clock writes it, formatted in place: member k
 * (NULL: after jw_key). */
static void clock_at(Doc *d, const JwLit *k, int64_t t, int offset, unsigned flags)
{
    JsonW *w = &d->w;
    char *p = jw_member(w, k, BKP_CLOCK_MAX + 2);
    if (!p)
        return;
    *p++ = '"';
    p = bkp_put_clock_with(&d->dates, p, t, offset, flags);
    *p++ = '"';
    jw_wrote(w, p);
}

/* "2026-03-15T06:30:00Z" */
static void utc(Doc *d, const JwLit *k, int64_t t)
{
    clock_at(d, k, t, 0, BKP_CLOCK_T | BKP_CLOCK_SECONDS | BKP_CLOCK_Z);
}

/* "2026-03-15T12:00:00+05:30" */
static void local(Doc *d, const JwLit *k, int64_t t, int offset)
{
    clock_at(d, k, t, offset, BKP_CLOCK_ISO);
}

/* {"local": "2026-03-15T12:00:00+05:30", "utc": "2026-03-15T06:30:00Z"},
 * left open for more members. */
static void instant_open(Doc *d, const JwLit *k, int64_t t, int offset)
{
    JsonW *w = &d->w;
    jw_key_obj(w, k);
    local(d, &K_LOCAL, t, offset);
    utc(d, &K_UTC, t);
}

static void instant(Doc *d, const JwLit *k, int64_t t, int offset)
{
    JsonW *w = &d->w;
    instant_open(d, k, t, offset);
    jw_end_obj(w);
}

/* "08:30" */
static void hhmm(JsonW *w, const JwLit *k, int minute)
{
    char *p = jw_member(w, k, 8);
    if (!p)
        return;
    p[0] = '"';
    bkp_fmt_hhmm(minute, p + 1);
    p[6] = '"';
    jw_wrote(w, p + 7);
}

static void flag(JsonW *w, const JwLit *k, bool v)
{
    char *p = jw_member(w, k, 5);
    if (!p)
        return;
    memcpy(p, v ? "true" : "false", 5);
    jw_wrote(w, p + (v ? 4 : 5));
}

/* The names of the set bits of `set` (names[i] for bit i, i < n): an array. */
static void lits(JsonW *w, const JwLit *k, unsigned set, const JwLit *names, int n)
{
    jw_key_arr(w, k);
    for (int i = 0; i < n; i++)
        if (set >> i & 1)
            jw_lit(w, &names[i]);
    jw_end_arr(w);
}

static void str(JsonW *w, const char *key, const char *s) { jw_key_str(w, key, s); }
static void num(JsonW *w, const char *key, int64_t v) { jw_key_int(w, key, v); }
static void boolean(JsonW *w, const char *key, bool v) { jw_key_bool(w, key, v); }

static void offset(JsonW *w, const char *key, int minutes)
{
    char b[16];
    str(w, key, bkp_fmt_offset(minutes, b, sizeof b));
}

static const char *azure_name(int v, const void *kind)
{
    return bkp_word_name(*(const BkpWordKind *)kind, v, BKP_SPELL_AZURE);
}

/* A set of the lexicon's words, as Azure spells them. */
static void words(JsonW *w, const char *key, BkpWordKind kind, uint32_t set)
{
    jw_key(w, key);
    jw_names(w, set, bkp_word_count(kind), azure_name, &kind);
}

/* {"count": 60, "unit": "months"} */
static void keep(JsonW *w, const char *key, BkpKeep k)
{
    obj(w, key);
    num(w, "count", k.count);
    str(w, "unit", bkp_unit_name(k.unit, true));
    jw_end_obj(w);
}

/* The start of the documents of next and simulate, to out. */
static void begin(Doc *d, FILE *out, const BkpPolicy *p)
{
    JsonW *w = &d->w;
    jw_init_file(w, out, JW_UTF8);
    bkp_dates_init(&d->dates);
    jw_obj(w);
    str(w, "policy", p->name);
    str(w, "timezone", p->timezone);
}

/* The end of a document: its final newline, and the writer's status. */
static int finish(Doc *d)
{
    JsonW *w = &d->w;
    jw_end_obj(w);
    jw_raw(w, "\n", 1);
    return jw_finish(w);
}

/* --- next and simulate ---------------------------------------------------------------- */

/* A backup's members. */
static void backup(Doc *d, const BkpBackup *b)
{
    JsonW *w = &d->w;
    instant(d, &K_TIME, b->utc, b->offset);
    clock_at(d, &K_SCHEDULE_DAY, b->day * DAY, 0, BKP_CLOCK_DATE);
    hhmm(w, &K_WRITTEN_TIME, b->minute);
    flag(w, &K_DST_SHIFTED, bkp_backup_shifted(b));
    flag(w, &K_TO_VAULT, b->to_vault);
}

/* The instant each rule in `why` lets a point go. */
static void rule_expiries(Doc *d, const JwLit *k, unsigned why, const int64_t *expires)
{
    JsonW *w = &d->w;
    jw_key_obj(w, k);
    for (int i = 0; i < BKP_WHY_COUNT; i++)
        if (why >> i & 1)
            utc(d, &why_keys[i], expires[i]);
    jw_end_obj(w);
}

/* One backup of next, as it comes (bkp_next_each): stops at a write error. */
static int next_backup(const BkpNextBackup *x, void *ctx)
{
    Doc *d = ctx;
    JsonW *w = &d->w;
    jw_obj(w);
    backup(d, &x->b);
    lits(w, &K_KEPT_AS, x->b.why, why_strs, BKP_WHY_COUNT);
    rule_expiries(d, &K_EXPIRES, x->b.why, x->expires);
    jw_end_obj(w);
    return w->failed ? -1 : 0;
}

int bkp_next_json(const BkpNext *next, FILE *out)
{
    Doc d;
    begin(&d, out, next->policy);
    instant(&d, &K_FROM, next->from, next->from_offset);
    jw_key_arr(&d.w, &K_BACKUPS);
    bkp_next_each(next, next_backup, &d, NULL);
    jw_end_arr(&d.w);
    return finish(&d);
}

static void point(Doc *d, const BkpPoint *pt)
{
    JsonW *w = &d->w;
    jw_obj(w);
    backup(d, &pt->b);
    lits(w, &K_TIERS, pt->tiers, tier_strs, BKP_TIER_COUNT);
    lits(w, &K_KEPT_AS, pt->why, why_strs, BKP_WHY_COUNT);
    instant(d, &K_EXPIRES, pt->expires, pt->expires_offset);
    rule_expiries(d, &K_RULE_EXPIRES, pt->why, pt->rule_expires);
    if (pt->archive_at != INT64_MAX) {
        utc(d, &K_ARCHIVE_AT, pt->archive_at);
    } else {
        jw_key_lit(w, &K_ARCHIVE_AT);
        jw_null(w);
    }
    jw_end_obj(w);
}

static void sim_summary(JsonW *w, const BkpSim *sim)
{
    obj(w, "summary");
    num(w, "points", (int64_t)sim->npoints);
    obj(w, "tiers");
    for (int t = 0; t < BKP_TIER_COUNT; t++)
        num(w, bkp_tier_name((BkpTier)t), (int64_t)sim->tier_count[t]);
    jw_end_obj(w);
    obj(w, "kept_as");
    for (int i = 0; i < BKP_WHY_COUNT; i++)
        num(w, bkp_why_name((BkpWhy)i), (int64_t)sim->why_count[i]);
    jw_end_obj(w);
    num(w, "dst_shifted", (int64_t)sim->shifted);
    boolean(w, "archive_assumed", sim->archive_assumed);
    num(w, "backups_examined", (int64_t)sim->candidates);
    jw_end_obj(w);
}

/* The members before the points, and the opening of their array. */
static void sim_head(Doc *d, FILE *out, const BkpSim *sim)
{
    JsonW *w = &d->w;
    begin(d, out, sim->policy);
    instant(d, &K_AT, sim->at, sim->at_offset);
    instant_open(d, &K_SINCE, sim->since, sim->since_offset);
    boolean(w, "default", sim->since_default);
    jw_end_obj(w);
    jw_key_arr(w, &K_POINTS);
}

/* The end of the points, and the summary. */
static int sim_tail(Doc *d, const BkpSim *sim)
{
    JsonW *w = &d->w;
    jw_end_arr(w);
    sim_summary(w, sim);
    return finish(d);
}

int bkp_sim_json(const BkpSim *sim, FILE *out)
{
    Doc d;
    sim_head(&d, out, sim);
    for (size_t i = 0; i < sim->npoints; i++)
        point(&d, &sim->points[i]);
    return sim_tail(&d, sim);
}

/* simulate's document as bkp_sim_each finds the points: its head at the
 * first point (bkp_sim_each has filled in sim's instants by then) or at
 * the end if there is none. */
typedef struct SimStream {
    Doc d;
    FILE *out;
    const BkpSim *sim;
    bool started;
} SimStream;

static int stream_point(void *ctx, const BkpPoint *pt)
{
    SimStream *s = ctx;
    if (!s->started) {
        sim_head(&s->d, s->out, s->sim);
        s->started = true;
    }
    point(&s->d, pt);
    return s->d.w.failed ? -1 : 0;
}

int bkp_sim_json_each(BkpTz *tz, const BkpPolicy *p, int64_t at, const int64_t *since, FILE *out)
{
    BkpSim sim;
    SimStream s = {.out = out, .sim = &sim, .started = false};
    if (bkp_sim_each(tz, p, at, since, &sim, stream_point, &s) != 0) {
        jw_free(&s.d.w);
        return -1;
    }
    if (!s.started)
        sim_head(&s.d, out, &sim);
    return sim_tail(&s.d, &sim);
}

/* --- explain ---------------------------------------------------------------------------- */

static bool is_default(const BkpExplain *e, BkpField f)
{
    return bkp_policy_default(e->policy, f);
}

static void explain_type(JsonW *w, const BkpExplain *e)
{
    obj(w, "type");
    str(w, "name", e->policy->enhanced ? "enhanced" : "standard");
    str(w, "policyType", bkp_azure_policy_type(e->policy->enhanced));
    boolean(w, "default", is_default(e, BKP_FIELD_TYPE));
    jw_end_obj(w);
}

/* A change of the clocks: the instant, in the offset from then on and in
 * the one before ("local_before": the clocks just before it). */
static void dst_edge(Doc *d, const JwLit *k, bool found, int64_t t, int after, int before)
{
    JsonW *w = &d->w;
    if (!found) {
        jw_key_lit(w, k);
        jw_null(w);
        return;
    }
    instant_open(d, k, t, after);
    local(d, &K_LOCAL_BEFORE, t, before);
    jw_end_obj(w);
}

static void explain_zone(Doc *d, const BkpExplain *e)
{
    JsonW *w = &d->w;
    obj(w, "timezone");
    str(w, "windows", e->policy->timezone);
    str(w, "written", e->zone_written);
    str(w, "iana", e->iana);
    offset(w, "standard_offset", e->std_offset);
    boolean(w, "default", is_default(e, BKP_FIELD_TIMEZONE));
    jw_key(w, "dst");
    if (e->has_dst) {
        jw_obj(w);
        num(w, "amount_minutes", e->dst_amount);
        boolean(w, "in_force_at", e->dst_in_force);
        dst_edge(d, &K_START, e->has_dst_start, e->dst_start, e->dst_start_after, e->dst_start_before);
        dst_edge(d, &K_END, e->has_dst_end, e->dst_end, e->dst_end_after, e->dst_end_before);
        jw_end_obj(w);
    } else {
        jw_null(w);
    }
    boolean(w, "mapped", e->zone_mapped);
    jw_end_obj(w);
}

static void explain_schedule(JsonW *w, const BkpExplain *e)
{
    const BkpPolicy *p = e->policy;
    obj(w, "schedule");
    str(w, "frequency", bkp_azure_freq(p->freq));
    if (p->freq == BKP_FREQ_HOURLY) {
        num(w, "interval_hours", p->interval_hours);
        hhmm(w, &K_WINDOW_START, p->time);
        num(w, "window_hours", p->window_hours);
    } else {
        hhmm(w, &K_TIME, p->time);
    }
    if (p->freq == BKP_FREQ_WEEKLY)
        words(w, "days", BKP_WORD_WEEKDAY, p->run_days);
    num(w, "backups_per_day", e->nruns);
    num(w, "backup_days_per_week", e->run_days);
    arr(w, "runs");
    for (int i = 0; i < e->nruns; i++) {
        jw_obj(w);
        hhmm(w, &K_LOCAL, e->runs[i].minute);
        boolean(w, "next_day", e->runs[i].minute >= 1440);
        hhmm(w, &K_UTC, e->utc_minute[i]);
        boolean(w, "to_vault", e->runs[i].to_vault);
        num(w, "utc_day", e->utc_day[i]);
        jw_end_obj(w);
    }
    jw_end_arr(w);
    if (p->freq == BKP_FREQ_WEEKLY)
        words(w, "utc_days", BKP_WORD_WEEKDAY, e->utc_run_days);
    jw_end_obj(w);
}

static void explain_rpo(JsonW *w, const BkpExplain *e)
{
    obj(w, "rpo");
    for (int i = 0; i < BKP_WHY_COUNT; i++) {
        if (!e->on[i])
            continue;
        BkpKeep k = e->keep[i];
        obj(w, bkp_why_name((BkpWhy)i));
        num(w, "worst_case_minutes", e->rpo[i]);
        if (k.unit == BKP_YEARS || k.unit == BKP_MONTHS)
            num(w, k.unit == BKP_YEARS ? "kept_years" : "kept_months", k.count);
        else     /* days and weeks: exact */
            num(w, "kept_days", bkp_keep_max_days(k));
        jw_end_obj(w);
    }
    jw_end_obj(w);
}

static void snapshot_rg(JsonW *w, const BkpPolicy *p)
{
    jw_key(w, "resource_group");
    if (!p->snapshot_rg_prefix) {
        jw_null(w);
        return;
    }
    jw_obj(w);
    str(w, "prefix", p->snapshot_rg_prefix);
    str(w, "suffix", p->snapshot_rg_suffix);
    jw_end_obj(w);
}

static void days_of_month(JsonW *w, const BkpLongTerm *lt)
{
    arr(w, "days_of_month");
    for (int d = 1; d <= 28; d++)
        if (lt->dates >> d & 1)
            jw_int(w, d);
    if (lt->last_day)
        jw_str(w, bkp_word_name(BKP_WORD_DAY, BKP_DAY_LAST, BKP_SPELL_AZURE));
    jw_end_arr(w);
}

/* A monthly or yearly rule's members. */
static void longterm(JsonW *w, const BkpLongTerm *lt, bool yearly)
{
    num(w, yearly ? "years" : "months", lt->count);
    if (yearly)
        words(w, "months_of_year", BKP_WORD_MONTH, lt->months);
    if (lt->format == BKP_FORMAT_WEEKLY) {
        words(w, "weeks_of_month", BKP_WORD_WEEK, lt->weeks);
        words(w, "days_of_week", BKP_WORD_WEEKDAY, lt->days);
    } else {
        days_of_month(w, lt);
    }
    boolean(w, "default", false);
}

static void explain_snapshots(JsonW *w, const BkpExplain *e)
{
    const BkpPolicy *p = e->policy;
    obj(w, "snapshots");
    num(w, "days", p->snapshot_days);
    boolean(w, "default", is_default(e, BKP_FIELD_SNAPSHOTS));
    str(w, "consistency", bkp_azure_consistency(p->crash_consistent));
    boolean(w, "consistency_default", is_default(e, BKP_FIELD_CONSISTENCY));
    snapshot_rg(w, p);
    jw_end_obj(w);
}

static void explain_retention(JsonW *w, const BkpExplain *e)
{
    const BkpPolicy *p = e->policy;
    obj(w, "retention");
    explain_snapshots(w, e);
    if (e->on[BKP_WHY_DAILY]) {
        obj(w, "daily");
        num(w, "days", p->daily.days);
        boolean(w, "default", is_default(e, BKP_FIELD_DAILY));
        jw_end_obj(w);
    }
    if (e->on[BKP_WHY_WEEKLY]) {
        obj(w, "weekly");
        num(w, "weeks", p->weekly.weeks);
        words(w, "days_of_week", BKP_WORD_WEEKDAY, p->weekly.days);
        boolean(w, "default", is_default(e, BKP_FIELD_WEEKLY));
        boolean(w, "days_default", is_default(e, BKP_FIELD_WEEKLY_DAYS));
        jw_end_obj(w);
    }
    if (e->on[BKP_WHY_MONTHLY]) {
        obj(w, "monthly");
        longterm(w, &p->monthly, false);
        num(w, "kept_months", p->monthly.count);
        jw_end_obj(w);
    }
    if (e->on[BKP_WHY_YEARLY]) {
        obj(w, "yearly");
        longterm(w, &p->yearly, true);
        jw_end_obj(w);
    }
    jw_end_obj(w);
}

/* How the points of one kind move: "classes" of "archive". */
static void archive_class(JsonW *w, const BkpArchiveKind *k, bool yearly, bool weekly, int age)
{
    static const char *const share[] = {"none", "some", "all"};
    static const char *const when[] = {"age", "release", "later"};
    jw_obj(w);
    str(w, "kind", yearly ? "yearly" : "monthly");
    boolean(w, "weekly_keeps", weekly);
    str(w, "moves", share[k->share]);
    str(w, "when", k->share == BKP_ARCHIVE_MOVES_NONE ? NULL : when[k->when]);
    num(w, "age_months", age);
    num(w, "release_days", k->release_days);
    str(w, "released_by", !k->release_days ? NULL : k->weekly_release ? "weekly" : "daily");
    jw_end_obj(w);
}

static void explain_archive(JsonW *w, const BkpExplain *e)
{
    const BkpPolicy *p = e->policy;
    obj(w, "archive");
    str(w, "mode", bkp_azure_tiering(p->archive));
    if (p->archive == BKP_ARCHIVE_AFTER)
        num(w, "months", p->archive_months);
    if (e->archive_after_months) {
        num(w, "min_age_months", e->archive_after_months);
        num(w, "min_left_months", BKP_ARCHIVE_MIN_LEFT_MONTHS);
    }
    boolean(w, "default", is_default(e, BKP_FIELD_ARCHIVE));
    arr(w, "classes");
    for (int y = 0; y < 2; y++)
        for (int wk = 0; wk < 2; wk++)
            if (e->archive_after_months && e->archive[y][wk].points)
                archive_class(w, &e->archive[y][wk], y, wk, e->archive_after_months);
    jw_end_arr(w);
    jw_end_obj(w);
}

static void explain_storage(JsonW *w, const BkpExplain *e)
{
    obj(w, "storage");
    num(w, "snapshots", e->snapshots);
    str(w, "per", e->policy->freq == BKP_FREQ_WEEKLY ? "week" : "day");
    obj(w, "steady_points");
    for (int t = 0; t < BKP_TIER_COUNT; t++)
        num(w, bkp_tier_name((BkpTier)t), (int64_t)e->steady_points[t]);
    jw_end_obj(w);
    jw_end_obj(w);
}

static void explain_promise(JsonW *w, const BkpExplain *e)
{
    arr(w, "promise");
    for (int i = 0; i < e->npromise; i++) {
        const BkpPromise *s = &e->promise[i];
        jw_obj(w);
        num(w, "worst_case_minutes", s->rpo);
        keep(w, "for", e->keep[s->rule]);
        str(w, "rule", bkp_why_name(s->rule));
        str(w, "points", bkp_why_name(s->points));
        jw_end_obj(w);
    }
    jw_end_arr(w);
}

/* A field, as the keys "retention", "archive", ... name it. */
static const char *field_key(BkpField f)
{
    static const char *const names[BKP_FIELD_COUNT] = {
        [BKP_FIELD_TYPE] = "type", [BKP_FIELD_TIMEZONE] = "timezone", [BKP_FIELD_SCHEDULE] = "schedule",
        [BKP_FIELD_SNAPSHOTS] = "snapshots", [BKP_FIELD_DAILY] = "daily", [BKP_FIELD_WEEKLY] = "weekly",
        [BKP_FIELD_WEEKLY_DAYS] = "weekly_days", [BKP_FIELD_MONTHLY] = "monthly", [BKP_FIELD_YEARLY] = "yearly",
        [BKP_FIELD_ARCHIVE] = "archive", [BKP_FIELD_CONSISTENCY] = "consistency",
        [BKP_FIELD_SNAPSHOT_RG] = "snapshot_resource_group",
    };
    return (unsigned)f < BKP_FIELD_COUNT && names[f] ? names[f] : "?";
}

/* One default and its value, in the keys "retention", "archive", ... use. */
static void explain_default(JsonW *w, const BkpPolicy *p, BkpField f)
{
    jw_obj(w);
    str(w, "field", field_key(f));
    switch (f) {
    case BKP_FIELD_TYPE: str(w, "name", p->enhanced ? "enhanced" : "standard"); break;
    case BKP_FIELD_TIMEZONE: str(w, "windows", p->timezone); break;
    case BKP_FIELD_SNAPSHOTS: num(w, "days", p->snapshot_days); break;
    case BKP_FIELD_DAILY: num(w, "days", p->daily.days); break;
    case BKP_FIELD_WEEKLY:
        num(w, "weeks", p->weekly.weeks);
        words(w, "days_of_week", BKP_WORD_WEEKDAY, p->weekly.days);
        break;
    case BKP_FIELD_WEEKLY_DAYS: words(w, "days_of_week", BKP_WORD_WEEKDAY, p->weekly.days); break;
    case BKP_FIELD_ARCHIVE: str(w, "mode", bkp_azure_tiering(p->archive)); break;
    case BKP_FIELD_CONSISTENCY: str(w, "consistency", bkp_azure_consistency(p->crash_consistent)); break;
    case BKP_FIELD_SNAPSHOT_RG: snapshot_rg(w, p); break;
    default: break;
    }
    jw_end_obj(w);
}

/* Where each value came from and the requirements: only for a policy made
 * from a template, and one with requirements. */
static void explain_sources(JsonW *w, const BkpExplain *e)
{
    if (e->template_name) {
        str(w, "template", e->template_name);
        arr(w, "sources");
        for (int i = 0; i < e->nsources; i++) {
            const BkpTemplateRef *t = e->sources[i].from;
            jw_obj(w);
            str(w, "field", field_key(e->sources[i].field));
            str(w, "from", t ? "template" : e->sources[i].is_default ? "default" : "policy");
            if (t) {
                str(w, "template", t->name);
                str(w, "file", t->src ? t->src->name : NULL);
            }
            jw_end_obj(w);
        }
        jw_end_arr(w);
    }
    if (!e->requirements)
        return;
    static const char *const kinds[] = {"points", "snapshots", "rpo"};
    static const char *const periods[] = {"day", "week", "month", "year"};
    static const char *const tiers[] = {"any", "snapshot", "vault-standard"};
    arr(w, "requirements");
    for (const BkpRequire *r = e->requirements; r; r = r->next) {
        char text[160];
        jw_obj(w);
        str(w, "require", bkp_require_text(r, text, sizeof text));
        str(w, "kind", kinds[r->kind]);
        if (r->kind == BKP_REQ_POINTS) {
            str(w, "period", periods[r->period]);
            str(w, "tier", tiers[r->tier]);
        }
        if (r->kind == BKP_REQ_RPO)
            num(w, "rpo_hours", r->rpo_hours);
        if (r->span.count) {
            obj(w, "span");
            num(w, "count", r->span.count);
            str(w, "unit", bkp_unit_name(r->span.unit, true));
            jw_end_obj(w);
        } else {
            str(w, "span", NULL);
        }
        str(w, "template", r->origin && r->origin->from ? r->origin->from->name : NULL);
        jw_end_obj(w);
    }
    jw_end_arr(w);
}

int bkp_explain_json(const BkpExplain *e, FILE *out)
{
    Doc d;
    JsonW *w = &d.w;
    jw_init_file(w, out, JW_UTF8);
    bkp_dates_init(&d.dates);
    jw_obj(w);
    str(w, "policy", e->policy->name);
    explain_type(w, e);
    explain_zone(&d, e);
    instant(&d, &K_AT, e->at, e->at_offset);
    explain_schedule(w, e);
    explain_rpo(w, e);
    explain_retention(w, e);
    explain_archive(w, e);
    explain_storage(w, e);
    boolean(w, "named_after_file", e->named_after_file);
    explain_promise(w, e);
    arr(w, "defaults");
    for (int i = 0; i < e->ndefaults; i++)
        explain_default(w, e->policy, e->defaults[i]);
    jw_end_arr(w);
    explain_sources(w, e);
    return finish(&d);
}
