/* report.c — a requirement that does not hold, as a diagnostic
 * (error[require]; docs/rules/require.md):
 *
 *   - at the `require` clause as the policy has it (its `from TEMPLATE`
 *     when a template requires it, the template's line shown too);
 *   - the clause that makes it fail as a secondary span: the rule that kept
 *     the last point the period had, the schedule when it had none;
 *   - the counterexample: a moment and what is missing then, checked with
 *     bkp_sim_each (what `bkpc simulate --at` shows);
 *   - the smallest change that makes it hold, proved too, as a hint, and as
 *     a fix where it is one edit of the policy's own text.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/check.h"
#include "bkpc/clock.h"
#include "prove_int.h"

typedef struct Report {
    BkpCtx *ctx;
    BkpDiags *D;
    BkpProver *pv;
    const BkpPolicy *p;
    const BkpRequire *r;
    const BkpProof *pf;
    BkpTz *tz;
    BkpDiag *g;
    char buf[4][160];           /* texts the message and hints quote */
} Report;

/* ---- words ------------------------------------------------------------------ */

/* "Tue 2030-01-01 23:00 UTC", or "Sun 2030-03-31 23:00 +01:00" (the zone's
 * clock, with its offset then). */
static char *moment(const Report *R, int64_t t, char *buf, size_t n)
{
    int off = bkp_interp_offset(R->tz, R->p, t);
    char c[BKP_CLOCK_MAX], o[16];
    bkp_fmt_clock(t, off, BKP_CLOCK_WEEKDAY, c, sizeof c);
    if (strcmp(R->p->timezone, "UTC") == 0)
        snprintf(buf, n, "%s UTC", c);
    else
        snprintf(buf, n, "%s %s", c, bkp_fmt_offset(off, o, sizeof o));
    return buf;
}

/* The period [from, to) by its name: "Sun 2030-03-31", "the week of Mon
 * 2030-03-25", "July 2029", "2029". */
static char *period_name(const Report *R, int64_t from, char *buf, size_t n)
{
    int off = bkp_interp_offset(R->tz, R->p, from);
    int64_t day = bkp_floor_div(from + (int64_t)off * 60, DAY);
    int y, m, d;
    bkp_civil_from_days(day, &y, &m, &d);
    char c[BKP_CLOCK_MAX];
    switch (R->r->period) {
    case BKP_PERIOD_DAY:
        snprintf(buf, n, "%s", bkp_fmt_clock(from, off, BKP_CLOCK_WEEKDAY | BKP_CLOCK_DATE, c, sizeof c));
        break;
    case BKP_PERIOD_WEEK:
        snprintf(buf, n, "the week of %s", bkp_fmt_clock(from, off, BKP_CLOCK_WEEKDAY | BKP_CLOCK_DATE, c, sizeof c));
        break;
    case BKP_PERIOD_MONTH: snprintf(buf, n, "%s %d", bkp_word_name(BKP_WORD_MONTH, m - 1, BKP_SPELL_PROSE), y); break;
    case BKP_PERIOD_YEAR: snprintf(buf, n, "%d", y); break;
    }
    return buf;
}

/* "12 months", "30 days" */
static char *length(BkpLength l, char *buf, size_t n)
{
    snprintf(buf, n, "%d %s", l.count, bkp_unit_name(l.unit, l.count != 1));
    return buf;
}

static const char *const why_noun[BKP_WHY_COUNT] = {"snapshot", "daily point", "weekly point", "monthly point",
                                                    "yearly point"};

/* The clause of each rule, and where the policy wrote it. */
static BkpField rule_field(BkpWhy w)
{
    static const BkpField f[BKP_WHY_COUNT] = {BKP_FIELD_SNAPSHOTS, BKP_FIELD_DAILY, BKP_FIELD_WEEKLY,
                                              BKP_FIELD_MONTHLY, BKP_FIELD_YEARLY};
    return f[w];
}

/* Where the policy wrote the clause of field f: the whole clause, or
 * (`dur`) its duration. */
static BkpSpan field_span(const BkpPolicy *p, BkpField f, bool dur)
{
    const BkpPolicySpans *at = &p->origin->at;
    switch (f) {
    case BKP_FIELD_SNAPSHOTS: return dur ? at->snapshots_dur : at->snapshots;
    case BKP_FIELD_DAILY: return dur ? at->daily_dur : at->daily;
    case BKP_FIELD_WEEKLY: return dur ? at->weekly_dur : at->weekly;
    case BKP_FIELD_MONTHLY: return dur ? at->monthly_dur : at->monthly;
    case BKP_FIELD_YEARLY: return dur ? at->yearly_dur : at->yearly;
    case BKP_FIELD_ARCHIVE: return dur ? bkp_span(0, 0) : at->archive;
    default: return dur ? bkp_span(0, 0) : at->schedule;
    }
}

/* ---- the counterexample, from the interpreter ---------------------------------- */

/* The backups taken in [from, to), and the one of them whose life in the
 * requirement's tier ends last: *last, its life; false when none was. */
static bool last_of(const Report *R, int64_t from, int64_t to, BkpBackup *last, BkpLife *life)
{
    int tier = R->r->kind == BKP_REQ_POINTS ? (int)R->r->tier : BKP_REQ_ANY_TIER;
    int64_t best = NEVER;
    bool any = false;
    for (int64_t d = bkp_interp_day_of(R->tz, R->p, from) - 2; d <= bkp_interp_day_of(R->tz, R->p, to) + 1; d++) {
        BkpBackup b[BKP_SCHED_MAX_RUNS];
        int n = bkp_interp_day(R->tz, R->p, d, b);
        for (int i = 0; i < n; i++) {
            if (b[i].utc < from || b[i].utc >= to)
                continue;
            BkpLife l;
            bkp_backup_life(R->tz, R->p, &b[i], &l);
            int64_t e = tier == BKP_REQ_SNAPSHOT_TIER ? l.snapshot_until
                        : tier == BKP_REQ_STANDARD_TIER ? (l.vault_until == NEVER ? NEVER
                                                           : l.archive_at < l.vault_until ? l.archive_at : l.vault_until)
                                                        : l.expires;
            if (!any || e > best) {
                best = e;
                *last = b[i];
                *life = l;
            }
            any = true;
        }
    }
    return any;
}

/* What bkp_sim_each sees at the moment: whether a point taken in [from,
 * to) is there (in the tier). */
typedef struct Seen {
    int64_t from, to;
    BkpReqTier tier;
    bool found;
} Seen;

static int seen_point(void *ctx, const BkpPoint *pt)
{
    Seen *s = ctx;
    if (pt->b.utc < s->from || pt->b.utc >= s->to)
        return 0;
    bool in = s->tier == BKP_REQ_ANY_TIER || (s->tier == BKP_REQ_SNAPSHOT_TIER && (pt->tiers >> BKP_TIER_SNAPSHOT & 1)) ||
              (s->tier == BKP_REQ_STANDARD_TIER && (pt->tiers >> BKP_TIER_STANDARD & 1));
    s->found |= in;
    return s->found;
}

/* Whether simulate, at `at`, shows a point taken in [from, to). */
static bool simulate_shows(const Report *R, int64_t at, int64_t from, int64_t to, BkpReqTier tier)
{
    Seen s = {from, to, tier, false};
    BkpSim sim;
    bkp_sim_each(R->tz, R->p, at, NULL, &sim, seen_point, &s);
    return s.found;
}

/* The first point simulate shows at `at` taken after `after`. */
typedef struct After {
    int64_t after, first;
} After;

static int after_point(void *ctx, const BkpPoint *pt)
{
    After *a = ctx;
    if (pt->b.utc > a->after) {
        a->first = pt->b.utc;
        return 1;                   /* oldest first: the first is it */
    }
    return 0;
}

/* The instant of the first point there at `at` taken after `after`, or
 * INT64_MAX. */
static int64_t next_shown(const Report *R, int64_t at, int64_t after)
{
    After a = {after, INT64_MAX};
    BkpSim sim;
    bkp_sim_each(R->tz, R->p, at, NULL, &sim, after_point, &a);
    return a.first;
}

/* ---- the smallest change ---------------------------------------------------------- */

/* Whether r holds for q, a changed copy of the policy that Azure accepts
 * (the rule table finds nothing). */
static bool holds_for(const Report *R, const BkpPolicy *q)
{
    BkpArena A;
    bkp_arena_init(&A);
    BkpDiags quiet;
    bkp_diags_init(&quiet, &A);
    int n;
    const BkpRule *rules = bkp_rules(&n);
    for (int i = 0; i < n; i++)
        rules[i].check(&quiet, q);
    bool valid = quiet.errors == 0;
    bkp_arena_free(&A);
    if (!valid)
        return false;
    BkpProof pf;
    return bkp_prove_require(R->pv, q, R->r, &pf) == 0 && pf.holds;
}

/* The count of rule w in q, and a pointer to it. */
static int *rule_count(BkpPolicy *q, BkpWhy w)
{
    switch (w) {
    case BKP_WHY_SNAPSHOT: return &q->snapshot_days;
    case BKP_WHY_DAILY: return q->daily.on ? &q->daily.days : NULL;
    case BKP_WHY_WEEKLY: return q->weekly.on ? &q->weekly.weeks : NULL;
    case BKP_WHY_MONTHLY: return q->monthly.on ? &q->monthly.count : NULL;
    case BKP_WHY_YEARLY: return q->yearly.on ? &q->yearly.count : NULL;
    default: return NULL;
    }
}

/* The least count of rule w, above p's, for which r holds; 0 if none does
 * (up to its range). Longer retention keeps more points longer, so r holds
 * from some count on: a binary search, but for the vault-standard tier,
 * where a longer retention can send points to the archive sooner. */
static int least_count(const Report *R, BkpWhy w)
{
    BkpPolicy q = *R->p;
    q.requirements = NULL;
    int *c = rule_count(&q, w);
    if (!c)
        return 0;
    static const int max[BKP_WHY_COUNT] = {30, 9999, 5163, 1188, 99};
    int lo = *c, hi = max[w];
    if (lo >= hi)
        return 0;
    if (R->r->kind == BKP_REQ_POINTS && R->r->tier == BKP_REQ_STANDARD_TIER) {
        for (int n = lo + 1; n <= hi && n <= lo + 60; n++) {
            *c = n;
            if (holds_for(R, &q))
                return n;
        }
        return 0;
    }
    *c = hi;
    if (!holds_for(R, &q))
        return 0;
    while (hi - lo > 1) {                   /* fails at lo, holds at hi */
        int mid = lo + (hi - lo) / 2;
        *c = mid;
        if (holds_for(R, &q))
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

/* A schedule time, the nearest to p's on the half hour, at which r holds
 * (-1: none): for a backup that a change of clocks keeps off a day. */
static int nearest_time(const Report *R)
{
    if (R->p->freq == BKP_FREQ_HOURLY)
        return -1;
    BkpPolicy q = *R->p;
    q.requirements = NULL;
    for (int k = 1; k < 48; k++)
        for (int sign = -1; sign <= 1; sign += 2) {
            q.time = ((R->p->time + sign * 30 * k) % 1440 + 1440) % 1440;
            if (holds_for(R, &q))
                return q.time;
        }
    return -1;
}

static const char *const rule_kw[BKP_WHY_COUNT] = {"snapshots", "daily", "weekly", "monthly", "yearly"};

/* The hint (and fix) of a new count n for rule w: "keep monthly points 12
 * months: `keep monthly 12m`". */
static void hint_count(Report *R, BkpWhy w, int n)
{
    BkpKeep k = bkp_keep(R->p, w);
    char a[48], c[48];
    k.count = n;
    BkpField f = rule_field(w);
    BkpLoc loc = bkp_policy_loc(R->p, f, field_span(R->p, f, true));
    const char *who = w == BKP_WHY_SNAPSHOT ? "snapshots" : why_noun[w];
    bkp_diag_hint(R->D, R->g, "it holds when %s%s are kept %s: `keep %s %d%c`", who, w == BKP_WHY_SNAPSHOT ? "" : "s",
                  bkp_keep_text(k, a, sizeof a), rule_kw[w], n, bkp_unit_letter(k.unit));
    if (!loc.from && loc.span.end && loc.src == R->g->src) {
        snprintf(c, sizeof c, "%d%c", n, bkp_unit_letter(k.unit));
        bkp_diag_fix(R->D, R->g, loc.span, c);
    }
}

/* The smallest change that makes r hold, as a hint: a longer retention of
 * the rule at fault (or of the rule the requirement names), a schedule
 * time, or a rule to add. */
static void smallest_change(Report *R, BkpWhy cause)
{
    BkpWhy order[BKP_WHY_COUNT + 1];
    int n = 0;
    if (cause != BKP_WHY_COUNT)
        order[n++] = cause;
    static const BkpWhy by_period[] = {BKP_WHY_DAILY, BKP_WHY_WEEKLY, BKP_WHY_MONTHLY, BKP_WHY_YEARLY};
    if (R->r->kind == BKP_REQ_POINTS)
        order[n++] = by_period[R->r->period];
    if (R->r->kind == BKP_REQ_SNAPSHOTS)
        order[n++] = BKP_WHY_SNAPSHOT;
    order[n++] = BKP_WHY_DAILY;
    order[n++] = BKP_WHY_WEEKLY;
    for (int i = 0; i < n; i++) {
        bool dup = false;
        for (int k = 0; k < i; k++)
            dup |= order[k] == order[i];
        int c = dup ? 0 : least_count(R, order[i]);
        if (c) {
            hint_count(R, order[i], c);
            return;
        }
    }
    int t = nearest_time(R);
    if (t >= 0) {
        char h[6];
        bkp_diag_hint(R->D, R->g, "it holds with backups at %s: a time that daylight saving time does not push "
                                  "into another day (bkpc explain-rule A8)", bkp_fmt_hhmm(t, h));
        BkpLoc loc = bkp_policy_loc(R->p, BKP_FIELD_SCHEDULE, R->p->origin->at.time);
        if (!loc.from && loc.span.end && loc.src == R->g->src)
            bkp_diag_fix(R->D, R->g, loc.span, h);
        return;
    }
    if (R->r->kind == BKP_REQ_POINTS && R->p->freq == BKP_FREQ_WEEKLY && R->r->period == BKP_PERIOD_DAY) {
        char h[6];
        bkp_diag_hint(R->D, R->g, "a weekly schedule takes no backup on the other days: back up every day, "
                                  "`daily at %s`", bkp_fmt_hhmm(R->p->time, h));
        return;
    }
    if (R->r->kind == BKP_REQ_POINTS && R->r->period >= BKP_PERIOD_MONTH &&
        !(R->r->period == BKP_PERIOD_MONTH ? R->p->monthly.on : R->p->yearly.on)) {
        bkp_diag_hint(R->D, R->g, "the policy keeps no %s points: add a `keep %s` rule as long as the span",
                      R->r->period == BKP_PERIOD_MONTH ? "monthly" : "yearly",
                      R->r->period == BKP_PERIOD_MONTH ? "monthly" : "yearly");
        return;
    }
    bkp_diag_hint(R->D, R->g, "no longer retention of one rule makes it hold");
}

/* ---- the diagnostics ---------------------------------------------------------------- */

/* The error at the requirement, as the policy has it; msg: the
 * counterexample. */
static void open_diag(Report *R, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void open_diag(Report *R, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const BkpRequireOrigin *o = R->r->origin;
    char what[160];
    bkp_require_text(R->r, what, sizeof what);
    const BkpPolicyOrigin *po = R->p->origin;
    if (o->from && po && po->src) {
        /* a template requires it: at the policy's `from TEMPLATE` */
        R->g = bkp_error(R->D, po->src, "require", po->from_span.end ? po->from_span : po->name_span,
                         "policy `%s` breaks `require %s`: %s", R->p->name, what, msg);
        bkp_diag_secondary_in(R->D, R->g, o->src, o->span, "required by template `%s`", o->from->name);
    } else {
        R->g = bkp_error(R->D, o->src, "require", o->span, "`require %s` does not hold: %s", what, msg);
    }
}

/* The rule that kept the point longest (in the tier): the cause. */
static BkpWhy longest_rule(const BkpBackup *b, const BkpLife *l)
{
    BkpWhy w = BKP_WHY_COUNT;
    int64_t best = NEVER;
    for (int k = 0; k < BKP_WHY_COUNT; k++)
        if ((b->why >> k & 1) && l->rule_expires[k] > best) {
            best = l->rule_expires[k];
            w = (BkpWhy)k;
        }
    return w;
}

static void secondary_rule(Report *R, BkpField f, const char *fmt, const char *arg)
{
    BkpLoc loc = bkp_policy_loc(R->p, f, field_span(R->p, f, false));
    bkp_policy_secondary(R->D, R->g, loc, fmt, arg);
}

static void report_period(Report *R)
{
    const BkpProof *pf = R->pf;
    char when[64], name[64], span[48], taken[64];
    moment(R, pf->at, when, sizeof when);
    period_name(R, pf->from, name, sizeof name);
    length(R->r->span, span, sizeof span);
    BkpBackup last;
    BkpLife life;
    bool had = last_of(R, pf->from, pf->to, &last, &life);
    bool shows = simulate_shows(R, pf->at, pf->from, pf->to, R->r->tier);
    const char *tier = R->r->tier == BKP_REQ_SNAPSHOT_TIER ? " in the snapshot tier"
                       : R->r->tier == BKP_REQ_STANDARD_TIER ? " in vault-standard" : "";
    open_diag(R, "at %s, %s lies within the last %s and no point taken in it is left%s", when, name, span, tier);
    BkpWhy cause = BKP_WHY_COUNT;
    if (!had) {
        secondary_rule(R, BKP_FIELD_SCHEDULE, "%s", "no backup falls in it");
        bkp_diag_hint(R->D, R->g, "no backup was taken in %s%s", name,
                      R->p->freq == BKP_FREQ_WEEKLY ? "" : " (Azure does not move backups for daylight saving "
                                                          "time: bkpc explain-rule A8)");
    } else {
        moment(R, last.utc, taken, sizeof taken);
        cause = longest_rule(&last, &life);
        if (R->r->tier == BKP_REQ_STANDARD_TIER && life.archive_at != INT64_MAX) {
            secondary_rule(R, BKP_FIELD_ARCHIVE, "%s", "moves points to vault-archive");
            bkp_diag_hint(R->D, R->g, "its last point, taken %s, moved to vault-archive then", taken);
        } else if (R->r->tier == BKP_REQ_SNAPSHOT_TIER) {
            cause = BKP_WHY_SNAPSHOT;
            secondary_rule(R, BKP_FIELD_SNAPSHOTS, "%s", "snapshots are kept this long");
            bkp_diag_hint(R->D, R->g, "its last snapshot, taken %s, was kept %s", taken, "until then");
        } else if (cause != BKP_WHY_COUNT) {
            char k[48];
            bkp_keep_text(bkp_keep(R->p, cause), k, sizeof k);
            secondary_rule(R, rule_field(cause), "keeps them %s", k);
            bkp_diag_hint(R->D, R->g, "its last point, taken %s, was a %s, kept %s", taken, why_noun[cause], k);
        }
    }
    if (shows)              /* cannot be: the prover and simulate use one model */
        bkp_diag_hint(R->D, R->g, "bkpc: simulate disagrees here; please report it");
    smallest_change(R, cause == BKP_WHY_SNAPSHOT && R->r->tier != BKP_REQ_SNAPSHOT_TIER ? BKP_WHY_COUNT : cause);
}

static void report_snapshots(Report *R)
{
    const BkpProof *pf = R->pf;
    char when[64], taken[64], span[48], k[48];
    moment(R, pf->at, when, sizeof when);
    moment(R, pf->from, taken, sizeof taken);
    length(R->r->span, span, sizeof span);
    open_diag(R, "at %s, the backup taken %s (less than %s before) has no snapshot left", when, taken, span);
    bkp_keep_text(bkp_keep(R->p, BKP_WHY_SNAPSHOT), k, sizeof k);
    secondary_rule(R, BKP_FIELD_SNAPSHOTS, "keeps snapshots %s", k);
    if (bkp_policy_default(R->p, BKP_FIELD_SNAPSHOTS))
        bkp_diag_hint(R->D, R->g, "snapshots are kept %s by default", k);
    smallest_change(R, BKP_WHY_SNAPSHOT);
}

static void report_rpo(Report *R)
{
    const BkpProof *pf = R->pf;
    char when[64], a[64], b[64], gap[48];
    moment(R, pf->at, when, sizeof when);
    BkpWhy cause = BKP_WHY_COUNT;
    switch (pf->fail) {
    case BKP_FAIL_NEWEST:
        moment(R, pf->from, a, sizeof a);
        bkp_fmt_span((pf->to - pf->from) / 60, gap, sizeof gap);
        open_diag(R, "at %s, the newest point was taken %s: backups are %s apart", when, a, gap);
        secondary_rule(R, BKP_FIELD_SCHEDULE, "%s", "the schedule");
        break;
    case BKP_FAIL_GAP: {
        moment(R, pf->from, a, sizeof a);
        int64_t next = next_shown(R, pf->at, pf->from);
        if (next == INT64_MAX)
            snprintf(b, sizeof b, "none is");
        else
            snprintf(b, sizeof b, "the next was taken %s later", bkp_fmt_span((next - pf->from) / 60, gap, sizeof gap));
        open_diag(R, "at %s, the point taken %s is followed by no point within the rpo: %s", when, a, b);
        break;
    }
    default: {
        int64_t start = pf->at - span_seconds(R->r->span);
        moment(R, start, a, sizeof a);
        int64_t first = next_shown(R, pf->at, start);
        if (first == INT64_MAX || first > pf->at)
            open_diag(R, "at %s, no point of the span (since %s) is left", when, a);
        else
            open_diag(R, "at %s, the oldest point of the span (since %s) was taken %s after its start", when, a,
                      bkp_fmt_span((first - start) / 60, gap, sizeof gap));
        break;
    }
    }
    if (pf->fail != BKP_FAIL_NEWEST) {
        /* the points that went: those taken after pf->from, within the rpo */
        BkpBackup last;
        BkpLife life;
        int64_t from = pf->fail == BKP_FAIL_GAP ? pf->from + 1 : pf->from;
        if (last_of(R, from, from + (int64_t)R->r->rpo_hours * 3600 + 1, &last, &life)) {
            cause = longest_rule(&last, &life);
            if (cause != BKP_WHY_COUNT) {
                char k[48];
                bkp_keep_text(bkp_keep(R->p, cause), k, sizeof k);
                secondary_rule(R, rule_field(cause), "keeps them %s", k);
            }
        }
    }
    smallest_change(R, cause);
}

void report_failure(BkpCtx *ctx, BkpProver *pv, const BkpPolicy *p, const BkpRequire *r, const BkpProof *pf)
{
    Report R;
    memset(&R, 0, sizeof R);
    R.ctx = ctx;
    R.D = &ctx->diags;
    R.pv = pv;
    R.p = p;
    R.r = r;
    R.pf = pf;
    R.tz = bkp_ctx_tz(ctx);
    switch (pf->fail) {
    case BKP_FAIL_PERIOD: report_period(&R); break;
    case BKP_FAIL_SNAPSHOT: report_snapshots(&R); break;
    default: report_rpo(&R); break;
    }
    if (!R.g)
        return;
    char at[BKP_CLOCK_MAX];
    bkp_fmt_clock(pf->at, 0, BKP_CLOCK_T | BKP_CLOCK_Z, at, sizeof at);
    bkp_diag_hint(R.D, R.g, "see it: `bkpc simulate --at %s --policy %s %s`", at, p->name,
                  p->origin && p->origin->src ? p->origin->src->name : "FILE");
}
