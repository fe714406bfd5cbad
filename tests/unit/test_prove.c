/* test_prove.c — requirements proved by the interpreter (include/bkpc/
 * prove.h): each kind at its exact boundary, with counterexamples computed
 * by hand; the fast algorithm against the reference one on policies of
 * every shape; the counterexamples against bkp_simulate; the diagnostics. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/compile.h"
#include "bkpc/diag_text.h"
#include "bkpc/prove.h"

#define DAY 86400

typedef struct Run {
    BkpCtx ctx;
    BkpSource *src;
    BkpProgram *prog;
    BkpProver *pv;
} Run;

static void load(Run *r, const char *text)
{
    bkp_ctx_init(&r->ctx);
    r->src = bkp_source_from_string("test.bkp", text, strlen(text));
    r->prog = bkp_compile(&r->ctx, r->src);
    if (!r->prog) {
        bkp_diags_print(&r->ctx.diags, stderr);
        fail_msg("does not compile: %s", text);
    }
    r->pv = bkp_prover_new(bkp_ctx_tz(&r->ctx));
    assert_non_null(r->pv);
}

static void done(Run *r)
{
    bkp_prover_free(r->pv);
    bkp_ctx_free(&r->ctx);
    bkp_source_free(r->src);
}

static int64_t utc(int y, int m, int d, int hh, int mm)
{
    return bkp_days_from_civil(y, m, d) * DAY + hh * 3600 + mm * 60;
}

static BkpRequire points(BkpPeriod period, int n, BkpUnit u)
{
    BkpRequire r = {.kind = BKP_REQ_POINTS, .period = period, .span = {n, u}};
    return r;
}

/* The proof of r for the file's first policy. */
static BkpProof prove(const char *text, BkpRequire r)
{
    Run run;
    load(&run, text);
    BkpProof pf;
    assert_int_equal(bkp_prove_require(run.pv, run.prog->policies, &r, &pf), 0);
    done(&run);
    return pf;
}

static void assert_fails(BkpProof pf, BkpFailKind k, int64_t at, int64_t from, int64_t to)
{
    assert_false(pf.holds);
    assert_int_equal(pf.fail, k);
    assert_int_equal(pf.at, at);
    assert_int_equal(pf.from, from);
    if (to != INT64_MIN)
        assert_int_equal(pf.to, to);
}

/* ---- each kind at its boundary ------------------------------------------------------ */

#define DAILY_2300 "policy gold {\n daily at 23:00\n keep daily 35d\n"

/* Monthly points on the first Sunday, kept 12 months, give every month of
 * the last 12 months a point; kept 11, February 2029's (Sun 02-04 23:00)
 * is gone on 2030-01-04 23:00, while February lies within the last 12
 * months until 2030-02-01. */
static void test_monthly_first_sunday(void **state)
{
    (void)state;
    BkpRequire r = points(BKP_PERIOD_MONTH, 12, BKP_MONTHS);
    assert_true(prove(DAILY_2300 " keep monthly 12m on first sun\n}\n", r).holds);
    assert_fails(prove(DAILY_2300 " keep monthly 11m on first sun\n}\n", r), BKP_FAIL_PERIOD, utc(2030, 1, 4, 23, 0),
                 utc(2029, 2, 1, 0, 0), utc(2029, 3, 1, 0, 0));
    /* at 2030-01-01 00:00 (the first moment proved), February 2029's point,
     * kept 6 months, has been gone since 2029-08-04 */
    assert_fails(prove(DAILY_2300 " keep monthly 6m on first sun\n}\n", r), BKP_FAIL_PERIOD, utc(2030, 1, 1, 0, 0),
                 utc(2029, 2, 1, 0, 0), utc(2029, 3, 1, 0, 0));
    /* daily points alone, 400 days: a month's last point outlives the 12
     * months from its first day; 300 days do not */
    assert_true(prove("policy gold {\n daily at 23:00\n keep daily 400d\n}\n", r).holds);
    assert_false(prove("policy gold {\n daily at 23:00\n keep daily 300d\n}\n", r).holds);
}

/* A point on the 1st kept one calendar month lasts until the next month's
 * 1st: December 2029's goes at 2030-01-01 23:00, its last daily point (of
 * 12-31, kept 7 days) at 2030-01-07 23:00, and December lies within the
 * last 2 months until 2030-02-01. Kept two months, it lasts until
 * 2030-02-01 23:00. */
static void test_monthly_calendar_months(void **state)
{
    (void)state;
    BkpRequire r = points(BKP_PERIOD_MONTH, 2, BKP_MONTHS);
    const char *p = "policy gold {\n daily at 23:00\n keep daily 7d\n keep monthly %dm on day 1\n}\n";
    char t[128];
    snprintf(t, sizeof t, p, 1);
    assert_fails(prove(t, r), BKP_FAIL_PERIOD, utc(2030, 1, 7, 23, 0), utc(2029, 12, 1, 0, 0), utc(2030, 1, 1, 0, 0));
    snprintf(t, sizeof t, p, 2);
    assert_true(prove(t, r).holds);
}

/* A weekly schedule on Saturday leaves six days a week without a point: at
 * the first moment proved (Tue 2030-01-01 00:00), Wed 2029-12-26 lies
 * within the last 7 days (Tue 12-25 began exactly 7 days before: not
 * within) and has none. */
static void test_weekly_saturday_daily(void **state)
{
    (void)state;
    assert_fails(prove("policy sat {\n weekly on sat at 02:00\n}\n", points(BKP_PERIOD_DAY, 7, BKP_DAYS)),
                 BKP_FAIL_PERIOD, utc(2030, 1, 1, 0, 0), utc(2029, 12, 26, 0, 0), utc(2029, 12, 27, 0, 0));
    /* weeks (Monday to Sunday) each hold a Saturday */
    assert_true(prove("policy sat {\n weekly on sat at 02:00\n}\n", points(BKP_PERIOD_WEEK, 12, BKP_WEEKS)).holds);
}

/* Weeks run Monday to Sunday. Sunday's point at 23:00, kept 12 weeks,
 * outlives the 12 weeks from its week's Monday; kept 11 weeks, the point
 * of Sun 2029-10-21 goes at Sun 2030-01-06 23:00 (its daily rule let it go
 * after 35 days), while the week of Mon 10-15 lies within the last 12
 * weeks until Mon 2030-01-07 00:00: an hour without a point of it. The
 * weeks before it ended their hour before 2030. */
static void test_weekly_boundary(void **state)
{
    (void)state;
    BkpRequire r = points(BKP_PERIOD_WEEK, 12, BKP_WEEKS);
    assert_true(prove(DAILY_2300 " keep weekly 12w on sun\n}\n", r).holds);
    assert_fails(prove(DAILY_2300 " keep weekly 11w on sun\n}\n", r), BKP_FAIL_PERIOD, utc(2030, 1, 6, 23, 0),
                 utc(2029, 10, 15, 0, 0), utc(2029, 10, 22, 0, 0));
}

/* Yearly points on the first Sunday of January: 2024's is Sun 01-07 at
 * 23:00 (2024-01-01 was a Monday). Kept 7 years, each year's lasts past the
 * 7 years from the year's first day; kept 6, 2024's goes at 2030-01-07
 * 23:00 while 2024 lies within the last 7 years until 2031-01-01. (2023's
 * went at 2029-01-01 23:00, and 2023 left the last 7 years at 2030-01-01
 * 00:00, the first moment proved.) */
static void test_yearly_boundary(void **state)
{
    (void)state;
    BkpRequire r = points(BKP_PERIOD_YEAR, 7, BKP_YEARS);
    assert_true(prove(DAILY_2300 " keep yearly 7y in jan on first sun\n}\n", r).holds);
    assert_fails(prove(DAILY_2300 " keep yearly 6y in jan on first sun\n}\n", r), BKP_FAIL_PERIOD,
                 utc(2030, 1, 7, 23, 0), utc(2024, 1, 1, 0, 0), utc(2025, 1, 1, 0, 0));
}

/* Leap years: a year Y lies within the last 2 years until Y + 2 begins, so
 * its last point, of Dec 31 at 23:00, must last a whole year Y + 1 and one
 * hour more. Daily points kept 366 days do that after a year of 365 days
 * but not after a leap year: 2031's goes at 2032-12-31 23:00, an hour
 * before 2033. (2027's failed the same way in the last hour of 2028, before
 * the first moment proved.) Kept 367 days, every year holds. */
static void test_leap_year(void **state)
{
    (void)state;
    BkpRequire r = points(BKP_PERIOD_YEAR, 2, BKP_YEARS);
    assert_fails(prove("policy leap { daily at 23:00\n keep daily 366d }\n", r), BKP_FAIL_PERIOD,
                 utc(2032, 12, 31, 23, 0), utc(2031, 1, 1, 0, 0), utc(2032, 1, 1, 0, 0));
    assert_true(prove("policy leap { daily at 23:00\n keep daily 367d }\n", r).holds);
}

/* An rpo at its boundary: daily backups at 02:00 are 24 hours apart, which
 * `rpo 24h` allows (the newest point is at most 24 hours old: exactly 24
 * at 02:00, as the next one is taken). `rpo 23h` fails: the newest point,
 * of Mon 2029-12-31 02:00, is 23 hours old at 2030-01-01 01:00, which is
 * allowed, and older from then until the next backup at 02:00; the
 * counterexample is the first whole minute of that, 01:01. */
static void test_rpo_boundary(void **state)
{
    (void)state;
    const char *p = "policy a-b { daily at 02:00\n keep daily 30d }\n";
    assert_true(prove(p, (BkpRequire){.kind = BKP_REQ_RPO, .rpo_hours = 24, .span = {2, BKP_DAYS}}).holds);
    assert_fails(prove(p, (BkpRequire){.kind = BKP_REQ_RPO, .rpo_hours = 23, .span = {2, BKP_DAYS}}),
                 BKP_FAIL_NEWEST, utc(2030, 1, 1, 1, 1), utc(2029, 12, 31, 2, 0), utc(2030, 1, 1, 2, 0));
}

/* Daily points kept exactly 30 days hold 30 days; kept 29, the point of
 * Mon 2029-12-03 02:00 goes at 2030-01-01 02:00, while that day lies within
 * the last 30 days until 2030-01-02 00:00. */
static void test_daily_span(void **state)
{
    (void)state;
    BkpRequire r = points(BKP_PERIOD_DAY, 30, BKP_DAYS);
    assert_true(prove("policy a-b { daily at 02:00\n keep daily 30d }\n", r).holds);
    assert_true(prove("policy a-b { daily at 00:00\n keep daily 30d }\n", r).holds);   /* half-open span */
    assert_fails(prove("policy a-b { daily at 02:00\n keep daily 29d }\n", r), BKP_FAIL_PERIOD, utc(2030, 1, 1, 2, 0),
                 utc(2029, 12, 3, 0, 0), utc(2029, 12, 4, 0, 0));
}

/* Daylight saving time in London: a backup written 23:30 runs at 23:30
 * GMT all year, so on Sun 2030-03-31, when the clocks go from 01:00 to
 * 02:00, it runs at 00:30 BST on Monday: that Sunday (00:00Z to 23:00Z) has
 * no backup. Written 22:30, every day has one. */
static void test_dst_day_without_backup(void **state)
{
    (void)state;
    BkpRequire r = points(BKP_PERIOD_DAY, 30, BKP_DAYS);
    const char *late = "policy london { timezone \"GMT Standard Time\"\n daily at 23:30\n keep daily 40d }\n";
    assert_fails(prove(late, r), BKP_FAIL_PERIOD, utc(2030, 3, 31, 23, 0), utc(2030, 3, 31, 0, 0),
                 utc(2030, 3, 31, 23, 0));
    assert_true(prove("policy london { timezone \"GMT Standard Time\"\n daily at 22:30\n keep daily 40d }\n", r).holds);
}

/* A window crossing midnight: every 12h from 18:00 for 24h backs up at
 * 18:00 and 06:00 the next morning, the vault point; a day holds the
 * morning vault point of the day before and its own evening snapshot. */
static void test_window_across_midnight(void **state)
{
    (void)state;
    const char *p = "policy night { every 12h from 18:00 for 24h\n keep daily 7d\n keep snapshots 2d }\n";
    assert_true(prove(p, points(BKP_PERIOD_DAY, 6, BKP_DAYS)).holds);
    /* in the snapshot tier: a day's last snapshot is its 18:00 one, kept 48
     * hours, gone 66 hours after the day began; the day lies within the
     * last 3 days until 72 hours after it began */
    BkpRequire snap = points(BKP_PERIOD_DAY, 3, BKP_DAYS);
    snap.tier = BKP_REQ_SNAPSHOT_TIER;
    BkpProof pf = prove(p, snap);
    assert_false(pf.holds);
    assert_int_equal(pf.fail, BKP_FAIL_PERIOD);
    int64_t day = pf.from;
    assert_int_equal(pf.to - day, DAY);
    assert_int_equal(pf.at, day + 18 * 3600 + 2 * DAY);
}

/* rpo over the last 30 days with daily points kept 29: at 2030-01-01 00:00
 * the span starts 2029-12-02 00:00 and its oldest point is of 12-03 02:00,
 * 26 hours later. Kept 30 days, the gap is 24 hours at most. */
static void test_rpo_span(void **state)
{
    (void)state;
    BkpRequire r = {.kind = BKP_REQ_RPO, .rpo_hours = 24, .span = {30, BKP_DAYS}};
    assert_true(prove("policy a-b { daily at 02:00\n keep daily 30d }\n", r).holds);
    BkpProof pf = prove("policy a-b { daily at 02:00\n keep daily 29d }\n", r);
    assert_fails(pf, BKP_FAIL_START, utc(2030, 1, 1, 0, 0), utc(2029, 12, 2, 0, 0), INT64_MIN);
}

/* rpo over everything kept: a weekly rule keeps Sunday's points 12 weeks,
 * daily ones go after 30 days, so two Sundays 7 days apart become
 * neighbours; daily points alone are 24 hours apart. A schedule with
 * backups 7 days apart breaks 24 hours at once. */
static void test_rpo_everything(void **state)
{
    (void)state;
    BkpRequire r = {.kind = BKP_REQ_RPO, .rpo_hours = 24};
    assert_true(prove("policy a-b { daily at 02:00\n keep daily 30d }\n", r).holds);
    BkpProof pf = prove("policy a-b { daily at 02:00\n keep daily 30d\n keep weekly 12w on sun }\n", r);
    assert_false(pf.holds);
    assert_int_equal(pf.fail, BKP_FAIL_GAP);
    BkpRequire four = {.kind = BKP_REQ_RPO, .rpo_hours = 4};
    pf = prove("policy a-b { every 4h from 00:00 for 24h\n keep daily 7d\n keep snapshots 7d }\n", four);
    assert_true(pf.holds);
    pf = prove("policy a-b { weekly on sun at 02:00 }\n", (BkpRequire){.kind = BKP_REQ_RPO, .rpo_hours = 24});
    assert_false(pf.holds);
    assert_int_equal(pf.fail, BKP_FAIL_NEWEST);
    assert_int_equal(pf.to - pf.from, 7 * DAY);
}

/* Snapshots kept 7 days cover 7 days; for 8, at 2030-01-01 00:00 the backup
 * of Mon 2029-12-24 23:00, 7 days 1 hour old, has lost its snapshot. */
static void test_snapshots(void **state)
{
    (void)state;
    BkpRequire r = {.kind = BKP_REQ_SNAPSHOTS, .span = {7, BKP_DAYS}};
    assert_true(prove(DAILY_2300 "}\n", r).holds);
    r.span.count = 8;
    assert_fails(prove(DAILY_2300 "}\n", r), BKP_FAIL_SNAPSHOT, utc(2030, 1, 1, 0, 0), utc(2029, 12, 24, 23, 0),
                 INT64_MIN);
}

/* Points in vault-standard: with `archive after 3m` a monthly point leaves
 * for the archive tier at 3 months (its daily rule lets it go after 35
 * days), so 6 months of monthly points restorable without rehydration
 * fail; without tiering they hold. */
static void test_standard_tier(void **state)
{
    (void)state;
    BkpRequire r = points(BKP_PERIOD_MONTH, 6, BKP_MONTHS);
    r.tier = BKP_REQ_STANDARD_TIER;
    assert_true(prove(DAILY_2300 " keep monthly 12m on first sun\n}\n", r).holds);
    assert_false(prove(DAILY_2300 " keep monthly 12m on first sun\n archive after 3m\n}\n", r).holds);
}

/* ---- the fast algorithm is the reference's -------------------------------------------- */

static unsigned long seed = 20301;
static int rnd(int n)
{
    seed = seed * 6364136223846793005UL + 1442695040888963407UL;
    return (int)((seed >> 33) % (unsigned long)n);
}

/* A random valid-looking policy's text (the checker may still refuse it). */
static void random_policy(char *t, size_t cap)
{
    static const char *const zones[] = {"UTC", "W. Europe Standard Time", "GMT Standard Time",
                                        "Pacific Standard Time", "India Standard Time",
                                        "AUS Eastern Standard Time", "Lord Howe Standard Time"};
    static const char *const days[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    size_t n = (size_t)snprintf(t, cap, "policy pol-x {\n timezone \"%s\"\n", zones[rnd(7)]);
    int kind = rnd(3);
    if (kind == 0) {
        static const int iv[] = {4, 6, 8, 12};
        int i = iv[rnd(4)];
        n += (size_t)snprintf(t + n, cap - n, " every %dh from %02d:%02d for %dh\n", i, rnd(20), rnd(2) * 30,
                              i * (1 + rnd(24 / i)));
    } else if (kind == 1) {
        n += (size_t)snprintf(t + n, cap - n, " daily at %02d:%02d\n", rnd(24), rnd(2) * 30);
    } else {
        n += (size_t)snprintf(t + n, cap - n, " weekly on %s at %02d:%02d\n keep snapshots %dd\n keep weekly %dw\n",
                              days[rnd(7)], rnd(24), rnd(2) * 30, 5 + rnd(5), 2 + rnd(10));
    }
    if (kind != 2) {
        int dd = 7 + rnd(60);
        n += (size_t)snprintf(t + n, cap - n, " keep daily %dd\n keep snapshots %dd\n", dd, 1 + rnd(dd < 30 ? dd : 30));
        if (rnd(2))
            n += (size_t)snprintf(t + n, cap - n, " keep weekly %dw on %s\n", 1 + rnd(20), days[rnd(7)]);
        if (rnd(2))
            n += (size_t)snprintf(t + n, cap - n, " keep monthly %dm on %s\n", 1 + rnd(14),
                                  rnd(2) ? "day 1, last" : "last sun");
        if (rnd(3) == 0)
            n += (size_t)snprintf(t + n, cap - n, " keep yearly %dy in mar on day %d\n archive after 3m\n", 1 + rnd(3),
                                  1 + rnd(28));
    }
    snprintf(t + n, cap - n, "}\n");
}

static BkpRequire random_requirement(void)
{
    switch (rnd(4)) {
    case 0: {
        BkpRequire r = points((BkpPeriod)rnd(4), 0, BKP_DAYS);
        r.tier = (BkpReqTier)rnd(3);
        static const BkpLength spans[] = {{9, BKP_DAYS}, {15, BKP_DAYS}, {2, BKP_MONTHS}, {14, BKP_MONTHS}};
        r.span = spans[r.period];
        r.span.count += rnd(20);
        return r;
    }
    case 1: return (BkpRequire){.kind = BKP_REQ_RPO, .rpo_hours = 4 + rnd(200), .span = {rnd(3) ? 1 + rnd(40) : 0, BKP_DAYS}};
    case 2: return (BkpRequire){.kind = BKP_REQ_SNAPSHOTS, .span = {1 + rnd(10), BKP_DAYS}};
    default: return points(BKP_PERIOD_DAY, 2 + rnd(60), BKP_DAYS);
    }
}

static void test_fast_is_reference(void **state)
{
    (void)state;
    int compared = 0, failing = 0;
    for (int c = 0; c < 40; c++) {
        char text[1024];
        random_policy(text, sizeof text);
        BkpCtx ctx;
        bkp_ctx_init(&ctx);
        BkpSource *src = bkp_source_from_string("x.bkp", text, strlen(text));
        BkpProgram *prog = bkp_compile(&ctx, src);
        BkpProver *pv = prog ? bkp_prover_new(bkp_ctx_tz(&ctx)) : NULL;
        for (int k = 0; pv && k < 4; k++) {
            BkpRequire r = random_requirement();
            BkpProof a, b;
            assert_int_equal(bkp_prove_years(pv, prog->policies, &r, 4, &a), 0);
            assert_int_equal(bkp_prove_reference(pv, prog->policies, &r, 4, &b), 0);
            if (a.holds != b.holds || (!a.holds && (a.at != b.at || a.fail != b.fail))) {
                char w[128];
                fail_msg("fast and reference disagree on `%s`:\n%s", bkp_require_text(&r, w, sizeof w), text);
            }
            compared++;
            failing += !a.holds;
        }
        bkp_prover_free(pv);
        bkp_ctx_free(&ctx);
        bkp_source_free(src);
    }
    assert_true(compared > 100);
    assert_true(failing > 10 && failing < compared - 10);    /* both answers are tested */
}

/* ---- the counterexample is what simulate shows ---------------------------------------- */

typedef struct Count {
    int64_t from, to;
    int n;
} Count;

static int count_in(void *ctx, const BkpPoint *pt)
{
    Count *c = ctx;
    c->n += pt->b.utc >= c->from && pt->b.utc < c->to;
    return 0;
}

static void test_counterexample_simulated(void **state)
{
    (void)state;
    Run run;
    load(&run, DAILY_2300 " keep monthly 11m on first sun\n}\n");
    const BkpPolicy *p = run.prog->policies;
    BkpRequire r = points(BKP_PERIOD_MONTH, 12, BKP_MONTHS);
    BkpProof pf;
    assert_int_equal(bkp_prove_require(run.pv, p, &r, &pf), 0);
    BkpTz *tz = bkp_ctx_tz(&run.ctx);
    Count c = {pf.from, pf.to, 0};
    BkpSim sim;
    bkp_sim_each(tz, p, pf.at, NULL, &sim, count_in, &c);
    assert_int_equal(c.n, 0);                  /* February 2029 has no point left */
    c.n = 0;
    bkp_sim_each(tz, p, pf.at - 60, NULL, &sim, count_in, &c);
    assert_int_equal(c.n, 1);                  /* a minute before, its first Sunday's */
    /* a second proof of an equal policy is the cache's, and the same */
    BkpProof again;
    BkpPolicy copy = *p;
    copy.name = "other";
    assert_int_equal(bkp_prove_require(run.pv, &copy, &r, &again), 0);
    assert_int_equal(again.at, pf.at);
    done(&run);
}

/* ---- the diagnostic ----------------------------------------------------------------- */

static char *diagnostics(const char *text, unsigned *errors)
{
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    BkpSource *src = bkp_source_from_string("app.bkp", text, strlen(text));
    assert_null(bkp_compile(&ctx, src));
    *errors = ctx.diags.errors;
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    bkp_diags_print(&ctx.diags, f);
    fclose(f);
    BkpDiag **v = bkp_diags_sorted(&ctx.diags);
    assert_string_equal(v[0]->rule, "require");
    assert_non_null(v[0]->fix.text);           /* `keep monthly 11m` -> 12m */
    assert_string_equal(v[0]->fix.text, "12m");
    free(v);
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
    return out;
}

static void test_diagnostic(void **state)
{
    (void)state;
    unsigned errors;
    char *out = diagnostics(DAILY_2300 " keep monthly 11m on first sun\n require monthly points for 12m\n}\n", &errors);
    assert_int_equal(errors, 1);
    assert_non_null(strstr(out, "app.bkp:5:2: error[require]: `require monthly points for 12 months` does not hold: "
                                "at Fri 2030-01-04 23:00 UTC, February 2029 lies within the last 12 months and no "
                                "point taken in it is left\n"));
    assert_non_null(strstr(out, "~ keeps them 11 months\n"));
    assert_non_null(strstr(out, "hint: it holds when monthly points are kept 12 months: `keep monthly 12m`\n"));
    assert_non_null(strstr(out, "hint: see it: `bkpc simulate --at 2030-01-04T23:00Z --policy gold app.bkp`\n"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_monthly_first_sunday),  cmocka_unit_test(test_monthly_calendar_months),
        cmocka_unit_test(test_weekly_saturday_daily), cmocka_unit_test(test_daily_span),
        cmocka_unit_test(test_dst_day_without_backup), cmocka_unit_test(test_window_across_midnight),
        cmocka_unit_test(test_rpo_span),              cmocka_unit_test(test_rpo_everything),
        cmocka_unit_test(test_weekly_boundary),       cmocka_unit_test(test_yearly_boundary),
        cmocka_unit_test(test_leap_year),             cmocka_unit_test(test_rpo_boundary),
        cmocka_unit_test(test_snapshots),             cmocka_unit_test(test_standard_tier),
        cmocka_unit_test(test_fast_is_reference),     cmocka_unit_test(test_counterexample_simulated),
        cmocka_unit_test(test_diagnostic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
