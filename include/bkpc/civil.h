/* civil.h — calendar arithmetic: days since 1970-01-01 and civil dates
 * (proleptic Gregorian), weekdays, month lengths, calendar months. */
#ifndef BKPC_CIVIL_H
#define BKPC_CIVIL_H

#include <stdint.h>

/* a / b rounded toward minus infinity (b != 0): the day of an instant
 * before 1970 is bkp_floor_div(t, 86400), not t / 86400. */
int64_t bkp_floor_div(int64_t a, int64_t b);

/* Days since 1970-01-01 of a civil date, and back (proleptic Gregorian). */
int64_t bkp_days_from_civil(int y, int m, int d);
void bkp_civil_from_days(int64_t days, int *y, int *m, int *d);
int bkp_weekday(int64_t days);            /* 0 = Sunday */
int bkp_days_in_month(int y, int m);      /* m = 1..12 */
/* The day n calendar months after `day` (n may be negative): the same day
 * of the month, or the month's last day if that month is shorter (31
 * January + 1 -> 28 or 29 February). Years are 12 months. */
int64_t bkp_add_months(int64_t day, int n);

#endif
