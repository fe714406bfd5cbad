/* rules.c — the rule table (step 2 of the checker): every rule of
 * reference/RULES.md that speaks about a resolved policy is one function,
 * named by its id, that queues its diagnostics and returns whether it holds.
 * Rules that the language makes impossible to break (A1, A2, B5, B8, B9, D9,
 * D16, E1, E6) need no code: docs/language.md says which clause enforces them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bkpc/lexicon.h"
#include "check_int.h"

static const char *const number_words[] = {"no", "one", "two", "three", "four", "five", "six",
                                           "seven", "eight", "nine", "ten", "eleven", "twelve"};
static const char *count_word(int n, char *buf, size_t cap)
{
    if (n >= 0 && n <= 12)
        return number_words[n];
    snprintf(buf, cap, "%d", n);
    return buf;
}

/* Where the policy's values were written (a checked policy has an origin). */
static const BkpPolicySpans *at(const BkpPolicy *p) { return &p->origin->at; }

/* The field each span of BkpPolicySpans belongs to: AT(p, snapshots) is
 * where `keep snapshots` was written, in its own file. */
enum {
    F_type = BKP_FIELD_TYPE,
    F_timezone = BKP_FIELD_TIMEZONE,
    F_schedule = BKP_FIELD_SCHEDULE,
    F_interval = BKP_FIELD_SCHEDULE,
    F_start = BKP_FIELD_SCHEDULE,
    F_window = BKP_FIELD_SCHEDULE,
    F_time = BKP_FIELD_SCHEDULE,
    F_run_days = BKP_FIELD_SCHEDULE,
    F_snapshots = BKP_FIELD_SNAPSHOTS,
    F_snapshots_dur = BKP_FIELD_SNAPSHOTS,
    F_daily = BKP_FIELD_DAILY,
    F_daily_dur = BKP_FIELD_DAILY,
    F_weekly = BKP_FIELD_WEEKLY,
    F_weekly_dur = BKP_FIELD_WEEKLY,
    F_weekly_days = BKP_FIELD_WEEKLY_DAYS,
    F_monthly = BKP_FIELD_MONTHLY,
    F_monthly_dur = BKP_FIELD_MONTHLY,
    F_monthly_on = BKP_FIELD_MONTHLY_ON,
    F_yearly = BKP_FIELD_YEARLY,
    F_yearly_dur = BKP_FIELD_YEARLY,
    F_yearly_on = BKP_FIELD_YEARLY_ON,
    F_archive = BKP_FIELD_ARCHIVE,
    F_archive_after = BKP_FIELD_ARCHIVE,
    F_snapshot_rg = BKP_FIELD_SNAPSHOT_RG,
    F_rg_prefix = BKP_FIELD_SNAPSHOT_RG,
    F_rg_suffix = BKP_FIELD_SNAPSHOT_RG,
    F_consistency = BKP_FIELD_CONSISTENCY,
};
#define AT(p, member) bkp_policy_loc((p), (BkpField)F_##member, at(p)->member)
/* The same as two arguments, field and span, for a helper that makes the
 * BkpLoc (LOC) only when it reports: most policies break no rule. */
#define FIELD_AT(p, member) (BkpField)F_##member, at(p)->member
#define LOC(p, name) bkp_policy_loc((p), name##_field, name)

/* The policy's own name (or the whole implicit policy). */
static BkpLoc name_loc(const BkpPolicy *p)
{
    return (BkpLoc){p->origin->src, p->origin->name_span, NULL};
}

#define RULE(id) static bool rule_##id(BkpDiags *d, const BkpPolicy *p)

#define err(d, p, ...) bkp_policy_report((d), (p), BKP_SEV_ERROR, __VA_ARGS__)

static const char *day_list(BkpDiags *d, BkpDaySet set)
{
    char buf[128];
    return bkp_arena_strdup(d->arena, bkp_words_join(buf, sizeof buf, BKP_WORD_WEEKDAY, set, BKP_SPELL_BKP, ", ", NULL));
}

RULE(A6)
{
    if (bkp_policy_name_ok(p->name))
        return true;
    BkpDiag *g = err(d, p, "A6", name_loc(p), "policy name `%s` is not one Azure accepts", p->name);
    bkp_diag_hint(d, g, "a policy name has 3 to 150 characters: a letter, then letters, digits, `-`, `_` or `!`");
    /* `web.01`: quoting does not help; `-` for the characters Azure refuses may. */
    char *near = bkp_arena_strdup(d->arena, p->name);
    bool printable = true;
    for (char *c = near + 1; *c; c++) {
        printable &= *c >= 0x20 && *c < 0x7F;
        if (!bkp_policy_name_ok((char[]){'a', 'b', *c, 0}))
            *c = '-';
    }
    if (printable && strcmp(near, p->name) != 0 && bkp_policy_name_ok(near)) {
        bkp_diag_hint(d, g, "did you mean `%s`?", near);
        if (!p->origin->name_implicit)
            check_fix_name(d, g, p->origin->src, p->origin->name_span, near);
    }
    if (p->origin->name_implicit)
        bkp_diag_hint(d, g, "the name comes from the file name; or wrap the clauses in `policy NAME { ... }`");
    return false;
}

RULE(A9)
{
    if (!p->crash_consistent || p->enhanced)
        return true;
    BkpDiag *g = err(d, p, "A9", AT(p, consistency),
                     "crash-consistent snapshots need an enhanced policy");
    bkp_policy_secondary(d, g, AT(p, type), "this policy is standard");
    bkp_diag_hint(d, g, "use `enhanced`, or remove `consistency crash`");
    return false;
}

RULE(A10)
{
    bool ok = true;
    if (p->snapshot_rg_prefix && !*p->snapshot_rg_prefix) {
        BkpDiag *g = err(d, p, "A10", AT(p, rg_prefix), "the snapshot resource-group prefix is empty");
        bkp_diag_hint(d, g, "give a prefix such as \"rg-vm-irp-\", or remove the clause");
        ok = false;
    }
    if (p->snapshot_rg_suffix && !*p->snapshot_rg_suffix) {
        BkpDiag *g = err(d, p, "A10", AT(p, rg_suffix), "the snapshot resource-group suffix is empty");
        bkp_diag_hint(d, g, "give a suffix, or leave out `suffix \"\"`");
        ok = false;
    }
    return ok;
}

RULE(B1)
{
    if (p->freq != BKP_FREQ_HOURLY || p->enhanced)
        return true;
    BkpDiag *g = err(d, p, "B1", AT(p, schedule), "an hourly schedule needs an enhanced policy");
    bkp_policy_secondary(d, g, AT(p, type), "this policy is standard");
    bkp_diag_hint(d, g, "use `enhanced`, or a `daily at HH:MM` schedule");
    return false;
}

RULE(B3)
{
    if (p->time < 0 || p->time % 30 == 0)
        return true;
    int lo = p->time / 30 * 30, hi = (lo + 30) % 1440;
    BkpDiag *g = err(d, p, "B3", AT(p, time), "backups start on the hour or the half hour, not at %02d:%02d",
                     p->time / 60, p->time % 60);
    bkp_diag_hint(d, g, "use `%02d:%02d` or `%02d:%02d`", lo / 60, lo % 60, hi / 60, hi % 60);
    return false;
}

RULE(B6)
{
    int i = p->interval_hours;
    if (p->freq != BKP_FREQ_HOURLY || i < 0 || i == 4 || i == 6 || i == 8 || i == 12)
        return true;
    BkpDiag *g = err(d, p, "B6", AT(p, interval), "an hourly schedule runs every 4, 6, 8 or 12 hours, not every %dh", i);
    if (i == 24)
        bkp_diag_hint(d, g, "for one backup a day, write `daily at HH:MM`");
    else if (i < 4) {
        bkp_diag_hint(d, g, "the shortest interval is `every 4h`");
        check_fix_at(d, g, AT(p, interval), "4h");
    } else
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
    int fit;                         /* the window the hint proposes */
    if (w > 24) {
        fit = 24;
        g = err(d, p, "B7", AT(p, window), "the backup window is at most 24 hours, not %dh", w);
        bkp_diag_hint(d, g, "`for 24h` gives %s backups a day", count_word(24 / i, b1, sizeof b1));
    } else if (w < i) {
        fit = i;
        g = err(d, p, "B7", AT(p, window), "the %dh window is shorter than the %dh interval", w, i);
        bkp_diag_hint(d, g, "`for %dh` gives one backup a day", i);
    } else {
        int n = (w + i - 1) / i;     /* backups at start, start+i, ... inside the window */
        fit = n * i;
        g = err(d, p, "B7", AT(p, window), "the %dh window is not a multiple of the %dh interval", w, i);
        bkp_diag_hint(d, g, "`for %dh` gives the same %s backups a day", n * i, count_word(n, b1, sizeof b1));
    }
    check_fix_at(d, g, AT(p, window), "%dh", fit);
    bkp_policy_secondary(d, g, AT(p, interval), NULL);
    return false;
}

RULE(B10)
{
    if (p->freq != BKP_FREQ_HOURLY || p->time < 0 || p->time <= 19 * 60 + 30)
        return true;
    BkpDiag *g = bkp_policy_report(d, p, BKP_SEV_WARNING, "B10", AT(p, start),
                             "Azure documents hourly windows starting between 00:00 and 19:30");
    bkp_diag_hint(d, g, "the portal and the documentation may reject %02d:%02d; an earlier start is safe",
                  p->time / 60, p->time % 60);
    return false;
}

static inline bool snapshot_range(BkpDiags *d, const BkpPolicy *p, const char *id, int lo, int hi,
                           const char *what)
{
    int n = p->snapshot_days;
    if (n < 0 || (n >= lo && n <= hi))
        return true;
    BkpDiag *g = lo == hi ? err(d, p, id, AT(p, snapshots), "%s keeps snapshots exactly %d days, not %d", what, lo, n)
                          : err(d, p, id, AT(p, snapshots), "%s keeps snapshots %d to %d days, not %d", what, lo, hi, n);
    if (lo == hi) {
        bkp_diag_hint(d, g, "remove `keep snapshots` (%d is the default)", lo);
        if (!bkp_policy_template(p, BKP_FIELD_SNAPSHOTS))
            check_fix_remove(d, g, p->origin->src, at(p)->snapshots);
    } else if (!p->enhanced && n <= 30) {
        bkp_diag_hint(d, g, "an `enhanced` policy keeps snapshots up to 30 days");
    } else {
        bkp_diag_hint(d, g, "write `keep snapshots %dd`", n < lo ? lo : hi);
        check_fix_at(d, g, AT(p, snapshots_dur), "%dd", n < lo ? lo : hi);
    }
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
    BkpDiag *g = bkp_policy_report(d, p, BKP_SEV_WARNING, "C5", AT(p, snapshots),
                             "Azure documents at most %d days of snapshots for backups every %dh",
                             max, p->interval_hours);
    bkp_diag_hint(d, g, "the service may reject %d days; `keep snapshots %dd` is within the documented limit",
                  p->snapshot_days, max);
    check_fix_at(d, g, AT(p, snapshots_dur), "%dd", max);
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
        BkpDiag *g = err(d, p, "C6", AT(p, snapshots),
                         "snapshots kept %d days outlive the vault points they restore (%d week%s = %d days)",
                         p->snapshot_days, p->weekly.weeks, p->weekly.weeks == 1 ? "" : "s",
                         7 * p->weekly.weeks);
        bkp_policy_secondary(d, g, AT(p, weekly), "vault retention");
        bkp_diag_hint(d, g, "keep snapshots at most %d days, or keep weekly points longer", 7 * p->weekly.weeks);
        return false;
    }
    if (!p->daily.on || p->daily.days < DAILY_MIN || p->daily.days > DAILY_MAX ||
        p->snapshot_days <= p->daily.days)
        return true;
    BkpDiag *g = err(d, p, "C6", AT(p, snapshots),
                     "snapshots kept %d days outlive the daily points they restore (%d days)",
                     p->snapshot_days, p->daily.days);
    bkp_policy_secondary(d, g, AT(p, daily), "vault retention");
    bkp_diag_hint(d, g, "keep snapshots at most %d days, or keep daily points longer", p->daily.days);
    return false;
}

RULE(D1)
{
    if (p->daily.on || p->weekly.on || p->monthly.on || p->yearly.on)
        return true;
    BkpDiag *g = err(d, p, "D1", name_loc(p), "the policy keeps no recovery points");
    bkp_diag_hint(d, g, "add `keep daily 30d` or another `keep` clause");
    return false;
}

RULE(D2)
{
    if (p->freq != BKP_FREQ_DAILY || p->daily.on)
        return true;
    err(d, p, "D2", AT(p, schedule), "a daily schedule needs daily retention");
    return false;
}

RULE(D3)
{
    if (p->freq != BKP_FREQ_HOURLY || p->daily.on)
        return true;
    err(d, p, "D3", AT(p, schedule), "an hourly schedule needs daily retention");
    return false;
}

RULE(D4)
{
    if (p->freq != BKP_FREQ_WEEKLY)
        return true;
    bool ok = true;
    if (p->daily.on) {
        BkpDiag *g = err(d, p, "D4", AT(p, daily), "a weekly schedule takes no daily retention");
        bkp_policy_secondary(d, g, AT(p, schedule), "the schedule is weekly");
        bkp_diag_hint(d, g, "remove `keep daily`, or back up every day with `daily at HH:MM`");
        ok = false;
    }
    if (!p->weekly.on) {
        err(d, p, "D4", AT(p, schedule), "a weekly schedule needs weekly retention");
        ok = false;
    }
    return ok;
}

/* `span` is the clause, `dur` its duration. */
static inline bool count_range(BkpDiags *d, const BkpPolicy *p, const char *id, bool on, int n, int lo, int hi,
                               BkpField span_field, BkpSpan span, BkpField dur_field, BkpSpan dur,
                               const char *what, const char *unit)
{
    if (!on || n < 0 || (n >= lo && n <= hi))
        return true;
    BkpDiag *g = err(d, p, id, LOC(p, span), "%s are kept %d to %d %s, not %d", what, lo, hi, unit, n);
    bkp_diag_hint(d, g, "write `%d%c`", n < lo ? lo : hi, unit[0]);
    check_fix_at(d, g, LOC(p, dur), "%d%c", n < lo ? lo : hi, unit[0]);
    return false;
}

RULE(D5) { return count_range(d, p, "D5", p->daily.on, p->daily.days, DAILY_MIN, DAILY_MAX, FIELD_AT(p, daily), FIELD_AT(p, daily_dur), "daily points", "days"); }
RULE(D6) { return count_range(d, p, "D6", p->weekly.on, p->weekly.weeks, WEEKLY_MIN, WEEKLY_MAX, FIELD_AT(p, weekly), FIELD_AT(p, weekly_dur), "weekly points", "weeks"); }
RULE(D7) { return count_range(d, p, "D7", p->monthly.on, p->monthly.count, MONTHLY_MIN, MONTHLY_MAX, FIELD_AT(p, monthly), FIELD_AT(p, monthly_dur), "monthly points", "months"); }
RULE(D8) { return count_range(d, p, "D8", p->yearly.on, p->yearly.count, YEARLY_MIN, YEARLY_MAX, FIELD_AT(p, yearly), FIELD_AT(p, yearly_dur), "yearly points", "years"); }

RULE(D10)
{
    if (!p->weekly.on || p->weekly.days || p->weekly.weeks < 0)
        return true;
    err(d, p, "D10", AT(p, weekly), "weekly retention names no weekday");
    return false;
}

RULE(D11)
{
    if (p->freq != BKP_FREQ_WEEKLY || !p->weekly.on || bkp_policy_default(p, BKP_FIELD_WEEKLY_DAYS) || !p->weekly.days ||
        !p->run_days || p->weekly.days == p->run_days)
        return true;
    BkpDiag *g = err(d, p, "D11", AT(p, weekly_days),
                     "weekly retention must keep exactly the backup days (%s)", day_list(d, p->run_days));
    bkp_policy_secondary(d, g, AT(p, run_days), "the schedule's days");
    bkp_diag_hint(d, g, "write `on %s`, or leave `on ...` out to mean the schedule's days",
                  day_list(d, p->run_days));
    return false;
}

static inline bool weekly_sched_format(BkpDiags *d, const BkpPolicy *p, const BkpLongTerm *lt, BkpField on_field,
                                       BkpSpan on, const char *what)
{
    if (p->freq != BKP_FREQ_WEEKLY || !lt->on || lt->count < 0 || lt->format != BKP_FORMAT_DAILY)
        return true;
    BkpDiag *g = err(d, p, "D12", LOC(p, on), "with a weekly schedule, %s points are chosen by week and weekday, not by day of the month", what);
    bkp_policy_secondary(d, g, AT(p, schedule), "the schedule is weekly");
    const char *day = bkp_word_name(BKP_WORD_WEEKDAY, __builtin_ctz(p->run_days ? p->run_days : 1), BKP_SPELL_BKP);
    bkp_diag_hint(d, g, "write `on first %s`", day);
    check_fix_at(d, g, LOC(p, on), "on first %s", day);
    return false;
}

RULE(D12)
{
    bool a = weekly_sched_format(d, p, &p->monthly, FIELD_AT(p, monthly_on), "monthly");
    bool b = weekly_sched_format(d, p, &p->yearly, FIELD_AT(p, yearly_on), "yearly");
    return a && b;
}

static inline bool subset_of_sched(BkpDiags *d, const BkpPolicy *p, const BkpLongTerm *lt, BkpField on_field,
                                   BkpSpan on, const char *what)
{
    if (p->freq != BKP_FREQ_WEEKLY || !lt->on || lt->count < 0 || lt->format != BKP_FORMAT_WEEKLY ||
        !p->run_days || (lt->days & ~p->run_days) == 0)
        return true;
    BkpDiag *g = err(d, p, "D13", LOC(p, on), "%s points fall on %s, but backups run only on %s", what,
                     day_list(d, lt->days & ~p->run_days), day_list(d, p->run_days));
    bkp_policy_secondary(d, g, AT(p, run_days), "the schedule's days");
    bkp_diag_hint(d, g, "choose days the schedule backs up on");
    return false;
}

RULE(D13)
{
    bool a = subset_of_sched(d, p, &p->monthly, FIELD_AT(p, monthly_on), "monthly");
    bool b = subset_of_sched(d, p, &p->yearly, FIELD_AT(p, yearly_on), "yearly");
    return a && b;
}

static inline bool weekly_format_sets(BkpDiags *d, const BkpPolicy *p, const BkpLongTerm *lt, BkpField span_field,
                                      BkpSpan span, const char *what)
{
    if (!lt->on || lt->count < 0 || lt->format != BKP_FORMAT_WEEKLY || (lt->weeks && lt->days))
        return true;
    err(d, p, "D14", LOC(p, span), "%s retention needs weeks of the month and weekdays", what);
    return false;
}

RULE(D14)
{
    bool a = weekly_format_sets(d, p, &p->monthly, FIELD_AT(p, monthly), "monthly");
    bool b = weekly_format_sets(d, p, &p->yearly, FIELD_AT(p, yearly), "yearly");
    return a && b;
}

static inline bool daily_format_set(BkpDiags *d, const BkpPolicy *p, const BkpLongTerm *lt, BkpField span_field,
                                    BkpSpan span, const char *what)
{
    if (!lt->on || lt->count < 0 || lt->format != BKP_FORMAT_DAILY || lt->dates || lt->last_day)
        return true;
    err(d, p, "D15", LOC(p, span), "%s retention names no day of the month", what);
    return false;
}

RULE(D15)
{
    bool a = daily_format_set(d, p, &p->monthly, FIELD_AT(p, monthly), "monthly");
    bool b = daily_format_set(d, p, &p->yearly, FIELD_AT(p, yearly), "yearly");
    return a && b;
}

RULE(D17)
{
    if (!p->yearly.on || p->yearly.count < 0 || p->yearly.months)
        return true;
    err(d, p, "D17", AT(p, yearly), "yearly retention names no month");
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
    if (p->archive == BKP_ARCHIVE_NEVER ||
        p->monthly.on || p->yearly.on)
        return true;
    BkpDiag *g = err(d, p, "E2", AT(p, archive), "archive tiering moves monthly and yearly points, and this policy keeps none");
    bkp_diag_hint(d, g, "add `keep monthly 12m on first sun`, or write `archive never`");
    return false;
}

RULE(E3)
{
    if (p->archive != BKP_ARCHIVE_RECOMMENDED || !(p->monthly.on || p->yearly.on) || long_term_broken(p) ||
        longest_months(p) >= 9)
        return true;
    BkpDiag *g = err(d, p, "E3", AT(p, archive),
                     "`archive recommended` needs monthly or yearly points kept at least 9 months");
    bkp_policy_secondary(d, g, p->monthly.on ? AT(p, monthly) : AT(p, yearly), "kept %d months", longest_months(p));
    bkp_diag_hint(d, g, "keep monthly points for `9m` or more");
    if (p->monthly.on)
        check_fix_at(d, g, AT(p, monthly_dur), "9m");
    return false;
}

RULE(E5)
{
    if (p->archive != BKP_ARCHIVE_AFTER || p->archive_months < 0)
        return true;
    int a = p->archive_months;
    if (a < 3) {
        BkpDiag *g = err(d, p, "E5", AT(p, archive_after), "points move to the archive tier at 3 months at the earliest, not %d", a);
        bkp_diag_hint(d, g, "write `archive after 3m`");
        check_fix_at(d, g, AT(p, archive_after), "3m");
        return false;
    }
    if (!(p->monthly.on || p->yearly.on) || long_term_broken(p) || longest_months(p) >= a + 6)
        return true;
    BkpDiag *g = err(d, p, "E5", AT(p, archive_after),
                     "a point archived after %d months must then be kept 6 more: monthly or yearly retention of at least %d months",
                     a, a + 6);
    bkp_policy_secondary(d, g, p->monthly.on ? AT(p, monthly) : AT(p, yearly), "kept %d months", longest_months(p));
    if (longest_months(p) - 6 >= 3)
        bkp_diag_hint(d, g, "keep monthly points for `%dm`, or archive after `%dm`", a + 6,
                      longest_months(p) - 6);
    else {
        bkp_diag_hint(d, g, "keep monthly points for `%dm` or more", a + 6);
        if (p->monthly.on)
            check_fix_at(d, g, AT(p, monthly_dur), "%dm", a + 6);
    }
    return false;
}

/* The rule table, in id order: one X(id, summary) per rule, for the table
 * (bkp_rules) and for check_rules, which calls each rule directly. */
#define RULES(X) \
    X(A6, "policy name: 3-150 characters, a letter then letters, digits, - _ !") \
    X(A9, "crash-consistent snapshots only on enhanced policies") \
    X(A10, "snapshot resource-group prefix and suffix are non-empty") \
    X(B1, "hourly schedules only on enhanced policies") \
    X(B3, "backup times on the hour or half hour") \
    X(B6, "hourly interval is 4, 6, 8 or 12 hours") \
    X(B7, "hourly window: a multiple of the interval, at least the interval, at most 24h") \
    X(B10, "hourly window starts 00:00-19:30 (warning: documented, not enforced)") \
    X(C1, "standard daily: snapshots 1-5 days") \
    X(C2, "standard weekly: snapshots exactly 5 days") \
    X(C3, "enhanced daily/hourly: snapshots 1-30 days") \
    X(C4, "enhanced weekly: snapshots 5-30 days") \
    X(C5, "hourly snapshots within the documented per-interval maximum (warning)") \
    X(C6, "snapshots do not outlive vault retention (enhanced)") \
    X(D1, "at least one retention tier") \
    X(D2, "daily schedule keeps daily points") \
    X(D3, "hourly schedule keeps daily points") \
    X(D4, "weekly schedule: no daily retention, weekly retention required") \
    X(D5, "daily retention 7-9999 days") \
    X(D6, "weekly retention 1-5163 weeks") \
    X(D7, "monthly retention 1-1188 months") \
    X(D8, "yearly retention 1-99 years") \
    X(D10, "weekly retention names weekdays") \
    X(D11, "weekly schedule: weekly retention days = backup days") \
    X(D12, "weekly schedule: monthly/yearly by week and weekday") \
    X(D13, "weekly schedule: monthly/yearly weekdays are backup days") \
    X(D14, "monthly/yearly by week: weeks and weekdays given") \
    X(D15, "monthly/yearly by day: days 1-28 or last") \
    X(D17, "yearly retention names months") \
    X(E2, "archive tiering needs monthly or yearly retention") \
    X(E3, "archive recommended: monthly or yearly retention >= 9 months") \
    X(E5, "archive after N months: N >= 3, retention >= N + 6 months")

#define RULE_ENTRY(id, summary) {#id, summary, rule_##id},
static const BkpRule rules[] = {RULES(RULE_ENTRY)};
#undef RULE_ENTRY

void check_rules(BkpDiags *d, const BkpPolicy *p)
{
    /* as a loop over the table would, without a call through a pointer
     * per rule (most rules are a test or two) */
#define RULE_CALL(id, summary) rule_##id(d, p);
    RULES(RULE_CALL)
#undef RULE_CALL
}

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

/* Of 8 ASCII bytes (top bits clear), the top bit of each byte that is in
 * [lo, hi]: b + (0x80 - lo) reaches the top bit when b >= lo, and
 * b + (0x7F - hi) when b > hi; no byte carries into the next. */
static inline uint64_t bytes_in(uint64_t w, unsigned lo, unsigned hi)
{
    const uint64_t ones = UINT64_C(0x0101010101010101);
    return (w + ones * (0x80 - lo)) & ~(w + ones * (0x7F - hi)) & ones * 0x80;
}

/* The characters of a policy name after its first, 8 ASCII bytes at a
 * time: the top bit of each byte that is a letter (either case: with 0x20
 * set, a letter is a lower-case one), a digit, `-`, `_` or `!`. */
static inline uint64_t name_bytes(uint64_t w)
{
    const uint64_t ones = UINT64_C(0x0101010101010101);
    return bytes_in(w | ones * 0x20, 'a', 'z') | bytes_in(w, '0', '9') | bytes_in(w, '-', '-') |
           bytes_in(w, '_', '_') | bytes_in(w, '!', '!');
}

bool bkp_policy_name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 3 || n > 150 || (unsigned)((s[0] | 0x20) - 'a') >= 26)    /* a letter first */
        return false;
    const uint64_t top = UINT64_C(0x8080808080808080);
    size_t i = 1;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if ((w & top) || name_bytes(w) != top)
            return false;
    }
    /* the rest, padded with a letter */
    uint64_t w = UINT64_C(0x6161616161616161);
    memcpy(&w, s + i, n - i);
    return !(w & top) && name_bytes(w) == top;
}
