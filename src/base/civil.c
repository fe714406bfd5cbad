/* civil.c — calendar arithmetic (see include/bkpc/civil.h). */
#include "bkpc/civil.h"

#include <stdbool.h>

int64_t bkp_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* --- civil dates (Howard Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms"); exact for any year an int holds. ------------------------------ */

int64_t bkp_days_from_civil(int y, int m, int d)
{
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;                                   /* [0, 399] */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

/* Years -32,800 to about 2.9 million: Cassio Neri and Lorenz Schneider,
 * "Euclidean affine functions and their application to calendar
 * algorithms" (2022), in 32 unsigned bits, where each division by a
 * constant is a multiplication: the interpreter turns hundreds of
 * thousands of instants into dates. The days are shifted by 82 400-year
 * cycles so that they are not negative. */
#define NS_CYCLES 82
#define NS_SHIFT (719468 + 146097 * NS_CYCLES)          /* 0000-03-01 minus the cycles */
#define NS_MAX 1061042400                                /* 4 * (days + NS_SHIFT) + 3 < 2^32 */

static void civil_fast(uint32_t n, int *y, int *m, int *d)
{
    uint32_t n1 = 4 * n + 3;
    uint32_t century = n1 / 146097, nc = n1 % 146097 / 4;           /* day of the century */
    uint64_t p2 = (uint64_t)2939745 * (4 * nc + 3);
    uint32_t yoc = (uint32_t)(p2 >> 32);                            /* year of the century */
    uint32_t ny = (uint32_t)p2 / 2939745 / 4;                       /* day of the year, from March */
    uint32_t n3 = 2141 * ny + 197913;
    uint32_t mm = n3 >> 16, dd = (n3 & 0xFFFF) / 2141;              /* March = 3 .. February = 14 */
    bool jan_feb = ny >= 306;
    *y = (int)(100 * century + yoc) - 400 * NS_CYCLES + jan_feb;
    *m = (int)(jan_feb ? mm - 12 : mm);
    *d = (int)dd + 1;
}

void bkp_civil_from_days(int64_t days, int *y, int *m, int *d)
{
    int yy, mm, dd;
    if (days >= -NS_SHIFT && days <= NS_MAX) {
        civil_fast((uint32_t)(days + NS_SHIFT), &yy, &mm, &dd);
    } else {
        int64_t z = days + 719468;
        int64_t era = (z >= 0 ? z : z - 146096) / 146097;
        int64_t doe = z - era * 146097;                                      /* [0, 146096] */
        int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
        int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
        int64_t mp = (5 * doy + 2) / 153;                                    /* [0, 11] */
        dd = (int)(doy - (153 * mp + 2) / 5 + 1);
        mm = (int)(mp < 10 ? mp + 3 : mp - 9);
        yy = (int)(yoe + era * 400 + (mm <= 2));
    }
    if (y)
        *y = yy;
    if (m)
        *m = mm;
    if (d)
        *d = dd;
}

int bkp_weekday(int64_t days)
{
    return (int)(days >= -4 ? (days + 4) % 7 : (days + 5) % 7 + 6);
}

int bkp_days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2)
        return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
    return dim[(m - 1) % 12];
}

int64_t bkp_add_months(int64_t day, int n)
{
    int y, m, d;
    bkp_civil_from_days(day, &y, &m, &d);
    int64_t k = (int64_t)y * 12 + (m - 1) + n;     /* months since year 0 */
    y = (int)bkp_floor_div(k, 12);
    m = (int)(k - (int64_t)y * 12) + 1;
    if (d > bkp_days_in_month(y, m))
        d = bkp_days_in_month(y, m);
    return bkp_days_from_civil(y, m, d);
}
