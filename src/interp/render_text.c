/* render_text.c — the interpreter's results as text for people: aligned
 * tables (next, simulate) and sentences wrapped at 79 columns (explain).
 * It writes the facts of BkpExplain, BkpNext and BkpSim and computes none;
 * render_json.c writes the same facts as JSON. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bkpc/textwrap.h"
#include "internal.h"

/* --- words ------------------------------------------------------------------------ */

static const char *why_name(int i) { return bkp_why_name((BkpWhy)i); }
static const char *tier_name(int i) { return bkp_tier_name((BkpTier)i); }

/* The names of the members of `set` (bit i = name(i), i < count), `sep`
 * between them. */
static char *join(unsigned set, int count, const char *(*name)(int), const char *sep, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
    for (int i = 0; i < count && len < n; i++)
        if (set >> i & 1)
            len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? sep : "", name(i));
    return buf;
}

/* "daily, weekly": the rules that keep a backup, and, for a vault backup
 * taken on another local date than its schedule day, the day the rules
 * count it for: "daily, weekly (of Sun 03-29)". */
static char *fmt_kept(const BkpBackup *b, unsigned why, char *buf, size_t n)
{
    join(why, BKP_WHY_COUNT, why_name, ", ", buf, n);
    if (!b->to_vault || !(why & ~(1u << BKP_WHY_SNAPSHOT)) || !bkp_backup_other_day(b))
        return buf;
    int y, m, d;
    bkp_civil_from_days(b->day, &y, &m, &d);
    size_t len = strlen(buf);
    snprintf(buf + len, len < n ? n - len : 0, " (of %.3s %02d-%02d)",
             bkp_word_name(BKP_WORD_WEEKDAY, bkp_weekday(b->day), BKP_SPELL_AZURE), m, d);
    return buf;
}

/* "Sunday and Wednesday" (full) or "sun and wed". */
static char *fmt_days(BkpDaySet days, bool full, char *buf, size_t n)
{
    return bkp_words_join(buf, n, BKP_WORD_WEEKDAY, days, full ? BKP_SPELL_PROSE : BKP_SPELL_BKP, ", ", " and ");
}

/* "the first and third Saturday", "days 1, 15 and last" */
static char *fmt_longterm_on(const BkpLongTerm *lt, char *buf, size_t n)
{
    char a[96], b[96];
    if (lt->format == BKP_FORMAT_WEEKLY) {
        snprintf(buf, n, "the %s %s",
                 bkp_words_join(a, sizeof a, BKP_WORD_WEEK, lt->weeks, BKP_SPELL_PROSE, ", ", " and "),
                 fmt_days(lt->days, true, b, sizeof b));
        return buf;
    }
    uint32_t dates = bkp_longterm_dates(lt);
    snprintf(buf, n, "day%s %s", dates & (dates - 1) ? "s" : "",
             bkp_words_join(a, sizeof a, BKP_WORD_DAY, dates, BKP_SPELL_PROSE, ", ", " and "));
    return buf;
}

/* "local", "2026-03-15 08:00", with "Sun " (weekday): the zone's clock. */
static char *fmt_local(int64_t t, int offset, bool weekday, char *buf, size_t n)
{
    return bkp_fmt_clock(t, offset, weekday ? BKP_CLOCK_WEEKDAY : 0, buf, n);
}

/* "2026-03-15 02:30Z" */
static char *fmt_utc(int64_t t, char *buf, size_t n)
{
    return bkp_fmt_clock(t, 0, BKP_CLOCK_Z, buf, n);
}

/* "2026-03-15 08:00 (UTC+05:30) = 2026-03-15 02:30Z" */
static char *fmt_both(int64_t t, int offset, char *buf, size_t n)
{
    char a[BKP_CLOCK_MAX], b[BKP_CLOCK_MAX], o[16];
    snprintf(buf, n, "%s (UTC%s) = %s", fmt_local(t, offset, false, a, sizeof a),
             bkp_fmt_offset(offset, o, sizeof o), fmt_utc(t, b, sizeof b));
    return buf;
}

static const char dst_note[] =
    "* daylight saving time is in force: Azure does not move backups for it\n"
    "  (bkpc explain-rule A8), so they keep their UTC time and the clocks read\n"
    "  the written time plus the DST amount. See docs/semantics.md.\n";

/* The end of a text: 0, or -1 if a write failed. */
static int done(FILE *out)
{
    return fflush(out) != 0 || ferror(out) ? -1 : 0;
}

/* --- next ----------------------------------------------------------------------- */

int bkp_next_text(const BkpNext *next, FILE *out)
{
    const BkpPolicy *p = next->policy;
    char a[96], b[BKP_CLOCK_MAX], c[128];
    fprintf(out, "next %d backup%s of %s from %s\n\n", next->n, next->n == 1 ? "" : "s", p->name,
            fmt_both(next->from, next->from_offset, a, sizeof a));
    char zh[160];
    snprintf(zh, sizeof zh, "local (%s)", p->timezone);
    int wl = (int)strlen(zh);
    if (wl < 29)
        wl = 29;       /* "Sun 2026-03-15 08:00 +05:30 *" */
    fprintf(out, "  %-*s  %-17s  %-5s  %s\n", wl, zh, "UTC", "vault", "kept as");
    int shifted = 0;
    for (int i = 0; i < next->n; i++) {
        const BkpBackup *v = &next->backups[i].b;
        char o[16], row[96];
        bool sh = bkp_backup_shifted(v);
        shifted += sh;
        snprintf(row, sizeof row, "%s %s%s", fmt_local(v->utc, v->offset, true, a, sizeof a),
                 bkp_fmt_offset(v->offset, o, sizeof o), sh ? " *" : "");
        fprintf(out, "  %-*s  %-17s  %-5s  %s\n", wl, row, fmt_utc(v->utc, b, sizeof b),
                v->to_vault ? "vault" : "-", fmt_kept(v, v->why, c, sizeof c));
    }
    if (shifted)
        fprintf(out, "\n%s", dst_note);
    return done(out);
}

/* --- simulate ------------------------------------------------------------------- */

static void sim_table(const BkpSim *sim, FILE *out)
{
    char a[BKP_CLOCK_MAX], b[BKP_CLOCK_MAX], c[128], d[128];
    char zh[160];
    snprintf(zh, sizeof zh, "taken (%s)", sim->policy->timezone);
    int wl = (int)strlen(zh), wt = 5, we = 16;   /* "tiers", "2026-03-25 08:00" */
    if (wl < 22)
        wl = 22;
    for (size_t i = 0; i < sim->npoints; i++) {
        int t = (int)strlen(join(sim->points[i].tiers, BKP_TIER_COUNT, tier_name, "+", c, sizeof c));
        if (t > wt)
            wt = t;
    }
    fprintf(out, "  %-*s  %-17s  %-*s  %-*s  %s\n", wl, zh, "UTC", wt, "tiers", we, "expires (local)", "kept as");
    for (size_t i = 0; i < sim->npoints; i++) {
        const BkpPoint *pt = &sim->points[i];
        char row[96];
        snprintf(row, sizeof row, "%s%s", fmt_local(pt->b.utc, pt->b.offset, true, a, sizeof a),
                 bkp_backup_shifted(&pt->b) ? " *" : "");
        fprintf(out, "  %-*s  %-17s  %-*s  %-*s  %s\n", wl, row, fmt_utc(pt->b.utc, b, sizeof b), wt,
                join(pt->tiers, BKP_TIER_COUNT, tier_name, "+", c, sizeof c), we,
                fmt_local(pt->expires, pt->expires_offset, false, a, sizeof a), fmt_kept(&pt->b, pt->why, d, sizeof d));
    }
}

int bkp_sim_text(const BkpSim *sim, FILE *out)
{
    char a[96];
    fprintf(out, "recovery points of %s at %s\n", sim->policy->name, fmt_both(sim->at, sim->at_offset, a, sizeof a));
    fprintf(out, "if it has run since %s%s\n\n", fmt_both(sim->since, sim->since_offset, a, sizeof a),
            sim->since_default ? ", long enough to fill every rule (default)" : "");
    if (sim->npoints == 0)
        fprintf(out, "no recovery points\n");
    else
        sim_table(sim, out);
    fprintf(out, "\n%zu recovery point%s: %zu in snapshot, %zu in vault-standard, %zu in vault-archive\n",
            sim->npoints, sim->npoints == 1 ? "" : "s", sim->tier_count[BKP_TIER_SNAPSHOT],
            sim->tier_count[BKP_TIER_STANDARD], sim->tier_count[BKP_TIER_ARCHIVE]);
    fprintf(out, "kept as: %zu snapshot", sim->why_count[BKP_WHY_SNAPSHOT]);
    for (int w = BKP_WHY_DAILY; w < BKP_WHY_COUNT; w++)
        if (sim->why_count[w])
            fprintf(out, ", %zu %s", sim->why_count[w], bkp_why_name((BkpWhy)w));
    fprintf(out, "\n(a point in two tiers, or kept for several reasons, counts in each)\n");
    if (sim->archive_assumed)
        fprintf(out, "archive recommended: every eligible point is shown in vault-archive; Azure moves\n"
                     "only those its recommendation picks from the VM's churn (docs/semantics.md)\n");
    if (sim->shifted)
        fprintf(out, "\n%s", dst_note);
    return done(out);
}

/* --- explain: layout ------------------------------------------------------------- */

static void line(FILE *out, const char *label, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void line(FILE *out, const char *label, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(out, "%-14s", label);
    vfprintf(out, fmt, ap);
    fputc('\n', out);
    va_end(ap);
}

/* A block of explain: its label, then text wrapped at 79 columns. */
static void wrapped(FILE *out, const char *label, const char *text)
{
    bkp_wrap(out, label, 14, 79, text);
}

static const char *dflt(bool is_default)
{
    return is_default ? "  (default)" : "";
}

static bool is_default(const BkpExplain *e, BkpField f)
{
    return bkp_policy_default(e->policy, f);
}

static const char *why_noun(BkpWhy w)
{
    static const char *const n[BKP_WHY_COUNT] = {"snapshot", "daily point", "weekly point", "monthly point",
                                                 "yearly point"};
    return n[w];
}

/* --- explain: the parts ------------------------------------------------------------ */

static void explain_promise(const BkpExplain *e, FILE *out)
{
    char a[64], b[64], t[1024] = "Restore";
    for (int i = 0; i < e->npromise; i++) {
        const BkpPromise *s = &e->promise[i];
        bkp_catf(t, sizeof t, "%s to within %s for %s (%ss)", i == 0 ? "" : i + 1 == e->npromise ? " and" : ",",
                 bkp_fmt_span(s->rpo, a, sizeof a), bkp_keep_text(e->keep[s->rule], b, sizeof b), why_noun(s->points));
    }
    bkp_catf(t, sizeof t, ".");
    wrapped(out, "promise", t);
}

static void explain_dst(const BkpExplain *e, FILE *out)
{
    char a[BKP_CLOCK_MAX], b[64], t[1024] = "";
    if (!e->has_dst) {
        line(out, "", "no daylight saving time in the year from %s", fmt_local(e->at, e->at_offset, false, a, sizeof a));
        return;
    }
    bkp_catf(t, sizeof t, "daylight saving time (UTC%s)", bkp_fmt_offset(e->std_offset + e->dst_amount, a, sizeof a));
    if (e->has_dst_start)       /* the clocks just before the change */
        bkp_catf(t, sizeof t, " %s %s", e->dst_start <= e->at ? "since" : "from",
                 fmt_local(e->dst_start, e->dst_start_before, false, a, sizeof a));
    if (e->has_dst_end)
        bkp_catf(t, sizeof t, " until %s", fmt_local(e->dst_end, e->dst_end_before, false, a, sizeof a));
    bkp_catf(t, sizeof t, ": Azure does not move backups for it (bkpc explain-rule A8), so they keep their UTC time and "
                     "the clocks read %s %s than written while it lasts.",
             bkp_fmt_span(e->dst_amount, b, sizeof b), e->dst_amount < 0 ? "earlier" : "later");
    wrapped(out, "", t);
}

static void explain_type(const BkpExplain *e, FILE *out)
{
    const BkpPolicy *p = e->policy;
    line(out, "type", "%s (%s)%s", p->enhanced ? "enhanced" : "standard", bkp_azure_policy_type(p->enhanced),
         dflt(is_default(e, BKP_FIELD_TYPE)));
}

static void explain_zone(const BkpExplain *e, FILE *out)
{
    const BkpPolicy *p = e->policy;
    char a[16];
    bool utc = strcmp(p->timezone, "UTC") == 0;
    if (utc)
        line(out, "time zone", "UTC%s", dflt(is_default(e, BKP_FIELD_TIMEZONE)));
    else
        line(out, "time zone", "%s, UTC%s%s", p->timezone, bkp_fmt_offset(e->std_offset, a, sizeof a),
             dflt(is_default(e, BKP_FIELD_TIMEZONE)));
    if (e->zone_mapped)
        line(out, "", "written \"%s\", mapped to the Windows id Azure wants", e->zone_written);
    if (e->iana && !utc)
        line(out, "", "rules from the tz database zone %s", e->iana);
    explain_dst(e, out);
}

static void explain_snapshots(const BkpExplain *e, FILE *out)
{
    const BkpPolicy *p = e->policy;
    if (p->crash_consistent)
        line(out, "snapshots", "crash-consistent across all disks (%s)", bkp_azure_consistency(true));
    else
        line(out, "snapshots", "application-consistent%s", dflt(is_default(e, BKP_FIELD_CONSISTENCY)));
    if (p->snapshot_rg_prefix) {
        char t[1024];
        snprintf(t, sizeof t, "kept in resource groups named with the prefix \"%s\"%s%s%s", p->snapshot_rg_prefix,
                 p->snapshot_rg_suffix ? " and the suffix \"" : "", p->snapshot_rg_suffix ? p->snapshot_rg_suffix : "",
                 p->snapshot_rg_suffix ? "\"" : "");
        wrapped(out, "", t);
    } else {
        line(out, "", "in Azure's default resource group (AzureBackupRG_...)%s",
             dflt(is_default(e, BKP_FIELD_SNAPSHOT_RG)));
    }
}

/* The runs of a schedule day, local (row 0) or in UTC (row 1): "08:00
 * 12:00  00:00+1"; *shifts gets bit 0 for a +1, 1 for a -1, 2 for a +2. */
static void run_row(const BkpExplain *e, int row, unsigned *shifts, FILE *out)
{
    char t[512] = "", a[6];
    for (int i = 0; i < e->nruns; i++) {
        int m = row == 0 ? e->runs[i].minute : e->utc_minute[i];
        int dd = row == 0 ? e->runs[i].minute / 1440 : e->utc_day[i];
        *shifts |= (dd > 0) | (dd < 0) << 1 | (dd > 1) << 2;
        char sh[8] = "";
        if (dd)
            snprintf(sh, sizeof sh, "%+d", dd);
        bkp_catf(t, sizeof t, "%s%s%s", i ? "  " : "", bkp_fmt_hhmm(m, a), dd ? sh : i + 1 < e->nruns ? "  " : "");
    }
    size_t len = strlen(t);        /* no trailing blanks */
    while (len && t[len - 1] == ' ')
        t[--len] = 0;
    line(out, "", "  %-6s%s", row == 0 ? "local" : "UTC", t);
}

static void explain_schedule(const BkpExplain *e, FILE *out)
{
    const BkpPolicy *p = e->policy;
    char a[160], t[1024] = "";
    bool weekly = p->freq == BKP_FREQ_WEEKLY;
    int n = weekly ? e->run_days : e->nruns;
    line(out, "schedule", "%s: %d backup%s a %s", bkp_sched_describe(p, a, sizeof a), n, n == 1 ? "" : "s",
         weekly ? "week" : "day");
    unsigned shifts = 0;
    run_row(e, 0, &shifts, out);
    run_row(e, 1, &shifts, out);
    /* What +1, +2 and -1 mean, and for weekly schedules the days in UTC.
     * (-1 needs a zone ahead of UTC, +2 one behind it: never both.) */
    bool plus = shifts & 1, minus = shifts & 2;
    if (shifts & 4)
        bkp_catf(t, sizeof t, "(+1/+2: one/two days after the schedule's day");
    else if (plus || minus)
        bkp_catf(t, sizeof t, "(%s: the day %s the schedule's day", plus && minus ? "+1/-1" : plus ? "+1" : "-1",
                 plus && minus ? "after/before" : plus ? "after" : "before");
    if (weekly && e->nruns && e->utc_day[0])
        bkp_catf(t, sizeof t, "; in UTC: %s", fmt_days(e->utc_run_days, true, a, sizeof a));
    if (t[0])
        bkp_catf(t, sizeof t, ")");
    if (e->nruns > 1) {
        const BkpRun *v = &e->runs[e->vault_run];
        bkp_catf(t, sizeof t,
                 "%sThe last backup of each window, %s%s, is transferred to the vault; the others stay "
                 "snapshots only (bkpc explain-rule B12).%s",
                 t[0] ? " " : "", bkp_fmt_hhmm(v->minute, a), v->minute >= 1440 ? "+1" : "",
                 v->minute >= 1440 ? " Retention rules count it as the point of the day its window opened." : "");
    } else {
        bkp_catf(t, sizeof t, "%sEach backup is a snapshot first, then transferred to the vault.", t[0] ? " " : "");
    }
    wrapped(out, "", t);
}

/* One row of the retention table: label, length, then what it keeps. */
static void retention_row(const BkpExplain *e, const char *label, const char *kind, BkpWhy w, const char *what,
                          FILE *out)
{
    char lead[200], k[64];
    snprintf(lead, sizeof lead, "%-14s%-11s%-11s", label, kind, bkp_keep_text(e->keep[w], k, sizeof k));
    bkp_wrap(out, lead, 36, 79, what);
}

/* The row of rule w (which the policy has), labelled `label`. */
static void retention_of(const BkpExplain *e, BkpWhy w, const char *label, FILE *out)
{
    const BkpPolicy *p = e->policy;
    char a[256], b[256], t[1024];
    switch (w) {
    case BKP_WHY_SNAPSHOT:
        snprintf(t, sizeof t, "every backup, in the snapshot tier%s", dflt(is_default(e, BKP_FIELD_SNAPSHOTS)));
        break;
    case BKP_WHY_DAILY: snprintf(t, sizeof t, "every vault point%s", dflt(is_default(e, BKP_FIELD_DAILY))); break;
    case BKP_WHY_WEEKLY:
        snprintf(t, sizeof t, "the vault points of %s%s", fmt_days(p->weekly.days, true, a, sizeof a),
                 is_default(e, BKP_FIELD_WEEKLY) ? "  (default)"
                 : is_default(e, BKP_FIELD_WEEKLY_DAYS) ? "  (days: default)" : "");
        break;
    case BKP_WHY_MONTHLY:
        snprintf(t, sizeof t, "the vault points of %s of each month: %d calendar months",
                 fmt_longterm_on(&p->monthly, a, sizeof a), p->monthly.count);
        break;
    default:
        snprintf(t, sizeof t, "the vault points of %s in %s: calendar years", fmt_longterm_on(&p->yearly, a, sizeof a),
                 bkp_words_join(b, sizeof b, BKP_WORD_MONTH, p->yearly.months, BKP_SPELL_PROSE, ", ", " and "));
        break;
    }
    retention_row(e, label, w == BKP_WHY_SNAPSHOT ? "snapshots" : bkp_why_name(w), w, t, out);
}

static void explain_retention(const BkpExplain *e, FILE *out)
{
    const char *label = "retention";
    for (int w = 0; w < BKP_WHY_COUNT; w++)
        if (e->on[w]) {
            retention_of(e, (BkpWhy)w, label, out);
            label = "";
        }
    wrapped(out, "", "A point kept by several rules is one recovery point, kept until the last of them expires.");
}

/* The RPO of rule w (which the policy has), labelled `label`. */
static void rpo_of(const BkpExplain *e, BkpWhy w, const char *label, FILE *out)
{
    char a[64], b[64], what[32] = "all backups";
    if (w != BKP_WHY_SNAPSHOT)
        snprintf(what, sizeof what, "%ss", why_noun(w));
    line(out, label, "%-15s %-9s while kept, %s", what, bkp_fmt_span(e->rpo[w], a, sizeof a),
         bkp_keep_text(e->keep[w], b, sizeof b));
}

static void explain_rpo(const BkpExplain *e, FILE *out)
{
    line(out, "RPO", "worst-case data loss: the longest gap between two points of a kind");
    for (int w = 0; w < BKP_WHY_COUNT; w++)
        if (e->on[w])
            rpo_of(e, (BkpWhy)w, "", out);
}

/* --- explain: vault-archive -------------------------------------------------------- */

/* "3 months old", "180 days old", "3 months or 90 days old, whichever is
 * later" */
static char *fmt_arc_age(const BkpArchiveKind *k, int after_months, char *buf, size_t n)
{
    if (k->when == BKP_ARCHIVE_AT_RELEASE)
        snprintf(buf, n, "%lld days old", (long long)k->release_days);
    else if (k->when == BKP_ARCHIVE_AT_LATER)
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
        if (c->share == BKP_ARCHIVE_MOVES_NONE)
            snprintf(t, n, "%s", never);
        else
            snprintf(t, n, "move when %s%s%s.", fmt_arc_age(c, after_months, a, sizeof a),
                     c->when != BKP_ARCHIVE_AT_RELEASE ? ""
                     : c->weekly_release ? ", once the weekly rule releases them"
                                         : ", once the daily rule releases them",
                     c->share == BKP_ARCHIVE_MOVES_SOME ? some : "");
    } else if (x->share == BKP_ARCHIVE_MOVES_NONE && y->share == BKP_ARCHIVE_MOVES_NONE) {
        snprintf(t, n, "%s", never);
    } else if (x->share == BKP_ARCHIVE_MOVES_NONE) {
        snprintf(t, n, "move only if the weekly rule keeps them, when %s%s; the others never move.",
                 fmt_arc_age(y, after_months, a, sizeof a), y->share == BKP_ARCHIVE_MOVES_SOME ? some : "");
    } else {
        snprintf(t, n, "move when %s%s", fmt_arc_age(x, after_months, a, sizeof a),
                 x->when != BKP_ARCHIVE_AT_RELEASE ? "" : ", once the daily rule releases them");
        if (y->share == BKP_ARCHIVE_MOVES_NONE)
            bkp_catf(t, n, ", except those the weekly rule keeps, which never move");
        else if (strcmp(fmt_arc_age(y, after_months, b, sizeof b), a) != 0)
            bkp_catf(t, n, " (%s if the weekly rule keeps them)", b);
        bkp_catf(t, n, "%s.", x->share == BKP_ARCHIVE_MOVES_SOME || y->share == BKP_ARCHIVE_MOVES_SOME ? some : "");
    }
}

static void tiering_none(const BkpExplain *e, FILE *out)
{
    bool d = is_default(e, BKP_FIELD_ARCHIVE);
    line(out, "tiering", "none: vault points stay in vault-standard (%s)%s",
         d ? bkp_azure_tiering(BKP_ARCHIVE_NEVER) : "archive never", dflt(d));
}

static void explain_tiering(const BkpExplain *e, FILE *out)
{
    const BkpPolicy *p = e->policy;
    char t[1024] = "";
    if (!e->archive_after_months) {
        tiering_none(e, out);
        return;
    }
    if (p->archive == BKP_ARCHIVE_AFTER)
        bkp_catf(t, sizeof t, "archive after %d months (%s): ", p->archive_months, bkp_azure_tiering(p->archive));
    else
        bkp_catf(t, sizeof t, "archive recommended (%s): Azure moves the points its recommendation picks from the "
                         "VM's churn, which bkpc cannot know; it shows every eligible point as moved: ",
                 bkp_azure_tiering(p->archive));
    bkp_catf(t, sizeof t,
             "a monthly or yearly point moves to vault-archive %d months after it is taken, once no daily "
             "or weekly rule keeps it, if %d months of its retention are left then; else it stays in "
             "vault-standard. Daily and weekly points are never archived.",
             e->archive_after_months, BKP_ARCHIVE_MIN_LEFT_MONTHS);
    wrapped(out, "tiering", t);
    /* The same sentence for both kinds is said once. */
    char m[256] = "", y[256] = "";
    archive_here(e->archive[0], e->archive_after_months, m, sizeof m);
    archive_here(e->archive[1], e->archive_after_months, y, sizeof y);
    t[0] = 0;
    if (m[0] && y[0] && strcmp(m, y) == 0)
        bkp_catf(t, sizeof t, "Here monthly and yearly points %s", m);
    else if (m[0] || y[0])
        bkp_catf(t, sizeof t, "%s%s%s%s%s", m[0] ? "Here monthly points " : "", m, m[0] && y[0] ? " " : "",
                 y[0] ? "Here yearly points " : "", y);
    if (t[0])
        wrapped(out, "", t);
}

/* One default, as the defaults line names it: "snapshots 7 days". */
static void default_text(const BkpPolicy *p, BkpField f, char *buf, size_t n)
{
    char a[96];
    switch (f) {
    case BKP_FIELD_TYPE: snprintf(buf, n, "type %s", p->enhanced ? "enhanced" : "standard"); break;
    case BKP_FIELD_TIMEZONE: snprintf(buf, n, "time zone %s", p->timezone); break;
    case BKP_FIELD_SNAPSHOTS: snprintf(buf, n, "snapshots %s", bkp_keep_text(bkp_keep(p, BKP_WHY_SNAPSHOT), a, sizeof a)); break;
    case BKP_FIELD_DAILY: snprintf(buf, n, "daily %s", bkp_keep_text(bkp_keep(p, BKP_WHY_DAILY), a, sizeof a)); break;
    case BKP_FIELD_WEEKLY:
        snprintf(buf, n, "weekly %d weeks on %s", p->weekly.weeks, fmt_days(p->weekly.days, false, a, sizeof a));
        break;
    case BKP_FIELD_WEEKLY_DAYS: snprintf(buf, n, "weekly on %s", fmt_days(p->weekly.days, false, a, sizeof a)); break;
    case BKP_FIELD_ARCHIVE: snprintf(buf, n, "no archive tiering"); break;
    case BKP_FIELD_CONSISTENCY: snprintf(buf, n, "application-consistent snapshots"); break;
    case BKP_FIELD_SNAPSHOT_RG: snprintf(buf, n, "the default snapshot resource group"); break;
    default: buf[0] = 0; break;
    }
}

static void explain_defaults(const BkpExplain *e, FILE *out)
{
    char t[1024] = "", a[160];
    for (int i = 0; i < e->ndefaults; i++) {
        default_text(e->policy, e->defaults[i], a, sizeof a);
        bkp_catf(t, sizeof t, "%s%s", t[0] ? "; " : "", a);
    }
    wrapped(out, "defaults", t[0] ? t : "none: every value is written");
}

/* One source's values: "; HEAD: a, b" (the policy's: kind 0; template
 * tmpl's: 1; the defaults: 2). */
static void from_group(char *t, size_t n, const BkpExplain *e, const char *head, int kind, const BkpTemplateRef *tmpl)
{
    bool first = true;
    for (int i = 0; i < e->nsources; i++) {
        const BkpTemplateRef *from = e->sources[i].from;
        bool dflt = e->sources[i].is_default;
        if (kind == 0 ? from || dflt : kind == 1 ? from != tmpl : !dflt)
            continue;
        if (first)
            bkp_catf(t, n, "; %s:", head);
        bkp_catf(t, n, "%s %s", first ? "" : ",", bkp_field_name(e->sources[i].field));
        first = false;
    }
}

/* "made from template T; the policy: ...; template T (FILE): ...;
 * defaults: ...": the templates nearest first. */
static void explain_from(const BkpExplain *e, FILE *out)
{
    if (!e->template_name)
        return;
    char t[2048];
    snprintf(t, sizeof t, "made from template %s", e->template_name);
    from_group(t, sizeof t, e, "the policy", 0, NULL);
    const BkpTemplateRef *order[BKP_FIELD_COUNT];
    int n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < e->nsources; i++) {
            const BkpTemplateRef *from = e->sources[i].from;
            bool seen = false;
            for (int k = 0; k < n; k++)
                seen |= order[k] == from;
            if (from && !seen && (pass == 1 || strcmp(from->name, e->template_name) == 0))
                order[n++] = from;
        }
    for (int k = 0; k < n; k++) {
        char head[512];
        snprintf(head, sizeof head, "template %s (%s)", order[k]->name, order[k]->src ? order[k]->src->name : "?");
        from_group(t, sizeof t, e, head, 1, order[k]);
    }
    from_group(t, sizeof t, e, "defaults", 2, NULL);
    wrapped(out, "from", t);
}

static void explain_requires(const BkpExplain *e, FILE *out)
{
    if (!e->requirements)
        return;
    char t[2048] = "", a[160];
    for (const BkpRequire *r = e->requirements; r; r = r->next) {
        bkp_catf(t, sizeof t, "%s%s", t[0] ? "; " : "", bkp_require_text(r, a, sizeof a));
        if (r->origin && r->origin->from)
            bkp_catf(t, sizeof t, " (template %s)", r->origin->from->name);
    }
    bkp_catf(t, sizeof t, ": each must hold at every moment (bkpc check proves it)");
    wrapped(out, "requires", t);
}

static void explain_storage(const BkpExplain *e, FILE *out)
{
    char t[512];
    snprintf(t, sizeof t, "%d snapshot%s a %s; in steady state %zu point%s in snapshot, %zu in vault-standard and "
                          "%zu in vault-archive: what storage cost follows (bkpc cost).",
             e->snapshots, e->snapshots == 1 ? "" : "s", e->policy->freq == BKP_FREQ_WEEKLY ? "week" : "day",
             e->steady_points[BKP_TIER_SNAPSHOT], e->steady_points[BKP_TIER_SNAPSHOT] == 1 ? "" : "s",
             e->steady_points[BKP_TIER_STANDARD],
             e->steady_points[BKP_TIER_ARCHIVE]);
    wrapped(out, "storage", t);
}

int bkp_explain_text(const BkpExplain *e, FILE *out)
{
    fprintf(out, "policy %s%s\n\n", e->policy->name, e->named_after_file ? " (named after the file)" : "");
    explain_promise(e, out);
    explain_type(e, out);
    explain_zone(e, out);
    explain_snapshots(e, out);
    explain_schedule(e, out);
    explain_retention(e, out);
    explain_rpo(e, out);
    explain_tiering(e, out);
    explain_storage(e, out);
    explain_defaults(e, out);
    explain_from(e, out);
    explain_requires(e, out);
    return done(out);
}

/* --- explain: one field ------------------------------------------------------------ */

/* What explain says of rule w: its retention, its RPO, and for monthly and
 * yearly points whether and when they move to vault-archive. */
static void rule_facts(const BkpExplain *e, BkpWhy w, FILE *out)
{
    if (!e->on[w])
        return;
    retention_of(e, w, "retention", out);
    rpo_of(e, w, "RPO", out);
    if (w != BKP_WHY_MONTHLY && w != BKP_WHY_YEARLY)
        return;
    if (!e->archive_after_months) {
        tiering_none(e, out);
        return;
    }
    char m[256] = "", t[300];
    archive_here(e->archive[w == BKP_WHY_YEARLY], e->archive_after_months, m, sizeof m);
    snprintf(t, sizeof t, "%s points %s", bkp_why_name(w), m);
    if (m[0])
        wrapped(out, "tiering", t);
}

int bkp_explain_field_text(const BkpExplain *e, BkpField f, FILE *out)
{
    switch (f) {
    case BKP_FIELD_NAME: return bkp_explain_text(e, out);
    case BKP_FIELD_TYPE: explain_type(e, out); break;
    case BKP_FIELD_TIMEZONE: explain_zone(e, out); break;
    case BKP_FIELD_SCHEDULE: explain_schedule(e, out); break;
    case BKP_FIELD_SNAPSHOTS: rule_facts(e, BKP_WHY_SNAPSHOT, out); break;
    case BKP_FIELD_DAILY: rule_facts(e, BKP_WHY_DAILY, out); break;
    case BKP_FIELD_WEEKLY:
    case BKP_FIELD_WEEKLY_DAYS: rule_facts(e, BKP_WHY_WEEKLY, out); break;
    case BKP_FIELD_MONTHLY:
    case BKP_FIELD_MONTHLY_ON: rule_facts(e, BKP_WHY_MONTHLY, out); break;
    case BKP_FIELD_YEARLY:
    case BKP_FIELD_YEARLY_ON: rule_facts(e, BKP_WHY_YEARLY, out); break;
    case BKP_FIELD_ARCHIVE: explain_tiering(e, out); break;
    case BKP_FIELD_SNAPSHOT_RG:
    case BKP_FIELD_CONSISTENCY: explain_snapshots(e, out); break;
    default: break;
    }
    return done(out);
}
