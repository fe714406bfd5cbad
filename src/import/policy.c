/* policy.c — one policy's body, REST (and `az`) or PowerShell, into the
 * values of a BkpPolicy.
 *
 * The two object models share most of their shape: PowerShell's names are
 * the REST names in PascalCase (members are matched without regard to case)
 * except where noted, so one reader serves both; R->dialect picks the
 * differences (where the time zone is, how retention is switched on and
 * counted, the tiering object, enums as numbers).
 *
 * What .bkp cannot say is an error here; what it can say but Azure refuses
 * is kept as written, for the checker. A missing schedule or retention that
 * Azure requires is an error too: in .bkp its absence would mean a default.
 */
#include <string.h>
#include <strings.h>

#include "bkpc/sched.h"
#include "import_int.h"

static bool is_ps(const Reader *R) { return R->dialect == DIALECT_PS; }
/* Present and not empty ([] or {}): it says something. */
static bool present(const Node *n)
{
    return n->v && !(json_is_array(n->v) && json_array_size(n->v) == 0) &&
           !(json_is_object(n->v) && json_object_size(n->v) == 0);
}

static const char *const ps_extra[] = {"BackupManagementType", NULL};

/* ---- enums ---------------------------------------------------------------------------- */

static const EnumVal freqs[] = {
    {"Hourly", 3, BKP_FREQ_HOURLY}, {"Daily", 1, BKP_FREQ_DAILY}, {"Weekly", 2, BKP_FREQ_WEEKLY}};
static const EnumVal rest_types[] = {{"V1", 0, 0}, {"V2", 0, 1}};
static const EnumVal ps_types[] = {{"Standard", 1, 0}, {"Enhanced", 2, 1}};
static const EnumVal schedule_types[] = {{"SimpleSchedulePolicy", 0, 0}, {"SimpleSchedulePolicyV2", 0, 1}};
static const EnumVal formats[] = {{"Daily", 1, BKP_FORMAT_DAILY}, {"Weekly", 2, BKP_FORMAT_WEEKLY}};
static const EnumVal rest_tiering[] = {
    {"DoNotTier", 0, BKP_ARCHIVE_NEVER}, {"TierRecommended", 0, BKP_ARCHIVE_RECOMMENDED},
    {"TierAfter", 0, BKP_ARCHIVE_AFTER}};
static const EnumVal ps_tiering[] = {
    {"TierRecommended", 1, BKP_ARCHIVE_RECOMMENDED}, {"TierAllEligible", 2, BKP_ARCHIVE_AFTER},
    {"DoNotTier", 3, BKP_ARCHIVE_NEVER}};
static const EnumVal consistencies[] = {{"OnlyCrashConsistent", 2, 1}, {"Default", 1, 0}};
#define COUNT(t) ((int)(sizeof t / sizeof t[0]))

/* A required member that is absent. */
static void missing(Reader *R, const Node *n, const char *why)
{
    imp_error(R, n, "missing: %s", why);
}

/* ---- the schedule --------------------------------------------------------------------- */

/* The three parts of an hourly schedule, under the keys `k` of `h`. */
static void read_hourly(Reader *R, Obj *h, const char *const k[3], BkpPolicy *p)
{
    Node iv = obj_get(R, h, k[0]), st = obj_get(R, h, k[1]), du = obj_get(R, h, k[2]);
    if (!iv.v || !st.v || !du.v) {
        missing(R, !iv.v ? &iv : !st.v ? &st : &du,
                "an hourly schedule has an interval, a window start and a window duration (B8)");
        return;
    }
    p->interval_hours = val_count(R, &iv, "the interval");
    p->time = val_time(R, &st);
    p->window_hours = val_count(R, &du, "the window duration");
}

/* scheduleRunDays and scheduleRunTimes of `o` (a V1 schedule, or a V2
 * daily or weekly one). */
static void read_run(Reader *R, Obj *o, BkpPolicy *p)
{
    Node days = obj_get(R, o, "scheduleRunDays"), times = obj_get(R, o, "scheduleRunTimes");
    if (p->freq == BKP_FREQ_WEEKLY) {
        if (!present(&days))
            missing(R, &days, "a weekly schedule names its days (B4)");
        else
            p->run_days = (BkpDaySet)val_words(R, &days, BKP_WORD_WEEKDAY, "B4");
    } else if (present(&days)) {
        imp_error(R, &days, "run days on a %s schedule: Azure takes none (B5), and .bkp cannot say them",
                  p->freq == BKP_FREQ_DAILY ? "daily" : "hourly");
    }
    if (!times.v)
        missing(R, &times, "the backup time (B2)");
    else
        p->time = val_one_time(R, &times, "backup time", "B2");
}

/* A member that must not be there: the schedule of another frequency. */
static void not_here(Reader *R, const Node *n, const BkpPolicy *p)
{
    if (present(n))
        imp_error(R, n, "a second kind of schedule in a %s policy: Azure takes only the schedule of its "
                  "frequency (B9), and .bkp says one", bkp_azure_freq(p->freq));
}

static const char *const rest_hourly[3] = {"interval", "scheduleWindowStartTime", "scheduleWindowDuration"};
static const char *const ps_hourly[3] = {"Interval", "WindowStartTime", "WindowDuration"};
static const char *const ps_v1_hourly[3] = {"ScheduleInterval", "ScheduleWindowStartTime", "ScheduleWindowDuration"};

/* A V2 schedule: one of hourlySchedule, dailySchedule, weeklySchedule. */
static void read_v2(Reader *R, Obj *o, BkpPolicy *p)
{
    static const char *const keys[3] = {"hourlySchedule", "dailySchedule", "weeklySchedule"};
    Node sub[3];
    for (int f = 0; f < 3; f++)
        sub[f] = obj_get(R, o, keys[f]);
    for (int f = 0; f < 3; f++)
        if (f != (int)p->freq)
            not_here(R, &sub[f], p);
    Obj s;
    if (!obj_need(R, &sub[p->freq], &s,
                  p->freq == BKP_FREQ_HOURLY ? "the hourly schedule (B8)" : "the backup time (B2)"))
        return;
    if (p->freq == BKP_FREQ_HOURLY)
        read_hourly(R, &s, is_ps(R) ? ps_hourly : rest_hourly, p);
    else
        read_run(R, &s, p);
    obj_close(R, &s, ps_extra);
}

/* A V1 schedule: run days and times, or (hourly, which B1 forbids, but
 * .bkp can say it) the hourly parts. */
static void read_v1(Reader *R, Obj *o, BkpPolicy *p)
{
    Obj h;
    bool flat = is_ps(R);       /* PowerShell's V1 object has the hourly parts itself */
    Node hourly = flat ? o->n : obj_get(R, o, "hourlySchedule");
    if (!flat) {
        Node wf = obj_get(R, o, "scheduleWeeklyFrequency");
        int every = wf.v ? val_count(R, &wf, "scheduleWeeklyFrequency") : 0;
        if (every > 1)
            imp_error(R, &wf, "a backup every %d weeks: .bkp schedules back up every week", every);
    }
    if (p->freq == BKP_FREQ_HOURLY) {
        if (flat)
            read_hourly(R, o, ps_v1_hourly, p);
        else if (obj_need(R, &hourly, &h, "the hourly schedule (B8)")) {
            read_hourly(R, &h, rest_hourly, p);
            obj_close(R, &h, NULL);
        }
        Node times = obj_get(R, o, "scheduleRunTimes"), days = obj_get(R, o, "scheduleRunDays");
        not_here(R, present(&times) ? &times : &days, p);
        return;
    }
    read_run(R, o, p);
    if (flat) {
        for (int i = 0; i < 3; i++) {
            Node x = obj_get(R, o, ps_v1_hourly[i]);
            not_here(R, &x, p);
        }
    } else {
        not_here(R, &hourly, p);
    }
}

/* The schedule (and, for PowerShell, the time zone it carries); `type` is
 * the policy type the body states (-1: none), at `type_at`. Whether its
 * frequency is known. */
static bool read_schedule(Reader *R, const Node *n, const Node *type_at, int type, BkpPolicy *p)
{
    Obj o;
    p->time = -1;
    if (!obj_need(R, n, &o, "a policy has a schedule"))
        return false;
    int v2;
    if (is_ps(R)) {
        v2 = obj_has(&o, "DailySchedule") || obj_has(&o, "WeeklySchedule") || obj_has(&o, "HourlySchedule") ? 1
             : obj_has(&o, "ScheduleRunTimes") ? 0 : type;
        Node tz = obj_get(R, &o, "ScheduleRunTimeZone");
        p->timezone = tz.v ? val_text(R, &tz, "time zone") : "UTC";
    } else {
        Node st = obj_get(R, &o, "schedulePolicyType");
        v2 = st.v ? val_enum(R, &st, schedule_types, COUNT(schedule_types), "an Azure VM schedule") : -1;
        if (!st.v)
            missing(R, &st, "the schedule's type, SimpleSchedulePolicy (V1) or SimpleSchedulePolicyV2 (V2)");
    }
    if (type >= 0 && v2 >= 0 && type != v2)
        imp_error(R, type_at, "a %s policy with a %s schedule: Azure pairs V2 with SimpleSchedulePolicyV2 and V1 "
                  "with SimpleSchedulePolicy (A2)", type ? "V2 (enhanced)" : "V1 (standard)",
                  v2 ? "V2" : "V1");
    p->enhanced = (type >= 0 ? type : v2) == 1;
    Node f = obj_get(R, &o, "scheduleRunFrequency");
    int freq = f.v ? val_enum(R, &f, freqs, COUNT(freqs), "a schedule frequency") : -1;
    if (!f.v)
        missing(R, &f, "the schedule's frequency (Hourly, Daily or Weekly)");
    if (freq >= 0 && v2 >= 0) {
        p->freq = (BkpFreq)freq;
        p->run_days = 0x7F;
        if (v2)
            read_v2(R, &o, p);
        else
            read_v1(R, &o, p);
    }
    obj_close(R, &o, ps_extra);
    return freq >= 0 && v2 >= 0;
}

/* ---- retention -------------------------------------------------------------------------- */

static const char *const unit_rule[] = {[BKP_DAYS] = "D5", [BKP_WEEKS] = "D6", [BKP_MONTHS] = "D7", [BKP_YEARS] = "D8"};
static const char *const tier_name[] = {[BKP_DAYS] = "daily", [BKP_WEEKS] = "weekly", [BKP_MONTHS] = "monthly",
                                        [BKP_YEARS] = "yearly"};

/* How long a tier keeps its points, in `unit`: REST's retentionDuration
 * {count, durationType}, PowerShell's DurationCountIn<Unit>. */
static int read_duration(Reader *R, Obj *tier, BkpUnit unit)
{
    if (is_ps(R)) {
        static const char *const keys[] = {[BKP_DAYS] = "DurationCountInDays", [BKP_WEEKS] = "DurationCountInWeeks",
                                           [BKP_MONTHS] = "DurationCountInMonths",
                                           [BKP_YEARS] = "DurationCountInYears"};
        Node c = obj_get(R, tier, keys[unit]);
        if (!c.v) {
            missing(R, &c, "how long the points are kept");
            return -1;
        }
        return val_count(R, &c, "the retention");
    }
    Node d = obj_get(R, tier, "retentionDuration");
    Obj o;
    if (!obj_need(R, &d, &o, "how long the points are kept"))
        return -1;
    Node c = obj_get(R, &o, "count"), t = obj_get(R, &o, "durationType");
    int count = -1;
    if (!c.v || !t.v) {
        missing(R, !c.v ? &c : &t, "a retention duration has a count and a durationType");
    } else {
        int u = val_word(R, &t, BKP_WORD_UNIT);
        count = val_count(R, &c, "the retention");
        if (u >= 0 && u != (int)unit) {
            imp_error(R, &t, "%s retention counted in %s: Azure counts it in %s (%s), as .bkp does", tier_name[unit],
                      bkp_word_name(BKP_WORD_UNIT, u, BKP_SPELL_AZURE),
                      bkp_word_name(BKP_WORD_UNIT, unit, BKP_SPELL_AZURE), unit_rule[unit]);
            count = -1;
        }
    }
    obj_close(R, &o, NULL);
    return count;
}

/* retentionTimes: one, at the backup time (D9); .bkp derives it. Azure
 * does not compare them for an hourly schedule. */
static void read_retention_times(Reader *R, Obj *tier, const BkpPolicy *p)
{
    Node rt = obj_get(R, tier, "retentionTimes");
    if (!rt.v)
        return;
    int t = val_one_time(R, &rt, "retention time", "D9");
    if (t < 0 || p->time < 0 || p->freq == BKP_FREQ_HOURLY || t == p->time)
        return;
    char a[6], b[6];
    Node first = arr_elem(R, &rt, 0);
    if (R->retention_time.n++)
        return;
    BkpDiag *g = R->retention_time.first = imp_error(R, &first, "retention time %s differs from the backup time %s: Azure requires them "
                           "equal (D9), and .bkp derives every retention time from the schedule",
                           bkp_fmt_hhmm(t, a), bkp_fmt_hhmm(p->time, b));
    bkp_diag_hint(R->D, g, "set it to the backup time (`...T%sZ`) and import again", b);
}

/* daysOfTheMonth: dates 1..28 and isLast (D15). */
static void read_dates(Reader *R, const Node *n, BkpLongTerm *lt)
{
    long len = arr_open(R, n);
    if (len == 0)
        imp_error(R, n, "an empty list: Azure needs at least one day (D15)");
    for (long i = 0; i < len; i++) {
        Node e = arr_elem(R, n, (size_t)i);
        Obj d;
        if (!obj_open(R, &e, &d))
            continue;
        Node date = obj_get(R, &d, "date"), last = obj_get(R, &d, "isLast");
        bool is_last = false;
        if (last.v && !val_bool(R, &last, &is_last))
            continue;
        int v = is_last ? BKP_DAY_LAST : date.v ? val_count(R, &date, "the date") : -1;
        if (!is_last && !date.v)
            missing(R, &date, "a day of the month has a date, or isLast true");
        else if (v == 0 || (v > 28 && v != BKP_DAY_LAST) || (v == BKP_DAY_LAST && !is_last)) {
            BkpDiag *g = imp_error(R, &date, "day %d of the month: Azure takes 1 to 28, or isLast (D15)", v);
            bkp_diag_hint(R->D, g, "the last day of every month is {\"date\": 0, \"isLast\": true}");
        } else if (v > 0 && bkp_longterm_dates(lt) >> v & 1) {
            imp_error(R, &e, "%s listed twice: Azure refuses repeats (D15)", is_last ? "the last day" : "a day");
        } else if (v > 0) {
            if (is_last)
                lt->last_day = true;
            else
                lt->dates |= 1u << v;
        }
        obj_close(R, &d, NULL);
    }
}

/* Which points a monthly or yearly tier keeps: by week and weekday, or by
 * day of the month; the months of a yearly one. */
static void read_longterm_on(Reader *R, Obj *tier, BkpLongTerm *lt, bool yearly)
{
    if (yearly) {
        Node m = obj_get(R, tier, "monthsOfYear");
        if (!m.v)
            missing(R, &m, "the months of yearly retention (D17)");
        else
            lt->months = (BkpMonthSet)val_words(R, &m, BKP_WORD_MONTH, "D17");
    }
    Node fmt = obj_get(R, tier, "retentionScheduleFormatType");
    Node wk = obj_get(R, tier, "retentionScheduleWeekly"), dl = obj_get(R, tier, "retentionScheduleDaily");
    int format = fmt.v ? val_enum(R, &fmt, formats, COUNT(formats), "a retention format")
                 : wk.v && !dl.v ? BKP_FORMAT_WEEKLY : dl.v && !wk.v ? BKP_FORMAT_DAILY : -1;
    if (!fmt.v && format < 0)
        missing(R, &fmt, "the retention format, Weekly or Daily (D16)");
    if (format < 0)
        return;
    lt->format = (BkpRetFormat)format;
    Node *payload = format == BKP_FORMAT_WEEKLY ? &wk : &dl;   /* the other one means nothing */
    Obj o;
    if (!obj_need(R, payload, &o, "what the format chooses (D16)"))
        return;
    if (format == BKP_FORMAT_WEEKLY) {
        Node days = obj_get(R, &o, "daysOfTheWeek"), weeks = obj_get(R, &o, "weeksOfTheMonth");
        if (!days.v || !weeks.v)
            missing(R, !days.v ? &days : &weeks, "the weeks of the month and the weekdays (D14)");
        if (days.v)
            lt->days = (BkpDaySet)val_words(R, &days, BKP_WORD_WEEKDAY, "D14");
        if (weeks.v)
            lt->weeks = (BkpWeekSet)val_words(R, &weeks, BKP_WORD_WEEK, "D14");
    } else {
        Node dom = obj_get(R, &o, "daysOfTheMonth");
        if (!dom.v)
            missing(R, &dom, "the days of the month (D15)");
        else
            read_dates(R, &dom, lt);
    }
    obj_close(R, &o, NULL);
}

/* One tier of retention (`unit` names it); false when it is not kept. The
 * tier's count goes to *count; weekly days, monthly and yearly rules to
 * the policy. */
static bool read_tier(Reader *R, Obj *ret, BkpUnit unit, BkpPolicy *p, int *count)
{
    static const char *const keys[] = {[BKP_DAYS] = "dailySchedule", [BKP_WEEKS] = "weeklySchedule",
                                       [BKP_MONTHS] = "monthlySchedule", [BKP_YEARS] = "yearlySchedule"};
    static const char *const flags[] = {[BKP_DAYS] = "IsDailyScheduleEnabled", [BKP_WEEKS] = "IsWeeklyScheduleEnabled",
                                        [BKP_MONTHS] = "IsMonthlyScheduleEnabled",
                                        [BKP_YEARS] = "IsYearlyScheduleEnabled"};
    Node s = obj_get(R, ret, keys[unit]);
    bool on = s.v != NULL;
    if (is_ps(R)) {
        Node flag = obj_get(R, ret, flags[unit]);
        if (flag.v && !val_bool(R, &flag, &on))
            return false;
        if (on && !s.v) {
            missing(R, &s, "the retention that is switched on");
            return false;
        }
    }
    Obj t;
    if (!on || !obj_open(R, &s, &t))
        return false;
    *count = read_duration(R, &t, unit);
    read_retention_times(R, &t, p);
    if (unit == BKP_WEEKS) {
        Node days = obj_get(R, &t, "daysOfTheWeek");
        if (!days.v)
            missing(R, &days, "the weekdays whose points weekly retention keeps (D10)");
        else
            p->weekly.days = (BkpDaySet)val_words(R, &days, BKP_WORD_WEEKDAY, "D10");
    } else if (unit == BKP_MONTHS || unit == BKP_YEARS) {
        read_longterm_on(R, &t, unit == BKP_MONTHS ? &p->monthly : &p->yearly, unit == BKP_YEARS);
    }
    obj_close(R, &t, ps_extra);
    return true;
}

/* The retention tiers; `sched` whether the schedule's frequency is known
 * (the tiers it requires are checked then). */
static void read_retention(Reader *R, const Node *n, BkpPolicy *p, bool sched)
{
    Obj o;
    if (!obj_need(R, n, &o, "a policy keeps its recovery points for some time (D1)"))
        return;
    if (!is_ps(R)) {
        Node t = obj_get(R, &o, "retentionPolicyType");
        const char *s = t.v ? val_string(R, &t) : NULL;
        if (s && strcasecmp(s, "LongTermRetentionPolicy") != 0)
            imp_error(R, &t, "`%s` is not the retention of an Azure VM policy (LongTermRetentionPolicy)", s);
    }
    p->daily.on = read_tier(R, &o, BKP_DAYS, p, &p->daily.days);
    p->weekly.on = read_tier(R, &o, BKP_WEEKS, p, &p->weekly.weeks);
    p->monthly.on = read_tier(R, &o, BKP_MONTHS, p, &p->monthly.count);
    p->yearly.on = read_tier(R, &o, BKP_YEARS, p, &p->yearly.count);
    /* What .bkp would fill in with a default if it were left out. */
    if (sched && p->freq != BKP_FREQ_WEEKLY && !p->daily.on) {
        Node d = obj_get(R, &o, is_ps(R) ? "DailySchedule" : "dailySchedule");
        missing(R, &d, "a daily or hourly schedule needs daily retention (D2, D3); a .bkp policy without "
                "`keep daily` keeps daily points 180 days");
    }
    if (sched && p->freq == BKP_FREQ_WEEKLY && !p->weekly.on) {
        Node w = obj_get(R, &o, is_ps(R) ? "WeeklySchedule" : "weeklySchedule");
        missing(R, &w, "a weekly schedule needs weekly retention (D4); a .bkp policy without `keep weekly` "
                "keeps weekly points 12 weeks");
    }
    obj_close(R, &o, ps_extra);
}

/* ---- the rest of the body -------------------------------------------------------------- */

static void read_tiering(Reader *R, const Node *mode, const Node *dur, const Node *type, BkpPolicy *p)
{
    p->archive = BKP_ARCHIVE_NEVER;
    if (!mode->v) {
        missing(R, mode, "the tiering mode");
        return;
    }
    int m = is_ps(R) ? val_enum(R, mode, ps_tiering, COUNT(ps_tiering), "a tiering mode")
                     : val_enum(R, mode, rest_tiering, COUNT(rest_tiering), "a tiering mode");
    if (m < 0)
        return;
    p->archive = (BkpArchiveMode)m;
    if (m != BKP_ARCHIVE_AFTER) {
        if (dur->v && json_is_integer(dur->v) && json_integer_value(dur->v) != 0)
            imp_warning(R, dur, "a duration means something only with TierAfter; ignored");
        return;
    }
    if (!dur->v || !type->v) {
        missing(R, !dur->v ? dur : type, "TierAfter moves points after a number of months (E6)");
        return;
    }
    p->archive_months = val_count(R, dur, "the tiering age");
    int u = val_word(R, type, BKP_WORD_UNIT);
    if (u >= 0 && u != BKP_MONTHS)
        imp_error(R, type, "tiering after %s: Azure VM policies tier after months (E4), and .bkp says `archive "
                  "after Nm`", bkp_word_name(BKP_WORD_UNIT, u, BKP_SPELL_AZURE));
}

static void read_rest_tiering(Reader *R, const Node *n, BkpPolicy *p)
{
    Obj o, a;
    p->archive = BKP_ARCHIVE_NEVER;
    if (!n->v || !obj_open(R, n, &o))
        return;
    Node arc = obj_get(R, &o, "ArchivedRP");
    if (arc.v && obj_open(R, &arc, &a)) {
        Node mode = obj_get(R, &a, "tieringMode"), dur = obj_get(R, &a, "duration"),
             type = obj_get(R, &a, "durationType");
        read_tiering(R, &mode, &dur, &type, p);
        obj_close(R, &a, NULL);
    }
    obj_close(R, &o, NULL);     /* a tier other than ArchivedRP: .bkp says none */
}

static void read_ps_tiering(Reader *R, const Node *n, BkpPolicy *p)
{
    static const EnumVal targets[] = {{"VaultArchive", 3, 0}};
    Obj o;
    p->archive = BKP_ARCHIVE_NEVER;
    if (!n->v || !obj_open(R, n, &o))
        return;
    Node target = obj_get(R, &o, "TargetTier");
    if (target.v)
        val_enum(R, &target, targets, 1, "a tier .bkp can move points to");
    Node mode = obj_get(R, &o, "TieringMode"), dur = obj_get(R, &o, "TierAfterDuration"),
         type = obj_get(R, &o, "TierAfterDurationType");
    read_tiering(R, &mode, &dur, &type, p);
    obj_close(R, &o, NULL);
}

/* The snapshot resource group: a prefix, and a suffix only with it (A10). */
static void read_snapshot_rg(Reader *R, const Node *prefix, const Node *suffix, BkpPolicy *p)
{
    if (prefix->v)
        p->snapshot_rg_prefix = val_text(R, prefix, "resource-group prefix");
    if (suffix->v && !prefix->v)
        imp_error(R, suffix, "a snapshot resource-group suffix without a prefix: Azure needs the prefix (A10), "
                  "and .bkp writes the suffix after it");
    else if (suffix->v)
        p->snapshot_rg_suffix = val_text(R, suffix, "resource-group suffix");
}

/* What the schedule leaves: snapshots, the resource group, consistency. */
static void read_snapshots(Reader *R, const Node *days, const Node *cons, BkpPolicy *p)
{
    p->snapshot_days = days->v ? val_count(R, days, "the snapshot retention")
                               : bkp_default_snapshot_days(p->enhanced, p->freq);
    int c = cons->v ? val_enum(R, cons, consistencies, is_ps(R) ? 2 : 1, "a snapshot consistency") : 0;
    p->crash_consistent = c == 1;
}

bool read_rest_body(Reader *R, const Node *props, BkpPolicy *p)
{
    unsigned before = R->D->errors;
    Obj o;
    policy_begin(R);
    if (!obj_need(R, props, &o, "a policy's body is its `properties`"))
        return false;
    Node type = obj_get(R, &o, "policyType"), tz = obj_get(R, &o, "timeZone");
    int t = type.v ? val_enum(R, &type, rest_types, COUNT(rest_types), "a policy type") : -1;
    p->timezone = tz.v ? val_text(R, &tz, "time zone") : "UTC";
    Node sched = obj_get(R, &o, "schedulePolicy"), ret = obj_get(R, &o, "retentionPolicy");
    bool known = read_schedule(R, &sched, &type, t, p);
    read_retention(R, &ret, p, known);
    Node days = obj_get(R, &o, "instantRpRetentionRangeInDays"), cons = obj_get(R, &o, "snapshotConsistencyType");
    read_snapshots(R, &days, &cons, p);
    Node rp = obj_get(R, &o, "instantRPDetails");
    Obj rg;
    if (rp.v && obj_open(R, &rp, &rg)) {
        Node pre = obj_get(R, &rg, "azureBackupRGNamePrefix"), suf = obj_get(R, &rg, "azureBackupRGNameSuffix");
        read_snapshot_rg(R, &pre, &suf, p);
        obj_close(R, &rg, NULL);
    }
    Node tier = obj_get(R, &o, "tieringPolicy");
    read_rest_tiering(R, &tier, p);
    Node ia = obj_get(R, &o, "instantAccessSnapshotEnabled");
    bool on = false;
    if (ia.v && val_bool(R, &ia, &on) && on)
        imp_error(R, &ia, "instant access snapshots: .bkp cannot say them yet");
    obj_get(R, &o, "instantAccessDurationMinutes");     /* means nothing without them */
    static const char *const ignored[] = {"protectedItemsCount", "resourceGuardOperationRequests",
                                          "backupManagementType", NULL};
    obj_close(R, &o, ignored);
    policy_end(R);
    return R->D->errors == before;
}

bool read_ps_body(Reader *R, Obj *top, BkpPolicy *p)
{
    unsigned before = R->D->errors;
    policy_begin(R);
    Node type = obj_get(R, top, "PolicySubType");
    int t = type.v ? val_enum(R, &type, ps_types, COUNT(ps_types), "a policy type") : -1;
    Node sched = obj_get(R, top, "SchedulePolicy"), ret = obj_get(R, top, "RetentionPolicy");
    bool known = read_schedule(R, &sched, &type, t, p);
    read_retention(R, &ret, p, known);
    Node days = obj_get(R, top, "SnapshotRetentionInDays"), cons = obj_get(R, top, "SnapshotConsistencyType");
    read_snapshots(R, &days, &cons, p);
    Node pre = obj_get(R, top, "AzureBackupRGName"), suf = obj_get(R, top, "AzureBackupRGNameSuffix");
    read_snapshot_rg(R, &pre, &suf, p);
    Node tier = obj_get(R, top, "TieringPolicy");
    read_ps_tiering(R, &tier, p);
    static const char *const ignored[] = {"ProtectedItemsCount", "WorkloadType", "BackupManagementType", NULL};
    obj_close(R, top, ignored);
    policy_end(R);
    return R->D->errors == before;
}
