/* prove_int.h — what the prover's files share (private to src/prove/).
 *
 *   zone.c    a time zone over the proof's range: its transitions, whether
 *             its standard offset is constant, from when it repeats every
 *             400 years, and local midnights (the edges of periods);
 *   plan.c    a policy made ready to prove: the moments to cover, one week
 *             of its day-count retention (what repeats every week) and its
 *             monthly and yearly points, each from the interpreter;
 *   points.c  `require ... points for SPAN` and `require snapshots`;
 *   rpo.c     `require rpo`;
 *   report.c  the diagnostics: counterexample, cause, smallest change;
 *   prove.c   the front door, the caches.
 */
#ifndef BKPC_PROVE_INT_H
#define BKPC_PROVE_INT_H

#include "bkpc/prove.h"

#define DAY 86400
/* The days of one 400-year Gregorian cycle (20,871 weeks exactly). */
#define CYCLE_DAYS 146097
/* A point no rule keeps, or a tier it is never in. */
#define NEVER INT64_MIN

/* ---- zone.c ------------------------------------------------------------ */

/* A zone's offsets over [from, to): from at[i] on, off[i] (with DST) and
 * std[i] (standard), minutes. */
typedef struct Zone {
    const char *id;
    int64_t from, to;
    int64_t *at;
    int *off, *std;
    int n;
    bool std_constant;          /* one standard offset over the whole range */
    int64_t periodic_from;      /* from then on, offsets repeat every cycle */
} Zone;

/* The zone `id` over [from, to), its transitions from ICU (bkp_tz). NULL
 * when out of memory. */
Zone *zone_load(BkpTz *tz, const char *id, int64_t from, int64_t to);
void zone_free(Zone *z);
/* The index of the offsets in force at t (the last at[i] <= t); _near
 * starts from the index `hint` a previous question gave. */
int zone_index(const Zone *z, int64_t t);
int zone_index_near(const Zone *z, int64_t t, int hint);
/* Local midnight of day `day` (days since 1970 in the zone's clocks): the
 * instant the zone's clocks read 00:00 (bkp_tz_local_to_utc's reading of a
 * skipped or repeated midnight). *hint: the index of the last answer
 * (updated; start with 0). */
int64_t zone_midnight(BkpTz *tz, const Zone *z, int64_t day, int *hint);

/* ---- plan.c ------------------------------------------------------------- */

/* One backup of the weekly pattern: its instant after its schedule day's
 * first second (days since 1970 * DAY), and its life, after its instant. */
typedef struct Run {
    int64_t off;                /* τ - day * DAY */
    int minute;
    bool to_vault;
    unsigned why;               /* the day-count rules that keep it */
    int64_t life[3];            /* BkpReqTier: expires, snapshot_until, vault-standard
                                   until (NEVER: not in that tier), after τ */
} Run;

/* A policy made ready to prove one or more requirements. */
typedef struct Plan {
    BkpTz *tz;
    const BkpPolicy *p;
    BkpPolicy dc;               /* p without its monthly and yearly rules */
    const Zone *zone;
    int64_t t0, t1;             /* the moments to cover: [t0, t1) */
    int64_t kmax;               /* the longest any rule keeps a point (a bound), seconds */
    bool fast;                  /* the standard offset is constant where the fast
                                   algorithm needs it: the weekly pattern holds */
    int64_t sigma;              /* that offset, seconds */
    int *hint;                  /* zone_midnight's, for questions in time order */
    bool month_rules;           /* p has a monthly or yearly rule */
    struct MonthMasks *masks;   /* the days those rules keep, of the months asked last */
    int nruns;
    Run week[7][BKP_SCHED_MAX_RUNS];   /* by weekday of the schedule day */
} Plan;

/* The plan of p, for moments from t0 on: to t1 as the zone and p's
 * retention need (docs/semantics.md), or `years` years (tests). 0, or -1
 * when out of memory; plan_free frees it. */
int plan_init(Plan *pl, BkpTz *tz, const BkpPolicy *p, const Zone *z, int64_t t0, int64_t years);
void plan_free(Plan *pl);
/* The backups of schedule day `day`, placed and with their lives in out[]
 * (tier `tier`): from the weekly pattern, and the interpreter for the
 * monthly and yearly points (`full`), or from the interpreter alone
 * (reference). Returns how many. */
int plan_day(const Plan *pl, int64_t day, bool full, bool reference, BkpBackup b[BKP_SCHED_MAX_RUNS],
             int64_t life[BKP_SCHED_MAX_RUNS][3]);
/* Whether schedule day `day` has a vault point a monthly or yearly rule keeps. */
bool plan_month_point(const Plan *pl, int64_t day);
/* Which of them: bit 0 monthly, bit 1 yearly. */
unsigned plan_month_rules(const Plan *pl, int64_t day);
/* The schedule day whose standard midnight is the last at or before t. */
int64_t plan_day_of(const Plan *pl, int64_t t);

/* ---- points.c, rpo.c ------------------------------------------------------ */

int prove_points(const Plan *pl, const BkpRequire *r, bool reference, BkpProof *out);
int prove_snapshots(const Plan *pl, const BkpRequire *r, bool reference, BkpProof *out);
int prove_rpo(const Plan *pl, const BkpRequire *r, bool reference, BkpProof *out);

/* The length of a span in seconds (hours, days, weeks), or 0 for months and
 * years, which are calendar ones. */
int64_t span_seconds(BkpLength l);
/* t + l: exact for hours, days and weeks; months and years from local
 * midnight of `day` (t's day in the zone's clocks), as calendar months. */
int64_t span_after(const Plan *pl, int64_t t, int64_t day, BkpLength l);

/* Records a failure at moment `at` in out, when earlier than the one it
 * holds. */
void proof_fail(BkpProof *out, BkpFailKind k, int64_t at, int64_t from, int64_t to);

/* ---- report.c --------------------------------------------------------------- */

/* The diagnostic of a requirement r of p that does not hold (proof pf),
 * with the cause, the counterexample (checked with bkp_sim_each) and the
 * smallest change that makes it hold. */
void report_failure(BkpCtx *ctx, BkpProver *pv, const BkpPolicy *p, const BkpRequire *r, const BkpProof *pf);

#endif
