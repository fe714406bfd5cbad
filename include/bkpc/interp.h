/* interp.h — the interpreter: a checked policy over time.
 *
 * `bkpc explain`, `bkpc next` and `bkpc simulate` are thin layers over these
 * functions, and so can be an editor server. Each returns its result as
 * data (BkpExplain, BkpNext, BkpSim), which two renderers, text and JSON,
 * write with the same facts (the end of this file). Every backup time comes
 * from the one schedule-expansion routine, bkp_sched_day (sched.h); this
 * module only places those schedule days in time and applies the retention
 * rules.
 * docs/semantics.md says what the model is and which Microsoft documents it
 * rests on. In short:
 *
 *   - Time. A schedule day is a civil date in the policy's zone. A backup
 *     `minute` minutes after that day's midnight runs at the UTC instant given
 *     by the zone's *standard* offset (from ICU's tz database, so historical
 *     changes of a zone's standard offset count): Azure does not move backups
 *     for daylight saving time (RULES.md A8), so while DST is in force the
 *     local clock reads the written time plus the DST amount.
 *   - Retention. Snapshots: every backup, `snapshot_days` days. Vault points:
 *     the backups bkp_sched_day marks to_vault. daily = each vault point;
 *     weekly = the vault point of a schedule day on the listed weekdays;
 *     monthly / yearly = the vault point of a matching schedule day. Each rule
 *     keeps a point from the instant it is taken: days and weeks exactly,
 *     months and years as calendar months and years (the same time on the
 *     same day of the month N months later, or the month's last day if it is
 *     shorter), so `keep monthly 60m` holds 60 monthly points in steady state
 *     (a rule by weekday, such as `on first sun`, 59 or 61 on a few days).
 *     Azure may keep a monthly point up to 31 days a month, a few days
 *     longer: a bonus, not the policy's promise (docs/semantics.md). A
 *     point kept by several rules is one point, with every reason, and it
 *     lasts as long as the longest of them.
 *   - Archive. A monthly or yearly point moves to vault-archive once it is old
 *     enough (TierAfter months, or 3 months for TierRecommended, in calendar
 *     months), no daily or weekly rule keeps it any more, and at least 6
 *     calendar months of its retention remain; otherwise it never moves.
 */
#ifndef BKPC_INTERP_H
#define BKPC_INTERP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bkpc/clock.h"
#include "bkpc/policy.h"
#include "bkpc/sched.h"
#include "bkpc/tz.h"
#include "bkpc/units.h"

/* Why a backup is kept: an index, and the bit (1u << index) in a set. */
typedef enum {
    BKP_WHY_SNAPSHOT,      /* instant restore: the snapshot tier */
    BKP_WHY_DAILY,
    BKP_WHY_WEEKLY,
    BKP_WHY_MONTHLY,
    BKP_WHY_YEARLY,
    BKP_WHY_COUNT
} BkpWhy;
const char *bkp_why_name(BkpWhy w);          /* "snapshot", "daily", ... */

/* Where a recovery point is: an index, and the bit (1u << index) in a set. */
typedef enum {
    BKP_TIER_SNAPSHOT,
    BKP_TIER_STANDARD,     /* vault-standard */
    BKP_TIER_ARCHIVE,      /* vault-archive */
    BKP_TIER_COUNT
} BkpTier;
const char *bkp_tier_name(BkpTier t);        /* "snapshot", "vault-standard", "vault-archive" */

/* The least retention an archived point must have left and the least age
 * at which TierRecommended moves it, in calendar months (DOC-ARC, RULES E5). */
#define BKP_ARCHIVE_MIN_LEFT_MONTHS 6
#define BKP_ARCHIVE_MIN_AGE_MONTHS 3

/* Limits that keep every loop bounded. */
#define BKP_NEXT_MAX 10000
#define BKP_TIME_MIN_YEAR 1900
#define BKP_TIME_MAX_YEAR 9999

/* --- how long a rule keeps a point --------------------------------------------- */

/* A rule's retention as the policy gives it: snapshots and daily in days,
 * weekly in weeks, monthly in months, yearly in years. Every length the
 * interpreter uses (expiries, look-back bounds, the order of the rules, the
 * words) is derived from it. */
typedef struct BkpKeep {
    int count;             /* 0: the policy has no such rule */
    BkpUnit unit;          /* BKP_DAYS, BKP_WEEKS, BKP_MONTHS, BKP_YEARS */
} BkpKeep;

BkpKeep bkp_keep(const BkpPolicy *p, BkpWhy w);
/* The schedule day on which it lets go of a point of schedule day `day`:
 * days and weeks exactly; months and years as calendar months, the same day
 * of the month N months later or that month's last day if it is shorter
 * (31 January + 1 month -> 28/29 February; 29 February + 1 year -> 28). */
int64_t bkp_keep_end_day(BkpKeep k, int64_t day);
/* At most how many days: exact for days and weeks, a bound for months (31
 * days each) and years (366), which look-back windows may use; -1: no rule. */
int64_t bkp_keep_max_days(BkpKeep k);
/* Its mean length in 48ths of a day (a year of 365.25 days, a month a
 * twelfth of one), only to order rules by length: `keep monthly 12m` is
 * shorter than `keep daily 366d`. 0: no rule. */
int64_t bkp_keep_mean(BkpKeep k);
/* "10 days", "1 week", "60 months". */
char *bkp_keep_text(BkpKeep k, char *buf, size_t n);

/* --- backups in time --------------------------------------------------------------- */

/* One scheduled backup. */
typedef struct BkpBackup {
    int64_t day;        /* its schedule day: days since 1970-01-01 in the zone */
    int minute;         /* after that day's midnight; >= 1440 on the next day */
    bool to_vault;
    int64_t utc;        /* when it runs, seconds since 1970-01-01T00:00Z */
    int offset;         /* the zone's UTC offset then, minutes, DST included */
    int std_offset;     /* the zone's standard offset then, minutes */
    unsigned why;       /* the rules that keep it (bits 1u << BkpWhy) */
} BkpBackup;

/* A backup's local clock reads other than the written time (DST in force). */
static inline bool bkp_backup_shifted(const BkpBackup *b) { return b->offset != b->std_offset; }
/* Its local clock is on another date than its schedule day (a window past
 * midnight, or DST), the day the rules count it for. */
bool bkp_backup_other_day(const BkpBackup *b);

/* The zone's UTC offset at instant t, minutes, DST included. */
int bkp_interp_offset(BkpTz *tz, const BkpPolicy *p, int64_t t);
/* The instant a backup of schedule day `day` at `minute` runs (see above). */
int64_t bkp_interp_run_utc(BkpTz *tz, const BkpPolicy *p, int64_t day, int minute);
/* The schedule day whose midnight (standard time) is the last at or before
 * UTC instant t. */
int64_t bkp_interp_day_of(BkpTz *tz, const BkpPolicy *p, int64_t t);
/* The rules that keep a backup of schedule day `day`: BKP_WHY_SNAPSHOT
 * always; daily/weekly/monthly/yearly only for vault backups that match. */
unsigned bkp_interp_why(const BkpPolicy *p, int64_t day, bool to_vault);
/* The days of month m (1-12) of year y whose vault point rule w keeps
 * (BKP_WHY_MONTHLY or BKP_WHY_YEARLY; 0 for the others): bit d for day d,
 * as bkp_interp_why says it, a month at a time. */
uint32_t bkp_interp_month_days(const BkpPolicy *p, BkpWhy w, int y, int m);
/* How long a rule keeps a point taken at UTC t (schedule day `day`,
 * `minute`): the instant it expires. */
int64_t bkp_interp_expiry(BkpTz *tz, const BkpPolicy *p, BkpWhy why, int64_t day, int minute,
                          int64_t t);

/* When a vault point of backup b moves to vault-archive under p's tiering
 * (the archive rule above, docs/semantics.md §5), the one computation of
 * it: `why` the rules it was taken for, expires[w] the instant each of them
 * lets it go (its daily and weekly rules release it, its longest vault rule
 * ends it; expired ones count), and no earlier than `from` (INT64_MIN: any
 * time), as if it were released then: its 6 months left count from there.
 * bkp_simulate gives each point its archive_at with p's own rules and no
 * `from`; bkpc diff asks with a new policy's rules applied to an old point,
 * from the change. INT64_MAX: it never moves. */
int64_t bkp_interp_archive_at(BkpTz *tz, const BkpPolicy *p, const BkpBackup *b, unsigned why,
                              const int64_t expires[BKP_WHY_COUNT], int64_t from);
/* Azure bills a point in vault-archive for at least this many days: one
 * deleted sooner is charged for the rest (early deletion, DOC-ARC). */
#define BKP_ARCHIVE_MIN_DAYS 180

/* The backups of schedule day `day`, placed in time (bkp_sched_day's runs,
 * with the rules that keep each), into out[]; returns how many. */
int bkp_interp_day(BkpTz *tz, const BkpPolicy *p, int64_t day, BkpBackup out[BKP_SCHED_MAX_RUNS]);

/* How long a backup lives, tier by tier: what simulate shows of it at any
 * instant. It exists while taken <= t < expires; it is in the snapshot tier
 * while t < snapshot_until, in the vault while t < vault_until, and there in
 * vault-archive from archive_at on. */
typedef struct BkpLife {
    int64_t rule_expires[BKP_WHY_COUNT];   /* per rule in b->why (else INT64_MIN) */
    int64_t expires;               /* the last of them */
    int64_t snapshot_until;        /* rule_expires[BKP_WHY_SNAPSHOT] */
    int64_t vault_until;           /* the last of its vault rules (INT64_MIN: not a vault point) */
    int64_t archive_at;            /* when it moves to vault-archive (INT64_MAX: never) */
} BkpLife;

void bkp_backup_life(BkpTz *tz, const BkpPolicy *p, const BkpBackup *b, BkpLife *out);

/* Parses a command-line TIME: YYYY-MM-DD (midnight), YYYY-MM-DDTHH:MM (a
 * space may stand for the T) in the policy's zone, by its clocks (DST
 * included), or either form followed by Z for UTC. Years 1900-9999. Returns
 * 0, or -1 if s is none of these. */
int bkp_interp_parse_time(BkpTz *tz, const BkpPolicy *p, const char *s, int64_t *utc);

/* --- next ----------------------------------------------------------------------------- */

/* The first n (<= BKP_NEXT_MAX) backups at or after UTC instant `from`, in
 * time order, into out[]. Returns how many (n unless n is out of range). */
int bkp_interp_next(BkpTz *tz, const BkpPolicy *p, int64_t from, int n, BkpBackup *out);

typedef struct BkpNextBackup {
    BkpBackup b;
    int64_t expires[BKP_WHY_COUNT];    /* when each rule in b.why lets it go (else 0) */
} BkpNextBackup;

/* A query for the next backups: nothing is computed until a renderer or
 * bkp_next_each walks it, one backup at a time, so memory does not grow
 * with n. */
typedef struct BkpNext {
    BkpTz *tz;
    const BkpPolicy *policy;
    int64_t from;
    int from_offset;                   /* the zone's offset at `from` */
    int n;                             /* how many asked for (0 when out of range) */
} BkpNext;

/* Sets up the query for the first n (<= BKP_NEXT_MAX) backups at or after
 * UTC instant `from`. */
void bkp_next(BkpTz *tz, const BkpPolicy *p, int64_t from, int n, BkpNext *out);

/* Calls each(x, ctx) for the query's backups in time order, with the rules
 * that keep each and until when; x is valid during the call only. Stops at
 * the first non-zero return of each and returns it; else returns 0.
 * *count (if not NULL) gets how many backups were passed to each. */
typedef int (*BkpNextEach)(const BkpNextBackup *x, void *ctx);
int bkp_next_each(const BkpNext *next, BkpNextEach each, void *ctx, int *count);
/* How many backups the query gives (at most n; fewer only when the
 * schedule runs out). */
int bkp_next_count(const BkpNext *next);

/* --- simulate ------------------------------------------------------------- */

typedef struct BkpPoint {
    BkpBackup b;
    uint8_t why;                   /* the rules that keep it at `at` */
    uint8_t tiers;                 /* where it is at `at` (bits 1u << BkpTier) */
    int expires_offset;            /* the zone's offset at `expires` */
    int64_t expires;               /* when the last of its tiers goes */
    int64_t rule_expires[BKP_WHY_COUNT];   /* per rule in `why` (else 0) */
    int64_t archive_at;            /* when it moves to vault-archive
                                      (INT64_MAX: never) */
} BkpPoint;

typedef struct BkpSim {
    const BkpPolicy *policy;
    int64_t at, since;
    int at_offset, since_offset;   /* the zone's offsets then */
    bool since_default;            /* since was chosen: every tier is full */
    BkpPoint *points;              /* oldest first (bkp_simulate) */
    size_t npoints;
    size_t tier_count[BKP_TIER_COUNT];
    size_t why_count[BKP_WHY_COUNT];
    size_t shifted;                /* points whose clock time is DST-shifted */
    bool archive_assumed;          /* `archive recommended`: every eligible
                                      point is shown as moved (Azure's choice
                                      depends on the VM's churn) */
    size_t candidates;             /* the backups in the rules' look-back
                                      windows, once per window that holds
                                      them (each is evaluated once) */
} BkpSim;

/* Called for each point, oldest first; a non-zero return stops the walk. */
typedef int (*BkpPointFn)(void *ctx, const BkpPoint *pt);

/* The recovery points that exist at UTC instant `at` if the policy has run
 * since `*since` (NULL: long enough that every tier is full), one at a time:
 * fills *out but its points (the counts, the instants) and calls fn (if not
 * NULL) for each point. Only backups that some rule could still keep are
 * looked at, so time grows with the points kept, not with the points ever
 * taken, and memory is constant. Returns 0, or what fn returned to stop
 * (the counts are then those of the points before). */
int bkp_sim_each(BkpTz *tz, const BkpPolicy *p, int64_t at, const int64_t *since, BkpSim *out,
                 BkpPointFn fn, void *ctx);
/* The same, with every point in out->points. Returns 0, or -1 when out of
 * memory (*out then has no points and zero counts). */
int bkp_simulate(BkpTz *tz, const BkpPolicy *p, int64_t at, const int64_t *since, BkpSim *out);
void bkp_sim_free(BkpSim *sim);
/* The default start: local midnight a year before the longest rule's reach
 * back from `at`. */
int64_t bkp_sim_default_since(BkpTz *tz, const BkpPolicy *p, int64_t at);

/* --- explain ---------------------------------------------------------------- */

/* Of the points of one kind, how many ever move to vault-archive. */
typedef enum { BKP_ARCHIVE_MOVES_NONE, BKP_ARCHIVE_MOVES_SOME, BKP_ARCHIVE_MOVES_ALL } BkpArchiveShare;
/* When those that move do: at the tiering age, when their daily or weekly
 * rule releases them, or either (whichever is later, depending on the date). */
typedef enum { BKP_ARCHIVE_AT_AGE, BKP_ARCHIVE_AT_RELEASE, BKP_ARCHIVE_AT_LATER } BkpArchiveWhen;

/* How points of one kind move to vault-archive, over the schedule days of
 * one 400-year Gregorian cycle (the calendar repeats after it). */
typedef struct BkpArchiveKind {
    int64_t points, moves;         /* points; points that ever move */
    int64_t release_days;          /* how long a daily or weekly rule keeps them (0: none) */
    bool weekly_release;           /* the weekly rule is the one that keeps them longest */
    bool by_age;                   /* some move at the tiering age (released no later) */
    bool by_release;               /* some move when released, after the tiering age */
    BkpArchiveShare share;         /* from points and moves */
    BkpArchiveWhen when;           /* from by_age and by_release (if any move) */
} BkpArchiveKind;

/* The promise at one age: up to the length of rule `rule`, some rule keeps
 * points no further apart than `rpo` minutes, those of rule `points`. */
typedef struct BkpPromise {
    int64_t rpo;
    BkpWhy rule;
    BkpWhy points;
} BkpPromise;

/* How many values a policy may leave to their defaults. */
#define BKP_EXPLAIN_DEFAULTS 9

typedef struct BkpExplain {
    const BkpPolicy *policy;
    bool named_after_file;         /* a file of bare clauses */
    int64_t at;                    /* decides the offsets and DST shown */
    int at_offset;
    /* The zone. */
    const char *zone_written;      /* as written (an IANA id), else the Windows id */
    bool zone_mapped;              /* written as another id than the Windows one */
    const char *iana;              /* the tz database's zone (NULL: unknown) */
    int std_offset;                /* minutes, at `at` */
    bool has_dst;                  /* DST in the year from `at` */
    int dst_amount;                /* minutes (usually 60) */
    int64_t dst_start, dst_end;    /* the DST period in force at `at`, or the
                                      next one within a year (UTC) */
    bool has_dst_start, has_dst_end;   /* whether they were found */
    int dst_start_before, dst_end_before;  /* the offsets just before them */
    int dst_start_after, dst_end_after;    /* and from them */
    bool dst_in_force;             /* at `at` */
    /* The schedule. */
    int nruns;                     /* backups per schedule day */
    BkpRun runs[BKP_SCHED_MAX_RUNS];   /* bkp_sched_day's */
    int vault_run;                 /* the one transferred to the vault */
    /* Each run in UTC, by std_offset: the minute of the UTC day (0-1439),
     * and how many days that UTC date is after the schedule day (-1 to 2). */
    int utc_minute[BKP_SCHED_MAX_RUNS];
    int utc_day[BKP_SCHED_MAX_RUNS];
    int run_days;                  /* schedule days a week (7 unless weekly) */
    BkpDaySet utc_run_days;        /* weekly: the backup days in UTC */
    /* The rules. */
    bool on[BKP_WHY_COUNT];        /* which rules the policy has */
    BkpKeep keep[BKP_WHY_COUNT];   /* how long each keeps a point */
    /* Worst-case data loss: the longest gap, in minutes, between two
     * consecutive points a rule keeps (BKP_WHY_SNAPSHOT: between backups). */
    int64_t rpo[BKP_WHY_COUNT];
    /* What restores the policy promises: at each age, the finest points some
     * rule keeps, from the youngest age on; one step per distinct rpo. */
    BkpPromise promise[BKP_WHY_COUNT];
    int npromise;
    int archive_after_months;      /* the age, in calendar months, from which
                                      points may move (0: no archive) */
    /* When archive_after_months: [0] monthly points that are not yearly
     * ones, [1] yearly points (all zero if there are none); [k][1] those the
     * weekly rule also keeps, [k][0] the others. */
    BkpArchiveKind archive[2][2];
    /* What storage cost follows (bkpc cost): backups, so snapshots, a day
     * (a week for weekly schedules), and the points in each tier at `at`
     * in steady state (bkp_sim_each without a start). */
    int snapshots;
    size_t steady_points[BKP_TIER_COUNT];
    /* The values left to their defaults, in the order explain says them:
     * type, time zone, snapshots, daily, weekly (with its days) or its days
     * alone, archive, consistency, snapshot resource group; daily and
     * weekly only when the policy has the rule. */
    BkpField defaults[BKP_EXPLAIN_DEFAULTS];
    int ndefaults;
    /* For a policy made from a template (`from NAME`; NULL: none, and no
     * sources): where each of its values came from, in BkpField order: the
     * policy, a template (which, and its file), or a default. */
    const char *template_name;
    int nsources;
    struct {
        BkpField field;
        const BkpTemplateRef *from;    /* the template; NULL: the policy or a default */
        bool is_default;
    } sources[BKP_FIELD_COUNT];
    /* Its requirements (they hold: a policy whose requirements do not is
     * not compiled). */
    const BkpRequire *requirements;
} BkpExplain;

/* `at` only decides the zone's offsets and DST periods shown. */
void bkp_explain(BkpTz *tz, const BkpPolicy *p, int64_t at, BkpExplain *out);
/* Only the zone's facts (zone_written .. dst_in_force; the rest zero), for
 * which p needs only its timezone (and, for zone_written, its origin): what
 * an editor shows over a time-zone id. bkp_explain starts with it. */
void bkp_explain_zone(BkpTz *tz, const BkpPolicy *p, int64_t at, BkpExplain *out);

/* --- rendering ------------------------------------------------------------------ */

/* Each result as text (aligned tables and sentences, for people) or as JSON
 * (2-space indent, for programs), with the same facts; docs/semantics.md
 * describes both. The JSON is streamed: memory does not grow with it.
 * Return 0, or -1 on a write error. */
int bkp_explain_text(const BkpExplain *e, FILE *out);
/* The lines of bkp_explain_text that are about one field of the policy,
 * what an editor shows over the clause that writes it: BKP_FIELD_TYPE the
 * type; _TIMEZONE the zone and its DST (all bkp_explain_zone needs);
 * _SCHEDULE the schedule; _SNAPSHOTS, _DAILY, _WEEKLY(_DAYS), _MONTHLY(_ON),
 * _YEARLY(_ON) the rule's retention and RPO and, for monthly and yearly,
 * whether and when its points move to vault-archive; _ARCHIVE the tiering;
 * _CONSISTENCY and _SNAPSHOT_RG the snapshots; _NAME all of it. */
int bkp_explain_field_text(const BkpExplain *e, BkpField f, FILE *out);
int bkp_explain_json(const BkpExplain *e, FILE *out);
int bkp_next_text(const BkpNext *next, FILE *out);
int bkp_next_json(const BkpNext *next, FILE *out);
int bkp_sim_text(const BkpSim *sim, FILE *out);
int bkp_sim_json(const BkpSim *sim, FILE *out);
/* bkp_simulate, then bkp_sim_json, without keeping the points: each is
 * written as bkp_sim_each finds it, so memory does not grow with them. */
int bkp_sim_json_each(BkpTz *tz, const BkpPolicy *p, int64_t at, const int64_t *since, FILE *out);

#endif
