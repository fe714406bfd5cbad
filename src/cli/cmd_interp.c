/* cmd_interp.c — `bkpc explain`, `bkpc next`, `bkpc simulate`: the
 * interpreter's commands. The model is in src/interp.c; this file parses the
 * options and renders text (aligned tables) or JSON. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bkpc/interp.h"
#include "bkpc/sched.h"
#include "cli.h"
#include "opts.h"

#define DAY 86400

static const char explain_help[] =
    "usage: bkpc explain [--policy NAME] [--at TIME] [--format text|json] FILE\n"
    "\n"
    "The policy in plain English: what it promises (how far back you can restore,\n"
    "and how precisely), its type, its schedule in its time zone and in UTC,\n"
    "backups per day, the worst-case data loss (RPO) of each kind of point, how\n"
    "long each kind is kept, vault-archive tiering, and every default it used.\n"
    "\n"
    "  -p, --policy NAME  the policy to explain (needed when FILE has several)\n"
    "      --at TIME      the date whose time-zone offsets and daylight-saving\n"
    "                     period are shown (default: now)\n"
    "  -f, --format FMT   text (default) or json\n"
    "  -h, --help         show this help\n"
    "\n"
    "TIME is YYYY-MM-DD or YYYY-MM-DDTHH:MM in the policy's time zone, or either\n"
    "followed by Z for UTC (2026-03-08T02:30Z). See docs/semantics.md.\n"
    "Exit status: 0 done, 1 errors in FILE, 2 usage or I/O error.\n";

static const char next_help[] =
    "usage: bkpc next [--policy NAME] [-n N] [--from TIME] [--format text|json] FILE\n"
    "\n"
    "The next N backups of a policy, in its time zone and in UTC, marking the\n"
    "ones transferred to the vault (for hourly schedules, the last of each\n"
    "day's window) and the retention rules that will keep each one.\n"
    "\n"
    "  -p, --policy NAME  the policy (needed when FILE has several)\n"
    "  -n, --count N      how many backups, 1 to 10000 (default 10)\n"
    "      --from TIME    start at TIME (default: now); a backup at exactly\n"
    "                     TIME is listed\n"
    "  -f, --format FMT   text (default) or json\n"
    "  -h, --help         show this help\n"
    "\n"
    "TIME is YYYY-MM-DD or YYYY-MM-DDTHH:MM in the policy's time zone, or either\n"
    "followed by Z for UTC (2026-03-08T02:30Z).\n"
    "Azure does not move backups for daylight saving time: while DST is in force\n"
    "the clock time of a backup differs from the written time; such rows are\n"
    "marked * (see docs/semantics.md).\n"
    "Exit status: 0 done, 1 errors in FILE, 2 usage or I/O error.\n";

static const char simulate_help[] =
    "usage: bkpc simulate --at TIME [--since TIME] [--policy NAME] [--format text|json] FILE\n"
    "\n"
    "Every recovery point that exists at TIME if the policy had been running\n"
    "since --since: when it was taken (time zone and UTC), the tiers it is in\n"
    "(snapshot, vault-standard, vault-archive), when it expires, and why it is\n"
    "kept (snapshot, daily, weekly, monthly, yearly; one point can have several\n"
    "reasons). A summary counts the points in each tier: in steady state, the\n"
    "figures that drive cost.\n"
    "\n"
    "      --at TIME      the instant to look at (required)\n"
    "      --since TIME   when the policy started (default: long enough before\n"
    "                     --at that every retention rule is full)\n"
    "  -p, --policy NAME  the policy (needed when FILE has several)\n"
    "  -f, --format FMT   text (default) or json\n"
    "  -h, --help         show this help\n"
    "\n"
    "TIME is YYYY-MM-DD or YYYY-MM-DDTHH:MM in the policy's time zone, or either\n"
    "followed by Z for UTC (2026-03-08T02:30Z). See docs/semantics.md for how\n"
    "Azure turns a policy into recovery points.\n"
    "Exit status: 0 done, 1 errors in FILE, 2 usage or I/O error.\n";

enum { OPT_HELP, OPT_POLICY, OPT_FORMAT, OPT_AT, OPT_FROM, OPT_SINCE, OPT_COUNT };

typedef enum { CMD_EXPLAIN, CMD_NEXT, CMD_SIMULATE } Cmd;

typedef struct Args {
    Cmd cmd;
    const char *name;           /* command name */
    const char *file, *policy;
    bool json;
    const char *at, *from, *since;
    long count;
} Args;

/* --- text helpers ----------------------------------------------------------- */

/* "Sun 2026-03-15 08:00" (with_wday) or "2026-03-15 08:00": the zone's clock. */
static char *fmt_local(BkpTz *tz, const BkpPolicy *p, int64_t t, bool with_wday, char *buf, size_t n)
{
    return bkp_fmt_clock(t, bkp_tz_offset(tz, p->timezone, t, NULL), with_wday ? BKP_CLOCK_WEEKDAY : 0, buf, n);
}

/* "2026-03-15 02:30Z" */
static char *fmt_utc(int64_t t, char *buf, size_t n)
{
    return bkp_fmt_clock(t, 0, BKP_CLOCK_Z, buf, n);
}

static char *fmt_why(unsigned why, char *buf, size_t n)
{
    buf[0] = 0;
    size_t len = 0;
    for (int w = 0; w < BKP_WHY_COUNT; w++)
        if (why >> w & 1)
            len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s", len ? ", " : "",
                                    bkp_why_name((BkpWhy)w));
    return buf;
}

/* The rules that keep a backup, and, for a vault backup taken on another
 * local date than its schedule day (a window past midnight, or DST), the
 * day the rules count it for: "daily, weekly (of Sun 03-29)". */
static char *fmt_kept(BkpTz *tz, const BkpPolicy *p, const BkpBackup *b, unsigned why, char *buf, size_t n)
{
    fmt_why(why, buf, n);
    if (!b->to_vault || !(why & ~(1u << BKP_WHY_SNAPSHOT)))
        return buf;
    int64_t local = b->utc + (int64_t)bkp_tz_offset(tz, p->timezone, b->utc, NULL) * 60;
    if (bkp_floor_div(local, DAY) != b->day) {
        int y, m, d;
        bkp_civil_from_days(b->day, &y, &m, &d);
        size_t len = strlen(buf);
        snprintf(buf + len, len < n ? n - len : 0, " (of %.3s %02d-%02d)", bkp_word_name(BKP_WORD_WEEKDAY, bkp_weekday(b->day), BKP_SPELL_AZURE), m,
                 d);
    }
    return buf;
}

static char *fmt_tiers(unsigned tiers, char *buf, size_t n)
{
    buf[0] = 0;
    size_t len = 0;
    for (int t = 0; t < BKP_TIER_COUNT; t++)
        if (tiers >> t & 1)
            len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s", len ? "+" : "",
                                    bkp_tier_name((BkpTier)t));
    return buf;
}

/* "30 minutes", "4 hours", "1 day", "35 days" from minutes. */
static char *fmt_span(int64_t minutes, char *buf, size_t n)
{
    if (minutes < 0)
        minutes = -minutes;
    if (minutes % 60)
        snprintf(buf, n, "%lld minute%s", (long long)minutes, minutes == 1 ? "" : "s");
    else if (minutes < 1440 || minutes % 1440)
        snprintf(buf, n, "%lld hour%s", (long long)(minutes / 60), minutes == 60 ? "" : "s");
    else
        snprintf(buf, n, "%lld day%s", (long long)(minutes / 1440), minutes == 1440 ? "" : "s");
    return buf;
}

static char *fmt_count(long long n, const char *unit, char *buf, size_t cap)
{
    snprintf(buf, cap, "%lld %s%s", n, unit, n == 1 ? "" : "s");
    return buf;
}

static char *fmt_days(BkpDaySet days, bool full, char *buf, size_t n)
{
    buf[0] = 0;
    size_t len = 0;
    int count = 0, total = 0;
    for (int d = 0; d < 7; d++)
        total += days >> d & 1;
    for (int d = 0; d < 7; d++) {
        if (!(days >> d & 1))
            continue;
        count++;
        const char *sep = count == 1 ? "" : count == total ? " and " : ", ";
        len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s", sep,
                                bkp_word_name(BKP_WORD_WEEKDAY, d, full ? BKP_SPELL_PROSE : BKP_SPELL_BKP));
    }
    return buf;
}

/* "the first and third Saturday", "day 1, 15 and the last day" */
static char *fmt_longterm_on(const BkpLongTerm *lt, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
    if (lt->format == BKP_FORMAT_WEEKLY) {
        int total = 0, k = 0;
        for (int w = 0; w <= BKP_WEEK_LAST; w++)
            total += lt->weeks >> w & 1;
        len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "the ");
        for (int w = 0; w <= BKP_WEEK_LAST; w++) {
            if (!(lt->weeks >> w & 1))
                continue;
            k++;
            len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s",
                                    k == 1 ? "" : k == total ? " and " : ", ",
                                    bkp_word_name(BKP_WORD_WEEK, w, BKP_SPELL_PROSE));
        }
        char days[96];
        snprintf(buf + len, len < n ? n - len : 0, " %s", fmt_days(lt->days, true, days, sizeof days));
        return buf;
    }
    int total = lt->last_day, k = 0;
    for (int d = 1; d <= 28; d++)
        total += lt->dates >> d & 1;
    len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "day%s ", total > 1 ? "s" : "");
    for (int d = 1; d <= 28; d++) {
        if (!(lt->dates >> d & 1))
            continue;
        k++;
        len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%d",
                                k == 1 ? "" : k == total ? " and " : ", ", d);
    }
    if (lt->last_day)
        snprintf(buf + len, len < n ? n - len : 0, "%slast", k == 0 ? "" : " and ");
    return buf;
}

static char *fmt_months(BkpMonthSet months, char *buf, size_t n)
{
    size_t len = 0;
    int total = 0, k = 0;
    buf[0] = 0;
    for (int m = 0; m < 12; m++)
        total += months >> m & 1;
    for (int m = 0; m < 12; m++) {
        if (!(months >> m & 1))
            continue;
        k++;
        len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s",
                                k == 1 ? "" : k == total ? " and " : ", ", bkp_word_name(BKP_WORD_MONTH, m, BKP_SPELL_PROSE));
    }
    return buf;
}

static int write_json(json_t *j)
{
    if (!j) {
        fprintf(stderr, "bkpc: out of memory\n");
        return EXIT_USAGE;
    }
    int rc = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(j);
    if (rc != 0 || fputc('\n', stdout) == EOF)
        return EXIT_USAGE;
    return EXIT_CLEAN;
}

static const char dst_note[] =
    "* daylight saving time is in force: Azure does not move backups for it\n"
    "  (bkpc explain-rule A8), so they keep their UTC time and the clocks read\n"
    "  the written time plus the DST amount. See docs/semantics.md.\n";

/* --- explain ---------------------------------------------------------------------- */

static void line(const char *label, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void line(const char *label, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("%-14s", label);
    vprintf(fmt, ap);
    putchar('\n');
    va_end(ap);
}

static const char *dflt(bool is_default)
{
    return is_default ? "  (default)" : "";
}

/* How long a rule keeps a point, in words. */
static char *fmt_keep(const BkpPolicy *p, BkpWhy w, char *buf, size_t n)
{
    switch (w) {
    case BKP_WHY_SNAPSHOT: return fmt_count(p->snapshot_days, "day", buf, n);
    case BKP_WHY_DAILY: return fmt_count(p->daily.days, "day", buf, n);
    case BKP_WHY_WEEKLY: return fmt_count(p->weekly.weeks, "week", buf, n);
    case BKP_WHY_MONTHLY: return fmt_count(p->monthly.count, "month", buf, n);
    case BKP_WHY_YEARLY: return fmt_count(p->yearly.count, "year", buf, n);
    default: buf[0] = 0; return buf;
    }
}

/* A rule's mean length in days, only to order the rules (years: 365.25
 * days, months: a twelfth of that). Not the simulator's bound (31-day
 * months), which would rank `keep monthly 12m` above `keep daily 366d`. */
static int64_t keep_order(const BkpPolicy *p, BkpWhy w)
{
    switch (w) {
    case BKP_WHY_SNAPSHOT: return p->snapshot_days;
    case BKP_WHY_DAILY: return p->daily.on ? p->daily.days : 0;
    case BKP_WHY_WEEKLY: return p->weekly.on ? (int64_t)p->weekly.weeks * 7 : 0;
    case BKP_WHY_MONTHLY: return p->monthly.on ? (int64_t)p->monthly.count * 1461 / 48 : 0;
    case BKP_WHY_YEARLY: return p->yearly.on ? (int64_t)p->yearly.count * 365 + p->yearly.count / 4 : 0;
    default: return 0;
    }
}

static const char *why_noun(BkpWhy w)
{
    static const char *const n[BKP_WHY_COUNT] = {"snapshot", "daily point", "weekly point", "monthly point",
                                                 "yearly point"};
    return n[w];
}

/* Prints `lead` (padded to `indent` columns) then `text`, wrapped at 79
 * columns with a hanging indent. */
static void wrapped_at(const char *lead, int indent, const char *text)
{
    int col = printf("%-*s", indent, lead);
    for (const char *w = text; *w;) {
        const char *sp = strchr(w, ' ');
        int wl = sp ? (int)(sp - w) : (int)strlen(w);
        if (col > indent && col + 1 + wl > 79)
            col = printf("\n%-*s", indent, "") - 1;
        else if (col > indent)
            col += printf(" ");
        col += printf("%.*s", wl, w);
        w += wl;
        while (*w == ' ')
            w++;
    }
    putchar('\n');
}

static void wrapped(const char *label, const char *text)
{
    wrapped_at(label, 14, text);
}

/* Appends to a fixed buffer (truncating). */
static void cat(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void cat(char *buf, size_t n, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (len + 1 >= n)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, n - len, fmt, ap);
    va_end(ap);
}

/* "2026-03-08 02:00": the clocks just before the change at t. */
static char *fmt_edge(BkpTz *tz, const BkpPolicy *p, int64_t t, char *buf, size_t n)
{
    return bkp_fmt_clock(t, bkp_tz_offset(tz, p->timezone, t - 1, NULL), 0, buf, n);
}

/* "3 months old", "180 days old", "3 months or 90 days old, whichever is
 * later" */
static char *fmt_arc_age(const BkpArchiveKind *k, int after_months, char *buf, size_t n)
{
    if (k->by_release && !k->by_age)
        snprintf(buf, n, "%lld days old", (long long)k->release_days);
    else if (k->by_release)
        snprintf(buf, n, "%d months or %lld days old, whichever is later", after_months,
                 (long long)k->release_days);
    else
        snprintf(buf, n, "%d months old", after_months);
    return buf;
}

/* In words, how one kind of point (bkp_explain's archive[k]) moves to
 * vault-archive: the predicate ("move when 3 months old.") into t; nothing
 * if there are no such points. */
static void archive_here(const BkpArchiveKind k[2], int after_months, char *t, size_t n)
{
    if (!k[0].points && !k[1].points)
        return;
    static const char never[] = "never move: less than 6 months of retention would be left.";
    static const char some[] = "; those with less than 6 months of retention left then never move";
    char a[128], b[128];
    const BkpArchiveKind *x = &k[0], *y = &k[1];
    if (!x->points || !y->points) {          /* one kind only */
        const BkpArchiveKind *c = x->points ? x : y;
        if (!c->moves)
            snprintf(t, n, "%s", never);
        else
            snprintf(t, n, "move when %s%s%s.", fmt_arc_age(c, after_months, a, sizeof a),
                     c->by_age ? "" : c->weekly_release ? ", once the weekly rule releases them"
                                                        : ", once the daily rule releases them",
                     c->moves < c->points ? some : "");
    } else if (!x->moves && !y->moves) {
        snprintf(t, n, "%s", never);
    } else if (!x->moves) {
        snprintf(t, n, "move only if the weekly rule keeps them, when %s%s; the others never move.",
                 fmt_arc_age(y, after_months, a, sizeof a), y->moves < y->points ? some : "");
    } else {
        snprintf(t, n, "move when %s%s", fmt_arc_age(x, after_months, a, sizeof a),
                 x->by_age ? "" : ", once the daily rule releases them");
        if (!y->moves)
            cat(t, n, ", except those the weekly rule keeps, which never move");
        else if (strcmp(fmt_arc_age(y, after_months, b, sizeof b), a) != 0)
            cat(t, n, " (%s if the weekly rule keeps them)", b);
        cat(t, n, "%s.", x->moves < x->points || (y->moves && y->moves < y->points) ? some : "");
    }
}

static void explain_text(BkpTz *tz, const BkpPolicy *p, const BkpExplain *e, int64_t at)
{
    char a[128], b[128], c[128], t[1024];
    printf("policy %s%s\n\n", p->name, p->origin && p->origin->name_implicit ? " (named after the file)" : "");

    /* The promise: at each age, the finest points some rule keeps. Rules by
     * length; best[i] = the least RPO among rule i and the longer ones;
     * neighbours with the same best merge into the longer one. */
    BkpWhy order[BKP_WHY_COUNT];
    int nr = 0;
    for (int w = 0; w < BKP_WHY_COUNT; w++)
        if (e->on[w])
            order[nr++] = (BkpWhy)w;
    for (int i = 1; i < nr; i++)
        for (int j = i; j > 0 && keep_order(p, order[j]) < keep_order(p, order[j - 1]); j--) {
            BkpWhy x = order[j];
            order[j] = order[j - 1];
            order[j - 1] = x;
        }
    int64_t best[BKP_WHY_COUNT];
    for (int i = nr - 1; i >= 0; i--)
        best[i] = i == nr - 1 || e->rpo[order[i]] < best[i + 1] ? e->rpo[order[i]] : best[i + 1];
    int total = 0;
    for (int i = 0; i < nr; i++)
        total += !(i + 1 < nr && best[i + 1] == best[i]);
    t[0] = 0;
    cat(t, sizeof t, "Restore");
    int shown = 0;
    for (int i = 0; i < nr; i++) {
        if (i + 1 < nr && best[i + 1] == best[i])
            continue;
        int k = i;           /* the rule that gives this RPO */
        while (k < nr - 1 && e->rpo[order[k]] != best[i])
            k++;
        cat(t, sizeof t, "%s to within %s for %s (%ss)", shown == 0 ? "" : shown + 1 == total ? " and" : ",",
            fmt_span(best[i], a, sizeof a), fmt_keep(p, order[i], b, sizeof b), why_noun(order[k]));
        shown++;
    }
    cat(t, sizeof t, ".");
    wrapped("promise", t);

    line("type", "%s (%s)%s", p->enhanced ? "enhanced" : "standard", bkp_azure_policy_type(p->enhanced),
         dflt(bkp_policy_default(p, BKP_FIELD_TYPE)));
    const char *iana = bkp_tz_iana(tz, p->timezone);
    const char *written = p->origin ? p->origin->timezone_written : NULL;
    bool mapped = written && strcmp(written, p->timezone) != 0;
    if (strcmp(p->timezone, "UTC") == 0)
        line("time zone", "UTC%s", dflt(bkp_policy_default(p, BKP_FIELD_TIMEZONE)));
    else
        line("time zone", "%s, UTC%s%s", p->timezone, bkp_fmt_offset(e->std_offset, a, sizeof a),
             dflt(bkp_policy_default(p, BKP_FIELD_TIMEZONE)));
    if (mapped)
        line("", "written \"%s\", mapped to the Windows id Azure wants", written);
    if (iana && strcmp(p->timezone, "UTC") != 0)
        line("", "rules from the tz database zone %s", iana);
    if (!e->has_dst) {
        line("", "no daylight saving time in the year from %s", fmt_local(tz, p, at, false, a, sizeof a));
    } else {
        t[0] = 0;
        cat(t, sizeof t, "daylight saving time (UTC%s)", bkp_fmt_offset(e->std_offset + e->dst_amount, a, sizeof a));
        if (e->has_dst_start && e->dst_start <= at)
            cat(t, sizeof t, " since %s", fmt_edge(tz, p, e->dst_start, a, sizeof a));
        else if (e->has_dst_start)
            cat(t, sizeof t, " from %s", fmt_edge(tz, p, e->dst_start, a, sizeof a));
        if (e->has_dst_end)
            cat(t, sizeof t, " until %s", fmt_edge(tz, p, e->dst_end, a, sizeof a));
        cat(t, sizeof t, ": Azure does not move backups for it (bkpc explain-rule A8), so they keep their UTC time and "
                         "the clocks read %s %s than written while it lasts.",
            fmt_span(e->dst_amount, b, sizeof b), e->dst_amount < 0 ? "earlier" : "later");
        wrapped("", t);
    }

    if (p->crash_consistent)
        line("snapshots", "crash-consistent across all disks (OnlyCrashConsistent)");
    else
        line("snapshots", "application-consistent  (default)");
    if (p->snapshot_rg_prefix) {
        snprintf(t, sizeof t, "kept in resource groups named with the prefix \"%s\"%s%s%s",
                 p->snapshot_rg_prefix, p->snapshot_rg_suffix ? " and the suffix \"" : "",
                 p->snapshot_rg_suffix ? p->snapshot_rg_suffix : "", p->snapshot_rg_suffix ? "\"" : "");
        wrapped("", t);
    } else {
        line("", "in Azure's default resource group (AzureBackupRG_...)  (default)");
    }

    /* Schedule. */
    if (p->freq == BKP_FREQ_HOURLY)
        line("schedule", "every %d hours from %s for %d hours: %d backup%s a day", p->interval_hours,
             bkp_fmt_hhmm(p->time, a), p->window_hours, e->nruns, e->nruns == 1 ? "" : "s");
    else if (p->freq == BKP_FREQ_DAILY)
        line("schedule", "daily at %s: 1 backup a day", bkp_fmt_hhmm(p->time, a));
    else
        line("schedule", "weekly on %s at %s: %d backup%s a week", fmt_days(p->run_days, true, b, sizeof b),
             bkp_fmt_hhmm(p->time, a), e->run_days, e->run_days == 1 ? "" : "s");
    bool plus = false, minus = false, two = false;
    for (int row = 0; row < 2; row++) {
        t[0] = 0;
        for (int i = 0; i < e->nruns; i++) {
            int m = row == 0 ? e->runs[i].minute : e->utc_minute[i];
            int dd = row == 0 ? e->runs[i].minute / 1440 : e->utc_day[i];
            plus |= dd > 0;
            minus |= dd < 0;
            two |= dd > 1;
            char sh[8] = "";
            if (dd)
                snprintf(sh, sizeof sh, "%+d", dd);
            cat(t, sizeof t, "%s%s%s", i ? "  " : "", bkp_fmt_hhmm(m, a), dd ? sh : i + 1 < e->nruns ? "  " : "");
        }
        size_t len = strlen(t);        /* no trailing blanks */
        while (len && t[len - 1] == ' ')
            t[--len] = 0;
        line("", "  %-6s%s", row == 0 ? "local" : "UTC", t);
    }
    /* What +1, +2 and -1 mean, and for weekly schedules the days in UTC.
     * (-1 needs a zone ahead of UTC, +2 one behind it: never both.) */
    t[0] = 0;
    if (two)
        cat(t, sizeof t, "(+1/+2: one/two days after the schedule's day");
    else if (plus || minus)
        cat(t, sizeof t, "(%s: the day %s the schedule's day",
            plus && minus ? "+1/-1" : plus ? "+1" : "-1", plus && minus ? "after/before" : plus ? "after" : "before");
    int shift = e->nruns ? e->utc_day[0] : 0;     /* weekly: the one run */
    if (shift && p->freq == BKP_FREQ_WEEKLY) {
        BkpDaySet ud = 0;
        for (int d = 0; d < 7; d++)
            if (p->run_days >> d & 1)
                ud |= (BkpDaySet)(1u << ((d + shift + 7) % 7));
        cat(t, sizeof t, "; in UTC: %s", fmt_days(ud, true, a, sizeof a));
    }
    if (t[0])
        cat(t, sizeof t, ")");
    if (e->nruns > 1) {
        int v = e->nruns - 1;
        for (int i = 0; i < e->nruns; i++)
            if (e->runs[i].to_vault)
                v = i;
        cat(t, sizeof t,
            "%sThe last backup of each window, %s%s, is transferred to the vault; the others stay "
            "snapshots only (bkpc explain-rule B12).%s",
            t[0] ? " " : "", bkp_fmt_hhmm(e->runs[v].minute, a), e->runs[v].minute >= 1440 ? "+1" : "",
            e->runs[v].minute >= 1440 ? " Retention rules count it as the point of the day its window opened."
                                     : "");
    } else {
        cat(t, sizeof t, "%sEach backup is a snapshot first, then transferred to the vault.", t[0] ? " " : "");
    }
    wrapped("", t);

    /* Retention. */
    char lead[200];
    snprintf(lead, sizeof lead, "%-14s%-11s%-11s", "retention", "snapshots", fmt_keep(p, BKP_WHY_SNAPSHOT, a, sizeof a));
    snprintf(t, sizeof t, "every backup, in the snapshot tier%s", dflt(bkp_policy_default(p, BKP_FIELD_SNAPSHOTS)));
    wrapped_at(lead, 36, t);
    if (p->daily.on) {
        snprintf(lead, sizeof lead, "%-14s%-11s%-11s", "", "daily", fmt_keep(p, BKP_WHY_DAILY, a, sizeof a));
        snprintf(t, sizeof t, "every vault point%s", dflt(bkp_policy_default(p, BKP_FIELD_DAILY)));
        wrapped_at(lead, 36, t);
    }
    if (p->weekly.on) {
        snprintf(lead, sizeof lead, "%-14s%-11s%-11s", "", "weekly", fmt_keep(p, BKP_WHY_WEEKLY, a, sizeof a));
        snprintf(t, sizeof t, "the vault points of %s%s", fmt_days(p->weekly.days, true, b, sizeof b),
                 bkp_policy_default(p, BKP_FIELD_WEEKLY) ? "  (default)" : bkp_policy_default(p, BKP_FIELD_WEEKLY_DAYS) ? "  (days: default)" : "");
        wrapped_at(lead, 36, t);
    }
    if (p->monthly.on) {
        snprintf(lead, sizeof lead, "%-14s%-11s%-11s", "", "monthly", fmt_keep(p, BKP_WHY_MONTHLY, a, sizeof a));
        snprintf(t, sizeof t, "the vault points of %s of each month: %d calendar months%s",
                 fmt_longterm_on(&p->monthly, b, sizeof b), p->monthly.count, "");
        wrapped_at(lead, 36, t);
    }
    if (p->yearly.on) {
        snprintf(lead, sizeof lead, "%-14s%-11s%-11s", "", "yearly", fmt_keep(p, BKP_WHY_YEARLY, a, sizeof a));
        snprintf(t, sizeof t, "the vault points of %s in %s: calendar years%s",
                 fmt_longterm_on(&p->yearly, b, sizeof b), fmt_months(p->yearly.months, c, sizeof c),
                 "");
        wrapped_at(lead, 36, t);
    }
    wrapped("", "A point kept by several rules is one recovery point, kept until the last of them expires.");

    /* RPO. */
    line("RPO", "worst-case data loss: the longest gap between two points of a kind");
    for (int w = 0; w < BKP_WHY_COUNT; w++) {
        if (!e->on[w])
            continue;
        char what[32] = "all backups";
        if (w != BKP_WHY_SNAPSHOT)
            snprintf(what, sizeof what, "%ss", why_noun((BkpWhy)w));
        line("", "%-15s %-9s while kept, %s", what, fmt_span(e->rpo[w], a, sizeof a),
             fmt_keep(p, (BkpWhy)w, b, sizeof b));
    }

    /* Tiering. */
    if (p->archive == BKP_ARCHIVE_AFTER || p->archive == BKP_ARCHIVE_RECOMMENDED) {
        t[0] = 0;
        if (p->archive == BKP_ARCHIVE_AFTER)
            cat(t, sizeof t, "archive after %d months (TierAfter): ", p->archive_months);
        else
            cat(t, sizeof t, "archive recommended (TierRecommended): Azure moves the points its "
                             "recommendation picks from the VM's churn, which bkpc cannot know; it shows "
                             "every eligible point as moved: ");
        cat(t, sizeof t,
            "a monthly or yearly point moves to vault-archive %d months after it is taken, once no daily "
            "or weekly rule keeps it, if %d months of its retention are left then; else it stays in "
            "vault-standard. Daily and weekly points are never archived.",
            e->archive_after_months, BKP_ARCHIVE_MIN_LEFT_MONTHS);
        wrapped("tiering", t);
        /* The same sentence for both kinds is said once. */
        char m[256] = "", y[256] = "";
        archive_here(e->archive[0], e->archive_after_months, m, sizeof m);
        archive_here(e->archive[1], e->archive_after_months, y, sizeof y);
        t[0] = 0;
        if (m[0] && y[0] && strcmp(m, y) == 0)
            cat(t, sizeof t, "Here monthly and yearly points %s", m);
        else if (m[0] || y[0])
            cat(t, sizeof t, "%s%s%s%s%s", m[0] ? "Here monthly points " : "", m, m[0] && y[0] ? " " : "",
                y[0] ? "Here yearly points " : "", y);
        if (t[0])
            wrapped("", t);
    } else {
        line("tiering", "none: vault points stay in vault-standard (%s)%s",
             bkp_policy_default(p, BKP_FIELD_ARCHIVE) ? "DoNotTier" : "archive never", dflt(bkp_policy_default(p, BKP_FIELD_ARCHIVE)));
    }

    /* Defaults. */
    t[0] = 0;
    if (bkp_policy_default(p, BKP_FIELD_TYPE))
        cat(t, sizeof t, "%stype enhanced", t[0] ? "; " : "");
    if (bkp_policy_default(p, BKP_FIELD_TIMEZONE))
        cat(t, sizeof t, "%stime zone UTC", t[0] ? "; " : "");
    if (bkp_policy_default(p, BKP_FIELD_SNAPSHOTS))
        cat(t, sizeof t, "%ssnapshots %d days", t[0] ? "; " : "", p->snapshot_days);
    if (p->daily.on && bkp_policy_default(p, BKP_FIELD_DAILY))
        cat(t, sizeof t, "%sdaily %d days", t[0] ? "; " : "", p->daily.days);
    if (p->weekly.on && bkp_policy_default(p, BKP_FIELD_WEEKLY))
        cat(t, sizeof t, "%sweekly %d weeks on %s", t[0] ? "; " : "", p->weekly.weeks,
            fmt_days(p->weekly.days, false, a, sizeof a));
    else if (p->weekly.on && bkp_policy_default(p, BKP_FIELD_WEEKLY_DAYS))
        cat(t, sizeof t, "%sweekly on %s", t[0] ? "; " : "", fmt_days(p->weekly.days, false, a, sizeof a));
    if (bkp_policy_default(p, BKP_FIELD_ARCHIVE))
        cat(t, sizeof t, "%sno archive tiering", t[0] ? "; " : "");
    if (!p->crash_consistent)
        cat(t, sizeof t, "%sapplication-consistent snapshots", t[0] ? "; " : "");
    if (!p->snapshot_rg_prefix)
        cat(t, sizeof t, "%sthe default snapshot resource group", t[0] ? "; " : "");
    wrapped("defaults", t[0] ? t : "none: every value is written");
}

/* --- next ----------------------------------------------------------------------- */

static void next_text(BkpTz *tz, const BkpPolicy *p, int64_t from, const BkpBackup *v, int n)
{
    char a[64], b[64], c[128];
    int off = bkp_tz_offset(tz, p->timezone, from, NULL);
    printf("next %d backup%s of %s from %s (UTC%s) = %s\n\n", n, n == 1 ? "" : "s", p->name,
           fmt_local(tz, p, from, false, a, sizeof a), bkp_fmt_offset(off, c, sizeof c),
           fmt_utc(from, b, sizeof b));
    char zh[160];
    snprintf(zh, sizeof zh, "local (%s)", p->timezone);
    int wl = (int)strlen(zh);
    if (wl < 29)
        wl = 29;       /* "Sun 2026-03-15 08:00 +05:30 *" */
    printf("  %-*s  %-17s  %-5s  %s\n", wl, zh, "UTC", "vault", "kept as");
    int shifted = 0;
    for (int i = 0; i < n; i++) {
        char loc[64], o[16], row[96];
        fmt_local(tz, p, v[i].utc, true, loc, sizeof loc);
        bool sh = bkp_backup_shifted(&v[i]);
        shifted += sh;
        snprintf(row, sizeof row, "%s %s%s", loc, bkp_fmt_offset(v[i].offset, o, sizeof o), sh ? " *" : "");
        printf("  %-*s  %-17s  %-5s  %s\n", wl, row, fmt_utc(v[i].utc, a, sizeof a), v[i].to_vault ? "vault" : "-",
               fmt_kept(tz, p, &v[i], v[i].why, c, sizeof c));
    }
    if (shifted)
        printf("\n%s", dst_note);
}

/* --- simulate ------------------------------------------------------------------- */

static void sim_text(BkpTz *tz, const BkpPolicy *p, const BkpSim *sim)
{
    char a[64], b[64], c[128], d[128];
    char o[16];
    printf("recovery points of %s at %s (UTC%s) = %s\n", p->name, fmt_local(tz, p, sim->at, false, a, sizeof a),
           bkp_fmt_offset(bkp_tz_offset(tz, p->timezone, sim->at, NULL), o, sizeof o), fmt_utc(sim->at, b, sizeof b));
    printf("if it has run since %s (UTC%s) = %s%s\n\n", fmt_local(tz, p, sim->since, false, a, sizeof a),
           bkp_fmt_offset(bkp_tz_offset(tz, p->timezone, sim->since, NULL), o, sizeof o),
           fmt_utc(sim->since, b, sizeof b), sim->since_default ? ", long enough to fill every rule (default)" : "");
    if (sim->npoints == 0) {
        printf("no recovery points\n");
    } else {
        char zh[160];
        snprintf(zh, sizeof zh, "taken (%s)", p->timezone);
        int wl = (int)strlen(zh), wt = 5, we = 16;   /* "tiers", "2026-03-25 08:00" */
        if (wl < 22)
            wl = 22;
        for (size_t i = 0; i < sim->npoints; i++) {
            int t = (int)strlen(fmt_tiers(sim->points[i].tiers, c, sizeof c));
            if (t > wt)
                wt = t;
        }
        printf("  %-*s  %-17s  %-*s  %-*s  %s\n", wl, zh, "UTC", wt, "tiers", we, "expires (local)", "kept as");
        for (size_t i = 0; i < sim->npoints; i++) {
            const BkpPoint *pt = &sim->points[i];
            char loc[64], row[96];
            fmt_local(tz, p, pt->b.utc, true, loc, sizeof loc);
            snprintf(row, sizeof row, "%s%s", loc, bkp_backup_shifted(&pt->b) ? " *" : "");
            printf("  %-*s  %-17s  %-*s  %-*s  %s\n", wl, row, fmt_utc(pt->b.utc, a, sizeof a), wt,
                   fmt_tiers(pt->tiers, c, sizeof c), we, fmt_local(tz, p, pt->expires, false, b, sizeof b),
                   fmt_kept(tz, p, &pt->b, pt->why, d, sizeof d));
        }
    }
    printf("\n%zu recovery point%s: %zu in snapshot, %zu in vault-standard, %zu in vault-archive\n", sim->npoints,
           sim->npoints == 1 ? "" : "s", sim->tier_count[BKP_TIER_SNAPSHOT], sim->tier_count[BKP_TIER_STANDARD],
           sim->tier_count[BKP_TIER_ARCHIVE]);
    printf("kept as: %zu snapshot", sim->why_count[BKP_WHY_SNAPSHOT]);
    for (int w = BKP_WHY_DAILY; w < BKP_WHY_COUNT; w++)
        if (sim->why_count[w])
            printf(", %zu %s", sim->why_count[w], bkp_why_name((BkpWhy)w));
    printf("\n(a point in two tiers, or kept for several reasons, counts in each)\n");
    if (sim->archive_assumed)
        printf("archive recommended: every eligible point is shown in vault-archive; Azure moves\n"
               "only those its recommendation picks from the VM's churn (docs/semantics.md)\n");
    if (sim->shifted)
        printf("\n%s", dst_note);
}

/* --- the commands ----------------------------------------------------------------- */

static const CliOpt options[] = {
    {'h', "help", false, OPT_HELP},   {'p', "policy", true, OPT_POLICY}, {'f', "format", true, OPT_FORMAT},
    {0, "at", true, OPT_AT},          {0, "from", true, OPT_FROM},       {0, "since", true, OPT_SINCE},
    {'n', "count", true, OPT_COUNT},
};

static bool allowed(Cmd cmd, int id)
{
    switch (id) {
    case OPT_AT: return cmd == CMD_EXPLAIN || cmd == CMD_SIMULATE;
    case OPT_FROM: return cmd == CMD_NEXT;
    case OPT_SINCE: return cmd == CMD_SIMULATE;
    case OPT_COUNT: return cmd == CMD_NEXT;
    default: return true;
    }
}

/* TIME's syntax, checked before the file is read (the zone comes later). */
static bool time_syntax_ok(const char *s)
{
    BkpPolicy utc;
    memset(&utc, 0, sizeof utc);
    utc.timezone = "UTC";
    int64_t t;
    return bkp_interp_parse_time(NULL, &utc, s, &t) == 0;
}

static int parse_args(Args *a, int argc, char **argv)
{
    static const char *const helps[3] = {explain_help, next_help, simulate_help};
    CliOpts o;
    cli_opts_init(&o, a->name, argc, argv);
    CliOpt mine[sizeof options / sizeof options[0]];
    int nopts = 0;
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        if (allowed(a->cmd, options[i].id))
            mine[nopts++] = options[i];
    for (int id; (id = cli_opts_next(&o, mine, nopts)) != CLI_OPT_END;) {
        switch (id) {
        case OPT_HELP: fputs(helps[a->cmd], stdout); return -1;
        case OPT_POLICY: a->policy = o.value; break;
        case OPT_FORMAT:
            if (strcmp(o.value, "text") == 0)
                a->json = false;
            else if (strcmp(o.value, "json") == 0)
                a->json = true;
            else
                return cli_usage_error(a->name, "unknown format '%s' (text or json)", o.value);
            break;
        case OPT_AT: a->at = o.value; break;
        case OPT_FROM: a->from = o.value; break;
        case OPT_SINCE: a->since = o.value; break;
        case OPT_COUNT:
            if (!cli_parse_uint(o.value, BKP_NEXT_MAX, &a->count) || a->count < 1)
                return cli_usage_error(a->name, "-n wants a number from 1 to %d, not '%s'", BKP_NEXT_MAX, o.value);
            break;
        case CLI_OPT_ARG:
            if (a->file)
                return cli_usage_error(a->name, "one input file at a time");
            a->file = o.value;
            break;
        default: return EXIT_USAGE;    /* CLI_OPT_ERROR: reported */
        }
    }
    if (!a->file)
        return cli_usage_error(a->name, "no input file");
    if (a->cmd == CMD_SIMULATE && !a->at)
        return cli_usage_error(a->name, "--at TIME is required");
    const char *times[3] = {a->at, a->from, a->since};
    const char *names[3] = {"--at", "--from", "--since"};
    for (int i = 0; i < 3; i++)
        if (times[i] && !time_syntax_ok(times[i]))
            return cli_usage_error(a->name,
                                   "%s wants YYYY-MM-DD or YYYY-MM-DDTHH:MM (policy time zone), or either "
                                   "with a final Z (UTC); years %d-%d; not '%s'",
                                   names[i], BKP_TIME_MIN_YEAR, BKP_TIME_MAX_YEAR, times[i]);
    return EXIT_CLEAN;
}

static int run(Cmd cmd, const char *name, int argc, char **argv)
{
    Args a;
    memset(&a, 0, sizeof a);
    a.cmd = cmd;
    a.name = name;
    a.count = 10;
    int status = parse_args(&a, argc, argv);
    if (status < 0)
        return EXIT_CLEAN;       /* --help */
    if (status != EXIT_CLEAN)
        return status;

    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    BkpSource *src = NULL;
    BkpProgram *prog = cli_load(&ctx, a.file, &src, &status);
    const BkpPolicy *p = prog ? cli_pick_policy(prog, a.policy, &status) : NULL;
    if (!p) {
        if (!prog && status == EXIT_ERRORS)
            fprintf(stderr, "bkpc: %u error%s\n", ctx.diags.errors, ctx.diags.errors == 1 ? "" : "s");
        bkp_ctx_free(&ctx);
        bkp_source_free(src);
        return status;
    }
    BkpTz *tz = bkp_ctx_tz(&ctx);
    int64_t now = (int64_t)time(NULL);
    int64_t at = now, from = now, since = 0;
    if (a.at)
        bkp_interp_parse_time(tz, p, a.at, &at);
    if (a.from)
        bkp_interp_parse_time(tz, p, a.from, &from);
    if (a.since)
        bkp_interp_parse_time(tz, p, a.since, &since);

    status = EXIT_CLEAN;
    if (cmd == CMD_EXPLAIN) {
        BkpExplain e;
        bkp_explain(tz, p, at, &e);
        if (a.json)
            status = write_json(bkp_explain_json(tz, p, &e, at));
        else
            explain_text(tz, p, &e, at);
    } else if (cmd == CMD_NEXT) {
        BkpBackup *v = malloc((size_t)a.count * sizeof *v);
        if (!v) {
            fprintf(stderr, "bkpc: out of memory\n");
            status = EXIT_USAGE;
        } else {
            int n = bkp_interp_next(tz, p, from, (int)a.count, v);
            if (a.json)
                status = write_json(bkp_next_json(tz, p, from, v, n));
            else
                next_text(tz, p, from, v, n);
            free(v);
        }
    } else {
        if (a.since && since > at) {
            status = cli_usage_error(name, "--since %s is after --at %s", a.since, a.at);
        } else {
            BkpSim sim;
            if (bkp_simulate(tz, p, at, a.since ? &since : NULL, &sim) != 0) {
                fprintf(stderr, "bkpc: out of memory\n");
                status = EXIT_USAGE;
            } else {
                if (a.json && bkp_sim_json_write(tz, p, &sim, stdout) != 0) {
                    fprintf(stderr, "bkpc: cannot write standard output\n");
                    status = EXIT_USAGE;
                } else if (!a.json) {
                    sim_text(tz, p, &sim);
                }
                bkp_sim_free(&sim);
            }
        }
    }
    if (status == EXIT_CLEAN && (fflush(stdout) != 0 || ferror(stdout))) {
        fprintf(stderr, "bkpc: cannot write standard output: %s\n", strerror(errno ? errno : EIO));
        status = EXIT_USAGE;
    }
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
    return status;
}

int cmd_explain(int argc, char **argv)
{
    return run(CMD_EXPLAIN, "explain", argc, argv);
}

int cmd_next(int argc, char **argv)
{
    return run(CMD_NEXT, "next", argc, argv);
}

int cmd_simulate(int argc, char **argv)
{
    return run(CMD_SIMULATE, "simulate", argc, argv);
}
