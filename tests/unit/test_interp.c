/* test_interp.c — the interpreter (include/bkpc/interp.h) against counts
 * computed by hand, and against a brute-force replay of every backup. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "bkpc/compile.h"
#include "bkpc/diag_text.h"
#include "bkpc/interp.h"
#include "bkpc/sched.h"
#include "policy_fixture.h"

#define DAY 86400

static int64_t utc_at(int y, int m, int d, int hh, int mm)
{
    return bkp_days_from_civil(y, m, d) * DAY + hh * 3600 + mm * 60;
}

static void sim(Run *r, int64_t at, BkpSim *s)
{
    assert_int_equal(bkp_simulate(r->tz, r->p, at, NULL, s), 0);
}

/* --- closed-form counts ------------------------------------------------------------ */

/* daily 30d: the daily point of each of the last 30 days. */
static void test_daily_30(void **state)
{
    (void)state;
    Run r;
    load(&r, "daily at 22:30 keep snapshots 5d keep daily 30d");
    BkpSim s;
    sim(&r, utc_at(2026, 6, 15, 12, 0), &s);
    assert_int_equal(s.why_count[BKP_WHY_DAILY], 30);
    assert_int_equal(s.tier_count[BKP_TIER_STANDARD], 30);
    assert_int_equal(s.tier_count[BKP_TIER_SNAPSHOT], 5);
    assert_int_equal(s.tier_count[BKP_TIER_ARCHIVE], 0);
    assert_int_equal(s.npoints, 30);
    /* Oldest: 2026-05-16 22:30 (expires 06-15 22:30, after `at`); the one of
     * 05-15 expired at 06-14 22:30. */
    assert_int_equal(s.points[0].b.utc, utc_at(2026, 5, 16, 22, 30));
    assert_int_equal(s.points[29].b.utc, utc_at(2026, 6, 14, 22, 30));
    bkp_sim_free(&s);
    /* At 22:30 exactly, today's backup is taken and 05-16's expires. */
    sim(&r, utc_at(2026, 6, 15, 22, 30), &s);
    assert_int_equal(s.why_count[BKP_WHY_DAILY], 30);
    assert_int_equal(s.points[29].b.utc, utc_at(2026, 6, 15, 22, 30));
    bkp_sim_free(&s);
    done(&r);
}

/* every 4h in a 24h window, snapshots 10d: 6 x 10 = 60 snapshots; the vault
 * gets one a day. */
static void test_hourly_snapshots_60(void **state)
{
    (void)state;
    Run r;
    load(&r, "every 4h from 08:00 for 24h keep snapshots 10d keep daily 180d");
    BkpSim s;
    for (int h = 0; h < 24; h += 5) {
        sim(&r, utc_at(2026, 3, 15, h, 17), &s);
        assert_int_equal(s.tier_count[BKP_TIER_SNAPSHOT], 60);
        assert_int_equal(s.why_count[BKP_WHY_DAILY], 180);
        assert_int_equal(s.tier_count[BKP_TIER_STANDARD], 180);
        /* 180 vault points + 50 snapshot-only points (10 of the 60
         * snapshots are vault points too). */
        assert_int_equal(s.npoints, 230);
        bkp_sim_free(&s);
    }
    done(&r);
}

/* Calendar months: the same day of the month N months later, or the month's
 * last day if it is shorter. */
static void test_add_months(void **state)
{
    (void)state;
    assert_int_equal(bkp_add_months(bkp_days_from_civil(2026, 1, 31), 1), bkp_days_from_civil(2026, 2, 28));
    assert_int_equal(bkp_add_months(bkp_days_from_civil(2028, 1, 31), 1), bkp_days_from_civil(2028, 2, 29));
    assert_int_equal(bkp_add_months(bkp_days_from_civil(2026, 3, 31), 1), bkp_days_from_civil(2026, 4, 30));
    assert_int_equal(bkp_add_months(bkp_days_from_civil(2026, 3, 31), -1), bkp_days_from_civil(2026, 2, 28));
    assert_int_equal(bkp_add_months(bkp_days_from_civil(2026, 12, 15), 1), bkp_days_from_civil(2027, 1, 15));
    assert_int_equal(bkp_add_months(bkp_days_from_civil(2026, 1, 15), -1), bkp_days_from_civil(2025, 12, 15));
    assert_int_equal(bkp_add_months(bkp_days_from_civil(2024, 2, 29), 12), bkp_days_from_civil(2025, 2, 28));
    assert_int_equal(bkp_add_months(bkp_days_from_civil(2021, 6, 6), 60), bkp_days_from_civil(2026, 6, 6));
    assert_int_equal(bkp_add_months(bkp_days_from_civil(1969, 12, 31), 2), bkp_days_from_civil(1970, 2, 28));

    /* A monthly point of 31 January kept 1 month expires on 28 February at
     * its time of day. */
    Run r;
    load(&r, "daily at 01:00 keep daily 7d keep monthly 1m on day last");
    int64_t day = bkp_days_from_civil(2026, 1, 31);
    assert_int_equal(bkp_interp_expiry(r.tz, r.p, BKP_WHY_MONTHLY, day, 60, utc_at(2026, 1, 31, 1, 0)),
                     utc_at(2026, 2, 28, 1, 0));
    done(&r);
}

/* monthly 60m on the first Sunday: each monthly point is kept 60 calendar
 * months, until the same date 60 months later. On the 15th of any month
 * (after both that month's first Sunday and the expiry of the point of the
 * same month 5 years before, both on days 1-7), and at 00:30 on the 1st
 * (before either), the points of 60 months exist: 60. */
static void test_monthly_60_first_sunday(void **state)
{
    (void)state;
    Run r;
    load(&r, "daily at 01:00 keep daily 7d keep monthly 60m on first sun");
    BkpSim s;
    for (int m = 1; m <= 12; m++) {
        sim(&r, utc_at(2026, m, 15, 12, 0), &s);
        assert_int_equal(s.why_count[BKP_WHY_MONTHLY], 60);
        bkp_sim_free(&s);
        sim(&r, utc_at(2026, m, 1, 0, 30), &s);
        assert_int_equal(s.why_count[BKP_WHY_MONTHLY], 60);
        bkp_sim_free(&s);
    }
    /* 2026-06-15: Jul 2021 .. Jun 2026 (Jun 2021's, the 6th, expired on
     * 2026-06-06 01:00). Every monthly point is a first Sunday, kept until
     * the same date 60 months later. */
    sim(&r, utc_at(2026, 6, 15, 12, 0), &s);
    int y0 = 0, m0 = 0;
    for (size_t i = 0; i < s.npoints; i++)
        if (s.points[i].why >> BKP_WHY_MONTHLY & 1) {
            int y, m, d;
            bkp_civil_from_days(s.points[i].b.day, &y, &m, &d);
            if (!y0) {
                y0 = y;
                m0 = m;
            }
            assert_int_equal(bkp_weekday(s.points[i].b.day), BKP_SUN);
            assert_true(d <= 7);
            assert_int_equal(s.points[i].rule_expires[BKP_WHY_MONTHLY], utc_at(y + 5, m, d, 1, 0));
        }
    assert_int_equal(y0, 2021);
    assert_int_equal(m0, 7);
    bkp_sim_free(&s);
    /* Between the old point's expiry and the new first Sunday the count is
     * not 60, as with yearly points: the same date 5 years on is a weekday
     * later or the same, so that month's first Sunday may come a day after
     * the expiry or, if the old one was the 7th, six days before it. Jun
     * 2021's (the 6th) expires 2026-06-06 01:00, Jun 2026's is the 7th: 59
     * on the 6th. Feb 2021's (the 7th) lives until 2026-02-07 01:00, Feb
     * 2026's was the 1st: 61 from the 1st to the 7th. */
    sim(&r, utc_at(2026, 6, 6, 12, 0), &s);
    assert_int_equal(s.why_count[BKP_WHY_MONTHLY], 59);
    bkp_sim_free(&s);
    sim(&r, utc_at(2026, 2, 3, 12, 0), &s);
    assert_int_equal(s.why_count[BKP_WHY_MONTHLY], 61);
    bkp_sim_free(&s);
    done(&r);
}

/* monthly 12m on day 1: the points of the last 12 first days, always 12 (at
 * 01:00 on the 1st a point is taken and the one of a year before expires). */
static void test_monthly_12_day_1(void **state)
{
    (void)state;
    Run r;
    load(&r, "daily at 01:00 keep daily 7d keep monthly 12m on day 1");
    BkpSim s;
    for (int m = 1; m <= 12; m++) {
        int64_t ats[] = {utc_at(2026, m, 1, 0, 30), utc_at(2026, m, 1, 1, 0), utc_at(2026, m, 20, 12, 0)};
        for (int k = 0; k < 3; k++) {
            sim(&r, ats[k], &s);
            assert_int_equal(s.why_count[BKP_WHY_MONTHLY], 12);
            bkp_sim_free(&s);
        }
    }
    done(&r);
}

/* A Sunday's point is kept as daily and weekly: one point, two reasons. */
static void test_weekly_daily_overlap(void **state)
{
    (void)state;
    Run r;
    load(&r, "daily at 02:00 keep daily 30d keep weekly 12w on sun");
    BkpSim s;
    /* 2026-06-15 is a Monday. Daily: 2026-05-17 .. 06-15 (30 points);
     * weekly: the Sundays 2026-03-29 .. 06-14 (12); of those, 05-17, 05-24,
     * 05-31, 06-07 and 06-14 are also daily: 30 + 12 - 5 = 37 points. */
    sim(&r, utc_at(2026, 6, 15, 12, 0), &s);
    assert_int_equal(s.why_count[BKP_WHY_DAILY], 30);
    assert_int_equal(s.why_count[BKP_WHY_WEEKLY], 12);
    assert_int_equal(s.npoints, 37);
    int both = 0;
    for (size_t i = 0; i < s.npoints; i++) {
        unsigned w = s.points[i].why & ~(1u << BKP_WHY_SNAPSHOT);
        if (w == ((1u << BKP_WHY_DAILY) | (1u << BKP_WHY_WEEKLY))) {
            both++;
            /* It lasts as long as its longest reason. */
            assert_int_equal(s.points[i].expires, s.points[i].b.utc + 84LL * DAY);
        }
    }
    assert_int_equal(both, 5);
    bkp_sim_free(&s);
    done(&r);
}

/* yearly: calendar years. 10y in jan on first sun at mid-year: 2017..2026. */
static void test_yearly_calendar(void **state)
{
    (void)state;
    Run r;
    load(&r, "daily at 01:00 keep daily 7d keep yearly 10y in jan on first sun");
    BkpSim s;
    sim(&r, utc_at(2026, 6, 15, 0, 0), &s);
    assert_int_equal(s.why_count[BKP_WHY_YEARLY], 10);
    /* The oldest, 2017-01-01 (a Sunday), expires 2027-01-01 01:00. */
    const BkpPoint *o = &s.points[0];
    assert_int_equal(o->b.utc, utc_at(2017, 1, 1, 1, 0));
    assert_int_equal(o->rule_expires[BKP_WHY_YEARLY], utc_at(2027, 1, 1, 1, 0));
    bkp_sim_free(&s);
    /* On 2026-01-03 the 2016-01-03 point expires at 01:00 and 2026-01-04's is
     * not taken yet: 2017..2025 = 9 at noon. */
    sim(&r, utc_at(2026, 1, 3, 12, 0), &s);
    assert_int_equal(s.why_count[BKP_WHY_YEARLY], 9);
    bkp_sim_free(&s);
    done(&r);
}

/* monthly on day 1, 15, last: three points a month, the last day in
 * February included. */
static void test_monthly_days_and_last(void **state)
{
    (void)state;
    Run r;
    load(&r, "daily at 00:00 keep daily 7d keep monthly 2m on day 1, 15, last");
    BkpSim s;
    /* Two calendar months back from 2026-03-20 12:00 is 2026-01-20 12:00:
     * Jan 31 (until Mar 31); Feb 1, 15, 28; Mar 1, 15 = 6 monthly points. */
    sim(&r, utc_at(2026, 3, 20, 12, 0), &s);
    assert_int_equal(s.why_count[BKP_WHY_MONTHLY], 6);
    int feb28 = 0;
    for (size_t i = 0; i < s.npoints; i++)
        if (s.points[i].b.day == bkp_days_from_civil(2026, 2, 28))
            feb28 = (int)(s.points[i].why >> BKP_WHY_MONTHLY & 1);
    assert_int_equal(feb28, 1);
    bkp_sim_free(&s);
    done(&r);
}

/* Weekly schedule, Standard: snapshots fixed at 5 days (C2). */
static void test_weekly_schedule(void **state)
{
    (void)state;
    Run r;
    load(&r, "standard weekly on wed, sat at 01:00 keep weekly 26w");
    assert_int_equal(r.p->snapshot_days, 5);
    BkpSim s;
    sim(&r, utc_at(2026, 6, 15, 12, 0), &s);
    assert_int_equal(s.why_count[BKP_WHY_WEEKLY], 52);
    /* 5 days back from Monday noon: Saturday 06-13 01:00 only (Wed 06-10
     * 01:00 is 5 days 11 hours old). */
    assert_int_equal(s.tier_count[BKP_TIER_SNAPSHOT], 1);
    bkp_sim_free(&s);
    done(&r);
}

/* --- archive --------------------------------------------------------------------- */

/* after 3m with daily 180d: a monthly point waits for its daily rule (no
 * active daily dependency, DOC-ARC), then moves if 6 months are left. */
static void test_archive_after(void **state)
{
    (void)state;
    Run r;
    load(&r, "daily at 01:00 keep daily 180d keep monthly 60m on first sun archive after 3m");
    BkpSim s;
    sim(&r, utc_at(2026, 6, 15, 12, 0), &s);
    size_t archived = 0;
    for (size_t i = 0; i < s.npoints; i++) {
        const BkpPoint *pt = &s.points[i];
        if (!(pt->why >> BKP_WHY_MONTHLY & 1)) {
            assert_true(pt->archive_at == INT64_MAX);      /* daily only: never */
            continue;
        }
        /* moves at 180 days (the daily rule), not at 3 months (89-92 days) */
        assert_int_equal(pt->archive_at, pt->b.utc + 180LL * DAY);
        bool in_archive = pt->tiers >> BKP_TIER_ARCHIVE & 1;
        assert_int_equal(in_archive, pt->archive_at <= s.at);
        archived += in_archive;
    }
    assert_int_equal(archived, s.tier_count[BKP_TIER_ARCHIVE]);
    /* Monthly points: Jul 2021 .. Jun 2026 (60); those older than 180 days,
     * taken before 2025-12-17 12:00: Jul 2021 .. Dec 2025 (Dec 7) = 54. */
    assert_int_equal(s.why_count[BKP_WHY_MONTHLY], 60);
    assert_int_equal(s.tier_count[BKP_TIER_ARCHIVE], 54);
    bkp_sim_free(&s);
    done(&r);
}

/* 9 months kept, archive after 3m, daily 180d: at 180 days about 3 months
 * are left (< 6): never archived. Without the daily rule's hold (weekly
 * schedule), 3 + 6 = 9: archived when 3 calendar months old. */
static void test_archive_needs_six_months_left(void **state)
{
    (void)state;
    Run r;
    load(&r, "daily at 01:00 keep daily 180d keep monthly 9m on first sun archive after 3m");
    BkpSim s;
    sim(&r, utc_at(2026, 6, 15, 12, 0), &s);
    assert_int_equal(s.tier_count[BKP_TIER_ARCHIVE], 0);
    for (size_t i = 0; i < s.npoints; i++)
        assert_true(s.points[i].archive_at == INT64_MAX);
    bkp_sim_free(&s);
    done(&r);

    load(&r, "weekly on sun at 01:00 keep weekly 1w keep monthly 9m on first sun archive after 3m");
    sim(&r, utc_at(2026, 6, 15, 12, 0), &s);
    /* first Sundays of the last 9 months (Sep 7 2025 expired 2026-06-07):
     * Oct 5 .. Jun 7 = 9; 3 months old by 2026-06-15 (taken by 03-15):
     * Oct .. Mar = 6. */
    assert_int_equal(s.why_count[BKP_WHY_MONTHLY], 9);
    assert_int_equal(s.tier_count[BKP_TIER_ARCHIVE], 6);
    for (size_t i = 0; i < s.npoints; i++) {
        if (!(s.points[i].why >> BKP_WHY_MONTHLY & 1)) {
            assert_true(s.points[i].archive_at == INT64_MAX);  /* weekly only */
            continue;
        }
        int y, m, d;
        bkp_civil_from_days(s.points[i].b.day, &y, &m, &d);
        m += 3;
        if (m > 12) {
            m -= 12;
            y++;
        }
        assert_int_equal(s.points[i].archive_at, utc_at(y, m, d, 1, 0));
    }
    bkp_sim_free(&s);
    done(&r);
}

/* bkp_interp_archive_at, what simulate and diff share: with the point's
 * own expiries and no `from`, the point's archive_at; moving no earlier
 * than `from`, it moves then if 6 calendar months are left from there,
 * else never. */
static void test_archive_at_from(void **state)
{
    (void)state;
    Run r;
    load(&r, "weekly on sun at 01:00 keep weekly 1w keep monthly 9m on first sun archive after 3m");
    BkpSim s;
    sim(&r, utc_at(2026, 6, 15, 12, 0), &s);
    size_t checked = 0;
    for (size_t i = 0; i < s.npoints; i++) {
        const BkpPoint *pt = &s.points[i];
        if (!(pt->why >> BKP_WHY_MONTHLY & 1))
            continue;
        int64_t ends[BKP_WHY_COUNT] = {0};
        for (int w = 0; w < BKP_WHY_COUNT; w++)
            if (pt->b.why >> w & 1)
                ends[w] = bkp_interp_expiry(r.tz, r.p, (BkpWhy)w, pt->b.day, pt->b.minute, pt->b.utc);
        assert_int_equal(bkp_interp_archive_at(r.tz, r.p, &pt->b, pt->b.why, ends, INT64_MIN), pt->archive_at);
        checked++;
    }
    assert_int_equal(checked, 9);
    /* The point of Sunday 2026-03-01 (kept to 12-01): from 2026-06-01 01:00
     * (6 months left to the day) it moves then; from a day later, never. */
    BkpBackup b = {0};
    for (size_t i = 0; i < s.npoints; i++)
        if (s.points[i].b.utc == utc_at(2026, 3, 1, 1, 0))
            b = s.points[i].b;
    assert_int_equal(b.utc, utc_at(2026, 3, 1, 1, 0));
    int64_t ends[BKP_WHY_COUNT] = {0};
    ends[BKP_WHY_WEEKLY] = b.utc + 7LL * DAY;
    ends[BKP_WHY_MONTHLY] = utc_at(2026, 12, 1, 1, 0);
    assert_int_equal(bkp_interp_archive_at(r.tz, r.p, &b, b.why, ends, utc_at(2026, 6, 1, 1, 0)),
                     utc_at(2026, 6, 1, 1, 0));
    assert_true(bkp_interp_archive_at(r.tz, r.p, &b, b.why, ends, utc_at(2026, 6, 2, 1, 0)) == INT64_MAX);
    /* earlier than the tiering age: at the age */
    assert_int_equal(bkp_interp_archive_at(r.tz, r.p, &b, b.why, ends, utc_at(2026, 4, 1, 0, 0)),
                     utc_at(2026, 6, 1, 1, 0));
    /* no monthly or yearly rule among its reasons: never */
    assert_true(bkp_interp_archive_at(r.tz, r.p, &b, 1u << BKP_WHY_WEEKLY, ends, INT64_MIN) == INT64_MAX);
    bkp_sim_free(&s);
    done(&r);
}

static void test_archive_recommended_is_flagged(void **state)
{
    (void)state;
    Run r;
    load(&r, "daily at 01:00 keep daily 30d keep monthly 12m on day 1 archive recommended");
    BkpSim s;
    sim(&r, utc_at(2026, 6, 15, 12, 0), &s);
    assert_true(s.archive_assumed);
    /* eligible at max(3 months, 30 days) = 3 months, 12 >= 3 + 6 months:
     * Jul 2025 .. Jun 2026 kept (Jun 1 2025 expired on 2026-06-01), those
     * taken by 2026-03-15: 2025-07-01 .. 2026-03-01 = 9. */
    assert_int_equal(s.tier_count[BKP_TIER_ARCHIVE], 9);
    bkp_sim_free(&s);
    done(&r);
}

/* --- time zones ------------------------------------------------------------------ */

/* Azure keeps the UTC instant (standard offset) through DST: 22:30 PST =
 * 06:30Z all year; from 2026-03-08 the clocks read 23:30 PDT. */
static void test_dst_fixed_utc(void **state)
{
    (void)state;
    Run r;
    load(&r, "timezone \"Pacific Standard Time\" daily at 22:30 keep daily 7d");
    BkpBackup b[5];
    int n = bkp_interp_next(r.tz, r.p, utc_at(2026, 3, 6, 8, 0), 5, b);
    assert_int_equal(n, 5);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(b[i].utc, utc_at(2026, 3, 7 + i, 6, 30));
        assert_int_equal(b[i].std_offset, -480);
        assert_int_equal(b[i].offset, i < 2 ? -480 : -420);
        assert_int_equal(bkp_backup_shifted(&b[i]), i >= 2);
    }
    char buf[64];
    assert_string_equal(bkp_fmt_clock(b[2].utc, b[2].offset, BKP_CLOCK_ISO, buf, sizeof buf),
                        "2026-03-08T23:30:00-07:00");
    done(&r);
}

/* A window crossing midnight: the vault point of schedule day D is taken on
 * D+1 and counts as D's point (`weekly on sun` keeps the last backup of the
 * window that opens on Sunday, taken Monday 04:00). */
static void test_hourly_window_crosses_midnight(void **state)
{
    (void)state;
    Run r;
    load(&r, "timezone \"India Standard Time\" every 4h from 08:00 for 24h keep snapshots 2d "
             "keep daily 7d keep weekly 2w on sun");
    BkpBackup b[12];
    /* From Sunday 2026-03-15 08:00 IST (02:30Z). */
    int n = bkp_interp_next(r.tz, r.p, utc_at(2026, 3, 15, 2, 30), 12, b);
    assert_int_equal(n, 12);
    assert_int_equal(b[0].utc, utc_at(2026, 3, 15, 2, 30));
    assert_false(b[0].to_vault);
    /* The sixth: Monday 04:00 IST = Sunday 22:30Z, the vault point of Sunday. */
    assert_true(b[5].to_vault);
    assert_int_equal(b[5].minute, 28 * 60);
    assert_int_equal(b[5].utc, utc_at(2026, 3, 15, 22, 30));
    assert_int_equal(b[5].day, bkp_days_from_civil(2026, 3, 15));
    assert_true(b[5].why >> BKP_WHY_WEEKLY & 1);
    assert_false(b[11].why >> BKP_WHY_WEEKLY & 1);   /* Monday's */
    for (int i = 0; i < 12; i++)
        assert_int_equal(b[i].to_vault, i % 6 == 5);
    done(&r);
}

/* TIME syntax. */
static void test_parse_time(void **state)
{
    (void)state;
    Run r;
    load(&r, "timezone \"W. Europe Standard Time\" daily at 02:00 keep daily 7d");
    int64_t t;
    assert_int_equal(bkp_interp_parse_time(r.tz, r.p, "2026-01-10", &t), 0);
    assert_int_equal(t, utc_at(2026, 1, 9, 23, 0));
    assert_int_equal(bkp_interp_parse_time(r.tz, r.p, "2026-07-10T12:30", &t), 0);
    assert_int_equal(t, utc_at(2026, 7, 10, 10, 30));             /* CEST */
    assert_int_equal(bkp_interp_parse_time(r.tz, r.p, "2026-07-10 12:30", &t), 0);
    assert_int_equal(bkp_interp_parse_time(r.tz, r.p, "2026-07-10T12:30Z", &t), 0);
    assert_int_equal(t, utc_at(2026, 7, 10, 12, 30));
    assert_int_equal(bkp_interp_parse_time(r.tz, r.p, "2026-07-10Z", &t), 0);
    assert_int_equal(t, utc_at(2026, 7, 10, 0, 0));
    const char *bad[] = {"", "2026", "2026-7-10", "2026-02-29", "2026-13-01", "2026-01-10T24:00",
                         "2026-01-10T12:60", "2026-01-10T12", "2026-01-10T12:00:00", "2026-01-10z",
                         "2026-01-10T12:00+01:00", "1899-12-31", "10000-01-01", "now", "2026-01-10 ",
                         "-026-01-10"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (bkp_interp_parse_time(r.tz, r.p, bad[i], &t) == 0)
            fail_msg("accepted '%s'", bad[i]);
    done(&r);
}

/* Clock text: every form, before 1970, and years past 9999 (expiries can be
 * 99 years after the last TIME accepted). */
static void test_fmt_clock(void **state)
{
    (void)state;
    char b[BKP_CLOCK_MAX];
    int64_t t = utc_at(2026, 3, 15, 2, 30) + 5;
    assert_string_equal(bkp_fmt_clock(t, 0, 0, b, sizeof b), "2026-03-15 02:30");
    assert_string_equal(bkp_fmt_clock(t, 330, BKP_CLOCK_WEEKDAY, b, sizeof b), "Sun 2026-03-15 08:00");
    assert_string_equal(bkp_fmt_clock(t, -180, BKP_CLOCK_WEEKDAY, b, sizeof b), "Sat 2026-03-14 23:30");
    assert_string_equal(bkp_fmt_clock(t, 0, BKP_CLOCK_Z, b, sizeof b), "2026-03-15 02:30Z");
    assert_string_equal(bkp_fmt_clock(t, 0, BKP_CLOCK_T | BKP_CLOCK_SECONDS | BKP_CLOCK_Z, b, sizeof b),
                        "2026-03-15T02:30:05Z");
    assert_string_equal(bkp_fmt_clock(t, 0, BKP_CLOCK_DATE | BKP_CLOCK_SECONDS, b, sizeof b), "2026-03-15");
    assert_string_equal(bkp_fmt_utc(-1, b, sizeof b), "1969-12-31T23:59:59Z");
    int64_t y10k = utc_at(10000, 1, 1, 2, 0);
    assert_string_equal(bkp_fmt_clock(y10k, 0, BKP_CLOCK_Z, b, sizeof b), "10000-01-01 02:00Z");
    assert_string_equal(bkp_fmt_clock(y10k, 0, BKP_CLOCK_WEEKDAY, b, sizeof b), "Sat 10000-01-01 02:00");
    assert_string_equal(bkp_fmt_utc(utc_at(10098, 12, 31, 23, 59), b, sizeof b), "10098-12-31T23:59:00Z");
    assert_string_equal(bkp_fmt_clock(t, 330, BKP_CLOCK_ISO, b, sizeof b), "2026-03-15T08:00:05+05:30");
    assert_string_equal(bkp_fmt_clock(t, -570, BKP_CLOCK_OFFSET, b, sizeof b), "2026-03-14 17:00-09:30");
    assert_string_equal(bkp_fmt_date(-1, b, sizeof b), "1969-12-31");
    char small[8];
    assert_string_equal(bkp_fmt_clock(t, 0, BKP_CLOCK_Z, small, sizeof small), "2026-03");
    assert_string_equal(bkp_fmt_clock(t, 0, BKP_CLOCK_WEEKDAY | BKP_CLOCK_OFFSET, small, sizeof small), "Sun 202");
    /* Durations: the largest unit they are whole in. */
    assert_string_equal(bkp_fmt_span(30, b, sizeof b), "30 minutes");
    assert_string_equal(bkp_fmt_span(1, b, sizeof b), "1 minute");
    assert_string_equal(bkp_fmt_span(-60, b, sizeof b), "1 hour");
    assert_string_equal(bkp_fmt_span(1500, b, sizeof b), "25 hours");
    assert_string_equal(bkp_fmt_span(1440, b, sizeof b), "1 day");
    assert_string_equal(bkp_fmt_span(50400, b, sizeof b), "35 days");
}

/* --- next ------------------------------------------------------------------------- */

static void test_next_bounds(void **state)
{
    (void)state;
    Run r;
    load(&r, "weekly on mon at 03:00 keep weekly 4w");
    BkpBackup b[3];
    assert_int_equal(bkp_interp_next(r.tz, r.p, 0, 0, b), 0);
    assert_int_equal(bkp_interp_next(r.tz, r.p, 0, BKP_NEXT_MAX + 1, b), 0);
    assert_int_equal(bkp_interp_next(r.tz, r.p, utc_at(2026, 6, 15, 3, 0), 3, b), 3);
    /* A backup at exactly `from` is listed; then a week apart. */
    assert_int_equal(b[0].utc, utc_at(2026, 6, 15, 3, 0));
    assert_int_equal(b[1].utc - b[0].utc, 7 * DAY);
    assert_int_equal(b[2].utc - b[1].utc, 7 * DAY);
    done(&r);
}

/* --- explain ---------------------------------------------------------------------- */

static void test_explain_rpo(void **state)
{
    (void)state;
    Run r;
    load(&r, "every 4h from 08:00 for 12h keep daily 30d keep weekly 4w on sun, wed "
             "keep monthly 12m on first, third sat keep yearly 2y in jan, jul on day last");
    BkpExplain e;
    bkp_explain(r.tz, r.p, utc_at(2026, 1, 1, 0, 0), &e);
    assert_int_equal(e.nruns, 3);                       /* 08:00 12:00 16:00 */
    assert_true(e.runs[2].to_vault && !e.runs[0].to_vault);
    assert_int_equal(e.rpo[BKP_WHY_SNAPSHOT], 16 * 60); /* 16:00 -> 08:00 */
    assert_int_equal(e.rpo[BKP_WHY_DAILY], 24 * 60);
    assert_int_equal(e.rpo[BKP_WHY_WEEKLY], 4 * 1440); /* wed -> sun */
    /* first and third Saturday: 14 days from the first to the third; from
     * the third to the next first at most 21 (a third Saturday on the 15th
     * of a 31-day month: the next Saturdays are the 22nd, 29th, then the 5th,
     * a first Saturday). */
    assert_int_equal(e.rpo[BKP_WHY_MONTHLY], 21 * 1440);
    /* the last days of January and July: Jul 31 -> Jan 31 = 184 days. */
    assert_int_equal(e.rpo[BKP_WHY_YEARLY], 184 * 1440);
    assert_false(e.has_dst);
    done(&r);

    load(&r, "timezone \"Pacific Standard Time\" daily at 22:30 keep daily 7d");
    bkp_explain(r.tz, r.p, utc_at(2026, 1, 1, 0, 0), &e);
    assert_true(e.has_dst);
    assert_int_equal(e.dst_amount, 60);
    assert_int_equal(e.std_offset, -480);
    assert_int_equal(e.dst_start, utc_at(2026, 3, 8, 10, 0));
    assert_int_equal(e.dst_end, utc_at(2026, 11, 1, 9, 0));
    assert_int_equal(e.utc_minute[0], 6 * 60 + 30);      /* 22:30 PST = 06:30Z the next day */
    assert_int_equal(e.utc_day[0], 1);
    done(&r);

    /* UTC-12: the window's last backups are two UTC days after its day. */
    load(&r, "timezone \"Dateline Standard Time\" every 4h from 19:30 for 24h keep daily 7d");
    bkp_explain(r.tz, r.p, utc_at(2026, 1, 1, 0, 0), &e);
    assert_int_equal(e.nruns, 6);
    assert_int_equal(e.utc_day[0], 1);                   /* 19:30 -> 07:30Z +1 */
    assert_int_equal(e.utc_minute[5], 3 * 60 + 30);      /* 15:30+1 -> 03:30Z +2 */
    assert_int_equal(e.utc_day[5], 2);
    done(&r);

    load(&r, "timezone \"India Standard Time\" daily at 02:00 keep daily 7d");
    bkp_explain(r.tz, r.p, utc_at(2026, 1, 1, 0, 0), &e);
    assert_int_equal(e.utc_minute[0], 20 * 60 + 30);     /* 02:00 IST = 20:30Z the day before */
    assert_int_equal(e.utc_day[0], -1);
    done(&r);
}

/* How long a rule keeps a point: one BkpKeep, every length derived. */
static void test_keep(void **state)
{
    (void)state;
    Run r;
    load(&r, "daily at 01:00 keep snapshots 5d keep daily 366d keep weekly 1w on sun "
             "keep monthly 12m on day last keep yearly 10y in feb on day last");
    BkpKeep m = bkp_keep(r.p, BKP_WHY_MONTHLY), y = bkp_keep(r.p, BKP_WHY_YEARLY);
    assert_true(m.count == 12 && m.unit == BKP_MONTHS && y.count == 10 && y.unit == BKP_YEARS);
    char b[32];
    assert_string_equal(bkp_keep_text(bkp_keep(r.p, BKP_WHY_WEEKLY), b, sizeof b), "1 week");
    assert_string_equal(bkp_keep_text(bkp_keep(r.p, BKP_WHY_DAILY), b, sizeof b), "366 days");
    assert_string_equal(bkp_keep_text(m, b, sizeof b), "12 months");
    /* Calendar months and years end on the same day of the month, or the
     * month's last; days and weeks exactly. */
    int64_t jan31 = bkp_days_from_civil(2026, 1, 31), feb29 = bkp_days_from_civil(2028, 2, 29);
    assert_int_equal(bkp_keep_end_day((BkpKeep){1, BKP_MONTHS}, jan31), bkp_days_from_civil(2026, 2, 28));
    assert_int_equal(bkp_keep_end_day((BkpKeep){1, BKP_YEARS}, feb29), bkp_days_from_civil(2029, 2, 28));
    assert_int_equal(bkp_keep_end_day((BkpKeep){2, BKP_WEEKS}, jan31), jan31 + 14);
    /* The bound covers the calendar; the mean orders: 12 months < 366 days. */
    assert_int_equal(bkp_keep_max_days(m), 12 * 31);
    assert_int_equal(bkp_keep_max_days(y), 10 * 366);
    assert_true(bkp_keep_mean(m) < bkp_keep_mean(bkp_keep(r.p, BKP_WHY_DAILY)));
    assert_true(bkp_keep_mean((BkpKeep){12, BKP_MONTHS}) == bkp_keep_mean((BkpKeep){1, BKP_YEARS}));
    done(&r);
    load(&r, "daily at 01:00 keep daily 30d");
    BkpKeep none = bkp_keep(r.p, BKP_WHY_WEEKLY);
    assert_int_equal(none.count, 0);
    assert_int_equal(bkp_keep_max_days(none), -1);
    assert_int_equal(bkp_keep_mean(none), 0);
    done(&r);
}

/* The promise, the archive classes and the defaults are computed in the
 * library: the renderers only write them. */
static void test_explain_model(void **state)
{
    (void)state;
    Run r;
    BkpExplain e;
    load(&r, "daily at 01:00 keep daily 91d keep monthly 60m on day 1 archive after 3m");
    bkp_explain(r.tz, r.p, utc_at(2026, 6, 15, 0, 0), &e);
    assert_int_equal(e.npromise, 2);         /* snapshots merge into daily: the same RPO, longer */
    assert_true(e.promise[0].rule == BKP_WHY_DAILY && e.promise[0].points == BKP_WHY_DAILY);
    assert_int_equal(e.promise[0].rpo, 1440);
    assert_true(e.promise[1].rule == BKP_WHY_MONTHLY && e.promise[1].rpo == 31 * 1440);
    const BkpArchiveKind *k = &e.archive[0][0];
    assert_true(k->points > 0 && k->share == BKP_ARCHIVE_MOVES_ALL && k->when == BKP_ARCHIVE_AT_LATER);
    assert_int_equal(k->release_days, 91);
    assert_int_equal(e.archive[1][0].points + e.archive[1][1].points + e.archive[0][1].points, 0);
    const BkpField all[] = {BKP_FIELD_TYPE, BKP_FIELD_TIMEZONE, BKP_FIELD_SNAPSHOTS, BKP_FIELD_CONSISTENCY,
                            BKP_FIELD_SNAPSHOT_RG};
    assert_int_equal(e.ndefaults, 5);
    assert_memory_equal(e.defaults, all, sizeof all);
    assert_true(e.named_after_file);         /* bare clauses */
    assert_false(e.zone_mapped);
    done(&r);

    /* Coarser points kept longer: the promise goes finest to coarsest. A
     * weekly point that is also monthly never moves when released too late. */
    load(&r, "timezone \"Asia/Tokyo\" weekly on sun at 02:00 keep weekly 30w on sun "
             "keep monthly 12m on first sun archive after 3m consistency application");
    bkp_explain(r.tz, r.p, utc_at(2026, 1, 15, 0, 0), &e);
    assert_true(e.zone_mapped && strcmp(e.zone_written, "Asia/Tokyo") == 0);
    assert_int_equal(e.npromise, 2);
    assert_true(e.promise[0].points == BKP_WHY_WEEKLY && e.promise[0].rule == BKP_WHY_WEEKLY);
    assert_true(e.promise[1].points == BKP_WHY_MONTHLY && e.promise[1].rpo == 35 * 1440);
    k = &e.archive[0][1];                     /* monthly, the weekly rule keeps them 210 days */
    assert_true(k->points > 0 && k->share == BKP_ARCHIVE_MOVES_NONE && k->weekly_release);
    assert_int_equal(e.utc_run_days, 1u << BKP_SAT);     /* 02:00 JST = 17:00Z the day before */
    const BkpField some[] = {BKP_FIELD_TYPE, BKP_FIELD_SNAPSHOTS, BKP_FIELD_SNAPSHOT_RG};
    assert_int_equal(e.ndefaults, 3);
    assert_memory_equal(e.defaults, some, sizeof some);
    done(&r);
}

/* --- the windowed simulation against a replay of every backup ------------------------ */

typedef struct Ref {
    size_t points, tiers[BKP_TIER_COUNT], why[BKP_WHY_COUNT];
} Ref;

/* Every backup from `since`, every rule evaluated: what bkp_simulate must
 * find by looking only at the windows. */
static void replay(Run *r, int64_t since, int64_t at, Ref *out)
{
    memset(out, 0, sizeof *out);
    BkpRun runs[BKP_SCHED_MAX_RUNS];
    int n = bkp_sched_day(r->p, runs);
    const BkpPolicy *p = r->p;
    for (int64_t day = bkp_interp_day_of(r->tz, p, since) - 1; day <= bkp_interp_day_of(r->tz, p, at); day++)
        for (int i = 0; i < n; i++) {
            unsigned why = bkp_interp_why(p, day, runs[i].to_vault);
            if (!why)
                continue;
            int64_t t = bkp_interp_run_utc(r->tz, p, day, runs[i].minute);
            if (t < since || t > at)
                continue;
            unsigned alive = 0;
            for (int w = 0; w < BKP_WHY_COUNT; w++)
                if ((why >> w & 1) && bkp_interp_expiry(r->tz, p, (BkpWhy)w, day, runs[i].minute, t) > at)
                    alive |= 1u << w;
            if (!alive)
                continue;
            out->points++;
            for (int w = 0; w < BKP_WHY_COUNT; w++)
                out->why[w] += alive >> w & 1;
            if (alive & 1)
                out->tiers[BKP_TIER_SNAPSHOT]++;
        }
}

static void test_against_replay(void **state)
{
    (void)state;
    static const char *const policies[] = {
        "timezone \"India Standard Time\" every 4h from 20:00 for 24h keep snapshots 17d keep daily 40d "
        "keep weekly 9w on sun, thu keep monthly 14m on second, last fri keep yearly 3y in feb, dec on day 28",
        "timezone \"Pacific Standard Time\" daily at 23:30 keep snapshots 3d keep daily 10d "
        "keep monthly 5m on day 1, last keep yearly 2y in mar on first sun",
        "standard timezone \"AUS Eastern Standard Time\" weekly on wed, sat at 01:00 keep weekly 10w "
        "keep monthly 4m on first, third sat keep yearly 2y in dec on last sat",
        "timezone \"W. Europe Standard Time\" every 6h from 06:00 for 18h keep snapshots 5d keep daily 35d "
        "keep weekly 8w on fri",
    };
    for (size_t k = 0; k < sizeof policies / sizeof policies[0]; k++) {
        Run r;
        load(&r, policies[k]);
        for (int j = 0; j < 6; j++) {
            int64_t at = utc_at(2026, 1 + j * 2, 3 + j * 4, j * 4, j * 10);
            int64_t since = at - 4LL * 366 * DAY;
            BkpSim s;
            assert_int_equal(bkp_simulate(r.tz, r.p, at, &since, &s), 0);
            Ref ref;
            replay(&r, since, at, &ref);
            if (ref.points != s.npoints)
                fail_msg("policy %zu at %d: %zu points, replay %zu", k, j, s.npoints, ref.points);
            for (int w = 0; w < BKP_WHY_COUNT; w++)
                assert_int_equal(s.why_count[w], ref.why[w]);
            assert_int_equal(s.tier_count[BKP_TIER_SNAPSHOT], ref.tiers[BKP_TIER_SNAPSHOT]);
            /* Points in time order, none twice. */
            for (size_t i = 1; i < s.npoints; i++)
                assert_true(s.points[i].b.utc > s.points[i - 1].b.utc);
            bkp_sim_free(&s);
        }
        done(&r);
    }
}

/* --since: only what was taken since then. */
static void test_since(void **state)
{
    (void)state;
    Run r;
    load(&r, "daily at 12:00 keep daily 30d keep monthly 12m on day 1");
    BkpSim s;
    int64_t at = utc_at(2026, 6, 15, 13, 0), since = utc_at(2026, 6, 11, 0, 0);
    assert_int_equal(bkp_simulate(r.tz, r.p, at, &since, &s), 0);
    assert_int_equal(s.npoints, 5);          /* 11, 12, 13, 14, 15 June */
    assert_false(s.since_default);
    bkp_sim_free(&s);
    since = at + 1;                          /* after `at`: nothing */
    assert_int_equal(bkp_simulate(r.tz, r.p, at, &since, &s), 0);
    assert_int_equal(s.npoints, 0);
    bkp_sim_free(&s);
    done(&r);
}

/* 99 years of a 4-hourly policy with every rule: the work is bounded by the
 * points kept (and the rules' windows), not by the 217,000 backups taken. */
static void test_99_years_is_bounded(void **state)
{
    (void)state;
    Run r;
    load(&r, "every 4h from 00:00 for 24h keep snapshots 17d keep daily 9999d keep weekly 5163w on sun "
             "keep monthly 1188m on first sun keep yearly 99y in jan on first sun archive after 3m");
    BkpSim s;
    int64_t at = utc_at(2126, 1, 10, 0, 0), since = utc_at(2027, 1, 10, 0, 0);
    assert_int_equal(bkp_simulate(r.tz, r.p, at, &since, &s), 0);
    /* Jan 2028 .. Jan 2126: 2027's (the 3rd) is before --since. */
    assert_int_equal(s.why_count[BKP_WHY_YEARLY], 99);
    assert_int_equal(s.tier_count[BKP_TIER_SNAPSHOT], 17 * 6);
    assert_int_equal(s.why_count[BKP_WHY_DAILY], 9999);
    assert_true(s.candidates < 3 * (s.npoints + 17 * 6 + 400));
    bkp_sim_free(&s);
    done(&r);
}

/* bkp_sim_each: the points one at a time, oldest first, without storing
 * them (fn NULL: the counts alone); a callback can stop the walk. */
static int count_points(void *ctx, const BkpPoint *pt)
{
    int64_t *last = ctx;
    assert_true(pt->b.utc > last[0]);
    last[0] = pt->b.utc;
    return ++last[1] == last[2] ? 7 : 0;
}

static void test_sim_each(void **state)
{
    (void)state;
    Run r;
    load(&r, "every 4h from 00:00 for 24h keep snapshots 5d keep daily 30d keep weekly 8w on sun "
             "keep monthly 12m on first sun archive after 3m");
    int64_t at = utc_at(2026, 6, 1, 12, 0);
    BkpSim all, counts, part;
    assert_int_equal(bkp_simulate(r.tz, r.p, at, NULL, &all), 0);
    assert_int_equal(bkp_sim_each(r.tz, r.p, at, NULL, &counts, NULL, NULL), 0);
    assert_null(counts.points);
    assert_int_equal(counts.npoints, all.npoints);
    assert_memory_equal(counts.tier_count, all.tier_count, sizeof all.tier_count);
    assert_memory_equal(counts.why_count, all.why_count, sizeof all.why_count);
    int64_t walk[3] = {INT64_MIN, 0, (int64_t)all.npoints + 1};
    assert_int_equal(bkp_sim_each(r.tz, r.p, at, NULL, &part, count_points, walk), 0);
    assert_int_equal(walk[1], all.npoints);
    int64_t stop[3] = {INT64_MIN, 0, 10};
    assert_int_equal(bkp_sim_each(r.tz, r.p, at, NULL, &part, count_points, stop), 7);
    assert_int_equal(part.npoints, 9);           /* the counts of the points before */
    bkp_sim_free(&all);
    done(&r);
}

/* --- rendering -------------------------------------------------------------------- */

typedef int (*Render)(const void *result, FILE *out);

/* What a renderer writes, in memory (free() it). */
static char *render(Render fn, const void *result)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(fn(result, f), 0);
    assert_int_equal(fclose(f), 0);
    return text;
}

/* The document is the one jansson writes for it (JSON_INDENT(2), keys in
 * order, a final newline); returns it parsed. */
static json_t *jansson_layout(const char *doc)
{
    json_error_t err;
    json_t *j = json_loads(doc, 0, &err);
    if (!j)
        fail_msg("not JSON (%s): %s", err.text, doc);
    char *again = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    assert_non_null(again);
    size_t n = strlen(again);
    assert_true(strncmp(doc, again, n) == 0 && strcmp(doc + n, "\n") == 0);
    free(again);
    return j;
}

static int explain_json(const void *e, FILE *f) { return bkp_explain_json(e, f); }
static int explain_text(const void *e, FILE *f) { return bkp_explain_text(e, f); }
static int next_json(const void *n, FILE *f) { return bkp_next_json(n, f); }
static int next_text(const void *n, FILE *f) { return bkp_next_text(n, f); }
static int sim_json(const void *s, FILE *f) { return bkp_sim_json(s, f); }
static int sim_text(const void *s, FILE *f) { return bkp_sim_text(s, f); }

/* What bkp_sim_json_each is asked. */
typedef struct SimAsk {
    BkpTz *tz;
    const BkpPolicy *p;
    int64_t at;
    const int64_t *since;
} SimAsk;

static int sim_json_each(const void *a, FILE *f)
{
    const SimAsk *q = a;
    return bkp_sim_json_each(q->tz, q->p, q->at, q->since, f);
}

static const char *jstr(json_t *o, const char *a, const char *b)
{
    json_t *x = json_object_get(o, a);
    return json_string_value(b ? json_object_get(x, b) : x);
}

/* The streamed documents are jansson's layout, with what the text says. */
static void test_json_documents(void **state)
{
    (void)state;
    Run r;
    load(&r, "timezone \"W. Europe Standard Time\" every 8h from 16:00 for 24h keep snapshots 3d "
             "keep daily 30d keep monthly 12m on last sun archive after 3m");
    int64_t ats[2] = {utc_at(2026, 4, 1, 10, 0), utc_at(2026, 4, 1, 10, 0) - 400LL * DAY};
    for (int k = 0; k < 2; k++) {
        BkpSim s;
        int64_t since = utc_at(2025, 10, 1, 0, 0);
        assert_int_equal(bkp_simulate(r.tz, r.p, ats[k], &since, &s), 0);
        assert_int_equal(s.npoints == 0, k == 1);        /* `at` before `since`: empty */
        char *doc = render(sim_json, &s);
        SimAsk ask = {r.tz, r.p, ats[k], &since};
        char *streamed = render(sim_json_each, &ask);   /* the same, point by point */
        assert_string_equal(streamed, doc);
        free(streamed);
        json_t *j = jansson_layout(doc);
        assert_int_equal(json_array_size(json_object_get(j, "points")), s.npoints);
        assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "summary"), "points")), s.npoints);
        json_decref(j);
        free(doc);
        bkp_sim_free(&s);
    }
    BkpExplain e;
    bkp_explain(r.tz, r.p, utc_at(2026, 1, 1, 0, 0), &e);
    char *doc = render(explain_json, &e);
    json_t *x = jansson_layout(doc);
    assert_string_equal(jstr(x, "timezone", "iana"), "Europe/Berlin");
    assert_int_equal(json_array_size(json_object_get(x, "promise")), e.npromise);
    json_decref(x);
    free(doc);
    BkpNext n;
    bkp_next(r.tz, r.p, utc_at(2026, 1, 1, 0, 0), 4, &n);
    doc = render(next_json, &n);
    x = jansson_layout(doc);
    assert_int_equal(json_array_size(json_object_get(x, "backups")), 4);
    json_decref(x);
    free(doc);
    done(&r);
}

/* The renderers report a write error (a full disk) and stop cleanly. */
static void test_render_write_error(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        skip();
    setvbuf(full, NULL, _IONBF, 0);
    Run r;
    load(&r, "every 4h from 00:00 for 24h keep daily 30d keep weekly 4w on sun");
    BkpExplain e;
    bkp_explain(r.tz, r.p, utc_at(2026, 1, 1, 0, 0), &e);
    BkpNext n;
    bkp_next(r.tz, r.p, utc_at(2026, 1, 1, 0, 0), BKP_NEXT_MAX, &n);
    BkpSim s;
    assert_int_equal(bkp_simulate(r.tz, r.p, utc_at(2026, 1, 1, 0, 0), NULL, &s), 0);
    SimAsk ask = {r.tz, r.p, utc_at(2026, 1, 1, 0, 0), NULL};
    const struct { Render fn; const void *arg; } all[] = {
        {explain_json, &e}, {explain_text, &e}, {next_json, &n}, {next_text, &n}, {sim_json, &s}, {sim_text, &s},
        {sim_json_each, &ask},
    };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        clearerr(full);
        assert_int_equal(all[i].fn(all[i].arg, full), -1);
    }
    fclose(full);
    bkp_sim_free(&s);
    done(&r);
}

/* The backups bkp_next_each passes, the first few kept; it stops after
 * `stop` of them when stop > 0. */
typedef struct Got {
    BkpNextBackup x[4];
    int n, stop;
} Got;

static int collect(const BkpNextBackup *x, void *ctx)
{
    Got *g = ctx;
    if (g->n < 4)
        g->x[g->n] = *x;
    return ++g->n == g->stop ? 7 : 0;
}

/* next: each backup's expiry per rule, as bkp_interp_expiry gives it; out
 * of range n gives nothing. */
static void test_next_result(void **state)
{
    (void)state;
    Run r;
    load(&r, "timezone \"GMT Standard Time\" daily at 23:00 keep daily 7d keep monthly 2m on last sun");
    BkpNext n;
    int64_t from = utc_at(2026, 3, 28, 0, 0);
    bkp_next(r.tz, r.p, from, 3, &n);
    assert_int_equal(n.n, 3);
    assert_int_equal(n.from_offset, 0);
    Got g = {.stop = 0};
    int count = -1;
    assert_int_equal(bkp_next_each(&n, collect, &g, &count), 0);
    assert_int_equal(g.n, 3);
    assert_int_equal(count, 3);
    assert_int_equal(bkp_next_count(&n), 3);
    const BkpNextBackup *sun = &g.x[1];                  /* Sunday 29 March, 00:00 BST */
    assert_int_equal(sun->b.why, 1u << BKP_WHY_SNAPSHOT | 1u << BKP_WHY_DAILY | 1u << BKP_WHY_MONTHLY);
    assert_true(bkp_backup_other_day(&sun->b));
    assert_false(bkp_backup_other_day(&g.x[0].b));
    assert_int_equal(sun->expires[BKP_WHY_DAILY], sun->b.utc + 7 * DAY);
    assert_int_equal(sun->expires[BKP_WHY_MONTHLY], utc_at(2026, 5, 29, 23, 0));
    assert_int_equal(sun->expires[BKP_WHY_WEEKLY], 0);
    bkp_next(r.tz, r.p, from, BKP_NEXT_MAX + 1, &n);
    assert_int_equal(n.n, 0);
    g = (Got){.stop = 0};
    assert_int_equal(bkp_next_each(&n, collect, &g, &count), 0);
    assert_int_equal(g.n, 0);
    assert_int_equal(count, 0);
    assert_int_equal(bkp_next_count(&n), 0);
    done(&r);
}

/* next is streamed: the backups come one at a time, in time order, the
 * same as bkp_interp_next's; the callback's non-zero return stops the walk
 * and is returned. */
static void test_next_streams(void **state)
{
    (void)state;
    Run r;
    load(&r, "every 4h from 00:00 for 24h keep daily 30d keep weekly 4w on sun");
    int64_t from = utc_at(2026, 1, 1, 0, 0);
    BkpBackup want[4];
    assert_int_equal(bkp_interp_next(r.tz, r.p, from, 4, want), 4);
    BkpNext n;
    bkp_next(r.tz, r.p, from, BKP_NEXT_MAX, &n);
    Got g = {.stop = 4};
    int count = -1;
    assert_int_equal(bkp_next_each(&n, collect, &g, &count), 7);
    assert_int_equal(g.n, 4);
    assert_int_equal(count, 4);
    for (int i = 0; i < 4; i++)
        assert_int_equal(g.x[i].b.utc, want[i].utc);
    assert_int_equal(bkp_next_count(&n), BKP_NEXT_MAX);
    done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_daily_30),
        cmocka_unit_test(test_hourly_snapshots_60),
        cmocka_unit_test(test_add_months),
        cmocka_unit_test(test_monthly_60_first_sunday),
        cmocka_unit_test(test_monthly_12_day_1),
        cmocka_unit_test(test_weekly_daily_overlap),
        cmocka_unit_test(test_yearly_calendar),
        cmocka_unit_test(test_monthly_days_and_last),
        cmocka_unit_test(test_weekly_schedule),
        cmocka_unit_test(test_archive_after),
        cmocka_unit_test(test_archive_needs_six_months_left),
        cmocka_unit_test(test_archive_at_from),
        cmocka_unit_test(test_archive_recommended_is_flagged),
        cmocka_unit_test(test_dst_fixed_utc),
        cmocka_unit_test(test_hourly_window_crosses_midnight),
        cmocka_unit_test(test_parse_time),
        cmocka_unit_test(test_fmt_clock),
        cmocka_unit_test(test_next_bounds),
        cmocka_unit_test(test_explain_rpo),
        cmocka_unit_test(test_keep),
        cmocka_unit_test(test_explain_model),
        cmocka_unit_test(test_against_replay),
        cmocka_unit_test(test_since),
        cmocka_unit_test(test_99_years_is_bounded),
        cmocka_unit_test(test_sim_each),
        cmocka_unit_test(test_json_documents),
        cmocka_unit_test(test_render_write_error),
        cmocka_unit_test(test_next_result),
        cmocka_unit_test(test_next_streams),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
