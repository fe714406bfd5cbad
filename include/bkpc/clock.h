/* clock.h — instants, dates, clock times and durations as text: the one
 * place the interpreter's outputs (text and JSON) format them.
 *
 * An instant is seconds since 1970-01-01T00:00Z; a zone's clock at it is
 * the instant plus the zone's UTC offset then, in minutes (DST included),
 * which the interpreter looks up once (tz.h) and keeps next to the instant.
 */
#ifndef BKPC_CLOCK_H
#define BKPC_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* What bkp_fmt_clock writes: by default "2026-03-15 08:30". */
enum {
    BKP_CLOCK_WEEKDAY = 1u << 0,   /* "Sun 2026-03-15 08:30" */
    BKP_CLOCK_T = 1u << 1,         /* "2026-03-15T08:30" */
    BKP_CLOCK_SECONDS = 1u << 2,   /* "2026-03-15 08:30:00" */
    BKP_CLOCK_DATE = 1u << 3,      /* "2026-03-15": no time of day */
    BKP_CLOCK_Z = 1u << 4,         /* a final "Z" */
    BKP_CLOCK_OFFSET = 1u << 5,    /* a final "+05:30": the offset */
};
/* ISO 8601 with the offset: "2026-03-15T12:00:00+05:30". */
#define BKP_CLOCK_ISO (BKP_CLOCK_T | BKP_CLOCK_SECONDS | BKP_CLOCK_OFFSET)
/* A buffer that holds any of them. */
#define BKP_CLOCK_MAX 48

/* The clock at instant t in a zone `offset` minutes ahead of UTC. The year
 * has 4 digits or more (an expiry can be after 9999). Returns buf. */
char *bkp_fmt_clock(int64_t t, int offset, unsigned flags, char *buf, size_t n);
/* The same text at p, without a NUL (at most BKP_CLOCK_MAX - 1 bytes);
 * returns its end: for writers that format in place. */
char *bkp_put_clock(char *p, int64_t t, int offset, unsigned flags);
/* The text of recent dates, for writers of many instants that share days
 * (a backup, its schedule day and its expiry; the next backup, the same
 * day): bkp_put_clock_with writes such an instant's date with one copy.
 * Set up with bkp_dates_init; it belongs to its writer. */
#define BKP_DATES 8
typedef struct BkpDates {
    int64_t day[BKP_DATES];        /* INT64_MIN: none; slot: day modulo BKP_DATES */
    char text[BKP_DATES][10];      /* its "2026-03-15", no NUL (years 0 to 9999 only) */
} BkpDates;
void bkp_dates_init(BkpDates *dates);
/* bkp_put_clock, with the dates kept in `dates` (NULL: none). */
char *bkp_put_clock_with(BkpDates *dates, char *p, int64_t t, int offset, unsigned flags);
/* "2026-03-15T06:30:00Z" */
char *bkp_fmt_utc(int64_t t, char *buf, size_t n);
/* "2026-03-15": the date `day` days after 1970-01-01. */
char *bkp_fmt_date(int64_t day, char *buf, size_t n);
/* "+05:30" */
char *bkp_fmt_offset(int minutes, char *buf, size_t n);
/* A duration of whole minutes in the largest unit it is whole in: "30
 * minutes", "1 hour", "4 hours", "35 days" (the sign is dropped). */
char *bkp_fmt_span(int64_t minutes, char *buf, size_t n);

#endif
