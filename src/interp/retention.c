/* retention.c — the retention rules: a backup and which rules keep it, how long a
 * rule keeps a point (BkpKeep, the one place), when it expires, and when it
 * moves to vault-archive (see include/bkpc/interp.h and docs/semantics.md
 * §4-5). */
#include <stdio.h>

#include "internal.h"

/* The longest month and year, in days: bounds only (bkp_keep_max_days). */
#define MONTH_MAX_DAYS 31
#define YEAR_MAX_DAYS 366

const char *bkp_why_name(BkpWhy w)
{
    static const char *const names[BKP_WHY_COUNT] = {"snapshot", "daily", "weekly", "monthly", "yearly"};
    return (unsigned)w < BKP_WHY_COUNT ? names[w] : "?";
}

const char *bkp_tier_name(BkpTier t)
{
    static const char *const names[BKP_TIER_COUNT] = {"snapshot", "vault-standard", "vault-archive"};
    return (unsigned)t < BKP_TIER_COUNT ? names[t] : "?";
}

/* --- which rules keep a backup ---------------------------------------------------- */

/* The days (bit d, 1 to 31) of month m of year y that a monthly or yearly
 * rule selects; wd1: the weekday of the month's first day. `on first sun`:
 * the Sunday among days 1-7 (second: 8-14, third: 15-21, fourth: 22-28),
 * `last sun`: the last Sunday; `on day 1, last`: those dates. */
static uint32_t longterm_days(const BkpLongTerm *lt, bool yearly, int y, int m, int wd1)
{
    if (!lt->on || (yearly && !(lt->months >> (m - 1) & 1)))
        return 0;
    int dim = bkp_days_in_month(y, m);
    if (lt->format == BKP_FORMAT_DAILY)
        return (lt->dates & 0x1FFFFFFEu) | (lt->last_day ? 1u << dim : 0);
    uint32_t set = 0;
    for (int w = 0; w < 7; w++) {
        if (!(lt->days >> w & 1))
            continue;
        int first = 1 + (w - wd1 + 7) % 7;         /* in days 1-7: the first week */
        for (int k = BKP_WEEK_FIRST; k <= BKP_WEEK_FOURTH; k++)
            if (lt->weeks >> k & 1)
                set |= 1u << (first + 7 * k);
        if (lt->weeks >> BKP_WEEK_LAST & 1)
            set |= 1u << (first + 7 * ((dim - first) / 7));
    }
    return set;
}

uint32_t bkp_interp_month_days(const BkpPolicy *p, BkpWhy w, int y, int m)
{
    if (w != BKP_WHY_MONTHLY && w != BKP_WHY_YEARLY)
        return 0;
    int wd1 = bkp_weekday(bkp_days_from_civil(y, m, 1));
    uint32_t set = longterm_days(w == BKP_WHY_MONTHLY ? &p->monthly : &p->yearly, w == BKP_WHY_YEARLY, y, m, wd1);
    if (p->freq == BKP_FREQ_WEEKLY)         /* only days with a backup */
        for (int d = 1; d <= 31; d++)
            if ((set >> d & 1) && !bkp_sched_runs_on(p, (wd1 + d - 1) % 7))
                set &= ~(1u << d);
    return set;
}

void interp_cal_at(const BkpPolicy *p, int64_t day, InterpCal *c)
{
    c->day = day;
    c->wday = bkp_weekday(day);
    bkp_civil_from_days(day, &c->y, &c->m, &c->d);
    int wd1 = ((c->wday - (c->d - 1)) % 7 + 7) % 7;
    c->dim = bkp_days_in_month(c->y, c->m);
    c->monthly = longterm_days(&p->monthly, false, c->y, c->m, wd1);
    c->yearly = longterm_days(&p->yearly, true, c->y, c->m, wd1);
}

void interp_cal_next(const BkpPolicy *p, InterpCal *c)
{
    c->day++;
    c->wday = c->wday == 6 ? 0 : c->wday + 1;
    if (++c->d <= c->dim)
        return;
    c->d = 1;                     /* a new month: its rules' days */
    if (++c->m > 12) {
        c->m = 1;
        c->y++;
    }
    c->dim = bkp_days_in_month(c->y, c->m);
    c->monthly = longterm_days(&p->monthly, false, c->y, c->m, c->wday);
    c->yearly = longterm_days(&p->yearly, true, c->y, c->m, c->wday);
}

unsigned interp_cal_why(const BkpPolicy *p, const InterpCal *c)
{
    if (!bkp_sched_runs_on(p, c->wday))
        return 0;
    unsigned why = 1u << BKP_WHY_SNAPSHOT;
    if (p->daily.on)
        why |= 1u << BKP_WHY_DAILY;
    if (p->weekly.on && (p->weekly.days >> c->wday & 1))
        why |= 1u << BKP_WHY_WEEKLY;
    if (c->monthly >> c->d & 1)
        why |= 1u << BKP_WHY_MONTHLY;
    if (c->yearly >> c->d & 1)
        why |= 1u << BKP_WHY_YEARLY;
    return why;
}

unsigned bkp_interp_why(const BkpPolicy *p, int64_t day, bool to_vault)
{
    if (!bkp_sched_runs_on(p, bkp_weekday(day)))
        return 0;
    if (!to_vault)
        return 1u << BKP_WHY_SNAPSHOT;
    InterpCal c;
    interp_cal_at(p, day, &c);
    return interp_cal_why(p, &c);
}

/* A backup of schedule day `day`: when it runs, and the rules that keep it
 * (`why`: the day's, bkp_interp_why(p, day, true)). */
void interp_backup(BkpTz *tz, const BkpPolicy *p, int64_t day, unsigned why, const BkpRun *run, BkpBackup *b)
{
    b->day = day;
    b->minute = run->minute;
    b->to_vault = run->to_vault;
    b->utc = bkp_interp_run_utc(tz, p, day, run->minute);
    b->offset = bkp_interp_offset(tz, p, b->utc);
    b->std_offset = bkp_tz_std_offset(tz, p->timezone, b->utc);
    b->why = run->to_vault ? why : why & 1u << BKP_WHY_SNAPSHOT;
}

/* --- how long ------------------------------------------------------------------------ */

BkpKeep bkp_keep(const BkpPolicy *p, BkpWhy w)
{
    BkpKeep none = {0, BKP_DAYS};
    switch (w) {
    case BKP_WHY_SNAPSHOT: return (BkpKeep){p->snapshot_days, BKP_DAYS};
    case BKP_WHY_DAILY: return p->daily.on ? (BkpKeep){p->daily.days, BKP_DAYS} : none;
    case BKP_WHY_WEEKLY: return p->weekly.on ? (BkpKeep){p->weekly.weeks, BKP_WEEKS} : none;
    case BKP_WHY_MONTHLY: return p->monthly.on ? (BkpKeep){p->monthly.count, BKP_MONTHS} : none;
    case BKP_WHY_YEARLY: return p->yearly.on ? (BkpKeep){p->yearly.count, BKP_YEARS} : none;
    default: return none;
    }
}

int64_t bkp_keep_end_day(BkpKeep k, int64_t day)
{
    switch (k.unit) {
    case BKP_DAYS: return day + k.count;
    case BKP_WEEKS: return day + (int64_t)k.count * 7;
    case BKP_MONTHS: return bkp_add_months(day, k.count);
    case BKP_YEARS: return bkp_add_months(day, k.count * 12);
    default: return day;
    }
}

int64_t bkp_keep_max_days(BkpKeep k)
{
    static const int64_t per[] = {[BKP_DAYS] = 1, [BKP_WEEKS] = 7, [BKP_MONTHS] = MONTH_MAX_DAYS,
                                  [BKP_YEARS] = YEAR_MAX_DAYS};
    return k.count > 0 && k.unit >= BKP_DAYS && k.unit <= BKP_YEARS ? (int64_t)k.count * per[k.unit] : -1;
}

int64_t bkp_keep_mean(BkpKeep k)
{
    /* 48ths of a day: a year is 365.25 days = 17532, a month 1461. */
    static const int64_t per[] = {[BKP_DAYS] = 48, [BKP_WEEKS] = 336, [BKP_MONTHS] = 1461, [BKP_YEARS] = 17532};
    return k.count > 0 && k.unit >= BKP_DAYS && k.unit <= BKP_YEARS ? (int64_t)k.count * per[k.unit] : 0;
}

char *bkp_keep_text(BkpKeep k, char *buf, size_t n)
{
    snprintf(buf, n, "%d %s", k.count, bkp_unit_name(k.unit, k.count != 1));
    return buf;
}

int64_t bkp_interp_expiry(BkpTz *tz, const BkpPolicy *p, BkpWhy why, int64_t day, int minute, int64_t t)
{
    BkpKeep k = bkp_keep(p, why);
    int64_t end = bkp_keep_end_day(k, day);
    /* Days and weeks: exactly, from the instant the point is taken; calendar
     * months and years: at the point's time of day. */
    if (k.unit == BKP_DAYS || k.unit == BKP_WEEKS)
        return t + (end - day) * DAY;
    return bkp_interp_run_utc(tz, p, end, minute);
}

/* --- vault-archive --------------------------------------------------------------------- */

int interp_archive_age(const BkpPolicy *p)
{
    switch (p->archive) {
    case BKP_ARCHIVE_AFTER: return p->archive_months;
    case BKP_ARCHIVE_RECOMMENDED: return BKP_ARCHIVE_MIN_AGE_MONTHS;
    default: return 0;
    }
}

int64_t interp_release_days(const BkpPolicy *p, unsigned why, bool *weekly)
{
    int64_t daily = why >> BKP_WHY_DAILY & 1 ? bkp_keep_max_days(bkp_keep(p, BKP_WHY_DAILY)) : 0;
    int64_t week = why >> BKP_WHY_WEEKLY & 1 ? bkp_keep_max_days(bkp_keep(p, BKP_WHY_WEEKLY)) : 0;
    *weekly = week > daily;
    return *weekly ? week : daily;
}

/* The archive rule on schedule days, for a point of schedule day `day`
 * kept by the rules in `why`, that its daily and weekly rules release on
 * `release` and that leaves the vault on `end`: it must be a monthly or
 * yearly point; it moves at the tiering age in calendar months or, when
 * later (*late), the day it is released; and only if 6 calendar months of
 * its retention (its longest rule's) are left from that day. The one place
 * of the rule: explain's classes and every point's move come from it. */
static bool archivable(const BkpPolicy *p, unsigned why)
{
    return interp_archive_age(p) > 0 && (why & (1u << BKP_WHY_MONTHLY | 1u << BKP_WHY_YEARLY));
}

static int64_t archive_move(const BkpPolicy *p, int64_t day, unsigned why, int64_t release, int64_t end,
                            bool *late)
{
    *late = false;
    if (!archivable(p, why))
        return INT64_MAX;
    int64_t move = bkp_add_months(day, interp_archive_age(p));
    if (release > move) {
        move = release;
        *late = true;
    }
    return bkp_add_months(move, BKP_ARCHIVE_MIN_LEFT_MONTHS) <= end ? move : INT64_MAX;
}

int64_t interp_archive_day(const BkpPolicy *p, int64_t day, unsigned why, bool *late)
{
    bool ignored, weekly;
    int64_t end = INT64_MIN;         /* the day it leaves the vault */
    for (int w = BKP_WHY_DAILY; w < BKP_WHY_COUNT; w++) {
        int64_t e = bkp_keep_end_day(bkp_keep(p, (BkpWhy)w), day);
        if (why >> w & 1 && e > end)
            end = e;
    }
    return archive_move(p, day, why, day + interp_release_days(p, why, &weekly), end, late ? late : &ignored);
}

int64_t bkp_interp_archive_at(BkpTz *tz, const BkpPolicy *p, const BkpBackup *b, unsigned why,
                              const int64_t expires[BKP_WHY_COUNT], int64_t from)
{
    /* Instants of the point's rules as its schedule days: the day whose run
     * at the point's minute is the last at or before them. Moving no
     * earlier than `from` is as if it were released then. */
    int64_t release = from, end = INT64_MIN;
    for (int w = BKP_WHY_DAILY; w < BKP_WHY_COUNT; w++) {
        if (!(why >> w & 1))
            continue;
        if ((w == BKP_WHY_DAILY || w == BKP_WHY_WEEKLY) && expires[w] > release)
            release = expires[w];
        if (expires[w] > end)
            end = expires[w];
    }
    if (end == INT64_MIN || !archivable(p, why))
        return INT64_MAX;
    int64_t shift = (int64_t)b->minute * 60;
    int64_t release_day = release == INT64_MIN ? b->day : bkp_interp_day_of(tz, p, release - shift);
    bool late;
    int64_t move = archive_move(p, b->day, why, release_day, bkp_interp_day_of(tz, p, end - shift), &late);
    if (move == INT64_MAX)
        return INT64_MAX;
    /* It moves at the later of the instant it is old enough, at its time of
     * day, and the instant its daily or weekly rules let it go (or `from`). */
    int64_t old_enough = bkp_interp_run_utc(tz, p, bkp_add_months(b->day, interp_archive_age(p)), b->minute);
    return release > old_enough ? release : old_enough;
}

void bkp_backup_life(BkpTz *tz, const BkpPolicy *p, const BkpBackup *b, BkpLife *out)
{
    out->expires = out->vault_until = out->snapshot_until = INT64_MIN;
    for (int w = 0; w < BKP_WHY_COUNT; w++) {
        out->rule_expires[w] = INT64_MIN;
        if (!(b->why >> w & 1))
            continue;
        int64_t e = bkp_interp_expiry(tz, p, (BkpWhy)w, b->day, b->minute, b->utc);
        out->rule_expires[w] = e;
        if (e > out->expires)
            out->expires = e;
        if (w == BKP_WHY_SNAPSHOT)
            out->snapshot_until = e;
        else if (e > out->vault_until)
            out->vault_until = e;
    }
    out->archive_at = bkp_interp_archive_at(tz, p, b, b->why, out->rule_expires, INT64_MIN);
}
