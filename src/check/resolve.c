/* resolve.c — one policy's clauses -> the values of a BkpPolicy (step 1 of
 * the checker), its origin (where each value was written) and the
 * documented defaults, then the rule table (rules.c) on the result.
 *
 * Unit errors, unknown words, duplicate clauses and list entries are
 * reported here; a value that does not resolve is left negative (or an
 * empty set), so the rules stay quiet about it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "bkpc/lexicon.h"
#include "bkpc/misspell.h"
#include "bkpc/tz.h"
#include "check_int.h"

enum { MAX_COUNT = 1000000000 };   /* larger counts are clamped (and out of range anyway) */


/* The errors of check_unit and check_duration, apart from them (cold): the
 * tests every duration passes stay short. */
static __attribute__((cold, noinline)) void unknown_unit(Checker *C, const AstDuration *d)
{
    BkpDiag *g = bkp_error(C->D, C->src, "unit", ast_duration_unit(d), "unknown unit `%s`", d->unit);
    const char *best = bkp_word_suggest(BKP_WORD_UNIT, d->unit);
    if (strncmp(d->unit, "min", 3) == 0 || strcmp(d->unit, "M") == 0)
        bkp_diag_hint(C->D, g, "there are no minutes: schedules count whole hours, and `m` is months");
    else if (best) {
        bkp_diag_hint(C->D, g, "did you mean `%" PRId64 "%s%s`?", d->num,
                      ast_duration_unit(d).off > ast_duration_num(d).end ? " " : "", best);
        check_fix(C->D, g, ast_duration_unit(d), "%s", best);
    } else
        bkp_diag_hint(C->D, g, "units are h, d, w, m, y (hours, days, weeks, months, years)");
}

static __attribute__((cold, noinline)) void too_long(Checker *C, const AstDuration *d, const char *clause)
{
    BkpDiag *g = bkp_error(C->D, C->src, "value", d->span, "`%s` is far too long for `%s`",
                           bkp_arena_strndup(C->A, C->src->text + d->span.off, d->span.end - d->span.off),
                           clause);
    bkp_diag_hint(C->D, g, "Azure keeps recovery points at most 99 years");
}

static __attribute__((cold, noinline)) void not_whole(Checker *C, const AstDuration *d, BkpUnit u, BkpUnit want,
                                                      const char *clause, BkpSpan kw)
{
    const char *text = bkp_arena_strndup(C->A, C->src->text + d->span.off, d->span.end - d->span.off);
    BkpDiag *g = bkp_error(C->D, C->src, "unit", d->span,
                           "`%s` counts %s, and %s is not a whole number of %s", clause,
                           bkp_unit_name(want, true), text, bkp_unit_name(want, true));
    bkp_diag_label(C->D, g, "%s", bkp_unit_name(u, true));
    bkp_diag_secondary(C->D, g, kw, "counts %s", bkp_unit_name(want, true));
    int64_t near = bkp_unit_nearest(d->num, u, want);
    bkp_diag_hint(C->D, g, "write `%" PRId64 "%c` (the nearest whole number of %s)", near,
                  bkp_unit_letter(want), bkp_unit_name(want, true));
    check_fix(C->D, g, d->span, "%" PRId64 "%c", near, bkp_unit_letter(want));
    if (want == BKP_DAYS && u >= BKP_MONTHS)
        bkp_diag_hint(C->D, g, "to keep points for months or years, add `keep monthly` or `keep yearly`");
}

bool check_unit(Checker *C, const AstDuration *d, BkpUnit *out)
{
    if (ast_duration_reported(d))
        return false;
    BkpUnit u = (BkpUnit)check_word(C, BKP_WORD_UNIT, d->unit);
    *out = u;
    if (u == BKP_UNIT_NONE) {
        unknown_unit(C, d);
        return false;
    }
    return true;
}

/* A duration in the unit a clause counts in. false (and a diagnostic) when
 * the unit is unknown or the conversion is not exact. */
bool check_duration(Checker *C, const AstDuration *d, BkpUnit want, const char *clause, BkpSpan kw, int *out)
{
    BkpUnit u;
    if (!check_unit(C, d, &u))
        return false;
    /* Far too long first: 99999999999999999w is that, not "not a whole
     * number of days" (nor would it fit one). */
    int64_t v;
    bool exact = bkp_unit_convert(d->num, u, want, &v);
    if ((exact ? v : bkp_unit_nearest(d->num, u, want)) > MAX_COUNT) {
        too_long(C, d, clause);
        return false;
    }
    if (!exact) {
        not_whole(C, d, u, want, clause, kw);
        return false;
    }
    *out = (int)v;
    return true;
}

static bool time_of_day(Checker *C, const AstTime *t, int *minute)
{
    /* the time as written, for the messages */
    int len = (int)(t->span.end - t->span.off);
    const char *text = C->src->text + t->span.off;
    if (t->hh < 0 || t->mm < 0) {
        BkpDiag *g = bkp_error(C->D, C->src, "value", t->span, "malformed time `%.*s`", len, text);
        bkp_diag_hint(C->D, g, "write times as HH:MM, 24-hour: `08:00`, `22:30`");
        return false;
    }
    if (t->hh > 23 || t->mm > 59) {
        BkpDiag *g = bkp_error(C->D, C->src, "value", t->span, "`%.*s` is not a time of day", len, text);
        bkp_diag_hint(C->D, g, "times are 24-hour, from 00:00 to 23:59");
        return false;
    }
    *minute = t->hh * 60 + t->mm;
    return true;
}

#define WEEK_WHAT "a week of the month (first, second, third, fourth or last)"

/* A comma list of words of one kind (weekdays, weeks, months) -> bit set.
 * Unknown words and repeated entries are errors; `dup_rule` names the rule a
 * repeat breaks (B4, D10, D14, D17). Returns 0 when anything failed. */
static unsigned word_set(Checker *C, const AstList *l, BkpWordKind kind_of, const char *kind,
                         const char *what, const char *dup_rule)
{
    unsigned set = 0;
    bool ok = true;
    BkpSpan first[16];
    for (int i = 0; i < l->n; i++) {
        const AstItem *it = &l->v[i];
        int v = it->is_num ? -1 : check_word_copy(C, kind_of, it->text);
        if (v < 0) {
            BkpDiag *g = bkp_error(C->D, C->src, "value", it->span, "`%s` is not %s", it->text, what);
            const char *best = it->is_num || bkp_diag_muted(C->D, g) ? NULL : bkp_word_suggest(kind_of, it->text);
            if (best) {
                bkp_diag_hint(C->D, g, "did you mean `%s`?", best);
                check_fix(C->D, g, it->span, "%s", best);
            }
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
    return (BkpDaySet)word_set(C, l, BKP_WORD_WEEKDAY, "weekday", "a weekday", dup_rule);
}

static bool has_last(Checker *C, const AstList *l)
{
    for (int i = 0; i < l->n; i++)
        if (!l->v[i].is_num && check_word_copy(C, BKP_WORD_DAY, l->v[i].text) == BKP_DAY_LAST)
            return true;
    return false;
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
                if (it->num >= 29 && it->num <= 31) {
                    bkp_diag_hint(C->D, g, "for the end of every month, write `last`");
                    if (!has_last(C, l))
                        check_fix(C->D, g, it->span, "last");
                }
                ok = false;
                continue;
            }
            slot = (int)it->num;
        } else if (check_word_copy(C, BKP_WORD_DAY, it->text) == BKP_DAY_LAST) {
            slot = BKP_DAY_LAST;
        } else {
            BkpDiag *g = bkp_error(C->D, C->src, "value", it->span,
                                   "`%s` is not a day of the month", it->text);
            if (bkp_word_suggest(BKP_WORD_DAY, it->text)) {
                bkp_diag_hint(C->D, g, "did you mean `last`?");
                check_fix(C->D, g, it->span, "last");
            } else
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
        if (slot == BKP_DAY_LAST)
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
            all_days &= check_word_copy(C, BKP_WORD_WEEKDAY, a->v[i].text) >= 0;
            all_weeks &= check_word_copy(C, BKP_WORD_WEEK, a->v[i].text) >= 0;
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
            lt->weeks = (BkpWeekSet)word_set(C, a, BKP_WORD_WEEK, "week",
                                             WEEK_WHAT, "D14");
            if (lt->weeks) {
                BkpDiag *g = bkp_error(C->D, C->src, "D14", a->span, "which weekday?");
                bkp_diag_hint(C->D, g, "add the days after the weeks: `on %s sun`", a->v[0].text);
            }
        }
        return false;
    }
    /* Two lists: weeks, then days. Swapped lists get a hint of their own. */
    if (a->n && check_word_copy(C, BKP_WORD_WEEKDAY, a->v[0].text) >= 0 && b->n &&
        check_word_copy(C, BKP_WORD_WEEK, b->v[0].text) >= 0) {
        BkpDiag *g = bkp_error(C->D, C->src, "syntax", bkp_span_join(a->span, b->span),
                               "weeks of the month come before the weekdays");
        bkp_diag_hint(C->D, g, "write `on %s %s`", b->v[0].text, a->v[0].text);
        /* the two lists swapped, each as written */
        const char *text = C->src->text;
        check_fix(C->D, g, bkp_span_join(a->span, b->span), "%.*s %.*s",
                  (int)(b->span.end - b->span.off), text + b->span.off,
                  (int)(a->span.end - a->span.off), text + a->span.off);
        return false;
    }
    lt->weeks = (BkpWeekSet)word_set(C, a, BKP_WORD_WEEK, "week", WEEK_WHAT,
                                     "D14");
    lt->days = weekdays(C, b, "D14");
    return lt->weeks && lt->days;
}

enum Slot check_slot(AstClauseKind k)
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
    default: return NSLOT;
    }
}

/* The fields a slot's clause gives (BKP_FIELD_NAME: none). */
static const BkpField slot_fields[NSLOT][2] = {
    [S_TYPE] = {BKP_FIELD_TYPE}, [S_TZ] = {BKP_FIELD_TIMEZONE}, [S_SCHED] = {BKP_FIELD_SCHEDULE},
    [S_SNAP] = {BKP_FIELD_SNAPSHOTS}, [S_DAILY] = {BKP_FIELD_DAILY},
    [S_WEEKLY] = {BKP_FIELD_WEEKLY, BKP_FIELD_WEEKLY_DAYS}, [S_MONTHLY] = {BKP_FIELD_MONTHLY, BKP_FIELD_MONTHLY_ON},
    [S_YEARLY] = {BKP_FIELD_YEARLY, BKP_FIELD_YEARLY_ON}, [S_ARCHIVE] = {BKP_FIELD_ARCHIVE},
    [S_RG] = {BKP_FIELD_SNAPSHOT_RG}, [S_CONS] = {BKP_FIELD_CONSISTENCY},
};

static void timezone(Checker *C, const AstClause *c, BkpPolicy *p, BkpPolicyOrigin *o)
{
    const char *id = c->u.tz.id.value;
    o->timezone_written = id;
    o->at.timezone = c->u.tz.id.span;
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
    BkpDiag *g = bkp_error(C->D, C->src, "A7", c->u.tz.id.span, "unknown time zone \"%s\"", id);
    const char *sug[2];
    int n = tz ? bkp_tz_suggest(tz, id, sug, 2) : 0;
    if (n == 1) {
        bkp_diag_hint(C->D, g, "did you mean \"%s\"?", sug[0]);
        check_fix_string(C->D, g, c->u.tz.id.span, sug[0]);
    } else if (n == 2)
        bkp_diag_hint(C->D, g, "did you mean \"%s\" or \"%s\"?", sug[0], sug[1]);
    if (n == 0 && strlen(id) <= 5 && !strchr(id, '/') && !strchr(id, ' '))
        bkp_diag_hint(C->D, g, "abbreviations such as \"%s\" are ambiguous; write the zone's full id", id);
    bkp_diag_hint(C->D, g, "Azure wants a Windows time-zone id such as \"W. Europe Standard Time\"; "
                           "IANA ids such as \"Europe/Berlin\" are mapped to one");
}

static void schedule(Checker *C, const AstClause *c, BkpPolicy *p, BkpPolicyOrigin *o)
{
    o->at.schedule = c->span;
    if (c->kind == AST_EVERY) {
        p->freq = BKP_FREQ_HOURLY;
        p->run_days = 0x7F;
        o->at.interval = c->u.every.interval.span;
        o->at.window = c->u.every.window.span;
        o->at.start = o->at.time = c->u.every.start.span;
        if (!check_duration(C, &c->u.every.interval, BKP_HOURS, "every", ast_clause_kw_span(c), &p->interval_hours))
            p->interval_hours = -1;
        if (!check_duration(C, &c->u.every.window, BKP_HOURS, "for", ast_clause_kw_span(c), &p->window_hours))
            p->window_hours = -1;
        if (!time_of_day(C, &c->u.every.start, &p->time))
            p->time = -1;
        return;
    }
    p->freq = c->kind == AST_DAILY ? BKP_FREQ_DAILY : BKP_FREQ_WEEKLY;
    const AstTime *t = &c->u.sched.times[0];
    o->at.time = t->span;
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
        o->at.run_days = c->u.sched.days.span;
        p->run_days = weekdays(C, &c->u.sched.days, "B4");
    }
}

static void keep(Checker *C, const AstClause *c, BkpPolicy *p, BkpPolicyOrigin *o)
{
    const AstDuration *d = &c->u.keep.dur;
    switch (c->kind) {
    case AST_KEEP_SNAPSHOTS:
        o->at.snapshots = c->span;
        o->at.snapshots_dur = d->span;
        if (!check_duration(C, d, BKP_DAYS, "keep snapshots", ast_clause_kw_span(c), &p->snapshot_days))
            p->snapshot_days = -1;
        break;
    case AST_KEEP_DAILY:
        o->at.daily = c->span;
        o->at.daily_dur = d->span;
        p->daily.on = true;
        if (!check_duration(C, d, BKP_DAYS, "keep daily", ast_clause_kw_span(c), &p->daily.days))
            p->daily.days = -1;
        break;
    case AST_KEEP_WEEKLY:
        o->at.weekly = c->span;
        o->at.weekly_dur = d->span;
        p->weekly.on = true;
        if (!check_duration(C, d, BKP_WEEKS, "keep weekly", ast_clause_kw_span(c), &p->weekly.weeks))
            p->weekly.weeks = -1;
        if (c->u.keep.sel) {
            o->at.weekly_days = c->u.keep.sel->first.span;
            p->weekly.days = weekdays(C, &c->u.keep.sel->first, "D10");
            if (!p->weekly.days)
                p->weekly.weeks = -1;       /* reported */
        } else {
            o->defaults |= 1u << BKP_FIELD_WEEKLY_DAYS;    /* filled in with the defaults */
        }
        break;
    case AST_KEEP_MONTHLY:
    case AST_KEEP_YEARLY: {
        bool yearly = c->kind == AST_KEEP_YEARLY;
        BkpLongTerm *lt = yearly ? &p->yearly : &p->monthly;
        lt->on = true;
        if (yearly) {
            o->at.yearly = c->span;
            o->at.yearly_dur = d->span;
            o->at.yearly_on = c->u.keep.sel->on_span;
        } else {
            o->at.monthly = c->span;
            o->at.monthly_dur = d->span;
            o->at.monthly_on = c->u.keep.sel->on_span;
        }
        if (!check_duration(C, d, yearly ? BKP_YEARS : BKP_MONTHS, yearly ? "keep yearly" : "keep monthly",
                      ast_clause_kw_span(c), &lt->count))
            lt->count = -1;
        if (yearly)
            lt->months = (BkpMonthSet)word_set(C, &c->u.keep.sel->months, BKP_WORD_MONTH, "month",
                                               "a month", "D17");
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

static void archive(Checker *C, const AstClause *c, BkpPolicy *p, BkpPolicyOrigin *o)
{
    o->at.archive = c->span;
    switch (c->u.archive.mode) {
    case AST_ARCHIVE_NEVER: p->archive = BKP_ARCHIVE_NEVER; break;
    case AST_ARCHIVE_RECOMMENDED: p->archive = BKP_ARCHIVE_RECOMMENDED; break;
    case AST_ARCHIVE_AFTER:
        p->archive = BKP_ARCHIVE_AFTER;
        o->at.archive_after = c->u.archive.after.span;
        /* E4: Azure VM tiering counts months. */
        if (!check_duration(C, &c->u.archive.after, BKP_MONTHS, "archive after", ast_clause_kw_span(c), &p->archive_months))
            p->archive_months = -1;
        break;
    }
}

static void consistency(Checker *C, const AstClause *c, BkpPolicy *p, BkpPolicyOrigin *o)
{
    o->at.consistency = c->span;
    if (c->u.consistency.crash) {
        p->crash_consistent = true;
    } else if (strcmp(c->u.consistency.word.text, "application") != 0) {
        BkpDiag *g = bkp_error(C->D, C->src, "value", c->u.consistency.word.span,
                               "unknown consistency `%s`", c->u.consistency.word.text);
        static const char *const words[] = {"crash", "application"};
        const char *best = bkp_closest(c->u.consistency.word.text, words, 2);
        if (best) {
            bkp_diag_hint(C->D, g, "did you mean `%s`?", best);
            check_fix(C->D, g, c->u.consistency.word.span, "%s", best);
        } else
            bkp_diag_hint(C->D, g, "write `consistency crash` (enhanced only) or `consistency application` (the default)");
    }
}

/* The documented defaults (LANGUAGE.md; RULES.md G), each marked as one. */
static void defaults(BkpPolicy *p, BkpPolicyOrigin *o, const ClauseFrom have[NSLOT])
{
    unsigned d = 0;
    if (!have[S_TYPE].c) {
        p->enhanced = true;
        d |= 1u << BKP_FIELD_TYPE;
    }
    if (!have[S_TZ].c) {
        p->timezone = o->timezone_written = "UTC";
        d |= 1u << BKP_FIELD_TIMEZONE;
    }
    if (!have[S_SNAP].c) {
        p->snapshot_days = bkp_default_snapshot_days(p->enhanced, p->freq);
        d |= 1u << BKP_FIELD_SNAPSHOTS;
    }
    if (!have[S_DAILY].c && p->freq != BKP_FREQ_WEEKLY) {
        p->daily.on = true;
        p->daily.days = 180;
        d |= 1u << BKP_FIELD_DAILY;
    }
    if (!have[S_WEEKLY].c && p->freq == BKP_FREQ_WEEKLY) {
        p->weekly.on = true;
        p->weekly.weeks = 12;
        d |= 1u << BKP_FIELD_WEEKLY | 1u << BKP_FIELD_WEEKLY_DAYS;
    }
    if (!have[S_ARCHIVE].c)
        d |= 1u << BKP_FIELD_ARCHIVE;
    if (!have[S_CONS].c)
        d |= 1u << BKP_FIELD_CONSISTENCY;
    if (!have[S_RG].c)
        d |= 1u << BKP_FIELD_SNAPSHOT_RG;
    o->defaults |= d;
    if (p->weekly.on && (o->defaults >> BKP_FIELD_WEEKLY_DAYS & 1)) {
        p->weekly.days = p->freq == BKP_FREQ_WEEKLY ? p->run_days : 1u << BKP_SUN;
        if (!p->weekly.days)
            p->weekly.weeks = -1;           /* the schedule's days failed: reported */
    }
}

void check_block_clauses(Checker *C, const AstPolicy *ap, const BkpTemplateRef *from, ClauseFrom slot[NSLOT],
                         BkpRequire **reqs)
{
    memset(slot, 0, sizeof(ClauseFrom) * NSLOT);
    BkpRequire *last = NULL;
    if (reqs)
        *reqs = NULL;
    for (const AstClause *c = ap->clauses; c; c = c->next) {
        if (c->kind == AST_REQUIRE) {
            BkpRequire *r = reqs ? check_require(C, c, from) : NULL;
            if (!r)
                continue;
            if (last)
                last->next = r;
            else
                *reqs = r;
            last = r;
            continue;
        }
        enum Slot s = check_slot(c->kind);
        if (slot[s].c) {
            BkpDiag *g = bkp_error(C->D, C->src, "duplicate", ast_clause_kw_span(c), "%s given twice in %s `%s`",
                                   bkp_clause_name(c->kind), ap->is_template ? "template" : "policy",
                                   ap->name.value);
            bkp_diag_secondary(C->D, g, ast_clause_kw_span(slot[s].c), "first given here");
            bkp_diag_hint(C->D, g, "a %s has one %s; remove one of them", ap->is_template ? "template" : "policy",
                          bkp_clause_name(c->kind));
            continue;
        }
        slot[s] = (ClauseFrom){c, C->file, from};
    }
}

/* Resolves clause cf of slot s into p and its origin, in its own file;
 * quietly when `quiet` (a template's clause a policy takes: its errors were
 * reported at the template). */
static void resolve_clause(Checker *C, enum Slot s, const ClauseFrom *cf, BkpPolicy *p, BkpPolicyOrigin *o,
                           bool quiet)
{
    const AstClause *c = cf->c;
    const AstFile *file = C->file;
    BkpDiags *D = C->D;
    check_in(C, cf->file);
    if (quiet)
        C->D = &C->quiet;
    if (cf->from)                   /* (a policy's own: o->from[] is NULL already) */
        for (int i = 0; i < 2 && slot_fields[s][i] != BKP_FIELD_NAME; i++)
            o->from[slot_fields[s][i]] = cf->from;
    switch (s) {
    case S_TYPE:
        p->enhanced = c->u.type.enhanced;
        o->at.type = c->span;
        break;
    case S_SCHED: schedule(C, c, p, o); break;
    case S_TZ: timezone(C, c, p, o); break;
    case S_SNAP:
    case S_DAILY:
    case S_WEEKLY:
    case S_MONTHLY:
    case S_YEARLY: keep(C, c, p, o); break;
    case S_ARCHIVE: archive(C, c, p, o); break;
    case S_RG:
        o->at.snapshot_rg = c->span;
        o->at.rg_prefix = c->u.rg.prefix.span;
        o->at.rg_suffix = c->u.rg.suffix.span;
        p->snapshot_rg_prefix = c->u.rg.prefix.value;
        p->snapshot_rg_suffix = c->u.rg.suffix.value;
        check_snapshot_rg(C, &c->u.rg.prefix, &c->u.rg.suffix);
        break;
    case S_CONS: consistency(C, c, p, o); break;
    default: break;
    }
    check_in(C, file);
    C->D = D;
}

void check_template_clauses(Checker *C, const ClauseFrom own[NSLOT])
{
    BkpPolicy p;
    BkpPolicyOrigin o;
    memset(&p, 0, sizeof p);
    memset(&o, 0, sizeof o);
    for (int s = 0; s < NSLOT; s++)
        if (own[s].c)
            resolve_clause(C, (enum Slot)s, &own[s], &p, &o, false);
}

BkpPolicy *check_policy(Checker *C, const AstFile *file, const AstPolicy *ap, bool no_schedule_said)
{
    /* the policy and its origin live and die together: one allocation */
    struct PolicyAndOrigin { BkpPolicy p; BkpPolicyOrigin o; } *po = BKP_NEW(C->A, struct PolicyAndOrigin);
    BkpPolicy *p = &po->p;
    BkpPolicyOrigin *o = &po->o;
    p->name = ap->name.value;
    p->origin = o;
    o->name_span = ap->name.span;
    o->name_implicit = ap->implicit;
    o->span = ap->span;
    o->src = C->src;
    p->archive = BKP_ARCHIVE_NEVER;

    ClauseFrom have[NSLOT];
    BkpRequire *own;
    check_block_clauses(C, ap, NULL, have, &own);
    const TemplateGives *tg = NULL;
    if (ap->from.value) {
        o->template_name = ap->from.value;
        o->from_span = bkp_span_join(ast_kw_span(BKP_KW_FROM, ap->from_at), ap->from.span);
        tg = check_template_use(C, file, &ap->from);
        if (!tg || tg->broken)
            no_schedule_said = true;
        else
            for (int s = 0; s < NSLOT; s++)
                if (!have[s].c)
                    have[s] = tg->slot[s];
    }
    p->requirements = check_require_list(C, own, tg ? tg->requirements : NULL);
    /* The type first: defaults and messages depend on it. */
    if (have[S_TYPE].c)
        resolve_clause(C, S_TYPE, &have[S_TYPE], p, o, have[S_TYPE].from != NULL);
    p->time = -1;
    if (have[S_SCHED].c)
        resolve_clause(C, S_SCHED, &have[S_SCHED], p, o, have[S_SCHED].from != NULL);
    for (int s = 0; s < NSLOT; s++)
        if (have[s].c && s != S_TYPE && s != S_SCHED)
            resolve_clause(C, (enum Slot)s, &have[s], p, o, have[s].from != NULL);
    if (!have[S_SCHED].c || (ap->from.value && (!tg || tg->broken))) {
        if (!no_schedule_said) {
            BkpDiag *g = bkp_error(C->D, C->src, "schedule", ap->implicit ? ap->span : ap->name.span,
                                   "policy `%s` has no schedule", ap->name.value);
            bkp_diag_hint(C->D, g, "add one: `daily at 22:30`, `weekly on sun at 02:00`, "
                                   "or `every 4h from 08:00 for 24h`");
        }
        return NULL;
    }
    defaults(p, o, have);
    check_rules(C->D, p);
    return p;
}
