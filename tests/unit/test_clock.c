/* test_clock.c — dates and instants as text (include/bkpc/clock.h) and the
 * calendar under them (include/bkpc/civil.h): the fast date algorithm is
 * Hinnant's, day for day; the formats at their edges (years before 1000,
 * after 9999 and before year 0, instants before 1970, negative offsets,
 * offsets of 100 hours or more, buffers too small); bkp_put_clock writes
 * what bkp_fmt_clock writes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "bkpc/civil.h"
#include "bkpc/clock.h"

#define DAY 86400

/* Howard Hinnant's civil_from_days, in signed 64 bits: the reference. */
static void hinnant(int64_t days, int *y, int *m, int *d)
{
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static void same_date(int64_t day)
{
    int y, m, d, ry, rm, rd;
    bkp_civil_from_days(day, &y, &m, &d);
    hinnant(day, &ry, &rm, &rd);
    if (y != ry || m != rm || d != rd)
        fail_msg("day %lld: %d-%d-%d, not %d-%d-%d", (long long)day, y, m, d, ry, rm, rd);
    assert_int_equal(bkp_days_from_civil(y, m, d), day);
}

/* Every day of years -1000 to 12000, the edges of the fast algorithm's
 * range (years -32,800 and 2.9 million) and beyond, and a stride over
 * what an int year holds. */
static void test_civil_from_days(void **state)
{
    (void)state;
    for (int64_t day = bkp_days_from_civil(-1000, 1, 1); day <= bkp_days_from_civil(12000, 12, 31); day++)
        same_date(day);
    const int64_t edges[] = {-12699422, 1061042400};
    for (int e = 0; e < 2; e++)
        for (int64_t day = edges[e] - 3000; day <= edges[e] + 3000; day++)
            same_date(day);
    for (int64_t day = -780000000000LL; day <= 780000000000LL; day += 7777777777LL)
        same_date(day);
    int y, m, d;
    bkp_civil_from_days(0, &y, NULL, NULL);     /* any of them may be NULL */
    assert_int_equal(y, 1970);
    bkp_civil_from_days(-1, NULL, &m, &d);
    assert_int_equal(m, 12);
    assert_int_equal(d, 31);
}

/* bkp_fmt_clock's text, and bkp_put_clock's the same. */
static void clock_is(int64_t t, int offset, unsigned flags, const char *want)
{
    char buf[BKP_CLOCK_MAX], put[BKP_CLOCK_MAX + 8];
    assert_string_equal(bkp_fmt_clock(t, offset, flags, buf, sizeof buf), want);
    memset(put, '#', sizeof put);
    char *end = bkp_put_clock(put, t, offset, flags);
    assert_int_equal(end - put, strlen(want));
    assert_memory_equal(put, want, strlen(want));
    assert_int_equal(put[strlen(want)], '#');     /* no NUL, nothing more */
}

static int64_t at(int y, int mo, int d, int h, int mi, int s)
{
    return bkp_days_from_civil(y, mo, d) * DAY + h * 3600 + mi * 60 + s;
}

static void test_formats(void **state)
{
    (void)state;
    int64_t t = at(2026, 3, 15, 6, 30, 5);
    clock_is(t, 0, 0, "2026-03-15 06:30");
    clock_is(t, 330, BKP_CLOCK_ISO, "2026-03-15T12:00:05+05:30");
    clock_is(t, -210, BKP_CLOCK_ISO, "2026-03-15T03:00:05-03:30");
    clock_is(t, -420, BKP_CLOCK_ISO, "2026-03-14T23:30:05-07:00");     /* the day before */
    clock_is(t, 0, BKP_CLOCK_T | BKP_CLOCK_SECONDS | BKP_CLOCK_Z, "2026-03-15T06:30:05Z");
    clock_is(t, 0, BKP_CLOCK_WEEKDAY, "Sun 2026-03-15 06:30");
    clock_is(t, 0, BKP_CLOCK_DATE, "2026-03-15");
    clock_is(t, 0, BKP_CLOCK_DATE | BKP_CLOCK_OFFSET, "2026-03-15+00:00");
    clock_is(t, 6000, BKP_CLOCK_OFFSET, "2026-03-19 10:30+00:00");   /* 100 hours: modulo 100 */
    /* before 1970: the day and the time of day round down */
    clock_is(-1, 0, BKP_CLOCK_ISO, "1969-12-31T23:59:59+00:00");
    clock_is(at(1900, 2, 28, 23, 0, 0), 60, BKP_CLOCK_T, "1900-03-01T00:00");
    /* years of fewer than 4 digits, more than 4, and before year 0 */
    clock_is(at(999, 12, 31, 1, 2, 3), 0, BKP_CLOCK_DATE, "0999-12-31");
    clock_is(at(5, 1, 1, 0, 0, 0), 0, BKP_CLOCK_T | BKP_CLOCK_SECONDS | BKP_CLOCK_Z, "0005-01-01T00:00:00Z");
    clock_is(at(0, 2, 29, 12, 0, 0), 0, BKP_CLOCK_DATE, "0000-02-29");
    clock_is(at(-1, 12, 31, 12, 0, 0), 0, BKP_CLOCK_DATE, "-001-12-31");
    clock_is(at(-44, 3, 15, 0, 0, 0), 0, BKP_CLOCK_WEEKDAY | BKP_CLOCK_DATE, "Thu -044-03-15");
    clock_is(at(9999, 12, 31, 23, 59, 59), 1, BKP_CLOCK_ISO, "10000-01-01T00:00:59+00:01");
    clock_is(at(123456, 7, 8, 9, 10, 11), 0, BKP_CLOCK_T | BKP_CLOCK_SECONDS, "123456-07-08T09:10:11");
    assert_string_equal(bkp_fmt_utc(t, (char[BKP_CLOCK_MAX]){0}, BKP_CLOCK_MAX), "2026-03-15T06:30:05Z");
    assert_string_equal(bkp_fmt_date(-719528, (char[BKP_CLOCK_MAX]){0}, BKP_CLOCK_MAX), "0000-01-01");
    char off[8];
    assert_string_equal(bkp_fmt_offset(-570, off, sizeof off), "-09:30");
    assert_string_equal(bkp_fmt_offset(0, off, sizeof off), "+00:00");
}

/* A buffer too small: cut as snprintf cuts, always terminated. */
static void test_small_buffers(void **state)
{
    (void)state;
    int64_t t = at(2026, 3, 15, 6, 30, 0);
    char buf[12];
    memset(buf, '#', sizeof buf);
    assert_string_equal(bkp_fmt_clock(t, 0, BKP_CLOCK_ISO, buf, 11), "2026-03-15");
    assert_int_equal(buf[11], '#');
    assert_string_equal(bkp_fmt_clock(t, 0, BKP_CLOCK_ISO, buf, 1), "");
    buf[0] = '#';
    bkp_fmt_clock(t, 0, BKP_CLOCK_ISO, buf, 0);     /* nothing written */
    assert_int_equal(buf[0], '#');
    char off[4];
    assert_string_equal(bkp_fmt_offset(330, off, sizeof off), "+05");
}

/* bkp_put_clock_with writes what bkp_put_clock writes, whichever dates it
 * holds: the same day again, days that share its slot, years it does not
 * keep (after 9999, before 0), every format. */
static void test_kept_dates(void **state)
{
    (void)state;
    BkpDates dates;
    bkp_dates_init(&dates);
    const int64_t days[] = {0, 0, 8, 16, -8, 1, 0, 2932896, 2932897, -719529, -719528, 3000000, 3000000, 20000, 20008};
    const unsigned flags[] = {BKP_CLOCK_ISO, BKP_CLOCK_T | BKP_CLOCK_SECONDS | BKP_CLOCK_Z, BKP_CLOCK_DATE,
                              BKP_CLOCK_WEEKDAY, 0};
    for (int round = 0; round < 3; round++)
        for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
            for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++)
                for (int offset = -720; offset <= 840; offset += 390) {
                    int64_t t = days[i] * DAY + 3600 * (int64_t)(i + round) + 59 * (int64_t)f;
                    char want[BKP_CLOCK_MAX], got[BKP_CLOCK_MAX];
                    char *w = bkp_put_clock(want, t, offset, flags[f]);
                    char *g = bkp_put_clock_with(&dates, got, t, offset, flags[f]);
                    assert_int_equal(g - got, w - want);
                    assert_memory_equal(got, want, (size_t)(w - want));
                }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_civil_from_days),
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_small_buffers),
        cmocka_unit_test(test_kept_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
