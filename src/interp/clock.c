/* clock.c — instants, dates, clock times and durations as text (see
 * include/bkpc/clock.h). */
#include "bkpc/clock.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "bkpc/civil.h"
#include "bkpc/lexicon.h"

#define DAY 86400

/* "00" to "99": two digits with one copy. The interpreter writes hundreds
 * of thousands of instants (simulate's JSON): no printf, no division per
 * digit. */
static const char digits2[200] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                 "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                 "8081828384858687888990919293949596979899";

/* Two digits of v (0 to 99) at p; returns the end. */
static inline char *two(char *p, int v)
{
    memcpy(p, digits2 + 2 * v, 2);
    return p + 2;
}

/* The text t[0..len) into buf[0..n), cut as snprintf cuts it. */
static char *copy_out(const char *t, size_t len, char *buf, size_t n)
{
    if (n == 0)
        return buf;
    if (len >= n)
        len = n - 1;
    memcpy(buf, t, len);
    buf[len] = '\0';
    return buf;
}

/* +05:30 at p (the hours modulo 100); returns the end. */
static char *offset_at(char *p, int minutes)
{
    int a = minutes < 0 ? -minutes : minutes;
    *p++ = minutes < 0 ? '-' : '+';
    p = two(p, a / 60 % 100);
    *p++ = ':';
    return two(p, a % 60);
}

char *bkp_fmt_offset(int minutes, char *buf, size_t n)
{
    char t[8];
    return copy_out(t, (size_t)(offset_at(t, minutes) - t), buf, n);
}

/* The date `days` after 1970-01-01 at p: "2026-03-15" (4 digits of year
 * or more); returns the end. */
static char *put_date(char *p, int64_t days)
{
    int y, m, d;
    bkp_civil_from_days(days, &y, &m, &d);
    if (y >= 0 && y <= 9999) {
        p = two(two(p, y / 100), y % 100);
    } else {
        char yy[16];
        int k = snprintf(yy, sizeof yy, "%04d", y);
        k = k < 0 ? 0 : k < (int)sizeof yy ? k : (int)sizeof yy - 1;
        memcpy(p, yy, (size_t)k);
        p += k;
    }
    *p++ = '-';
    p = two(p, m);
    *p++ = '-';
    return two(p, d);
}

/* put_date, from `dates` when it has the day, else kept there (years 0 to
 * 9999: 10 bytes). */
static char *kept_date(BkpDates *dates, char *p, int64_t days)
{
    int k = (int)((uint64_t)days % BKP_DATES);
    if (dates->day[k] == days) {
        memcpy(p, dates->text[k], 10);
        return p + 10;
    }
    char text[32];
    size_t n = (size_t)(put_date(text, days) - text);
    if (n == 10) {
        memcpy(dates->text[k], text, 10);
        dates->day[k] = days;
    }
    memcpy(p, text, n);
    return p + n;
}

/* The clock at instant t, `offset` minutes ahead of UTC, at p as `flags`
 * say; its date from `dates` when it has it (NULL: none). */
char *bkp_put_clock_with(BkpDates *dates, char *p, int64_t t, int offset, unsigned flags)
{
    int64_t local = t + (int64_t)offset * 60;
    int64_t days = local / DAY, secs = local % DAY;   /* rounded down, by a constant */
    if (secs < 0) {
        secs += DAY;
        days--;
    }
    if (flags & BKP_CLOCK_WEEKDAY) {
        const char *wd = bkp_word_name(BKP_WORD_WEEKDAY, bkp_weekday(days), BKP_SPELL_AZURE);
        for (int i = 0; i < 3 && wd[i]; i++)
            *p++ = wd[i];
        *p++ = ' ';
    }
    p = dates ? kept_date(dates, p, days) : put_date(p, days);
    if (!(flags & BKP_CLOCK_DATE)) {
        int s = (int)secs;
        *p++ = flags & BKP_CLOCK_T ? 'T' : ' ';
        p = two(p, s / 3600);
        *p++ = ':';
        p = two(p, s / 60 % 60);
        if (flags & BKP_CLOCK_SECONDS) {
            *p++ = ':';
            p = two(p, s % 60);
        }
    }
    if (flags & BKP_CLOCK_Z)
        *p++ = 'Z';
    if (flags & BKP_CLOCK_OFFSET)
        p = offset_at(p, offset);
    return p;
}

char *bkp_put_clock(char *p, int64_t t, int offset, unsigned flags)
{
    return bkp_put_clock_with(NULL, p, t, offset, flags);
}

void bkp_dates_init(BkpDates *dates)
{
    for (int k = 0; k < BKP_DATES; k++)
        dates->day[k] = INT64_MIN;
}

char *bkp_fmt_clock(int64_t t, int offset, unsigned flags, char *buf, size_t n)
{
    char tmp[BKP_CLOCK_MAX];
    if (n >= sizeof tmp) {            /* in place when buf surely has room */
        *bkp_put_clock(buf, t, offset, flags) = '\0';
        return buf;
    }
    return copy_out(tmp, (size_t)(bkp_put_clock(tmp, t, offset, flags) - tmp), buf, n);
}

char *bkp_fmt_utc(int64_t t, char *buf, size_t n)
{
    return bkp_fmt_clock(t, 0, BKP_CLOCK_T | BKP_CLOCK_SECONDS | BKP_CLOCK_Z, buf, n);
}

char *bkp_fmt_date(int64_t day, char *buf, size_t n)
{
    return bkp_fmt_clock(day * DAY, 0, BKP_CLOCK_DATE, buf, n);
}

char *bkp_fmt_span(int64_t minutes, char *buf, size_t n)
{
    if (minutes < 0)
        minutes = -minutes;
    if (minutes % 60)
        snprintf(buf, n, "%lld minute%s", (long long)minutes, minutes == 1 ? "" : "s");
    else if (minutes < 1440 || minutes % 1440)
        snprintf(buf, n, "%lld %s", (long long)(minutes / 60), bkp_unit_name(BKP_HOURS, minutes != 60));
    else
        snprintf(buf, n, "%lld %s", (long long)(minutes / 1440), bkp_unit_name(BKP_DAYS, minutes != 1440));
    return buf;
}
