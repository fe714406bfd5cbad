/* Each rule of the checker's table, on a policy that keeps it and on one
 * that breaks it (RULES.md ids). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "bkpc/check.h"

/* A valid enhanced daily policy: every rule holds. */
static BkpPolicy base(BkpPolicyOrigin *o, BkpSource *src)
{
    BkpPolicy p;
    memset(&p, 0, sizeof p);
    memset(o, 0, sizeof *o);
    o->src = src;
    p.name = "base-policy";
    p.origin = o;
    p.enhanced = true;
    p.timezone = "UTC";
    p.freq = BKP_FREQ_DAILY;
    p.time = 2 * 60;
    p.run_days = 0x7F;
    p.snapshot_days = 7;
    p.daily.on = true;
    p.daily.days = 30;
    p.archive = BKP_ARCHIVE_NEVER;
    return p;
}

static void hourly(BkpPolicy *p, int interval, int window)
{
    p->freq = BKP_FREQ_HOURLY;
    p->interval_hours = interval;
    p->window_hours = window;
}

static void weekly_sched(BkpPolicy *p, BkpDaySet days)
{
    p->freq = BKP_FREQ_WEEKLY;
    p->run_days = days;
    p->daily.on = false;
    p->weekly.on = true;
    p->weekly.weeks = 12;
    p->weekly.days = days;
    p->snapshot_days = 5;
}

static void monthly_first_sun(BkpPolicy *p, int months)
{
    p->monthly.on = true;
    p->monthly.count = months;
    p->monthly.format = BKP_FORMAT_WEEKLY;
    p->monthly.weeks = 1u << BKP_WEEK_FIRST;
    p->monthly.days = 1u << BKP_SUN;
}

#define MON (1u << BKP_MON)
#define FRI (1u << BKP_FRI)
#define SUN (1u << BKP_SUN)

typedef struct Case {
    const char *rule;
    void (*breaks)(BkpPolicy *p);
    int warning;            /* the rule warns instead of failing */
} Case;

static void a6(BkpPolicy *p) { p->name = "ab"; }
static void a9(BkpPolicy *p) { p->enhanced = false; p->snapshot_days = 2; p->crash_consistent = true; }
static void a10(BkpPolicy *p) { p->snapshot_rg_prefix = ""; }
static void b1(BkpPolicy *p) { hourly(p, 4, 24); p->enhanced = false; p->snapshot_days = 2; }
static void b3(BkpPolicy *p) { p->time = 2 * 60 + 15; }
static void b6(BkpPolicy *p) { hourly(p, 5, 20); }
static void b7(BkpPolicy *p) { hourly(p, 4, 23); }
static void b10(BkpPolicy *p) { hourly(p, 4, 24); p->time = 20 * 60; }
static void c1(BkpPolicy *p) { p->enhanced = false; p->snapshot_days = 6; }
static void c2(BkpPolicy *p) { weekly_sched(p, SUN); p->enhanced = false; p->snapshot_days = 4; }
static void c3(BkpPolicy *p) { p->snapshot_days = 31; p->daily.days = 60; }
static void c4(BkpPolicy *p) { weekly_sched(p, SUN); p->snapshot_days = 4; }
static void c5(BkpPolicy *p) { hourly(p, 4, 24); p->snapshot_days = 18; }
static void c6(BkpPolicy *p) { p->snapshot_days = 10; p->daily.days = 7; }
static void d1(BkpPolicy *p) { p->daily.on = false; }
static void d2(BkpPolicy *p) { p->daily.on = false; p->weekly.on = true; p->weekly.weeks = 4; p->weekly.days = SUN; }
static void d3(BkpPolicy *p) { d2(p); hourly(p, 4, 24); }
static void d4(BkpPolicy *p) { weekly_sched(p, SUN); p->daily.on = true; p->daily.days = 30; }
static void d5(BkpPolicy *p) { p->daily.days = 6; p->snapshot_days = 5; }
static void d6(BkpPolicy *p) { p->weekly.on = true; p->weekly.weeks = 5164; p->weekly.days = SUN; }
static void d7(BkpPolicy *p) { monthly_first_sun(p, 1189); }
static void d8(BkpPolicy *p) { p->yearly = p->monthly; monthly_first_sun(p, 12); p->yearly = p->monthly; p->monthly.on = false; p->yearly.count = 100; p->yearly.months = 1; }
static void d10(BkpPolicy *p) { p->weekly.on = true; p->weekly.weeks = 4; p->weekly.days = 0; }
static void d11(BkpPolicy *p) { weekly_sched(p, MON | FRI); p->weekly.days = SUN; }
static void d12(BkpPolicy *p) { weekly_sched(p, SUN); monthly_first_sun(p, 12); p->monthly.format = BKP_FORMAT_DAILY; p->monthly.dates = 1u << 1; }
static void d13(BkpPolicy *p) { weekly_sched(p, MON); monthly_first_sun(p, 12); }
static void d14(BkpPolicy *p) { monthly_first_sun(p, 12); p->monthly.weeks = 0; }
static void d15(BkpPolicy *p) { monthly_first_sun(p, 12); p->monthly.format = BKP_FORMAT_DAILY; p->monthly.dates = 0; }
static void d17(BkpPolicy *p) { d8(p); p->yearly.count = 5; p->yearly.months = 0; }
static void e2(BkpPolicy *p) { p->archive = BKP_ARCHIVE_AFTER; p->archive_months = 3; }
static void e3(BkpPolicy *p) { monthly_first_sun(p, 8); p->archive = BKP_ARCHIVE_RECOMMENDED; }
static void e5(BkpPolicy *p) { monthly_first_sun(p, 8); p->archive = BKP_ARCHIVE_AFTER; p->archive_months = 3; }

static const Case cases[] = {
    {"A6", a6, 0}, {"A9", a9, 0}, {"A10", a10, 0}, {"B1", b1, 0}, {"B3", b3, 0},
    {"B6", b6, 0}, {"B7", b7, 0}, {"B10", b10, 1}, {"C1", c1, 0}, {"C2", c2, 0},
    {"C3", c3, 0}, {"C4", c4, 0}, {"C5", c5, 1}, {"C6", c6, 0}, {"D1", d1, 0},
    {"D2", d2, 0}, {"D3", d3, 0}, {"D4", d4, 0}, {"D5", d5, 0}, {"D6", d6, 0},
    {"D7", d7, 0}, {"D8", d8, 0}, {"D10", d10, 0}, {"D11", d11, 0}, {"D12", d12, 0},
    {"D13", d13, 0}, {"D14", d14, 0}, {"D15", d15, 0}, {"D17", d17, 0}, {"E2", e2, 0},
    {"E3", e3, 0}, {"E5", e5, 0},
};

static void test_every_rule_has_a_case(void **state)
{
    (void)state;
    int n;
    const BkpRule *r = bkp_rules(&n);
    assert_int_equal(n, (int)(sizeof cases / sizeof cases[0]));
    for (int i = 0; i < n; i++) {
        int found = 0;
        for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
            found |= strcmp(cases[k].rule, r[i].id) == 0;
        assert_true(found);
        assert_ptr_equal(bkp_rule_find(r[i].id), &r[i]);
    }
    assert_null(bkp_rule_find("Z9"));
}

static void test_base_keeps_every_rule(void **state)
{
    (void)state;
    BkpArena a;
    bkp_arena_init(&a);
    BkpDiags d;
    bkp_diags_init(&d, &a);
    BkpSource *src = bkp_source_from_string("t.bkp", "", 0);
    BkpPolicyOrigin o;
    BkpPolicy p = base(&o, src);
    int n;
    const BkpRule *r = bkp_rules(&n);
    for (int i = 0; i < n; i++)
        assert_true(r[i].check(&d, &p));
    assert_int_equal(d.count, 0);
    bkp_source_free(src);
    bkp_arena_free(&a);
}

static void test_each_rule_breaks(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        BkpArena a;
        bkp_arena_init(&a);
        BkpDiags d;
        bkp_diags_init(&d, &a);
        BkpSource *src = bkp_source_from_string("t.bkp", "", 0);
        BkpPolicyOrigin o;
        BkpPolicy p = base(&o, src);
        const BkpRule *r = bkp_rule_find(cases[k].rule);
        assert_non_null(r);
        cases[k].breaks(&p);
        print_message("rule %s\n", cases[k].rule);
        assert_false(r->check(&d, &p));
        assert_non_null(d.head);
        assert_string_equal(d.head->rule, cases[k].rule);
        if (cases[k].warning) {
            assert_int_equal(d.errors, 0);
            assert_int_equal(d.warnings, 1);
        } else {
            assert_true(d.errors >= 1);
        }
        bkp_source_free(src);
        bkp_arena_free(&a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_rule_has_a_case),
        cmocka_unit_test(test_base_keeps_every_rule),
        cmocka_unit_test(test_each_rule_breaks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
