/* internal.h — what the interpreter's files share and nothing outside
 * src/interp/ sees. */
#ifndef BKPC_INTERP_INTERNAL_H
#define BKPC_INTERP_INTERNAL_H

#include "bkpc/interp.h"

#define DAY 86400
/* The days of one 400-year Gregorian cycle: the calendar, weekdays
 * included, repeats after it. */
#define CYCLE_DAYS 146097

/* Whether schedule day `day` is a day of the zone's calendar: not one it
 * skips, as Samoa skipped 2011-12-30 (its midnight, in standard time, comes
 * after the previous day's). A skipped day has no backups. */
bool interp_day_exists(BkpTz *tz, const BkpPolicy *p, int64_t day);

/* The backup `run` of schedule day `day`, placed in time; `why`: the
 * rules that keep the day's vault backup, bkp_interp_why(p, day, true). */
void interp_backup(BkpTz *tz, const BkpPolicy *p, int64_t day, unsigned why, const BkpRun *run, BkpBackup *b);

/* A schedule day and what the retention rules ask of its date, for walks
 * over consecutive days without calendar arithmetic per day. */
typedef struct InterpCal {
    int64_t day;
    int y, m, d;                   /* its date */
    int wday;                      /* its weekday, BKP_SUN.. */
    int dim;                       /* the days of its month */
    uint32_t monthly, yearly;      /* the days of its month (bit d) the monthly
                                      and yearly rules select */
} InterpCal;

void interp_cal_at(const BkpPolicy *p, int64_t day, InterpCal *c);
/* The day after. */
void interp_cal_next(const BkpPolicy *p, InterpCal *c);
/* bkp_interp_why(p, c->day, true): the one place of the rule. */
unsigned interp_cal_why(const BkpPolicy *p, const InterpCal *c);

/* The age, in calendar months, from which a point may move to vault-archive
 * (TierAfter's months, TierRecommended's least age), or 0: never. */
int interp_archive_age(const BkpPolicy *p);
/* How long the daily and weekly rules in `why` keep a point, in days (0:
 * neither keeps it); *weekly: the weekly rule is the one that keeps it
 * longest. */
int64_t interp_release_days(const BkpPolicy *p, unsigned why, bool *weekly);
/* The archive rule (docs/semantics.md §5), in schedule days: the day on
 * which a vault point of schedule day `day`, kept by the rules in `why`,
 * moves to vault-archive, or INT64_MAX if it never does; *late (may be
 * NULL): it moves when released, after the tiering age. */
int64_t interp_archive_day(const BkpPolicy *p, int64_t day, unsigned why, bool *late);

#endif
