/* time.c — schedule days placed in time: the instant a backup runs, the
 * schedule day of an instant, the zone's offsets, and TIME on the command
 * line (see include/bkpc/interp.h and docs/semantics.md §2). */
#include <stdbool.h>

#include "internal.h"

static int std_offset(BkpTz *tz, const BkpPolicy *p, int64_t t)
{
    return bkp_tz_std_offset(tz, p->timezone, t);
}

int bkp_interp_offset(BkpTz *tz, const BkpPolicy *p, int64_t t)
{
    return bkp_tz_offset(tz, p->timezone, t, NULL);
}

int64_t bkp_interp_run_utc(BkpTz *tz, const BkpPolicy *p, int64_t day, int minute)
{
    int64_t local = day * DAY + (int64_t)minute * 60;
    int64_t u = local - (int64_t)std_offset(tz, p, local) * 60;
    return local - (int64_t)std_offset(tz, p, u) * 60;
}

bool interp_day_exists(BkpTz *tz, const BkpPolicy *p, int64_t day)
{
    return bkp_interp_run_utc(tz, p, day, 0) > bkp_interp_run_utc(tz, p, day - 1, 0);
}

int64_t bkp_interp_day_of(BkpTz *tz, const BkpPolicy *p, int64_t t)
{
    return bkp_floor_div(t + (int64_t)std_offset(tz, p, t) * 60, DAY);
}


int bkp_interp_day(BkpTz *tz, const BkpPolicy *p, int64_t day, BkpBackup out[BKP_SCHED_MAX_RUNS])
{
    BkpRun runs[BKP_SCHED_MAX_RUNS];
    int n = bkp_sched_day(p, runs);
    unsigned why = bkp_interp_why(p, day, true);
    if (!why)
        return 0;
    for (int i = 0; i < n; i++)
        interp_backup(tz, p, day, why, &runs[i], &out[i]);
    return n;
}

bool bkp_backup_other_day(const BkpBackup *b)
{
    return bkp_floor_div(b->utc + (int64_t)b->offset * 60, DAY) != b->day;
}

/* Reads exactly `n` digits. */
static bool digits(const char **s, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        char c = (*s)[i];
        if (c < '0' || c > '9')
            return false;
        x = x * 10 + (c - '0');
    }
    *s += n;
    *v = x;
    return true;
}

int bkp_interp_parse_time(BkpTz *tz, const BkpPolicy *p, const char *s, int64_t *utc)
{
    if (!s)
        return -1;
    int y, mo, d, hh = 0, mm = 0;
    if (!digits(&s, 4, &y) || *s++ != '-' || !digits(&s, 2, &mo) || *s++ != '-' || !digits(&s, 2, &d))
        return -1;
    if (*s == 'T' || *s == ' ') {
        s++;
        if (!digits(&s, 2, &hh) || *s++ != ':' || !digits(&s, 2, &mm))
            return -1;
    }
    bool z = false;
    if (*s == 'Z') {
        z = true;
        s++;
    }
    if (*s)
        return -1;
    if (y < BKP_TIME_MIN_YEAR || y > BKP_TIME_MAX_YEAR || mo < 1 || mo > 12 || d < 1 ||
        d > bkp_days_in_month(y, mo) || hh > 23 || mm > 59)
        return -1;
    int64_t days = bkp_days_from_civil(y, mo, d);
    *utc = z ? days * DAY + hh * 3600 + mm * 60 : bkp_tz_local_to_utc(tz, p->timezone, days, hh * 60 + mm);
    return 0;
}
