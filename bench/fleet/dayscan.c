/* dayscan.c — the floor of bench/fleet: N passes over every day of one
 * 400-year Gregorian cycle (146,097 days), each day turned into its year,
 * month, day and weekday, and the first Sundays of the months counted.
 * It is what any proof that looks at each day of the cycle once must do at
 * the least, for N requirements; it shares no code with bkpc (the civil
 * date is Howard Hinnant's public-domain algorithm, written out here).
 *
 *   dayscan N        prints the count, so that the loop is not optimized out
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void civil(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
    int64_t first = 21915;              /* 2030-01-01, days since 1970 */
    uint64_t count = 0;
    for (long k = 0; k < n; k++)
        for (int64_t z = first + k % 7; z < first + k % 7 + 146097; z++) {
            int64_t y;
            unsigned m, d;
            civil(z, &y, &m, &d);
            unsigned wd = (unsigned)((z % 7 + 11) % 7);    /* 0 = Sunday; 1970-01-01 was a Thursday */
            count += wd == 0 && d <= 7 && m >= 1 && y > 0;   /* a first Sunday */
        }
    printf("%llu\n", (unsigned long long)count);
    return 0;
}
