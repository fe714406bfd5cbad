/* policy.h — a checked policy (AST -> checked policy -> backends/interpreter).
 *
 * A BkpPolicy is what the type checker produces when a policy obeys every
 * rule: units converted, words resolved, defaults filled in (each marked as
 * a default so `explain` can say so), and the spans of the clauses that set
 * each value kept for later diagnostics. Backends and the interpreter read
 * only this structure, never the AST.
 */
#ifndef BKPC_POLICY_H
#define BKPC_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include "bkpc/source.h"

/* Weekdays are numbered as .NET's and REST's DayOfWeek: Sunday = 0. */
enum { BKP_SUN, BKP_MON, BKP_TUE, BKP_WED, BKP_THU, BKP_FRI, BKP_SAT };
/* Weeks of the month: First = 0 ... Fourth = 3, Last = 4. */
enum { BKP_WEEK_FIRST, BKP_WEEK_SECOND, BKP_WEEK_THIRD, BKP_WEEK_FOURTH, BKP_WEEK_LAST };

typedef uint8_t BkpDaySet;      /* bit d = weekday d (BKP_SUN..BKP_SAT) */
typedef uint8_t BkpWeekSet;     /* bit w = week of the month w */
typedef uint16_t BkpMonthSet;   /* bit m = month m, 0 = January */
typedef uint32_t BkpDateSet;    /* bit n = date n (1..28) of the month */

typedef enum { BKP_FREQ_HOURLY, BKP_FREQ_DAILY, BKP_FREQ_WEEKLY } BkpFreq;

typedef enum {
    BKP_FORMAT_WEEKLY,          /* `on first sun`: weeks of the month x weekdays */
    BKP_FORMAT_DAILY,           /* `on day 1, 15, last`: days of the month */
} BkpRetFormat;

/* Monthly or yearly retention. */
typedef struct BkpLongTerm {
    bool on;
    int count;                  /* months (monthly) or years (yearly) */
    BkpRetFormat format;
    BkpWeekSet weeks;           /* BKP_FORMAT_WEEKLY */
    BkpDaySet days;             /* BKP_FORMAT_WEEKLY */
    BkpDateSet dates;           /* BKP_FORMAT_DAILY: dates 1..28 */
    bool last_day;              /* BKP_FORMAT_DAILY: the last day of the month */
    BkpMonthSet months;         /* yearly only */
    bool is_default;
} BkpLongTerm;

/* Where each value was written (a zero span when it is a default): what
 * diagnostics point at. */
typedef struct BkpPolicySpans {
    BkpSpan type, timezone, schedule, interval, start, window, time, run_days;
    BkpSpan snapshots, daily, weekly, weekly_days, monthly, monthly_on, yearly, yearly_on;
    BkpSpan archive, archive_after, snapshot_rg, rg_prefix, rg_suffix, consistency;
} BkpPolicySpans;

typedef enum {
    BKP_ARCHIVE_UNSET,          /* no `archive` clause: emitted as DoNotTier */
    BKP_ARCHIVE_NEVER,          /* DoNotTier */
    BKP_ARCHIVE_RECOMMENDED,    /* TierRecommended */
    BKP_ARCHIVE_AFTER,          /* TierAfter, `months` */
} BkpArchiveMode;

/* While checking, a value that failed to resolve (a unit error, an unknown
 * word) is negative (counts, times) or 0 (day sets), so the rules that need
 * it stay quiet instead of piling errors on one mistake. A policy that
 * bkp_check() returns never has such values. */
typedef struct BkpPolicy {
    const char *name;
    BkpSpan name_span;
    bool name_implicit;         /* named after the file (a file of bare clauses) */
    BkpSpan span;
    BkpSource *src;

    bool enhanced;              /* V2 (true) or V1 */
    bool type_default;

    const char *timezone;       /* the Windows time-zone id sent to Azure */
    const char *timezone_written; /* as written (an IANA id is mapped), or "UTC" */
    bool timezone_default;

    /* Schedule. Times are minutes after local midnight in `timezone`. */
    BkpFreq freq;
    int time;                   /* daily/weekly run time, or the hourly window start */
    BkpDaySet run_days;         /* weekly: the backup days; daily/hourly: all seven */
    int interval_hours;         /* hourly: 4, 6, 8, 12 */
    int window_hours;           /* hourly: interval..24, a multiple of interval */

    int snapshot_days;          /* instantRpRetentionRangeInDays */
    bool snapshot_default;

    struct {
        bool on;
        int days;
        bool is_default;
    } daily;

    struct {
        bool on;
        int weeks;
        BkpDaySet days;
        bool is_default;        /* the whole clause was a default */
        bool days_default;      /* `on DAYS` was left out */
    } weekly;

    BkpLongTerm monthly;
    BkpLongTerm yearly;

    BkpArchiveMode archive;
    int archive_months;         /* BKP_ARCHIVE_AFTER */

    const char *snapshot_rg_prefix;   /* NULL when not given */
    const char *snapshot_rg_suffix;   /* NULL when not given */

    bool crash_consistent;      /* snapshotConsistencyType OnlyCrashConsistent */

    BkpPolicySpans at;

    struct BkpPolicy *next;
} BkpPolicy;

typedef struct BkpVault {
    const char *name, *resource_group, *subscription;  /* subscription may be NULL */
    BkpSpan span;
} BkpVault;

typedef enum { BKP_DISKS_ALL, BKP_DISKS_INCLUDE, BKP_DISKS_EXCLUDE } BkpDiskMode;

typedef struct BkpProtect {
    const char *vm, *resource_group;
    const BkpPolicy *policy;
    BkpDiskMode disks;
    int luns[64];
    int nluns;
    BkpSpan span;
    struct BkpProtect *next;
} BkpProtect;

/* Everything one file defines, checked. */
typedef struct BkpProgram {
    BkpSource *src;
    BkpPolicy *policies;        /* in file order */
    int npolicies;
    const BkpVault *vault;      /* NULL when the file has no `vault` */
    BkpProtect *protects;       /* in file order */
    int nprotects;
} BkpProgram;

const BkpPolicy *bkp_program_find(const BkpProgram *prog, const char *name);

/* Names as Azure spells them. */
const char *bkp_weekday_name(int d);     /* "Sunday" */
const char *bkp_weekday_short(int d);    /* "sun" */
const char *bkp_week_name(int w);        /* "First" */
const char *bkp_month_name(int m);       /* "January" */
const char *bkp_month_short(int m);      /* "jan" */
const char *bkp_freq_name(BkpFreq f);    /* "Hourly", "Daily", "Weekly" */

#endif
