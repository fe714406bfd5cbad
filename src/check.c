/* check.c — the type checker: AST -> checked policy.
 *
 * Two steps per policy:
 *   1. resolve: every clause's words, units and times become values of a
 *      BkpPolicy (unit errors, unknown words, duplicate clauses and list
 *      entries are reported here), then the documented defaults fill the gaps;
 *   2. rules: every rule of reference/RULES.md that speaks about a resolved
 *      policy is one function in the rule table below, named by its id.
 * Rules that the language makes impossible to break (A1, A2, B5, B8, B9, D9,
 * D16, E1, E6) need no code: docs/language.md says which clause enforces them.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "bkpc/check.h"
#include "bkpc/compile.h"
#include "bkpc/misspell.h"
#include "bkpc/tz.h"

typedef struct Checker {
    BkpCtx *ctx;
    BkpDiags *D;
    BkpArena *A;
    BkpSource *src;
} Checker;

enum { MAX_COUNT = 1000000000 };   /* larger counts are clamped (and out of range anyway) */

/* Retention ranges (RULES.md D5-D8); C6 measures only a valid one. */
enum { DAILY_MIN = 7, DAILY_MAX = 9999, WEEKLY_MIN = 1, WEEKLY_MAX = 5163,
       MONTHLY_MIN = 1, MONTHLY_MAX = 1188, YEARLY_MIN = 1, YEARLY_MAX = 99 };

static const char *const number_words[] = {"no", "one", "two", "three", "four", "five", "six",
                                           "seven", "eight", "nine", "ten", "eleven", "twelve"};
static const char *count_word(int n, char *buf, size_t cap)
{
    if (n >= 0 && n <= 12)
        return number_words[n];
    snprintf(buf, cap, "%d", n);
    return buf;
}

static BkpSpan or_span(BkpSpan s, BkpSpan fallback) { return s.end ? s : fallback; }

/* ======================================================================
 * Step 1: resolution
 * ====================================================================== */

/* A duration in the unit a clause counts in. false (and a diagnostic) when
 * the unit is unknown or the conversion is not exact. */
static bool duration(Checker *C, const AstDuration *d, BkpUnit want, const char *clause,
                     BkpSpan kw, int *out)
{
    if (ast_duration_reported(d))
        return false;
    BkpUnit u = bkp_unit_parse(d->unit);
    if (u == BKP_UNIT_NONE) {
        BkpDiag *g = bkp_error(C->D, C->src, "unit", ast_duration_unit(d), "unknown unit `%s`", d->unit);
        static const char *const units[] = {"h", "d", "w", "m", "y", "hours", "days",
                                            "weeks", "months", "years", "hour", "day",
                                            "week", "month", "year"};
        const char *best = bkp_closest(d->unit, units, sizeof units / sizeof units[0]);
        if (strncmp(d->unit, "min", 3) == 0 || strcmp(d->unit, "M") == 0)
            bkp_diag_hint(C->D, g, "there are no minutes: schedules count whole hours, and `m` is months");
        else if (best)
            bkp_diag_hint(C->D, g, "did you mean `%" PRId64 "%s%s`?", d->num,
                          ast_duration_unit(d).off > ast_duration_num(d).end ? " " : "", best);
        else
            bkp_diag_hint(C->D, g, "units are h, d, w, m, y (hours, days, weeks, months, years)");
        return false;
    }
    int64_t v;
    if (!bkp_unit_convert(d->num, u, want, &v)) {
        const char *text = bkp_arena_strndup(C->A, C->src->text + d->span.off,
                                             d->span.end - d->span.off);
        BkpDiag *g = bkp_error(C->D, C->src, "unit", d->span,
                               "`%s` counts %s, and %s is not a whole number of %s", clause,
                               bkp_unit_name(want, true), text, bkp_unit_name(want, true));
        bkp_diag_label(C->D, g, "%s", bkp_unit_name(u, true));
        bkp_diag_secondary(C->D, g, kw, "counts %s", bkp_unit_name(want, true));
        int64_t near = bkp_unit_nearest(d->num, u, want);
        bkp_diag_hint(C->D, g, "write `%" PRId64 "%c` (the nearest whole number of %s)", near,
                      bkp_unit_letter(want), bkp_unit_name(want, true));
        if (want == BKP_DAYS && u >= BKP_MONTHS)
            bkp_diag_hint(C->D, g, "to keep points for months or years, add `keep monthly` or `keep yearly`");
        return false;
    }
    if (v > MAX_COUNT) {
        BkpDiag *g = bkp_error(C->D, C->src, "value", d->span, "`%s` is far too long for `%s`",
                               bkp_arena_strndup(C->A, C->src->text + d->span.off, d->span.end - d->span.off),
                               clause);
        bkp_diag_hint(C->D, g, "Azure keeps recovery points at most 99 years");
        return false;
    }
    *out = (int)v;
    return true;
}

static bool time_of_day(Checker *C, const AstTime *t, int *minute)
{
    const char *text = bkp_arena_strndup(C->A, C->src->text + t->span.off, t->span.end - t->span.off);
    if (t->hh < 0 || t->mm < 0) {
        BkpDiag *g = bkp_error(C->D, C->src, "value", t->span, "malformed time `%s`", text);
        bkp_diag_hint(C->D, g, "write times as HH:MM, 24-hour: `08:00`, `22:30`");
        return false;
    }
    if (t->hh > 23 || t->mm > 59) {
        BkpDiag *g = bkp_error(C->D, C->src, "value", t->span, "`%s` is not a time of day", text);
        bkp_diag_hint(C->D, g, "times are 24-hour, from 00:00 to 23:59");
        return false;
    }
    *minute = t->hh * 60 + t->mm;
    return true;
}

#define WEEK_WHAT "a week of the month (first, second, third, fourth or last)"

typedef int (*WordFn)(const char *);
typedef const char *(*SuggestFn)(const char *);

/* A comma list of words of one kind (weekdays, weeks, months) -> bit set.
 * Unknown words and repeated entries are errors; `dup_rule` names the rule a
 * repeat breaks (B4, D10, D14, D17). Returns 0 when anything failed. */
static unsigned word_set(Checker *C, const AstList *l, WordFn fn, SuggestFn suggest,
                         const char *kind, const char *what, const char *dup_rule)
{
    unsigned set = 0;
    bool ok = true;
    BkpSpan first[16];
    for (int i = 0; i < l->n; i++) {
        const AstItem *it = &l->v[i];
        int v = it->is_num ? -1 : fn(it->text);
        if (v < 0) {
            BkpDiag *g = bkp_error(C->D, C->src, "value", it->span, "`%s` is not %s", it->text, what);
            const char *best = it->is_num ? NULL : suggest(it->text);
            if (best)
                bkp_diag_hint(C->D, g, "did you mean `%s`?", best);
            ok = false;
            continue;
        }
        if (set >> v & 1) {
            BkpDiag *g = bkp_error(C->D, C->src, dup_rule, it->span, "%s `%s` is listed twice", kind,
                                   it->text);
            bkp_diag_secondary(C->D, g, first[v], "first here");
            ok = false;
            continue;
        }
        set |= 1u << v;
        first[v] = it->span;
    }
    return ok ? set : 0;
}

static BkpDaySet weekdays(Checker *C, const AstList *l, const char *dup_rule)
{
    return (BkpDaySet)word_set(C, l, bkp_word_weekday, bkp_word_suggest_weekday, "weekday",
                               "a weekday", dup_rule);
}

/* `on day 1, 15, last` (D15). */
static bool days_of_month(Checker *C, const AstList *l, BkpLongTerm *lt)
{
    bool ok = true;
    BkpSpan seen[30];
    memset(seen, 0, sizeof seen);
    for (int i = 0; i < l->n; i++) {
        const AstItem *it = &l->v[i];
        int slot;
        if (ast_item_reported(it)) {
            ok = false;
            continue;
        }
        if (it->is_num) {
            if (it->num < 1 || it->num > 28) {
                BkpDiag *g = bkp_error(C->D, C->src, "D15", it->span,
                                       "day %s of the month: Azure takes days 1 to 28, or `last`", it->text);
                if (it->num >= 29 && it->num <= 31)
                    bkp_diag_hint(C->D, g, "for the end of every month, write `last`");
                ok = false;
                continue;
            }
            slot = (int)it->num;
        } else if (strcasecmp(it->text, "last") == 0) {
            slot = 29;
        } else {
            BkpDiag *g = bkp_error(C->D, C->src, "value", it->span,
                                   "`%s` is not a day of the month", it->text);
            static const char *const cands[] = {"last"};
            if (bkp_closest(it->text, cands, 1))
                bkp_diag_hint(C->D, g, "did you mean `last`?");
            else
                bkp_diag_hint(C->D, g, "days of the month are 1 to 28, or `last`");
            ok = false;
            continue;
        }
        if (seen[slot].end) {
            BkpDiag *g = bkp_error(C->D, C->src, "D15", it->span, "day `%s` is listed twice", it->text);
            bkp_diag_secondary(C->D, g, seen[slot], "first here");
            ok = false;
            continue;
        }
        seen[slot] = it->span;
        if (slot == 29)
            lt->last_day = true;
        else
            lt->dates |= 1u << slot;
    }
    return ok;
}

/* The `on ...` of monthly/yearly retention. */
static bool long_term_on(Checker *C, const AstClause *c, BkpLongTerm *lt)
{
    const AstKeepOn *sel = c->u.keep.sel;     /* the grammar requires `on` here */
    const AstList *a = &sel->first, *b = &sel->second;
    if (sel->on == AST_ON_DAYS_OF_MONTH) {
        lt->format = BKP_FORMAT_DAILY;
        return days_of_month(C, a, lt);
    }
    lt->format = BKP_FORMAT_WEEKLY;
    if (b->n == 0) {
        /* One list: say what is missing. */
        bool all_days = true, all_weeks = true;
        for (int i = 0; i < a->n; i++) {
            all_days &= bkp_word_weekday(a->v[i].text) >= 0;
            all_weeks &= bkp_word_week(a->v[i].text) >= 0;
        }
        if (all_days) {
            BkpDiag *g = bkp_error(C->D, C->src, "D14", a->span,
                                   "which week of the month? monthly and yearly points need weeks and days");
            bkp_diag_hint(C->D, g, "write the weeks first: `on first %s`, or days of the month: `on day 1`",
                          a->v[0].text);
        } else if (all_weeks) {
            BkpDiag *g = bkp_error(C->D, C->src, "D14", a->span,
                                   "which weekday? monthly and yearly points need weeks and days");
            bkp_diag_hint(C->D, g, "add the days after the weeks: `on %s sun`", a->v[0].text);
        } else {
            lt->weeks = (BkpWeekSet)word_set(C, a, bkp_word_week, bkp_word_suggest_week, "week",
                                             WEEK_WHAT, "D14");
            if (lt->weeks) {
                BkpDiag *g = bkp_error(C->D, C->src, "D14", a->span, "which weekday?");
                bkp_diag_hint(C->D, g, "add the days after the weeks: `on %s sun`", a->v[0].text);
            }
        }
        return false;
    }
    /* Two lists: weeks, then days. Swapped lists get a hint of their own. */
    if (a->n && bkp_word_weekday(a->v[0].text) >= 0 && b->n && bkp_word_week(b->v[0].text) >= 0) {
        BkpDiag *g = bkp_error(C->D, C->src, "syntax", bkp_span_join(a->span, b->span),
                               "weeks of the month come before the weekdays");
        bkp_diag_hint(C->D, g, "write `on %s %s`", b->v[0].text, a->v[0].text);
        return false;
    }
    lt->weeks = (BkpWeekSet)word_set(C, a, bkp_word_week, bkp_word_suggest_week, "week", WEEK_WHAT,
                                     "D14");
    lt->days = weekdays(C, b, "D14");
    return lt->weeks && lt->days;
}

/* Clause slots: one clause of each kind per policy. */
enum Slot { S_TYPE, S_TZ, S_SCHED, S_SNAP, S_DAILY, S_WEEKLY, S_MONTHLY, S_YEARLY,
            S_ARCHIVE, S_RG, S_CONS, NSLOT };

static enum Slot slot_of(AstClauseKind k)
{
    switch (k) {
    case AST_TYPE: return S_TYPE;
    case AST_TIMEZONE: return S_TZ;
    case AST_EVERY:
    case AST_DAILY:
    case AST_WEEKLY: return S_SCHED;
    case AST_KEEP_SNAPSHOTS: return S_SNAP;
    case AST_KEEP_DAILY: return S_DAILY;
    case AST_KEEP_WEEKLY: return S_WEEKLY;
    case AST_KEEP_MONTHLY: return S_MONTHLY;
    case AST_KEEP_YEARLY: return S_YEARLY;
    case AST_ARCHIVE: return S_ARCHIVE;
    case AST_SNAPSHOT_RG: return S_RG;
    case AST_CONSISTENCY: return S_CONS;
    default: return S_TYPE;
    }
}

static void timezone(Checker *C, const AstClause *c, BkpPolicy *p)
{
    const char *id = c->u.tz.id;
    p->timezone_written = id;
    p->at.timezone = c->u.tz.id_span;
    /* "UTC" needs no ICU (tz.c); the Windows id is tz's, which lives as long
     * as the arena: both are the context's. */
    BkpTz *tz = bkp_ctx_tz(C->ctx);
    const char *win = NULL;
    BkpTzKind kind = tz ? bkp_tz_resolve(tz, id, &win) : BKP_TZ_UNKNOWN;
    if (kind != BKP_TZ_UNKNOWN && win) {
        p->timezone = win;
        return;
    }
    p->timezone = NULL;
    BkpDiag *g = bkp_error(C->D, C->src, "A7", c->u.tz.id_span, "unknown time zone \"%s\"", id);
    const char *sug[2];
    int n = tz ? bkp_tz_suggest(tz, id, sug, 2) : 0;
    if (n == 1)
        bkp_diag_hint(C->D, g, "did you mean \"%s\"?", sug[0]);
    else if (n == 2)
        bkp_diag_hint(C->D, g, "did you mean \"%s\" or \"%s\"?", sug[0], sug[1]);
    if (n == 0 && strlen(id) <= 5 && !strchr(id, '/') && !strchr(id, ' '))
        bkp_diag_hint(C->D, g, "abbreviations such as \"%s\" are ambiguous; write the zone's full id", id);
    bkp_diag_hint(C->D, g, "Azure wants a Windows time-zone id such as \"W. Europe Standard Time\"; "
                           "IANA ids such as \"Europe/Berlin\" are mapped to one");
}

static void schedule(Checker *C, const AstClause *c, BkpPolicy *p)
{
    p->at.schedule = c->span;
    if (c->kind == AST_EVERY) {
        p->freq = BKP_FREQ_HOURLY;
        p->run_days = 0x7F;
        p->at.interval = c->u.every.interval.span;
        p->at.window = c->u.every.window.span;
        p->at.start = p->at.time = c->u.every.start.span;
        if (!duration(C, &c->u.every.interval, BKP_HOURS, "every", c->kw_span, &p->interval_hours))
            p->interval_hours = -1;
        if (!duration(C, &c->u.every.window, BKP_HOURS, "for", c->kw_span, &p->window_hours))
            p->window_hours = -1;
        if (!time_of_day(C, &c->u.every.start, &p->time))
            p->time = -1;
        return;
    }
    p->freq = c->kind == AST_DAILY ? BKP_FREQ_DAILY : BKP_FREQ_WEEKLY;
    const AstTime *t = &c->u.sched.times[0];
    p->at.time = t->span;
    if (!time_of_day(C, t, &p->time))
        p->time = -1;
    for (int i = 1; i < c->u.sched.ntimes; i++) {
        BkpDiag *g = bkp_error(C->D, C->src, "B2", c->u.sched.times[i].span,
                               "a %s schedule runs once a day, at one time",
                               c->kind == AST_DAILY ? "daily" : "weekly");
        bkp_diag_secondary(C->D, g, t->span, "the backup time");
        bkp_diag_hint(C->D, g, "for several backups a day, use an enhanced hourly schedule: "
                               "`every 12h from 08:00 for 24h`");
        break;
    }
    if (c->kind == AST_DAILY) {
        p->run_days = 0x7F;
    } else {
        p->at.run_days = c->u.sched.days.span;
        p->run_days = weekdays(C, &c->u.sched.days, "B4");
    }
}

static void keep(Checker *C, const AstClause *c, BkpPolicy *p)
{
    const AstDuration *d = &c->u.keep.dur;
    switch (c->kind) {
    case AST_KEEP_SNAPSHOTS:
        p->at.snapshots = c->span;
        if (!duration(C, d, BKP_DAYS, "keep snapshots", c->kw_span, &p->snapshot_days))
            p->snapshot_days = -1;
        break;
    case AST_KEEP_DAILY:
        p->at.daily = c->span;
        p->daily.on = true;
        if (!duration(C, d, BKP_DAYS, "keep daily", c->kw_span, &p->daily.days))
            p->daily.days = -1;
        break;
    case AST_KEEP_WEEKLY:
        p->at.weekly = c->span;
        p->weekly.on = true;
        if (!duration(C, d, BKP_WEEKS, "keep weekly", c->kw_span, &p->weekly.weeks))
            p->weekly.weeks = -1;
        if (c->u.keep.sel) {
            p->at.weekly_days = c->u.keep.sel->first.span;
            p->weekly.days = weekdays(C, &c->u.keep.sel->first, "D10");
            if (!p->weekly.days)
                p->weekly.weeks = -1;       /* reported */
        } else {
            p->weekly.days_default = true;      /* filled in with the defaults */
        }
        break;
    case AST_KEEP_MONTHLY:
    case AST_KEEP_YEARLY: {
        bool yearly = c->kind == AST_KEEP_YEARLY;
        BkpLongTerm *lt = yearly ? &p->yearly : &p->monthly;
        lt->on = true;
        if (yearly) {
            p->at.yearly = c->span;
            p->at.yearly_on = c->u.keep.sel->on_span;
        } else {
            p->at.monthly = c->span;
            p->at.monthly_on = c->u.keep.sel->on_span;
        }
        if (!duration(C, d, yearly ? BKP_YEARS : BKP_MONTHS, yearly ? "keep yearly" : "keep monthly",
                      c->kw_span, &lt->count))
            lt->count = -1;
        if (yearly)
            lt->months = (BkpMonthSet)word_set(C, &c->u.keep.sel->months, bkp_word_month,
                                               bkp_word_suggest_month, "month", "a month", "D17");
        if (yearly && !lt->months)
            lt->count = -1;                 /* reported: keeps D17 quiet */
        if (!long_term_on(C, c, lt))
            lt->count = -1;                 /* keeps the D/E rules quiet about it */
        break;
    }
    default:
        break;
    }
}

static void archive(Checker *C, const AstClause *c, BkpPolicy *p)
{
    p->at.archive = c->span;
    switch (c->u.archive.mode) {
    case AST_ARCHIVE_NEVER: p->archive = BKP_ARCHIVE_NEVER; break;
    case AST_ARCHIVE_RECOMMENDED: p->archive = BKP_ARCHIVE_RECOMMENDED; break;
    case AST_ARCHIVE_AFTER:
        p->archive = BKP_ARCHIVE_AFTER;
        p->at.archive_after = c->u.archive.after.span;
        /* E4: Azure VM tiering counts months. */
        if (!duration(C, &c->u.archive.after, BKP_MONTHS, "archive after", c->kw_span, &p->archive_months))
            p->archive_months = -1;
        break;
    }
}

static void consistency(Checker *C, const AstClause *c, BkpPolicy *p)
{
    p->at.consistency = c->span;
    if (c->u.consistency.crash) {
        p->crash_consistent = true;
    } else if (strcmp(c->u.consistency.word, "application") != 0) {
        BkpDiag *g = bkp_error(C->D, C->src, "value", c->u.consistency.word_span,
                               "unknown consistency `%s`", c->u.consistency.word);
        static const char *const words[] = {"crash", "application"};
        const char *best = bkp_closest(c->u.consistency.word, words, 2);
        if (best)
            bkp_diag_hint(C->D, g, "did you mean `%s`?", best);
        else
            bkp_diag_hint(C->D, g, "write `consistency crash` (enhanced only) or `consistency application` (the default)");
    }
}

/* The documented defaults (LANGUAGE.md; RULES.md G), each marked as one. */
static void defaults(BkpPolicy *p, bool have[NSLOT])
{
    if (!have[S_TYPE]) {
        p->enhanced = true;
        p->type_default = true;
    }
    if (!have[S_TZ]) {
        p->timezone = p->timezone_written = "UTC";
        p->timezone_default = true;
    }
    if (!have[S_SNAP]) {
        p->snapshot_days = p->enhanced ? 7 : p->freq == BKP_FREQ_WEEKLY ? 5 : 2;
        p->snapshot_default = true;
    }
    if (!have[S_DAILY] && p->freq != BKP_FREQ_WEEKLY) {
        p->daily.on = true;
        p->daily.days = 180;
        p->daily.is_default = true;
    }
    if (!have[S_WEEKLY] && p->freq == BKP_FREQ_WEEKLY) {
        p->weekly.on = true;
        p->weekly.weeks = 12;
        p->weekly.is_default = true;
        p->weekly.days_default = true;
    }
    if (p->weekly.on && p->weekly.days_default) {
        p->weekly.days = p->freq == BKP_FREQ_WEEKLY ? p->run_days : 1u << BKP_SUN;
        if (!p->weekly.days)
            p->weekly.weeks = -1;           /* the schedule's days failed: reported */
    }
}

/* ======================================================================
 * Step 2: the rules (reference/RULES.md). Each returns true when it holds.
 * ====================================================================== */

#define RULE(id) static bool rule_##id(BkpDiags *d, const BkpPolicy *p)

static BkpDiag *err(BkpDiags *d, const BkpPolicy *p, const char *id, BkpSpan span,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static BkpDiag *err(BkpDiags *d, const BkpPolicy *p, const char *id, BkpSpan span,
                    const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return bkp_error(d, p->src, id, or_span(span, p->name_span), "%s", msg);
}

static const char *day_list(BkpDiags *d, BkpDaySet set)
{
    char buf[128] = "";
    size_t len = 0;
    for (int i = 0; i < 7; i++)
        if (set >> i & 1)
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len ? ", " : "",
                                    bkp_weekday_short(i));
    return bkp_arena_strdup(d->arena, buf);
}

RULE(A6)
{
    if (bkp_policy_name_ok(p->name))
        return true;
    BkpDiag *g = err(d, p, "A6", p->name_span, "policy name `%s` is not one Azure accepts", p->name);
    bkp_diag_hint(d, g, "a policy name has 3 to 150 characters: a letter, then letters, digits, `-`, `_` or `!`");
    if (p->name_implicit)
        bkp_diag_hint(d, g, "the name comes from the file name; or wrap the clauses in `policy NAME { ... }`");
    return false;
}

RULE(A9)
{
    if (!p->crash_consistent || p->enhanced)
        return true;
    BkpDiag *g = err(d, p, "A9", p->at.consistency,
                     "crash-consistent snapshots need an enhanced policy");
    if (p->at.type.end)
        bkp_diag_secondary(d, g, p->at.type, "this policy is standard");
    bkp_diag_hint(d, g, "use `enhanced`, or remove `consistency crash`");
    return false;
}

RULE(A10)
{
    bool ok = true;
    if (p->snapshot_rg_prefix && !*p->snapshot_rg_prefix) {
        BkpDiag *g = err(d, p, "A10", p->at.rg_prefix, "the snapshot resource-group prefix is empty");
        bkp_diag_hint(d, g, "give a prefix such as \"rg-vm-irp-\", or remove the clause");
        ok = false;
    }
    if (p->snapshot_rg_suffix && !*p->snapshot_rg_suffix) {
        BkpDiag *g = err(d, p, "A10", p->at.rg_suffix, "the snapshot resource-group suffix is empty");
        bkp_diag_hint(d, g, "give a suffix, or leave out `suffix \"\"`");
        ok = false;
    }
    return ok;
}

RULE(B1)
{
    if (p->freq != BKP_FREQ_HOURLY || p->enhanced)
        return true;
    BkpDiag *g = err(d, p, "B1", p->at.schedule, "an hourly schedule needs an enhanced policy");
    if (p->at.type.end)
        bkp_diag_secondary(d, g, p->at.type, "this policy is standard");
    bkp_diag_hint(d, g, "use `enhanced`, or a `daily at HH:MM` schedule");
    return false;
}

RULE(B3)
{
    if (p->time < 0 || p->time % 30 == 0)
        return true;
    int lo = p->time / 30 * 30, hi = (lo + 30) % 1440;
    BkpDiag *g = err(d, p, "B3", p->at.time, "backups start on the hour or the half hour, not at %02d:%02d",
                     p->time / 60, p->time % 60);
    bkp_diag_hint(d, g, "use `%02d:%02d` or `%02d:%02d`", lo / 60, lo % 60, hi / 60, hi % 60);
    return false;
}

RULE(B6)
{
    int i = p->interval_hours;
    if (p->freq != BKP_FREQ_HOURLY || i < 0 || i == 4 || i == 6 || i == 8 || i == 12)
        return true;
    BkpDiag *g = err(d, p, "B6", p->at.interval, "an hourly schedule runs every 4, 6, 8 or 12 hours, not every %dh", i);
    if (i == 24)
        bkp_diag_hint(d, g, "for one backup a day, write `daily at HH:MM`");
    else if (i < 4)
        bkp_diag_hint(d, g, "the shortest interval is `every 4h`");
    else
        bkp_diag_hint(d, g, "choose `every 4h`, `6h`, `8h` or `12h`");
    return false;
}

RULE(B7)
{
    int i = p->interval_hours, w = p->window_hours;
    if (p->freq != BKP_FREQ_HOURLY || i < 0 || w < 0 || !(i == 4 || i == 6 || i == 8 || i == 12))
        return true;
    if (w >= i && w <= 24 && w % i == 0)
        return true;
    char b1[16];
    BkpDiag *g;
    if (w > 24) {
        g = err(d, p, "B7", p->at.window, "the backup window is at most 24 hours, not %dh", w);
        bkp_diag_hint(d, g, "`for 24h` gives %s backups a day", count_word(24 / i, b1, sizeof b1));
    } else if (w < i) {
        g = err(d, p, "B7", p->at.window, "the %dh window is shorter than the %dh interval", w, i);
        bkp_diag_hint(d, g, "`for %dh` gives one backup a day", i);
    } else {
        int n = (w + i - 1) / i;     /* backups at start, start+i, ... inside the window */
        g = err(d, p, "B7", p->at.window, "the %dh window is not a multiple of the %dh interval", w, i);
        bkp_diag_hint(d, g, "`for %dh` gives the same %s backups a day", n * i, count_word(n, b1, sizeof b1));
    }
    bkp_diag_secondary(d, g, p->at.interval, NULL);
    return false;
}

RULE(B10)
{
    if (p->freq != BKP_FREQ_HOURLY || p->time < 0 || p->time <= 19 * 60 + 30)
        return true;
    BkpDiag *g = bkp_warning(d, p->src, "B10", or_span(p->at.start, p->name_span),
                             "Azure documents hourly windows starting between 00:00 and 19:30");
    bkp_diag_hint(d, g, "the portal and the documentation may reject %02d:%02d; an earlier start is safe",
                  p->time / 60, p->time % 60);
    return false;
}

static bool snapshot_range(BkpDiags *d, const BkpPolicy *p, const char *id, int lo, int hi,
                           const char *what)
{
    int n = p->snapshot_days;
    if (n < 0 || (n >= lo && n <= hi))
        return true;
    BkpDiag *g = lo == hi ? err(d, p, id, p->at.snapshots, "%s keeps snapshots exactly %d days, not %d", what, lo, n)
                          : err(d, p, id, p->at.snapshots, "%s keeps snapshots %d to %d days, not %d", what, lo, hi, n);
    if (lo == hi)
        bkp_diag_hint(d, g, "remove `keep snapshots` (%d is the default)", lo);
    else if (!p->enhanced && n <= 30)
        bkp_diag_hint(d, g, "an `enhanced` policy keeps snapshots up to 30 days");
    else
        bkp_diag_hint(d, g, "write `keep snapshots %dd`", n < lo ? lo : hi);
    return false;
}

RULE(C1) { return p->enhanced || p->freq != BKP_FREQ_DAILY || snapshot_range(d, p, "C1", 1, 5, "a standard daily policy"); }
RULE(C2) { return p->enhanced || p->freq != BKP_FREQ_WEEKLY || snapshot_range(d, p, "C2", 5, 5, "a standard weekly policy"); }
RULE(C3) { return !p->enhanced || p->freq == BKP_FREQ_WEEKLY || snapshot_range(d, p, "C3", 1, 30, "an enhanced policy"); }
RULE(C4) { return !p->enhanced || p->freq != BKP_FREQ_WEEKLY || snapshot_range(d, p, "C4", 5, 30, "an enhanced weekly policy"); }

RULE(C5)
{
    /* Documented maxima for a 24h window; none documented for 8h (X11). */
    int max = p->interval_hours == 4 ? 17 : p->interval_hours == 6 ? 22 : p->interval_hours == 12 ? 30 : 0;
    if (p->freq != BKP_FREQ_HOURLY || p->window_hours != 24 || !max || p->snapshot_days <= max)
        return true;
    BkpDiag *g = bkp_warning(d, p->src, "C5", or_span(p->at.snapshots, p->name_span),
                             "Azure documents at most %d days of snapshots for backups every %dh",
                             max, p->interval_hours);
    bkp_diag_hint(d, g, "the service may reject %d days; `keep snapshots %dd` is within the documented limit",
                  p->snapshot_days, max);
    return false;
}

RULE(C6)
{
    if (!p->enhanced || p->snapshot_days < 0)
        return true;
    if (p->freq == BKP_FREQ_WEEKLY) {
        /* only against a valid retention: D6 speaks about an invalid one (D5 below) */
        if (!p->weekly.on || p->weekly.weeks < WEEKLY_MIN || p->weekly.weeks > WEEKLY_MAX ||
            p->snapshot_days <= 7 * p->weekly.weeks)
            return true;
        BkpDiag *g = err(d, p, "C6", p->at.snapshots,
                         "snapshots kept %d days outlive the vault points they restore (%d week%s = %d days)",
                         p->snapshot_days, p->weekly.weeks, p->weekly.weeks == 1 ? "" : "s",
                         7 * p->weekly.weeks);
        bkp_diag_secondary(d, g, p->at.weekly, "vault retention");
        bkp_diag_hint(d, g, "keep snapshots at most %d days, or keep weekly points longer", 7 * p->weekly.weeks);
        return false;
    }
    if (!p->daily.on || p->daily.days < DAILY_MIN || p->daily.days > DAILY_MAX ||
        p->snapshot_days <= p->daily.days)
        return true;
    BkpDiag *g = err(d, p, "C6", p->at.snapshots,
                     "snapshots kept %d days outlive the daily points they restore (%d days)",
                     p->snapshot_days, p->daily.days);
    bkp_diag_secondary(d, g, p->at.daily, "vault retention");
    bkp_diag_hint(d, g, "keep snapshots at most %d days, or keep daily points longer", p->daily.days);
    return false;
}

RULE(D1)
{
    if (p->daily.on || p->weekly.on || p->monthly.on || p->yearly.on)
        return true;
    BkpDiag *g = err(d, p, "D1", p->name_span, "the policy keeps no recovery points");
    bkp_diag_hint(d, g, "add `keep daily 30d` or another `keep` clause");
    return false;
}

RULE(D2)
{
    if (p->freq != BKP_FREQ_DAILY || p->daily.on)
        return true;
    err(d, p, "D2", p->at.schedule, "a daily schedule needs daily retention");
    return false;
}

RULE(D3)
{
    if (p->freq != BKP_FREQ_HOURLY || p->daily.on)
        return true;
    err(d, p, "D3", p->at.schedule, "an hourly schedule needs daily retention");
    return false;
}

RULE(D4)
{
    if (p->freq != BKP_FREQ_WEEKLY)
        return true;
    bool ok = true;
    if (p->daily.on) {
        BkpDiag *g = err(d, p, "D4", p->at.daily, "a weekly schedule takes no daily retention");
        bkp_diag_secondary(d, g, p->at.schedule, "the schedule is weekly");
        bkp_diag_hint(d, g, "remove `keep daily`, or back up every day with `daily at HH:MM`");
        ok = false;
    }
    if (!p->weekly.on) {
        err(d, p, "D4", p->at.schedule, "a weekly schedule needs weekly retention");
        ok = false;
    }
    return ok;
}

static bool count_range(BkpDiags *d, const BkpPolicy *p, const char *id, bool on, int n, int lo, int hi,
                        BkpSpan span, const char *what, const char *unit)
{
    if (!on || n < 0 || (n >= lo && n <= hi))
        return true;
    BkpDiag *g = err(d, p, id, span, "%s are kept %d to %d %s, not %d", what, lo, hi, unit, n);
    bkp_diag_hint(d, g, "write `%d%c`", n < lo ? lo : hi, unit[0]);
    return false;
}

RULE(D5) { return count_range(d, p, "D5", p->daily.on, p->daily.days, DAILY_MIN, DAILY_MAX, p->at.daily, "daily points", "days"); }
RULE(D6) { return count_range(d, p, "D6", p->weekly.on, p->weekly.weeks, WEEKLY_MIN, WEEKLY_MAX, p->at.weekly, "weekly points", "weeks"); }
RULE(D7) { return count_range(d, p, "D7", p->monthly.on, p->monthly.count, MONTHLY_MIN, MONTHLY_MAX, p->at.monthly, "monthly points", "months"); }
RULE(D8) { return count_range(d, p, "D8", p->yearly.on, p->yearly.count, YEARLY_MIN, YEARLY_MAX, p->at.yearly, "yearly points", "years"); }

RULE(D10)
{
    if (!p->weekly.on || p->weekly.days || p->weekly.weeks < 0)
        return true;
    err(d, p, "D10", p->at.weekly, "weekly retention names no weekday");
    return false;
}

RULE(D11)
{
    if (p->freq != BKP_FREQ_WEEKLY || !p->weekly.on || p->weekly.days_default || !p->weekly.days ||
        !p->run_days || p->weekly.days == p->run_days)
        return true;
    BkpDiag *g = err(d, p, "D11", p->at.weekly_days,
                     "weekly retention must keep exactly the backup days (%s)", day_list(d, p->run_days));
    bkp_diag_secondary(d, g, p->at.run_days, "the schedule's days");
    bkp_diag_hint(d, g, "write `on %s`, or leave `on ...` out to mean the schedule's days",
                  day_list(d, p->run_days));
    return false;
}

static bool weekly_sched_format(BkpDiags *d, const BkpPolicy *p, const BkpLongTerm *lt, BkpSpan on, const char *what)
{
    if (p->freq != BKP_FREQ_WEEKLY || !lt->on || lt->count < 0 || lt->format != BKP_FORMAT_DAILY)
        return true;
    BkpDiag *g = err(d, p, "D12", on, "with a weekly schedule, %s points are chosen by week and weekday, not by day of the month", what);
    bkp_diag_secondary(d, g, p->at.schedule, "the schedule is weekly");
    bkp_diag_hint(d, g, "write `on first %s`", bkp_weekday_short(__builtin_ctz(p->run_days ? p->run_days : 1)));
    return false;
}

RULE(D12)
{
    bool a = weekly_sched_format(d, p, &p->monthly, p->at.monthly_on, "monthly");
    bool b = weekly_sched_format(d, p, &p->yearly, p->at.yearly_on, "yearly");
    return a && b;
}

static bool subset_of_sched(BkpDiags *d, const BkpPolicy *p, const BkpLongTerm *lt, BkpSpan on, const char *what)
{
    if (p->freq != BKP_FREQ_WEEKLY || !lt->on || lt->count < 0 || lt->format != BKP_FORMAT_WEEKLY ||
        !p->run_days || (lt->days & ~p->run_days) == 0)
        return true;
    BkpDiag *g = err(d, p, "D13", on, "%s points fall on %s, but backups run only on %s", what,
                     day_list(d, lt->days & ~p->run_days), day_list(d, p->run_days));
    bkp_diag_secondary(d, g, p->at.run_days, "the schedule's days");
    bkp_diag_hint(d, g, "choose days the schedule backs up on");
    return false;
}

RULE(D13)
{
    bool a = subset_of_sched(d, p, &p->monthly, p->at.monthly_on, "monthly");
    bool b = subset_of_sched(d, p, &p->yearly, p->at.yearly_on, "yearly");
    return a && b;
}

static bool weekly_format_sets(BkpDiags *d, const BkpPolicy *p, const BkpLongTerm *lt, BkpSpan span, const char *what)
{
    if (!lt->on || lt->count < 0 || lt->format != BKP_FORMAT_WEEKLY || (lt->weeks && lt->days))
        return true;
    err(d, p, "D14", span, "%s retention needs weeks of the month and weekdays", what);
    return false;
}

RULE(D14)
{
    bool a = weekly_format_sets(d, p, &p->monthly, p->at.monthly, "monthly");
    bool b = weekly_format_sets(d, p, &p->yearly, p->at.yearly, "yearly");
    return a && b;
}

static bool daily_format_set(BkpDiags *d, const BkpPolicy *p, const BkpLongTerm *lt, BkpSpan span, const char *what)
{
    if (!lt->on || lt->count < 0 || lt->format != BKP_FORMAT_DAILY || lt->dates || lt->last_day)
        return true;
    err(d, p, "D15", span, "%s retention names no day of the month", what);
    return false;
}

RULE(D15)
{
    bool a = daily_format_set(d, p, &p->monthly, p->at.monthly, "monthly");
    bool b = daily_format_set(d, p, &p->yearly, p->at.yearly, "yearly");
    return a && b;
}

RULE(D17)
{
    if (!p->yearly.on || p->yearly.count < 0 || p->yearly.months)
        return true;
    err(d, p, "D17", p->at.yearly, "yearly retention names no month");
    return false;
}

/* Months of monthly/yearly retention, for E3/E5. */
static int longest_months(const BkpPolicy *p)
{
    int m = p->monthly.on && p->monthly.count > 0 ? p->monthly.count : 0;
    int y = p->yearly.on && p->yearly.count > 0 ? p->yearly.count * 12 : 0;
    return m > y ? m : y;
}

static bool long_term_broken(const BkpPolicy *p)
{
    return (p->monthly.on && p->monthly.count < 0) || (p->yearly.on && p->yearly.count < 0);
}

RULE(E2)
{
    if (p->archive == BKP_ARCHIVE_UNSET || p->archive == BKP_ARCHIVE_NEVER ||
        p->monthly.on || p->yearly.on)
        return true;
    BkpDiag *g = err(d, p, "E2", p->at.archive, "archive tiering moves monthly and yearly points, and this policy keeps none");
    bkp_diag_hint(d, g, "add `keep monthly 12m on first sun`, or write `archive never`");
    return false;
}

RULE(E3)
{
    if (p->archive != BKP_ARCHIVE_RECOMMENDED || !(p->monthly.on || p->yearly.on) || long_term_broken(p) ||
        longest_months(p) >= 9)
        return true;
    BkpDiag *g = err(d, p, "E3", p->at.archive,
                     "`archive recommended` needs monthly or yearly points kept at least 9 months");
    bkp_diag_secondary(d, g, p->monthly.on ? p->at.monthly : p->at.yearly, "kept %d months", longest_months(p));
    bkp_diag_hint(d, g, "keep monthly points for `9m` or more");
    return false;
}

RULE(E5)
{
    if (p->archive != BKP_ARCHIVE_AFTER || p->archive_months < 0)
        return true;
    int a = p->archive_months;
    if (a < 3) {
        BkpDiag *g = err(d, p, "E5", p->at.archive_after, "points move to the archive tier at 3 months at the earliest, not %d", a);
        bkp_diag_hint(d, g, "write `archive after 3m`");
        return false;
    }
    if (!(p->monthly.on || p->yearly.on) || long_term_broken(p) || longest_months(p) >= a + 6)
        return true;
    BkpDiag *g = err(d, p, "E5", p->at.archive_after,
                     "a point archived after %d months must then be kept 6 more: monthly or yearly retention of at least %d months",
                     a, a + 6);
    bkp_diag_secondary(d, g, p->monthly.on ? p->at.monthly : p->at.yearly, "kept %d months", longest_months(p));
    if (longest_months(p) - 6 >= 3)
        bkp_diag_hint(d, g, "keep monthly points for `%dm`, or archive after `%dm`", a + 6,
                      longest_months(p) - 6);
    else
        bkp_diag_hint(d, g, "keep monthly points for `%dm` or more", a + 6);
    return false;
}

static const BkpRule rules[] = {
    {"A6", "policy name: 3-150 characters, a letter then letters, digits, - _ !", rule_A6},
    {"A9", "crash-consistent snapshots only on enhanced policies", rule_A9},
    {"A10", "snapshot resource-group prefix and suffix are non-empty", rule_A10},
    {"B1", "hourly schedules only on enhanced policies", rule_B1},
    {"B3", "backup times on the hour or half hour", rule_B3},
    {"B6", "hourly interval is 4, 6, 8 or 12 hours", rule_B6},
    {"B7", "hourly window: a multiple of the interval, at least the interval, at most 24h", rule_B7},
    {"B10", "hourly window starts 00:00-19:30 (warning: documented, not enforced)", rule_B10},
    {"C1", "standard daily: snapshots 1-5 days", rule_C1},
    {"C2", "standard weekly: snapshots exactly 5 days", rule_C2},
    {"C3", "enhanced daily/hourly: snapshots 1-30 days", rule_C3},
    {"C4", "enhanced weekly: snapshots 5-30 days", rule_C4},
    {"C5", "hourly snapshots within the documented per-interval maximum (warning)", rule_C5},
    {"C6", "snapshots do not outlive vault retention (enhanced)", rule_C6},
    {"D1", "at least one retention tier", rule_D1},
    {"D2", "daily schedule keeps daily points", rule_D2},
    {"D3", "hourly schedule keeps daily points", rule_D3},
    {"D4", "weekly schedule: no daily retention, weekly retention required", rule_D4},
    {"D5", "daily retention 7-9999 days", rule_D5},
    {"D6", "weekly retention 1-5163 weeks", rule_D6},
    {"D7", "monthly retention 1-1188 months", rule_D7},
    {"D8", "yearly retention 1-99 years", rule_D8},
    {"D10", "weekly retention names weekdays", rule_D10},
    {"D11", "weekly schedule: weekly retention days = backup days", rule_D11},
    {"D12", "weekly schedule: monthly/yearly by week and weekday", rule_D12},
    {"D13", "weekly schedule: monthly/yearly weekdays are backup days", rule_D13},
    {"D14", "monthly/yearly by week: weeks and weekdays given", rule_D14},
    {"D15", "monthly/yearly by day: days 1-28 or last", rule_D15},
    {"D17", "yearly retention names months", rule_D17},
    {"E2", "archive tiering needs monthly or yearly retention", rule_E2},
    {"E3", "archive recommended: monthly or yearly retention >= 9 months", rule_E3},
    {"E5", "archive after N months: N >= 3, retention >= N + 6 months", rule_E5},
};

const BkpRule *bkp_rules(int *n)
{
    *n = (int)(sizeof rules / sizeof rules[0]);
    return rules;
}

const BkpRule *bkp_rule_find(const char *id)
{
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (strcmp(rules[i].id, id) == 0)
            return &rules[i];
    return NULL;
}

bool bkp_policy_name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 3 || n > 150)
        return false;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return false;
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '!'))
            return false;
    }
    return true;
}

/* ======================================================================
 * One policy, then the file
 * ====================================================================== */

/* Names of a file (policies; VM + resource group of `protect`s): an
 * open-addressing hash table in the arena, since a file may hold 20,000
 * policies. Keys are not copied. */
typedef struct NameIndex {
    const char **key;
    const void **val;
    size_t cap;                     /* a power of two, at least twice the entries */
} NameIndex;

static void name_index_init(NameIndex *ix, BkpArena *A, size_t n)
{
    ix->cap = 16;
    while (ix->cap < 2 * n)
        ix->cap *= 2;
    ix->key = BKP_NEWN(A, const char *, ix->cap);
    ix->val = BKP_NEWN(A, const void *, ix->cap);
}

/* The slot of `key`'s value; NULL when `key` is not there, unless `add`:
 * then it is added, with a NULL value for the caller to set. */
static const void **name_index(NameIndex *ix, const char *key, bool add)
{
    size_t h = 1469598103934665603u;
    for (const char *c = key; *c; c++)
        h = (h ^ (unsigned char)*c) * 1099511628211u;
    size_t i = h & (ix->cap - 1);
    for (; ix->key[i]; i = (i + 1) & (ix->cap - 1))
        if (strcmp(ix->key[i], key) == 0)
            return &ix->val[i];
    if (!add)
        return NULL;
    ix->key[i] = key;
    return &ix->val[i];
}

/* What the policy index holds for a name: its first definition, and the
 * checker's result for it (NULL: defined, but with errors). */
typedef struct PolicyName {
    const AstPolicy *ast;
    const BkpPolicy *checked;
} PolicyName;

/* `no_schedule_said`: a missing schedule is explained by another error
 * (a syntax error in the block, bare clauses mixed with blocks). */
static BkpPolicy *check_policy(Checker *C, const AstPolicy *ap, bool no_schedule_said)
{
    BkpPolicy *p = BKP_NEW(C->A, BkpPolicy);
    p->name = ap->name;
    p->name_span = ap->name_span;
    p->name_implicit = ap->implicit;
    p->span = ap->span;
    p->src = C->src;
    p->archive = BKP_ARCHIVE_UNSET;

    const AstClause *seen[NSLOT];
    bool have[NSLOT];
    memset(seen, 0, sizeof seen);
    memset(have, 0, sizeof have);
    /* Duplicates first, so that each clause is resolved once. */
    for (const AstClause *c = ap->clauses; c; c = c->next) {
        enum Slot s = slot_of(c->kind);
        if (seen[s]) {
            BkpDiag *g = bkp_error(C->D, C->src, "duplicate", c->kw_span,
                                   "%s given twice in policy `%s`", bkp_clause_name(c->kind), ap->name);
            bkp_diag_secondary(C->D, g, seen[s]->kw_span, "first given here");
            bkp_diag_hint(C->D, g, "a policy has one %s; remove one of them", bkp_clause_name(c->kind));
            continue;
        }
        seen[s] = c;
        have[s] = true;
    }
    /* The type first: defaults and messages depend on it. */
    if (seen[S_TYPE]) {
        p->enhanced = seen[S_TYPE]->u.type.enhanced;
        p->at.type = seen[S_TYPE]->span;
    }
    p->time = -1;
    if (seen[S_SCHED])
        schedule(C, seen[S_SCHED], p);
    for (int s = 0; s < NSLOT; s++) {
        const AstClause *c = seen[s];
        if (!c)
            continue;
        switch (s) {
        case S_TZ: timezone(C, c, p); break;
        case S_SNAP:
        case S_DAILY:
        case S_WEEKLY:
        case S_MONTHLY:
        case S_YEARLY: keep(C, c, p); break;
        case S_ARCHIVE: archive(C, c, p); break;
        case S_RG:
            p->at.snapshot_rg = c->span;
            p->at.rg_prefix = c->u.rg.prefix_span;
            p->at.rg_suffix = c->u.rg.suffix_span;
            p->snapshot_rg_prefix = c->u.rg.prefix;
            p->snapshot_rg_suffix = c->u.rg.suffix;
            break;
        case S_CONS: consistency(C, c, p); break;
        default: break;
        }
    }
    if (!seen[S_SCHED]) {
        if (!no_schedule_said) {
            BkpDiag *g = bkp_error(C->D, C->src, "schedule", ap->implicit ? ap->span : ap->name_span,
                                   "policy `%s` has no schedule", ap->name);
            bkp_diag_hint(C->D, g, "add one: `daily at 22:30`, `weekly on sun at 02:00`, "
                                   "or `every 4h from 08:00 for 24h`");
        }
        return NULL;
    }
    defaults(p, have);
    int n;
    const BkpRule *r = bkp_rules(&n);
    for (int i = 0; i < n; i++)
        r[i].check(C->D, p);
    return p;
}

static void check_vault(Checker *C, const AstFile *f, BkpProgram *prog)
{
    for (const AstVault *v = f->vaults; v; v = v->next) {
        if (prog->vault) {
            BkpDiag *g = bkp_error(C->D, C->src, "duplicate", v->span, "a file names one vault");
            bkp_diag_secondary(C->D, g, f->vaults->span, "first vault");
            bkp_diag_hint(C->D, g, "keep the policies of each vault in a file of their own");
            continue;
        }
        BkpVault *bv = BKP_NEW(C->A, BkpVault);
        bv->name = v->name;
        bv->resource_group = v->rg;
        bv->subscription = v->subscription;
        bv->span = v->span;
        prog->vault = bv;
    }
}

static void check_protects(Checker *C, const AstFile *f, BkpProgram *prog, NameIndex *policies)
{
    BkpProtect *last = NULL;
    size_t n = 0;
    for (const AstProtect *a = f->protects; a; a = a->next)
        n++;
    NameIndex vm_index;
    NameIndex *vms = &vm_index;
    name_index_init(vms, C->A, n);
    for (const AstProtect *a = f->protects; a; a = a->next) {
        const void **slot = name_index(policies, a->policy, false);
        const PolicyName *named = slot ? *slot : NULL;
        const BkpPolicy *pol = named ? named->checked : NULL;
        bool ok = true;
        if (!pol) {
            /* Defined but with errors: already reported, no second message. */
            if (!named) {
                const char *names[256];
                size_t nn = 0;
                for (const AstPolicy *ap = f->policies; ap && nn < 256; ap = ap->next)
                    names[nn++] = ap->name;
                BkpDiag *g = bkp_error(C->D, C->src, "name", a->policy_span,
                                       "no policy named `%s` in this file", a->policy);
                const char *best = bkp_closest(a->policy, names, nn);
                if (best)
                    bkp_diag_hint(C->D, g, "did you mean `%s`?", best);
                else if (nn)
                    bkp_diag_hint(C->D, g, "`protect` names a policy defined in the same file");
                else
                    bkp_diag_hint(C->D, g, "define it in this file: `policy %s { ... }`", a->policy);
            }
            ok = false;
        }
        /* VM names cannot hold a newline: "vm\nrg" identifies a VM. */
        const void **vm_slot = name_index(vms, bkp_arena_printf(C->A, "%s\n%s", a->vm, a->rg), true);
        const AstProtect *b = *vm_slot;
        if (b) {
            BkpDiag *g = bkp_error(C->D, C->src, "duplicate", a->vm_span,
                                   "VM `%s` in resource group `%s` is protected twice", a->vm, a->rg);
            bkp_diag_secondary(C->D, g, b->vm_span, "first here");
            bkp_diag_hint(C->D, g, "a VM is backed up by one policy");
            ok = false;
        } else {
            *vm_slot = a;
        }
        BkpProtect *bp = BKP_NEW(C->A, BkpProtect);
        BkpSpan seen[64];
        memset(seen, 0, sizeof seen);
        for (int i = 0; i < a->luns.n; i++) {
            const AstItem *it = &a->luns.v[i];
            if (ast_item_reported(it)) {
                ok = false;
                continue;
            }
            if (it->num > 63) {
                BkpDiag *g = bkp_error(C->D, C->src, "value", it->span,
                                       "disk LUN %s is out of range", it->text);
                bkp_diag_hint(C->D, g, "data-disk LUNs are 0 to 63");
                ok = false;
                continue;
            }
            if (seen[it->num].end) {
                BkpDiag *g = bkp_error(C->D, C->src, "duplicate", it->span, "disk LUN %s is listed twice", it->text);
                bkp_diag_secondary(C->D, g, seen[it->num], "first here");
                ok = false;
                continue;
            }
            seen[it->num] = it->span;
            bp->luns[bp->nluns++] = (int)it->num;
        }
        if (!ok)
            continue;
        bp->vm = a->vm;
        bp->resource_group = a->rg;
        bp->policy = pol;
        bp->disks = a->disks == AST_DISKS_INCLUDE ? BKP_DISKS_INCLUDE
                    : a->disks == AST_DISKS_EXCLUDE ? BKP_DISKS_EXCLUDE : BKP_DISKS_ALL;
        bp->span = a->span;
        if (last)
            last->next = bp;
        else
            prog->protects = bp;
        last = bp;
        prog->nprotects++;
    }
}

BkpProgram *bkp_check(BkpCtx *ctx, const AstFile *f)
{
    Checker C = {ctx, &ctx->diags, &ctx->arena, f->src};
    unsigned errors_before = ctx->diags.errors;
    BkpProgram *prog = BKP_NEW(C.A, BkpProgram);
    prog->src = f->src;

    /* Bare clauses beside policy blocks: reported here, so the bare
     * clauses' policy gets no "no schedule" on top. */
    bool bare_mixed = f->bare && (f->bare != f->policies || f->bare->next);
    if (f->bare && f->bare != f->policies) {
        /* Bare clauses and policy blocks in one file. */
        BkpDiag *g = bkp_error(C.D, C.src, "syntax", f->bare->clauses->span,
                               "a clause outside any policy block, in a file with policy blocks");
        bkp_diag_secondary(C.D, g, f->policies->span, "a policy block");
        bkp_diag_hint(C.D, g, "move it into a `policy NAME { ... }` block");
    } else if (f->bare && f->bare->next) {
        BkpDiag *g = bkp_error(C.D, C.src, "syntax", f->bare->next->span,
                               "a policy block in a file of bare clauses");
        bkp_diag_secondary(C.D, g, f->bare->clauses->span, "a clause outside any block");
        bkp_diag_hint(C.D, g, "wrap the bare clauses in a `policy NAME { ... }` block too");
    }

    size_t n = 0;
    for (const AstPolicy *ap = f->policies; ap; ap = ap->next)
        n++;
    NameIndex ix;
    name_index_init(&ix, C.A, n);
    BkpPolicy *last = NULL;
    for (const AstPolicy *ap = f->policies; ap; ap = ap->next) {
        const void **slot = name_index(&ix, ap->name, true);
        const PolicyName *first = *slot;
        if (first) {
            BkpDiag *g = bkp_error(C.D, C.src, "duplicate", ap->name_span,
                                   "policy `%s` is defined twice", ap->name);
            bkp_diag_secondary(C.D, g, first->ast->name_span, "first defined here");
        }
        BkpPolicy *p = check_policy(&C, ap, ap->had_error || (ap == f->bare && bare_mixed));
        if (!first) {
            PolicyName *named = BKP_NEW(C.A, PolicyName);
            named->ast = ap;
            named->checked = p;
            *slot = named;
        }
        if (!p)
            continue;
        if (last)
            last->next = p;
        else
            prog->policies = p;
        last = p;
        prog->npolicies++;
    }
    check_vault(&C, f, prog);
    check_protects(&C, f, prog, &ix);
    return f->syntax_errors || ctx->diags.errors > errors_before ? NULL : prog;
}
