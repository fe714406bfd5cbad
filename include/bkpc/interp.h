/* interp.h — the interpreter: a checked policy over time.
 *
 * `bkpc explain`, `bkpc next` and `bkpc simulate` are thin layers over these
 * functions, and so can be an editor server. Every backup time comes from
 * the one schedule-expansion routine, bkp_sched_day (sched.h); this module
 * only places those schedule days in time and applies the retention rules.
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

#include <jansson.h>

#include "bkpc/policy.h"
#include "bkpc/sched.h"
#include "bkpc/tz.h"

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

/* The instant a backup of schedule day `day` at `minute` runs (see above). */
int64_t bkp_interp_run_utc(BkpTz *tz, const BkpPolicy *p, int64_t day, int minute);
/* The schedule day whose midnight (standard time) is the last at or before
 * UTC instant t. */
int64_t bkp_interp_day_of(BkpTz *tz, const BkpPolicy *p, int64_t t);
/* The rules that keep a backup of schedule day `day`: BKP_WHY_SNAPSHOT
 * always; daily/weekly/monthly/yearly only for vault backups that match. */
unsigned bkp_interp_why(const BkpPolicy *p, int64_t day, bool to_vault);
/* How long a rule keeps a point taken at UTC t (schedule day `day`,
 * `minute`): the instant it expires. */
int64_t bkp_interp_expiry(BkpTz *tz, const BkpPolicy *p, BkpWhy why, int64_t day, int minute,
                          int64_t t);

/* The first n (<= BKP_NEXT_MAX) backups at or after UTC instant `from`, in
 * time order, into out[]. Returns how many (n unless n is out of range). */
int bkp_interp_next(BkpTz *tz, const BkpPolicy *p, int64_t from, int n, BkpBackup *out);

/* --- simulate ------------------------------------------------------------- */

typedef struct BkpPoint {
    BkpBackup b;
    unsigned why;                  /* the rules that keep it at `at` */
    unsigned tiers;                /* where it is at `at` (bits 1u << BkpTier) */
    int64_t expires;               /* when the last of its tiers goes */
    int64_t rule_expires[BKP_WHY_COUNT];   /* per rule in `why` (else 0) */
    int64_t archive_at;            /* when it moves to vault-archive
                                      (INT64_MAX: never) */
} BkpPoint;

typedef struct BkpSim {
    int64_t at, since;
    bool since_default;            /* since was chosen: every tier is full */
    BkpPoint *points;              /* oldest first */
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

/* The recovery points that exist at UTC instant `at` if the policy has run
 * since `*since` (NULL: long enough that every tier is full). Only backups
 * that some rule could still keep are looked at, so time and memory grow
 * with the points kept, not with the points ever taken. Returns 0, or -1
 * when out of memory (*out is then empty). */
int bkp_simulate(BkpTz *tz, const BkpPolicy *p, int64_t at, const int64_t *since, BkpSim *out);
void bkp_sim_free(BkpSim *sim);
/* The default start: local midnight a year before the longest rule's reach
 * back from `at`. */
int64_t bkp_sim_default_since(BkpTz *tz, const BkpPolicy *p, int64_t at);

/* --- explain ---------------------------------------------------------------- */

/* How points of one kind move to vault-archive, over the schedule days of
 * one 400-year Gregorian cycle (the calendar repeats after it). */
typedef struct BkpArchiveKind {
    int64_t points, moves;         /* points; points that ever move */
    int64_t release_days;          /* how long a daily or weekly rule keeps them (0: none) */
    bool weekly_release;           /* the weekly rule is the one that keeps them longest */
    bool by_age;                   /* some move at the tiering age (released no later) */
    bool by_release;               /* some move when released, after the tiering age */
} BkpArchiveKind;

typedef struct BkpExplain {
    int nruns;                     /* backups per schedule day */
    BkpRun runs[BKP_SCHED_MAX_RUNS];   /* bkp_sched_day's */
    /* Each run in UTC, by std_offset: the minute of the UTC day (0-1439),
     * and how many days that UTC date is after the schedule day (-1 to 2). */
    int utc_minute[BKP_SCHED_MAX_RUNS];
    int utc_day[BKP_SCHED_MAX_RUNS];
    int run_days;                  /* schedule days a week (7 unless weekly) */
    int std_offset;                /* minutes, at `at` */
    bool has_dst;                  /* DST in the year from `at` */
    int dst_amount;                /* minutes (usually 60) */
    int64_t dst_start, dst_end;    /* the DST period in force at `at`, or the
                                      next one within a year (UTC) */
    bool has_dst_start, has_dst_end;   /* whether they were found */
    bool dst_in_force;             /* at `at` */
    /* Worst-case data loss: the longest gap, in minutes, between two
     * consecutive points a rule keeps (BKP_WHY_SNAPSHOT: between backups). */
    int64_t rpo[BKP_WHY_COUNT];
    bool on[BKP_WHY_COUNT];        /* which rules the policy has */
    int archive_after_months;      /* the age, in calendar months, from which
                                      points may move (0: no archive) */
    /* When archive_after_months: [0] monthly points that are not yearly
     * ones, [1] yearly points (all zero if there are none); [k][1] those the
     * weekly rule also keeps, [k][0] the others. */
    BkpArchiveKind archive[2][2];
} BkpExplain;

/* `at` only decides the zone's offsets and DST periods shown. */
void bkp_explain(BkpTz *tz, const BkpPolicy *p, int64_t at, BkpExplain *out);

/* --- times ------------------------------------------------------------------ */

/* Parses a command-line TIME: YYYY-MM-DD (midnight), YYYY-MM-DDTHH:MM (a
 * space may stand for the T) in the policy's zone, by its clocks (DST
 * included), or either form followed by Z for UTC. Years 1900-9999. Returns
 * 0, or -1 if s is none of these. */
int bkp_interp_parse_time(BkpTz *tz, const BkpPolicy *p, const char *s, int64_t *utc);

/* What bkp_fmt_clock writes: by default "2026-03-15 08:30". */
enum {
    BKP_CLOCK_WEEKDAY = 1u << 0,   /* "Sun 2026-03-15 08:30" */
    BKP_CLOCK_T = 1u << 1,         /* "2026-03-15T08:30" */
    BKP_CLOCK_SECONDS = 1u << 2,   /* "2026-03-15 08:30:00" */
    BKP_CLOCK_DATE = 1u << 3,      /* "2026-03-15": no time of day */
    BKP_CLOCK_Z = 1u << 4,         /* a final "Z" */
};
/* A buffer that holds any of them. */
#define BKP_CLOCK_MAX 48
/* The clock at UTC instant t in a zone `offset` minutes ahead of UTC. The
 * year has 4 digits or more (an expiry can be after 9999). Returns buf. */
char *bkp_fmt_clock(int64_t t, int offset, unsigned flags, char *buf, size_t n);
/* "2026-03-15T06:30:00Z" (buf >= BKP_CLOCK_MAX). */
char *bkp_fmt_utc(int64_t t, char *buf, size_t n);
/* "2026-03-15T12:00:00+05:30", the zone's clock at t (buf >= 64). */
char *bkp_fmt_local(BkpTz *tz, const BkpPolicy *p, int64_t t, char *buf, size_t n);
/* "+05:30" */
char *bkp_fmt_offset(int minutes, char *buf, size_t n);

/* --- JSON (jansson; NULL when out of memory) ----------------------------------- */

json_t *bkp_explain_json(BkpTz *tz, const BkpPolicy *p, const BkpExplain *e, int64_t at);
json_t *bkp_next_json(BkpTz *tz, const BkpPolicy *p, int64_t from, const BkpBackup *b, int n);
json_t *bkp_sim_json(BkpTz *tz, const BkpPolicy *p, const BkpSim *sim);
/* The same document, written point by point (memory: one point's JSON at a
 * time). 0, or -1 on a write error or when out of memory. */
int bkp_sim_json_write(BkpTz *tz, const BkpPolicy *p, const BkpSim *sim, FILE *f);

#endif
