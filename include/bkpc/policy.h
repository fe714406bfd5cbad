/* policy.h — a checked policy (AST -> checked policy -> backends/interpreter).
 *
 * A BkpPolicy is what a policy *is*: the values Azure receives, units
 * converted, words resolved, defaults filled in. Where it was written (the
 * file, the spans of its clauses, which values were defaults) is apart, in
 * its BkpPolicyOrigin, which a policy built from JSON (import) or by hand
 * need not have. Two policies with the same values are equal
 * (bkp_policy_equal) wherever they came from.
 *
 * Backends and the interpreter read only these structures, never the AST.
 */
#ifndef BKPC_POLICY_H
#define BKPC_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include "bkpc/diag.h"
#include "bkpc/lexicon.h"
#include "bkpc/source.h"
#include "bkpc/units.h"

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
} BkpLongTerm;

/* The days of a BKP_FORMAT_DAILY rule as one set of BKP_WORD_DAY values
 * (bit 29 = `last`), for bkp_words_join(). */
static inline uint32_t bkp_longterm_dates(const BkpLongTerm *lt)
{
    return lt->dates | (lt->last_day ? 1u << BKP_DAY_LAST : 0);
}

typedef enum {
    BKP_ARCHIVE_NEVER,          /* DoNotTier */
    BKP_ARCHIVE_RECOMMENDED,    /* TierRecommended */
    BKP_ARCHIVE_AFTER,          /* TierAfter, `archive_months` */
} BkpArchiveMode;

/* ---- requirements ------------------------------------------------------------
 *
 * What a `require` clause asserts about the recovery points a policy keeps
 * (docs/language.md; the proof: docs/semantics.md, include/bkpc/prove.h).
 * Requirements are part of what a policy means, not of what Azure receives:
 * equality and the backends ignore them. */

typedef enum {
    BKP_REQ_POINTS,             /* every period of the last SPAN has a point taken in it */
    BKP_REQ_SNAPSHOTS,          /* every backup of the last SPAN still has its snapshot */
    BKP_REQ_RPO,                /* no gap between points longer than rpo_hours */
} BkpReqKind;

/* The periods of BKP_REQ_POINTS: days, weeks (Monday to Sunday), months and
 * years of the policy's time zone, by its clocks. */
typedef enum { BKP_PERIOD_DAY, BKP_PERIOD_WEEK, BKP_PERIOD_MONTH, BKP_PERIOD_YEAR } BkpPeriod;

/* Which points count: any, or only those in one tier (`in snapshot`, `in
 * vault-standard`: restorable without rehydration). */
typedef enum { BKP_REQ_ANY_TIER, BKP_REQ_SNAPSHOT_TIER, BKP_REQ_STANDARD_TIER } BkpReqTier;

/* A length as written: hours, days and weeks are exact; months and years
 * are calendar months and years of the policy's time zone. count 0: none. */
typedef struct BkpLength {
    int count;
    BkpUnit unit;
} BkpLength;

/* Where a requirement (or a value) inherited from a template was written. */
typedef struct BkpTemplateRef {
    const char *name;           /* the template */
    BkpSource *src;             /* its file */
    BkpSpan name_span;          /* its name, in `template NAME` */
} BkpTemplateRef;

typedef struct BkpRequireOrigin {
    BkpSource *src;             /* the file the clause is written in */
    BkpSpan span;               /* the clause */
    BkpSpan span_at;            /* the duration of `for SPAN` (or empty) */
    BkpSpan rpo_at;             /* the duration after `rpo` (or empty) */
    const BkpTemplateRef *from; /* the template it comes from; NULL: the policy's own */
} BkpRequireOrigin;

typedef struct BkpRequire {
    BkpReqKind kind;
    BkpPeriod period;           /* BKP_REQ_POINTS */
    BkpReqTier tier;            /* BKP_REQ_POINTS */
    BkpLength span;             /* the last SPAN; for BKP_REQ_RPO count 0 means
                                   over every point kept */
    int rpo_hours;              /* BKP_REQ_RPO */
    const BkpRequireOrigin *origin;     /* NULL: not read from a .bkp */
    const struct BkpRequire *next;
} BkpRequire;

/* The requirement in words: "monthly points for 12 months", "rpo 24 hours
 * for 30 days", "snapshots for 7 days". Into buf[0..n); returns buf. */
char *bkp_require_text(const BkpRequire *r, char *buf, size_t n);
/* Whether a and b assert the same. */
bool bkp_require_equal(const BkpRequire *a, const BkpRequire *b);

/* While checking, a value that failed to resolve (a unit error, an unknown
 * word) is negative (counts, times) or 0 (day sets), so the rules that need
 * it stay quiet instead of piling errors on one mistake. A policy that
 * bkp_check() returns never has such values. */
typedef struct BkpPolicy {
    const char *name;

    bool enhanced;              /* V2 (true) or V1 */
    const char *timezone;       /* the Windows time-zone id sent to Azure */

    /* Schedule. Times are minutes after local midnight in `timezone`. */
    BkpFreq freq;
    int time;                   /* daily/weekly run time, or the hourly window start */
    BkpDaySet run_days;         /* weekly: the backup days; daily/hourly: all seven */
    int interval_hours;         /* hourly: 4, 6, 8, 12 */
    int window_hours;           /* hourly: interval..24, a multiple of interval */

    int snapshot_days;          /* instantRpRetentionRangeInDays */

    struct {
        bool on;
        int days;
    } daily;

    struct {
        bool on;
        int weeks;
        BkpDaySet days;
    } weekly;

    BkpLongTerm monthly;
    BkpLongTerm yearly;

    BkpArchiveMode archive;
    int archive_months;         /* BKP_ARCHIVE_AFTER */

    const char *snapshot_rg_prefix;   /* NULL when not given */
    const char *snapshot_rg_suffix;   /* NULL when not given */

    bool crash_consistent;      /* snapshotConsistencyType OnlyCrashConsistent */

    const BkpRequire *requirements;         /* its own and its templates', in order */

    const struct BkpPolicyOrigin *origin;   /* NULL: not from a .bkp file */
    struct BkpPolicy *next;
} BkpPolicy;

/* The fields of a policy: what two policies may differ in
 * (bkp_policy_diff), one per independently written part of a clause, in
 * the canonical order of the clauses (print.h). Some are values a policy
 * may leave to Azure's documented defaults (the origin's `defaults` bits):
 * their defaults are noted. */
typedef enum {
    BKP_FIELD_NAME,             /* the policy's name */
    BKP_FIELD_TYPE,             /* enhanced; default enhanced */
    BKP_FIELD_TIMEZONE,         /* default "UTC" */
    BKP_FIELD_SCHEDULE,         /* freq, time; weekly: run_days; hourly: interval, window */
    BKP_FIELD_SNAPSHOTS,        /* default 7, 2 or 5 days: bkp_default_snapshot_days */
    BKP_FIELD_DAILY,            /* daily.days; default BKP_DEFAULT_DAILY_DAYS for a daily or hourly schedule */
    BKP_FIELD_WEEKLY,           /* weekly.weeks; default BKP_DEFAULT_WEEKLY_WEEKS for a weekly schedule */
    BKP_FIELD_WEEKLY_DAYS,      /* weekly.days; default the schedule's days, else Sunday */
    BKP_FIELD_MONTHLY,          /* monthly.count */
    BKP_FIELD_MONTHLY_ON,       /* monthly: format, weeks and days or dates */
    BKP_FIELD_YEARLY,           /* yearly.count */
    BKP_FIELD_YEARLY_ON,        /* yearly: months, format, weeks and days or dates */
    BKP_FIELD_ARCHIVE,          /* archive, archive_months; default never (DoNotTier) */
    BKP_FIELD_SNAPSHOT_RG,      /* prefix and suffix; default Azure's own resource group */
    BKP_FIELD_CONSISTENCY,      /* crash_consistent; default application-consistent */
    BKP_FIELD_COUNT
} BkpField;

/* Retention a policy gets when it does not say (LANGUAGE.md). */
enum { BKP_DEFAULT_DAILY_DAYS = 180, BKP_DEFAULT_WEEKLY_WEEKS = 12 };

/* Where each value was written (a zero span when it is a default): what
 * diagnostics point at. */
typedef struct BkpPolicySpans {
    BkpSpan type, timezone, schedule, interval, start, window, time, run_days;
    BkpSpan snapshots, daily, weekly, weekly_days, monthly, monthly_on, yearly, yearly_on;
    BkpSpan archive, archive_after, snapshot_rg, rg_prefix, rg_suffix, consistency;
    /* the durations of the keep clauses as written (`30d`): what a fix replaces */
    BkpSpan snapshots_dur, daily_dur, weekly_dur, monthly_dur, yearly_dur;
} BkpPolicySpans;

/* Where a policy was written. A value it inherited from a template was
 * written in that template: its span in `at` is in from[field]->src. */
typedef struct BkpPolicyOrigin {
    BkpSource *src;
    BkpSpan span;               /* the whole policy */
    BkpSpan name_span;
    bool name_implicit;         /* named after the file (a file of bare clauses) */
    const char *timezone_written;   /* as written (an IANA id is mapped), or "UTC" */
    unsigned defaults;          /* bit 1u << BkpField: that value is a default */
    BkpPolicySpans at;
    const char *template_name;  /* `from NAME`: the template it is made from, or NULL */
    BkpSpan from_span;          /* `from NAME` as written */
    /* The template each value was written in; NULL: in the policy itself,
     * or a default. */
    const BkpTemplateRef *from[BKP_FIELD_COUNT];
} BkpPolicyOrigin;

/* Whether value f of p was left to its default (false without an origin). */
bool bkp_policy_default(const BkpPolicy *p, BkpField f);
/* The template value f of p comes from, or NULL (written in the policy, a
 * default, or no origin). Inline, as bkp_policy_loc: every rule asks. */
static inline const BkpTemplateRef *bkp_policy_template(const BkpPolicy *p, BkpField f)
{
    return p->origin && f >= 0 && f < BKP_FIELD_COUNT ? p->origin->from[f] : NULL;
}

/* ---- diagnostics about a policy ---------------------------------------------
 *
 * A value a policy inherited from a template is written in the template, in
 * its file. A diagnostic about the policy points at the policy's own text:
 * at the value when the policy wrote it, else at the policy's `from
 * TEMPLATE`, with the template's line as a secondary span that names the
 * template. Both the checker and the prover report so. */

/* Where a value of a policy was written. */
typedef struct BkpLoc {
    BkpSource *src;             /* its file (the policy's, or a template's) */
    BkpSpan span;               /* empty: not written (a default) */
    const BkpTemplateRef *from; /* the template it is inherited from; NULL: the policy's own */
} BkpLoc;

/* Where value f of p was written: `span`, one of p->origin->at's, in the
 * file of the template f comes from, or p's. (Inline: the rule table asks
 * for a few dozen per policy, mostly never used.) */
static inline BkpLoc bkp_policy_loc(const BkpPolicy *p, BkpField f, BkpSpan span)
{
    const BkpTemplateRef *from = bkp_policy_template(p, f);
    BkpLoc l = {from ? from->src : p->origin ? p->origin->src : NULL, span, from};
    return l;
}
/* An error or a warning about p at loc: at loc itself when p wrote it (at
 * p's name when loc is empty), else at p's `from TEMPLATE` with loc as a
 * secondary span labelled "inherited from template `T`". */
BkpDiag *bkp_policy_report(BkpDiags *d, const BkpPolicy *p, BkpSeverity sev, const char *id, BkpLoc loc,
                           const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* A secondary span at loc, in its own file; when inherited, the label says
 * from which template. */
void bkp_policy_secondary(BkpDiags *d, BkpDiag *g, BkpLoc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The documented default of instant-restore retention (RULES.md C1-C4):
 * 7 days (enhanced), 5 (standard weekly), 2 (standard daily). */
int bkp_default_snapshot_days(bool enhanced, BkpFreq freq);

/* A Recovery Services vault the scripts create policies in. */
typedef struct BkpVault {
    const char *name, *resource_group, *subscription;  /* subscription may be NULL */
    BkpSpan span;
    /* `with P, Q`: the policies it holds; none (npolicies 0, no `with`):
     * every policy of the program. */
    const struct BkpPolicy **policies;
    int npolicies;
    const struct BkpVault *next;
} BkpVault;

/* Whether vault v holds policy p. */
bool bkp_vault_holds(const BkpVault *v, const BkpPolicy *p);

typedef enum { BKP_DISKS_ALL, BKP_DISKS_INCLUDE, BKP_DISKS_EXCLUDE } BkpDiskMode;

typedef struct BkpProtect {
    const char *vm, *resource_group;
    const BkpPolicy *policy;
    const BkpVault *vault;      /* the vault it protects the VM in (`in VAULT`, or
                                   the one vault holding the policy); NULL when
                                   the program names no vault */
    BkpDiskMode disks;
    int luns[64];
    int nluns;
    BkpSpan span;
    struct BkpProtect *next;
} BkpProtect;

/* Everything one file defines, checked: its policies and those its `use`
 * statements bring (theirs first, in the order of the uses), its vaults and
 * its protects. */
typedef struct BkpProgram {
    BkpSource *src;
    BkpPolicy *policies;        /* in file order */
    int npolicies;
    const BkpVault *vault;      /* the first vault; NULL when the file has no `vault` */
    const BkpVault *vaults;     /* every vault, in file order (vault->next) */
    int nvaults;
    BkpProtect *protects;       /* in file order */
    int nprotects;
} BkpProgram;

const BkpPolicy *bkp_program_find(const BkpProgram *prog, const char *name);
/* The LUNs of a protect as a set: bit n = LUN n. */
uint64_t bkp_protect_luns(const BkpProtect *p);

/* ---- values: equality and differences --------------------------------------
 *
 * Two policies are equal when Azure would receive the same policy under the
 * same name: where they were written (origin), which values were defaults,
 * and values that mean nothing for the policy never make them unequal: the
 * run days of a daily or hourly schedule, the interval and window of one
 * that is not hourly, the parts of a retention that is not kept, the weeks
 * and days of a monthly or yearly rule by day of the month (and its dates
 * when it goes by week), the months of a monthly rule, archive_months
 * unless BKP_ARCHIVE_AFTER, the suffix without a prefix. */

/* Whether p has field f at all: a weekly schedule has no daily retention, a
 * policy without a snapshot resource group has no BKP_FIELD_SNAPSHOT_RG. */
bool bkp_policy_has(const BkpPolicy *p, BkpField f);
/* Whether field f of a and b holds the same value (both without it counts). */
bool bkp_field_equal(const BkpPolicy *a, const BkpPolicy *b, BkpField f);
/* The fields in which a and b differ, in BkpField order, into out; returns
 * how many (0: equal). The values on each side: print.h's bkp_field_text(),
 * or the policies themselves. */
int bkp_policy_diff(const BkpPolicy *a, const BkpPolicy *b, BkpField out[BKP_FIELD_COUNT]);
bool bkp_policy_equal(const BkpPolicy *a, const BkpPolicy *b);
/* The field in words, for messages: "daily retention", "time zone". */
const char *bkp_field_name(BkpField f);

/* A vault: same name, resource group and subscription (NULL: none), and the
 * same policies (by name; `with` every policy is not the same as none). */
bool bkp_vault_equal(const BkpVault *a, const BkpVault *b);
/* Whether the scripts of prog work in one vault at most that holds every
 * policy: the file names no vault, or one without `with`. */
bool bkp_program_one_vault(const BkpProgram *prog);
/* A protect: same VM, resource group, policy name, vault name, and disks
 * (the LUNs as a set: `exclude disks 2, 1` is `exclude disks 1, 2`). */
bool bkp_protect_equal(const BkpProtect *a, const BkpProtect *b);
/* Two programs define the same things: equal policies (matched by name),
 * vaults (in order) and protects (matched by VM and resource group); the
 * order of the file does not count. False also when out of memory. */
bool bkp_program_equal(const BkpProgram *a, const BkpProgram *b);

/* Azure's spellings of the policy's enums (REST.md; PowerShell shares them). */
const char *bkp_azure_policy_type(bool enhanced);        /* "V2", "V1" */
const char *bkp_azure_freq(BkpFreq f);                   /* "Hourly", "Daily", "Weekly" */
const char *bkp_azure_tiering(BkpArchiveMode m);         /* "DoNotTier", "TierRecommended", "TierAfter" */
const char *bkp_azure_consistency(bool crash);           /* "OnlyCrashConsistent", "ApplicationConsistent" */

#endif
