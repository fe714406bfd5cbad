/* clock.c — instants, dates, clock times and durations as text (see
 * include/bkpc/clock.h). */
#include "bkpc/clock.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "bkpc/civil.h"
#include "bkpc/lexicon.h"

#define DAY 86400

char *bkp_fmt_offset(int minutes, char *buf, size_t n)
{
    int a = minutes < 0 ? -minutes : minutes;
    snprintf(buf, n, "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60 % 100, a % 60);
    return buf;
}

/* Appends to buf[0..n), whose text is *len bytes long, as far as it fits. */
static void append(char *buf, size_t n, int *len, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void append(char *buf, size_t n, int *len, const char *fmt, ...)
{
    if (*len < 0 || (size_t)*len >= n)
        return;
    va_list ap;
    va_start(ap, fmt);
    *len += vsnprintf(buf + *len, n - (size_t)*len, fmt, ap);
    va_end(ap);
}

char *bkp_fmt_clock(int64_t t, int offset, unsigned flags, char *buf, size_t n)
{
    int64_t local = t + (int64_t)offset * 60;
    int64_t days = bkp_floor_div(local, DAY), secs = local - days * DAY;
    int y, m, d;
    bkp_civil_from_days(days, &y, &m, &d);
    int len = 0;
    if (n)
        buf[0] = '\0';
    if (flags & BKP_CLOCK_WEEKDAY)
        append(buf, n, &len, "%.3s ", bkp_word_name(BKP_WORD_WEEKDAY, bkp_weekday(days), BKP_SPELL_AZURE));
    append(buf, n, &len, "%04d-%02d-%02d", y, m, d);
    if (!(flags & BKP_CLOCK_DATE)) {
        append(buf, n, &len, "%c%02d:%02d", flags & BKP_CLOCK_T ? 'T' : ' ', (int)(secs / 3600),
               (int)(secs / 60 % 60));
        if (flags & BKP_CLOCK_SECONDS)
            append(buf, n, &len, ":%02d", (int)(secs % 60));
    }
    if (flags & BKP_CLOCK_Z)
        append(buf, n, &len, "Z");
    if (flags & BKP_CLOCK_OFFSET) {
        char o[16];
        append(buf, n, &len, "%s", bkp_fmt_offset(offset, o, sizeof o));
    }
    return buf;
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
