/* test_cost.c — the cost model (include/bkpc/cost.h) against figures
 * computed by hand from docs/cost.md, the price tables and their errors,
 * and the disks of a VM. Prices here are round numbers (PRICES) so that
 * every cost can be worked out on paper. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/civil.h"
#include "bkpc/cost.h"
#include "policy_fixture.h"

#define EPS 1e-9

/* A GB-month: snapshot 0.1, vault-standard 0.05, vault-archive 0.01; the
 * instance 5 up to 50 GB, 10 up to 500 GB, 10 for each started 500 GB. */
static const char PRICES[] =
    "{\"region\": \"test\", \"currency\": \"EUR\", \"date\": \"2026-12-01\", \"source\": \"round numbers\",\n"
    " \"per_gb_month\": {\"snapshot\": 0.1,\n"
    "   \"vault-standard\": {\"LRS\": 0.05, \"ZRS\": 0.05, \"GRS\": 0.05, \"RA-GRS\": 0.05},\n"
    "   \"vault-archive\": {\"LRS\": 0.01, \"ZRS\": 0.01, \"GRS\": 0.01, \"RA-GRS\": 0.01}},\n"
    " \"protected_instance\": {\"bands\": [{\"up_to_gb\": 50, \"per_month\": 5}, {\"up_to_gb\": 500, "
    "\"per_month\": 10}],\n"
    "   \"above\": {\"per_gb\": 500, \"per_month\": 10}}}\n";

/* A policy and its estimate. */
typedef struct Est {
    Run run;
    BkpPrices prices;
    BkpCost cost;
} Est;

/* Compiles `text`, and estimates its policy for `gb` GB at churn `churn`
 * from 2027-01-01 until steady state. */
static void estimate(Est *e, const char *text, double gb, double churn)
{
    load(&e->run, text);
    char err[256];
    assert_int_equal(bkp_prices_parse(PRICES, sizeof PRICES - 1, &e->prices, err, sizeof err), 0);
    BkpCostInput in = {.size = {gb, gb, gb}, .churn = churn, .redundancy = BKP_REDUNDANCY_GRS,
                       .start_day = bkp_days_from_civil(2027, 1, 1)};
    assert_int_equal(bkp_cost(e->run.tz, e->run.p, &in, &e->prices, &e->cost), 0);
}

static void finish(Est *e)
{
    bkp_cost_free(&e->cost);
    bkp_prices_free(&e->prices);
    done(&e->run);
}

/* --- churn ---------------------------------------------------------------------------- */

static void test_churn(void **state)
{
    (void)state;
    assert_true(fabs(bkp_churn(0.02, 1) - 0.02) < EPS);
    assert_true(fabs(bkp_churn(0.02, 0.25) - 0.005) < EPS);          /* a quarter of the day's */
    assert_true(fabs(bkp_churn(0.01, 7) - (1 - pow(0.99, 7))) < EPS); /* 6.79%, not 7% */
    assert_true(fabs(bkp_churn(1, 30) - 1) < EPS);
    assert_true(bkp_churn(0.5, 365) <= 1);
    assert_true(bkp_churn(0.02, 0) == 0);
}

/* --- closed forms ----------------------------------------------------------------------- */

/* daily 30d on a 100 GB disk at 1%: the oldest of the 30 daily points is
 * the full 100 GB, each of the 29 others the day's 1 GB: 129 GB. The 5
 * snapshots hold a day's churn each: 5 GB. */
static void test_daily_30(void **state)
{
    (void)state;
    Est r;
    estimate(&r, "standard daily at 22:30 keep snapshots 5d keep daily 30d", 100, 0.01);
    const BkpCostState *s = &r.cost.steady;
    assert_int_equal(r.cost.steady_month, 1);        /* 2027-02-01 >= 2027-01-01 + 30 days */
    assert_int_equal(s->points[BKP_TIER_STANDARD], 30);
    assert_true(fabs(s->gb[BKP_TIER_STANDARD] - 129) < EPS);
    assert_int_equal(s->points[BKP_TIER_SNAPSHOT], 5);
    assert_true(fabs(s->gb[BKP_TIER_SNAPSHOT] - 5) < EPS);
    assert_int_equal(s->points[BKP_TIER_ARCHIVE], 0);
    /* 5 GB x 0.1 + 129 GB x 0.05 + 10 (51-500 GB) = 16.95 */
    assert_true(fabs(s->total - 16.95) < EPS);
    assert_true(fabs(s->instance_fee - 10) < EPS);
    assert_false(r.cost.has_alt);                     /* no monthly or yearly points */
    finish(&r);
}

/* The snapshot tier: DOC-IR's "snapshot retention period x daily churn x
 * size", whatever the backups a day: 6 a day for 10 days on 100 GB at 2%
 * are 60 snapshots of 4 hours' churn, 10 x 2% x 100 = 20 GB. */
static void test_snapshot_formula(void **state)
{
    (void)state;
    Est r;
    estimate(&r, "enhanced every 4h from 00:00 for 24h keep snapshots 10d keep daily 30d", 100, 0.02);
    const BkpCostState *s = &r.cost.steady;
    assert_int_equal(r.cost.snapshots, 6);
    assert_int_equal(s->points[BKP_TIER_SNAPSHOT], 60);
    assert_true(fabs(s->gb[BKP_TIER_SNAPSHOT] - 20) < EPS);
    /* Only the day's last backup goes to the vault: 30 points a day apart. */
    assert_int_equal(s->points[BKP_TIER_STANDARD], 30);
    assert_true(fabs(s->gb[BKP_TIER_STANDARD] - (100 + 29 * 2)) < EPS);
    finish(&r);
}

/* Monthly points on day 1 kept 12 months, moved after 3, at 0.2% churn on
 * 100 GB, at 2028-01-01 00:00 (UTC): the points of 2027-01-01..09-01 (9)
 * are in vault-archive, full copies (900 GB); vault-standard holds those of
 * 10-01 (full), 11-01 (31 days of changes), 12-01 (30 days) and the 30
 * daily points of 12-02..12-31 (a day each). Without archiving, the chain
 * runs from 2027-01-01 with its 11 monthly gaps. Archiving costs more. */
static void test_archive_costs_more(void **state)
{
    (void)state;
    Est r;
    estimate(&r,
             "standard daily at 02:00 keep snapshots 2d keep daily 30d keep monthly 12m on day 1 "
             "archive after 3m",
             100, 0.002);
    const BkpCost *c = &r.cost;
    const BkpCostState *s = &c->steady;
    double f = 0.998;
    double standard = 100 + 100 * (1 - pow(f, 31)) + 100 * (1 - pow(f, 30)) + 30 * 0.2;
    assert_int_equal(c->steady_month, 12);
    assert_int_equal(s->day, bkp_days_from_civil(2028, 1, 1));
    assert_int_equal(s->points[BKP_TIER_ARCHIVE], 9);
    assert_true(fabs(s->gb[BKP_TIER_ARCHIVE] - 900) < EPS);
    assert_int_equal(s->points[BKP_TIER_STANDARD], 33);
    assert_true(fabs(s->gb[BKP_TIER_STANDARD] - standard) < EPS);
    assert_true(fabs(s->gb[BKP_TIER_SNAPSHOT] - 0.4) < EPS);
    /* archive never: 2027-01-01 full, the gaps of Feb..Dec 2027, 30 days. */
    static const int gaps[11] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30};
    double never = 100 + 30 * 0.2;
    for (int i = 0; i < 11; i++)
        never += 100 * (1 - pow(f, gaps[i]));
    assert_true(c->has_alt);
    assert_int_equal(c->alt_mode, BKP_ARCHIVE_NEVER);
    assert_int_equal(c->alt.points[BKP_TIER_ARCHIVE], 0);
    assert_int_equal(c->alt.points[BKP_TIER_STANDARD], 42);
    assert_true(fabs(c->alt.gb[BKP_TIER_STANDARD] - never) < EPS);
    double with = 0.4 * 0.1 + standard * 0.05 + 900 * 0.01 + 10, without = 0.4 * 0.1 + never * 0.05 + 10;
    assert_true(fabs(s->total - with) < EPS);
    assert_true(fabs(c->alt.total - without) < EPS);
    assert_true(s->total > c->alt.total);       /* 9 full copies cost more than the changes they replace */
    finish(&r);
}

/* The months before steady state count only what the policy has taken
 * since the start; from steady_month on, what a policy that has always run
 * holds (bkp_sim_each without a start). */
static void test_months_and_steady_state(void **state)
{
    (void)state;
    Est r;
    estimate(&r, "daily at 01:00 keep snapshots 7d keep daily 30d keep weekly 12w on sun keep monthly 24m on first sun "
                 "archive after 6m",
             200, 0.03);
    const BkpCost *c = &r.cost;
    assert_int_equal(c->steady_month, 24);
    assert_int_equal(c->nmonths, 24);
    /* The first month: at 02-01 00:00 the daily points of 01-02..01-31
     * (01-01's expired at 01-31 01:00, and no other rule keeps a Friday's):
     * 01-02's full 200 GB, then 29 days of 6 GB. */
    assert_int_equal(c->months[0].points[BKP_TIER_STANDARD], 30);
    assert_true(fabs(c->months[0].gb[BKP_TIER_STANDARD] - (200 + 29 * 6)) < EPS);
    BkpSim sim;
    bkp_sim_each(r.run.tz, r.run.p, bkp_interp_run_utc(r.run.tz, r.run.p, c->steady.day, 0), NULL, &sim, NULL, NULL);
    for (int t = 0; t < BKP_TIER_COUNT; t++)
        assert_int_equal(c->steady.points[t], sim.tier_count[t]);
    double total = 0;
    for (int m = 0; m < c->nmonths; m++)
        total += c->months[m].total;
    assert_true(fabs(c->horizon_total - total) < EPS);
    finish(&r);
}

/* --- price tables ------------------------------------------------------------------------ */

static void test_instance_bands(void **state)
{
    (void)state;
    BkpPrices p;
    assert_int_equal(bkp_prices_parse(PRICES, sizeof PRICES - 1, &p, NULL, 0), 0);
    assert_true(bkp_prices_instance(&p, 47) == 5);        /* the example of "About Azure VM backup" */
    assert_true(bkp_prices_instance(&p, 50) == 5);
    assert_true(bkp_prices_instance(&p, 50.5) == 10);
    assert_true(bkp_prices_instance(&p, 500) == 10);
    assert_true(bkp_prices_instance(&p, 501) == 20);      /* two started 500 GB */
    assert_true(bkp_prices_instance(&p, 2000) == 40);
    assert_true(bkp_prices_instance(&p, 2001) == 50);
    bkp_prices_free(&p);
    /* The bundled table reads, and has every redundancy. */
    assert_int_equal(bkp_prices_bundled(&p, NULL, 0), 0);
    for (int r = 0; r < BKP_REDUNDANCY_COUNT; r++)
        assert_int_equal(bkp_prices_check(&p, (BkpRedundancy)r, NULL, 0), 0);
    assert_true(p.illustrative);
    assert_non_null(p.region);
    bkp_prices_free(&p);
}

/* PRICES with `from` replaced by `to`: the error it gives. */
static void expect_error(const char *from, const char *to, const char *want)
{
    char text[2048], err[512] = "";
    const char *at = strstr(PRICES, from);
    assert_non_null(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - PRICES), PRICES, to, at + strlen(from));
    BkpPrices p;
    int rc = bkp_prices_parse(text, strlen(text), &p, err, sizeof err);
    bkp_prices_free(&p);
    if (rc == 0 || !strstr(err, want))
        fail_msg("expected an error with \"%s\", got rc %d: %s", want, rc, err);
}

static void test_price_errors(void **state)
{
    (void)state;
    expect_error("\"vault-archive\"", "\"vault-archived\"",
                 "$.per_gb_month['vault-archived']: unknown key; did you mean 'vault-archive'?");
    expect_error(",\n   \"vault-archive\": {\"LRS\": 0.01, \"ZRS\": 0.01, \"GRS\": 0.01, \"RA-GRS\": 0.01}}", "}",
                 "$.per_gb_month['vault-archive']: missing: the price of a GB-month in each tier");
    expect_error("\"snapshot\": 0.1", "\"snapshot\": -0.1", "$.per_gb_month.snapshot: must be a number of at least 0");
    expect_error("\"snapshot\": 0.1", "\"snapshot\": \"0.1\"", "$.per_gb_month.snapshot: must be a number");
    expect_error("\"currency\": \"EUR\", ", "", "$.currency: missing");
    expect_error("{\"up_to_gb\": 500", "{\"up_to_gb\": 40", "$.protected_instance.bands[1].up_to_gb: must be a number above 50");
    expect_error("\"per_gb\": 500", "\"per_gb\": 0", "$.protected_instance.above.per_gb: must be a number above 0");
    expect_error("\"source\"", "\"source\" \"x\"", "line 1, column");
    expect_error("\"region\": \"test\"", "\"region\": \"test\", \"region\": \"again\"", "duplicate");
    /* A redundancy a table leaves out is an error only when asked for. */
    char text[2048], err[512] = "";
    const char *at = strstr(PRICES, ", \"RA-GRS\": 0.01}");
    snprintf(text, sizeof text, "%.*s}%s", (int)(at - PRICES), PRICES, at + strlen(", \"RA-GRS\": 0.01}"));
    BkpPrices p;
    assert_int_equal(bkp_prices_parse(text, strlen(text), &p, err, sizeof err), 0);
    assert_int_equal(bkp_prices_check(&p, BKP_REDUNDANCY_GRS, err, sizeof err), 0);
    assert_int_equal(bkp_prices_check(&p, BKP_REDUNDANCY_RAGRS, err, sizeof err), -1);
    assert_non_null(strstr(err, "$.per_gb_month['vault-archive']['RA-GRS']: missing"));
    bkp_prices_free(&p);
}

/* --- a VM's disks -------------------------------------------------------------------------- */

static void disks_of(const char *text, const char *vm, BkpDisk *d, int n, BkpCostSizes *out, int want)
{
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    BkpSource *src = bkp_source_from_string("vm.bkp", text, strlen(text));
    BkpProgram *prog = bkp_compile(&ctx, src);
    assert_non_null(prog);
    const BkpProtect *pr = prog->protects;
    while (pr && strcmp(pr->vm, vm) != 0)
        pr = pr->next;
    assert_non_null(pr);
    char err[256];
    assert_int_equal(bkp_cost_disks(pr->policy, pr, d, n, out, err, sizeof err), want);
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
}

static const char VMS[] =
    "policy enh { enhanced daily at 01:00 keep daily 30d }\n"
    "policy std { standard daily at 01:00 keep daily 30d }\n"
    "protect vm e1 resource-group rg with enh exclude disks 1\n"
    "protect vm s1 resource-group rg with std exclude disks 1\n"
    "protect vm s2 resource-group rg with std exclude disks 0, 1\n"
    "protect vm s3 resource-group rg with std include disks 0\n"
    "protect vm a1 resource-group rg with enh\n";

static void test_disks(void **state)
{
    (void)state;
    BkpDisk d[3] = {{BKP_DISK_OS, 30, false}, {0, 200, false}, {1, 500, false}};
    BkpCostSizes s;
    /* Enhanced: everything on the disks backed up. */
    disks_of(VMS, "e1", d, 3, &s, 0);
    assert_true(s.vault == 230 && s.snapshot == 230 && s.instance == 230);
    assert_true(d[0].backed_up && d[1].backed_up && !d[2].backed_up);
    /* Standard with a data disk: snapshots and the instance on every disk. */
    disks_of(VMS, "s1", d, 3, &s, 0);
    assert_true(s.vault == 230 && s.snapshot == 730 && s.instance == 730);
    disks_of(VMS, "s3", d, 3, &s, 0);
    assert_true(s.vault == 230 && s.snapshot == 730 && s.instance == 730);
    /* Standard, the OS disk only: the instance is the OS disk. */
    disks_of(VMS, "s2", d, 3, &s, 0);
    assert_true(s.vault == 30 && s.snapshot == 730 && s.instance == 30);
    assert_true(d[0].backed_up && !d[1].backed_up && !d[2].backed_up);
    /* No disk clause: all of them. */
    disks_of(VMS, "a1", d, 3, &s, 0);
    assert_true(s.vault == 730 && s.snapshot == 730 && s.instance == 730);
    /* No OS disk; a LUN twice; a LUN the protect names that is not given. */
    disks_of(VMS, "a1", d + 1, 2, &s, -1);
    BkpDisk twice[3] = {{BKP_DISK_OS, 30, false}, {0, 200, false}, {0, 500, false}};
    disks_of(VMS, "a1", twice, 3, &s, -1);
    disks_of(VMS, "e1", d, 2, &s, -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_churn),
        cmocka_unit_test(test_daily_30),
        cmocka_unit_test(test_snapshot_formula),
        cmocka_unit_test(test_archive_costs_more),
        cmocka_unit_test(test_months_and_steady_state),
        cmocka_unit_test(test_instance_bands),
        cmocka_unit_test(test_price_errors),
        cmocka_unit_test(test_disks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
