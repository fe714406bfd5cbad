/* The checked policy as a value: equality, the fields two policies differ
 * in, and the printer back to canonical .bkp text, with the round trip
 * compile -> print -> compile over every .bkp of the tree that checks. */
#include <errno.h>
#include <glob.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bkpc/compile.h"
#include "bkpc/diag_text.h"
#include "bkpc/emit.h"
#include "bkpc/print.h"
#include "tree_fixture.h"

/* One compilation, kept alive while its program is used. */
typedef struct Unit {
    BkpCtx ctx;
    BkpSource *src;
    BkpProgram *prog;
} Unit;

static BkpProgram *unit_compile(Unit *u, const char *name, const char *text, size_t len)
{
    bkp_ctx_init(&u->ctx);
    u->src = bkp_source_from_string(name, text, len);
    assert_non_null(u->src);
    return u->prog = bkp_compile(&u->ctx, u->src);
}

/* A text that must check clean. */
static BkpProgram *unit_ok(Unit *u, const char *text)
{
    if (!unit_compile(u, "test.bkp", text, strlen(text))) {
        bkp_diags_print(&u->ctx.diags, stderr);
        fail_msg("does not check: %s", text);
    }
    return u->prog;
}

static void unit_free(Unit *u)
{
    bkp_ctx_free(&u->ctx);
    bkp_source_free(u->src);
}

/* ---- equality, field by field ----------------------------------------------- */

static const char base_text[] =
    "policy base {\n"
    "    enhanced\n"
    "    timezone \"W. Europe Standard Time\"\n"
    "    daily at 02:00\n"
    "    keep snapshots 5d\n"
    "    keep daily 30d\n"
    "    keep weekly 8w on sun\n"
    "    keep monthly 12m on first, third sat\n"
    "    keep yearly 5y in jan, jul on day 1, last\n"
    "    archive after 3m\n"
    "    snapshot resource-group \"irp-\" suffix \"-x\"\n"
    "    consistency crash\n"
    "}\n";

/* A change to a copy of the base policy, and the fields it must change. */
typedef struct Change {
    const char *what;
    void (*apply)(BkpPolicy *p);
    int n;
    BkpField fields[3];
} Change;

static void ch_name(BkpPolicy *p) { p->name = "other"; }
static void ch_type(BkpPolicy *p) { p->enhanced = false; }
static void ch_zone(BkpPolicy *p) { p->timezone = "UTC"; }
static void ch_time(BkpPolicy *p) { p->time += 30; }
static void ch_weekly_sched(BkpPolicy *p) { p->freq = BKP_FREQ_WEEKLY; p->run_days = 1u << BKP_SUN; }
static void ch_hourly(BkpPolicy *p) { p->freq = BKP_FREQ_HOURLY; p->interval_hours = 4; p->window_hours = 24; }
static void ch_snap(BkpPolicy *p) { p->snapshot_days = 7; }
static void ch_daily(BkpPolicy *p) { p->daily.days = 31; }
static void ch_daily_off(BkpPolicy *p) { p->daily.on = false; }
static void ch_weekly(BkpPolicy *p) { p->weekly.weeks = 9; }
static void ch_weekly_days(BkpPolicy *p) { p->weekly.days = 1u << BKP_SAT; }
static void ch_weekly_off(BkpPolicy *p) { p->weekly.on = false; }
static void ch_monthly(BkpPolicy *p) { p->monthly.count = 13; }
static void ch_monthly_weeks(BkpPolicy *p) { p->monthly.weeks = 1u << BKP_WEEK_LAST; }
static void ch_monthly_days(BkpPolicy *p) { p->monthly.days |= 1u << BKP_SUN; }
static void ch_monthly_format(BkpPolicy *p) { p->monthly.format = BKP_FORMAT_DAILY; p->monthly.dates = 1u << 1; }
static void ch_monthly_off(BkpPolicy *p) { p->monthly.on = false; }
static void ch_yearly(BkpPolicy *p) { p->yearly.count = 6; }
static void ch_yearly_months(BkpPolicy *p) { p->yearly.months = 1u << 11; }
static void ch_yearly_dates(BkpPolicy *p) { p->yearly.dates = 1u << 15; }
static void ch_yearly_last(BkpPolicy *p) { p->yearly.last_day = false; }
static void ch_archive_months(BkpPolicy *p) { p->archive_months = 4; }
static void ch_archive_mode(BkpPolicy *p) { p->archive = BKP_ARCHIVE_RECOMMENDED; }
static void ch_prefix(BkpPolicy *p) { p->snapshot_rg_prefix = "irp2-"; }
static void ch_suffix(BkpPolicy *p) { p->snapshot_rg_suffix = NULL; }
static void ch_rg_off(BkpPolicy *p) { p->snapshot_rg_prefix = p->snapshot_rg_suffix = NULL; }
static void ch_consistency(BkpPolicy *p) { p->crash_consistent = false; }
static void ch_two(BkpPolicy *p) { p->crash_consistent = false; p->daily.days = 7; p->name = "x"; }

static void ch_no_days(BkpPolicy *p) { p->weekly.days = 0; }
static void ch_negative(BkpPolicy *p) { p->daily.days = -1; }
static void ch_bad_time(BkpPolicy *p) { p->time = 24 * 60; }
static void ch_newline(BkpPolicy *p) { p->snapshot_rg_suffix = "a\nb"; }
static void ch_no_months(BkpPolicy *p) { p->yearly.months = 0; }

static const Change changes[] = {
    {"name", ch_name, 1, {BKP_FIELD_NAME}},
    {"type", ch_type, 1, {BKP_FIELD_TYPE}},
    {"time zone", ch_zone, 1, {BKP_FIELD_TIMEZONE}},
    {"time", ch_time, 1, {BKP_FIELD_SCHEDULE}},
    {"daily -> weekly", ch_weekly_sched, 1, {BKP_FIELD_SCHEDULE}},
    {"daily -> hourly", ch_hourly, 1, {BKP_FIELD_SCHEDULE}},
    {"snapshots", ch_snap, 1, {BKP_FIELD_SNAPSHOTS}},
    {"daily", ch_daily, 1, {BKP_FIELD_DAILY}},
    {"daily off", ch_daily_off, 1, {BKP_FIELD_DAILY}},
    {"weekly", ch_weekly, 1, {BKP_FIELD_WEEKLY}},
    {"weekly days", ch_weekly_days, 1, {BKP_FIELD_WEEKLY_DAYS}},
    {"weekly off", ch_weekly_off, 2, {BKP_FIELD_WEEKLY, BKP_FIELD_WEEKLY_DAYS}},
    {"monthly", ch_monthly, 1, {BKP_FIELD_MONTHLY}},
    {"monthly weeks", ch_monthly_weeks, 1, {BKP_FIELD_MONTHLY_ON}},
    {"monthly days", ch_monthly_days, 1, {BKP_FIELD_MONTHLY_ON}},
    {"monthly format", ch_monthly_format, 1, {BKP_FIELD_MONTHLY_ON}},
    {"monthly off", ch_monthly_off, 2, {BKP_FIELD_MONTHLY, BKP_FIELD_MONTHLY_ON}},
    {"yearly", ch_yearly, 1, {BKP_FIELD_YEARLY}},
    {"yearly months", ch_yearly_months, 1, {BKP_FIELD_YEARLY_ON}},
    {"yearly dates", ch_yearly_dates, 1, {BKP_FIELD_YEARLY_ON}},
    {"yearly last", ch_yearly_last, 1, {BKP_FIELD_YEARLY_ON}},
    {"archive months", ch_archive_months, 1, {BKP_FIELD_ARCHIVE}},
    {"archive mode", ch_archive_mode, 1, {BKP_FIELD_ARCHIVE}},
    {"rg prefix", ch_prefix, 1, {BKP_FIELD_SNAPSHOT_RG}},
    {"rg suffix", ch_suffix, 1, {BKP_FIELD_SNAPSHOT_RG}},
    {"rg off", ch_rg_off, 1, {BKP_FIELD_SNAPSHOT_RG}},
    {"consistency", ch_consistency, 1, {BKP_FIELD_CONSISTENCY}},
    {"three fields, in field order", ch_two, 3, {BKP_FIELD_NAME, BKP_FIELD_DAILY, BKP_FIELD_CONSISTENCY}},
};

static void test_each_field_differs(void **state)
{
    (void)state;
    Unit u;
    const BkpPolicy *base = unit_ok(&u, base_text)->policies;
    assert_true(bkp_policy_equal(base, base));
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        const Change *c = &changes[i];
        BkpPolicy q = *base;
        c->apply(&q);
        BkpField diff[BKP_FIELD_COUNT];
        int n = bkp_policy_diff(base, &q, diff);
        if (n != c->n)
            fail_msg("%s: %d fields differ, want %d", c->what, n, c->n);
        for (int k = 0; k < n; k++)
            if (diff[k] != c->fields[k])
                fail_msg("%s: field %d is %s, want %s", c->what, k, bkp_field_name(diff[k]),
                         bkp_field_name(c->fields[k]));
        assert_false(bkp_policy_equal(base, &q));
        assert_false(bkp_policy_equal(&q, base));
        assert_int_equal(bkp_policy_diff(&q, base, diff), c->n);
    }
    unit_free(&u);
}

/* Values that mean nothing for the policy never count. */
static void test_ignored_values(void **state)
{
    (void)state;
    Unit u;
    const BkpPolicy *base = unit_ok(&u, base_text)->policies;
    BkpPolicy q = *base;
    q.origin = NULL;                               /* where it was written */
    q.next = &q;
    q.run_days = 1u << BKP_MON;                    /* a daily schedule has no run days */
    q.interval_hours = 8;                          /* ... no interval or window */
    q.window_hours = 16;
    q.monthly.dates = 1u << 5;                     /* monthly goes by week: no dates */
    q.monthly.last_day = true;
    q.monthly.months = 0x3;                        /* a monthly rule has no months */
    q.yearly.weeks = 1u << BKP_WEEK_FIRST;         /* yearly goes by date: no weeks, no days */
    q.yearly.days = 1u << BKP_MON;
    q.weekly.days |= 0x80;                         /* bits that are no weekday */
    q.name = "base";                               /* another copy of the same name */
    assert_true(bkp_policy_equal(base, &q));

    /* Retention that is not kept: its values do not count. */
    BkpPolicy a = *base, b = *base;
    a.weekly.on = b.weekly.on = false;
    b.weekly.weeks = 99;
    b.weekly.days = 1u << BKP_WED;
    a.monthly.on = b.monthly.on = false;
    b.monthly.count = 7;
    b.monthly.format = BKP_FORMAT_DAILY;
    a.yearly.on = b.yearly.on = false;
    b.yearly.months = 1;
    a.daily.on = b.daily.on = false;
    b.daily.days = 1;
    a.archive = b.archive = BKP_ARCHIVE_NEVER;     /* archive_months only for TierAfter */
    b.archive_months = 12;
    a.snapshot_rg_prefix = b.snapshot_rg_prefix = NULL;   /* a suffix needs a prefix */
    b.snapshot_rg_suffix = "-y";
    assert_true(bkp_policy_equal(&a, &b));
    assert_false(bkp_policy_has(&a, BKP_FIELD_DAILY));
    assert_false(bkp_policy_has(&a, BKP_FIELD_SNAPSHOT_RG));
    assert_true(bkp_policy_has(&a, BKP_FIELD_ARCHIVE));

    /* An hourly schedule has no run days; a weekly one no interval. */
    a.freq = b.freq = BKP_FREQ_HOURLY;
    a.interval_hours = b.interval_hours = 4;
    a.window_hours = b.window_hours = 24;
    b.run_days = 0x01;
    assert_true(bkp_policy_equal(&a, &b));
    b.window_hours = 12;
    assert_false(bkp_policy_equal(&a, &b));
    a.freq = b.freq = BKP_FREQ_WEEKLY;
    a.run_days = b.run_days = 1u << BKP_SUN;
    assert_true(bkp_policy_equal(&a, &b));
    b.run_days |= 1u << BKP_SAT;
    assert_false(bkp_policy_equal(&a, &b));
    unit_free(&u);
}

/* Different spellings, units, zones and defaults of one policy are equal. */
static void test_equal_across_spellings(void **state)
{
    (void)state;
    Unit a, b, c;
    const BkpPolicy *pa = unit_ok(&a,
        "policy same { timezone \"Asia/Kolkata\" weekly on saturday, Wed at 1:00 keep weekly 2w "
        "keep monthly 24m on First sat keep yearly 2y in Jan on last sat }")->policies;
    const BkpPolicy *pb = unit_ok(&b,
        "policy \"same\" {\n enhanced timezone \"India Standard Time\" weekly on wed, sat at 01:00\n"
        " keep snapshots 7d keep weekly 14 days on sat, wed keep monthly 2y on first saturday\n"
        " keep yearly 24m in january on last sat archive never consistency application }")->policies;
    assert_true(bkp_policy_equal(pa, pb));
    assert_true(bkp_policy_default(pa, BKP_FIELD_SNAPSHOTS));
    assert_false(bkp_policy_default(pb, BKP_FIELD_SNAPSHOTS));
    char *ta = bkp_policy_text(pa, NULL), *tb = bkp_policy_text(pb, NULL);
    assert_string_equal(ta, tb);
    free(ta);
    free(tb);
    const BkpPolicy *pc = unit_ok(&c,
        "policy same { timezone \"Asia/Kolkata\" weekly on sat, wed at 01:00 keep weekly 2w "
        "keep monthly 24m on first sat keep yearly 2y in jan on last sat archive recommended }")->policies;
    BkpField diff[BKP_FIELD_COUNT];
    assert_int_equal(bkp_policy_diff(pa, pc, diff), 1);
    assert_int_equal(diff[0], BKP_FIELD_ARCHIVE);
    unit_free(&a);
    unit_free(&b);
    unit_free(&c);
}

static void test_vault_protect_program(void **state)
{
    (void)state;
    Unit a, b;
    const BkpProgram *pa = unit_ok(&a,
        "vault rsv resource-group g\n"
        "policy one { daily at 02:00 }\npolicy two { weekly on sun at 03:00 }\n"
        "protect vm x resource-group g with one exclude disks 2, 1\n"
        "protect vm y resource-group g with two\n");
    const BkpProgram *pb = unit_ok(&b,
        "protect vm y resource-group \"g\" with two\n"
        "policy two { weekly on sun at 03:00 }\npolicy one { daily at 02:00 }\n"
        "protect vm x resource-group g with one exclude disks 1, 2\n"
        "vault \"rsv\" resource-group g\n");
    assert_true(bkp_program_equal(pa, pb));            /* the file's order does not count */
    assert_true(bkp_vault_equal(pa->vault, pb->vault));
    assert_true(bkp_protect_equal(pa->protects, pb->protects->next));

    BkpVault v = *pa->vault;
    v.subscription = "s";
    assert_false(bkp_vault_equal(pa->vault, &v));
    assert_false(bkp_vault_equal(pa->vault, NULL));
    assert_true(bkp_vault_equal(NULL, NULL));

    BkpProtect x = *pa->protects;
    x.disks = BKP_DISKS_INCLUDE;
    assert_false(bkp_protect_equal(pa->protects, &x));
    x = *pa->protects;
    x.luns[1] = 3;
    assert_false(bkp_protect_equal(pa->protects, &x));
    x = *pa->protects;
    x.policy = pa->policies->next;
    assert_false(bkp_protect_equal(pa->protects, &x));
    assert_true(bkp_protect_luns(pa->protects) == (1u << 1 | 1u << 2));
    x = *pa->protects;                                 /* `disks` without a LUN cannot be written */
    x.nluns = 0;
    BkpPrinter pr;
    bkp_pr_init(&pr);
    bkp_print_protect(&pr, &x);
    errno = 0;
    assert_null(bkp_pr_finish(&pr, NULL));
    assert_int_equal(errno, EINVAL);
    x = *pa->protects->next;                           /* no disks given: the LUNs do not count */
    x.nluns = 1;
    x.luns[0] = 5;
    assert_true(bkp_protect_equal(pa->protects->next, &x));

    BkpProgram q = *pb;
    q.vault = q.vaults = NULL;
    q.nvaults = 0;
    assert_false(bkp_program_equal(pa, &q));
    q = *pb;
    q.nprotects = 1;
    q.protects = pb->protects->next;
    assert_false(bkp_program_equal(pa, &q));
    BkpPolicy renamed = *pb->policies;
    renamed.name = "three";
    q = *pb;
    q.policies = &renamed;
    assert_false(bkp_program_equal(pa, &q));
    unit_free(&a);
    unit_free(&b);
}

/* ---- the printer ------------------------------------------------------------------ */

static void test_print_policy(void **state)
{
    (void)state;
    Unit u;
    const BkpPolicy *p = unit_ok(&u, base_text)->policies;
    char *text = bkp_policy_text(p, NULL);
    assert_string_equal(text, base_text);              /* base_text is canonical */
    free(text);
    unit_free(&u);

    /* Every default written out; IANA zone as its Windows id; units in the
     * clause's own unit; sets in value order. */
    p = unit_ok(&u, "policy std { standard timezone \"Europe/Berlin\" daily at 1:00 keep weekly 14d on Saturday, wed "
                    "keep monthly 1y on last, First sat, wed keep yearly 24 months in dec, feb on day last, 28, 3 }")
            ->policies;
    text = bkp_policy_text(p, NULL);
    assert_string_equal(text,
        "policy std {\n"
        "    standard\n"
        "    timezone \"W. Europe Standard Time\"\n"
        "    daily at 01:00\n"
        "    keep snapshots 2d\n"
        "    keep daily 180d\n"
        "    keep weekly 2w on wed, sat\n"
        "    keep monthly 12m on first, last wed, sat\n"
        "    keep yearly 2y in feb, dec on day 3, 28, last\n"
        "    archive never\n"
        "    consistency application\n"
        "}\n");
    free(text);
    unit_free(&u);

    p = unit_ok(&u, "every 12h from 20:30 for 12h")->policies;
    text = bkp_policy_text(p, NULL);
    assert_string_equal(text,
        "policy test {\n"
        "    enhanced\n"
        "    timezone \"UTC\"\n"
        "    every 12h from 20:30 for 12h\n"
        "    keep snapshots 7d\n"
        "    keep daily 180d\n"
        "    archive never\n"
        "    consistency application\n"
        "}\n");
    free(text);
    unit_free(&u);
}

static void test_field_text(void **state)
{
    (void)state;
    Unit u;
    const BkpPolicy *p = unit_ok(&u, base_text)->policies;
    static const char *const want[BKP_FIELD_COUNT] = {
        [BKP_FIELD_NAME] = "base",
        [BKP_FIELD_TYPE] = "enhanced",
        [BKP_FIELD_TIMEZONE] = "\"W. Europe Standard Time\"",
        [BKP_FIELD_SCHEDULE] = "daily at 02:00",
        [BKP_FIELD_SNAPSHOTS] = "5d",
        [BKP_FIELD_DAILY] = "30d",
        [BKP_FIELD_WEEKLY] = "8w",
        [BKP_FIELD_WEEKLY_DAYS] = "on sun",
        [BKP_FIELD_MONTHLY] = "12m",
        [BKP_FIELD_MONTHLY_ON] = "on first, third sat",
        [BKP_FIELD_YEARLY] = "5y",
        [BKP_FIELD_YEARLY_ON] = "in jan, jul on day 1, last",
        [BKP_FIELD_ARCHIVE] = "after 3m",
        [BKP_FIELD_SNAPSHOT_RG] = "\"irp-\" suffix \"-x\"",
        [BKP_FIELD_CONSISTENCY] = "crash",
    };
    for (int f = 0; f < BKP_FIELD_COUNT; f++) {
        char *t = bkp_field_text(p, (BkpField)f);
        assert_non_null(t);
        assert_string_equal(t, want[f]);
        assert_string_not_equal(bkp_field_name((BkpField)f), "?");
        free(t);
    }
    BkpPolicy q = *p;
    q.daily.on = false;
    q.snapshot_rg_prefix = NULL;
    q.freq = BKP_FREQ_HOURLY;
    q.interval_hours = 6;
    q.window_hours = 18;
    errno = ENOENT;
    assert_null(bkp_field_text(&q, BKP_FIELD_DAILY));
    assert_int_equal(errno, 0);
    assert_null(bkp_field_text(&q, BKP_FIELD_SNAPSHOT_RG));
    char *t = bkp_field_text(&q, BKP_FIELD_SCHEDULE);
    assert_string_equal(t, "every 6h from 02:00 for 18h");
    free(t);
    q.archive = BKP_ARCHIVE_RECOMMENDED;
    t = bkp_field_text(&q, BKP_FIELD_ARCHIVE);
    assert_string_equal(t, "recommended");
    free(t);
    unit_free(&u);
}

static void test_names_and_strings(void **state)
{
    (void)state;
    assert_true(bkp_name_is_bare("a"));
    assert_true(bkp_name_is_bare("prod-vms_2!"));
    assert_true(bkp_name_is_bare("daily"));             /* keywords are names */
    assert_true(bkp_name_is_bare("resource-group"));
    assert_false(bkp_name_is_bare(""));
    assert_false(bkp_name_is_bare(NULL));
    assert_false(bkp_name_is_bare("1a"));
    assert_false(bkp_name_is_bare("-a"));
    assert_false(bkp_name_is_bare("web.01"));
    assert_false(bkp_name_is_bare("a b"));
    assert_false(bkp_name_is_bare("caf\xc3\xa9"));
    assert_false(bkp_name_is_bare("a#b"));

    BkpPrinter pr;
    bkp_pr_init(&pr);
    bkp_pr_name(&pr, "plain");
    bkp_pr_name(&pr, "a\"b\\c");
    bkp_pr_name(&pr, "end\\");
    bkp_pr_name(&pr, "");
    bkp_pr_string(&pr, "plain");
    bkp_pr_name(&pr, "# not a comment");
    size_t n;
    char *text = bkp_pr_finish(&pr, &n);
    assert_string_equal(text, "plain \"a\\\"b\\\\c\" \"end\\\\\" \"\" \"plain\" \"# not a comment\"\n");
    assert_int_equal(n, strlen(text));
    free(text);

    /* A newline cannot be written: no text at all. */
    assert_false(bkp_string_printable("a\nb"));
    assert_true(bkp_string_printable("a\tb\r"));
    bkp_pr_keyword(&pr, BKP_KW_VAULT);
    bkp_pr_name(&pr, "two\nlines");
    errno = 0;
    assert_null(bkp_pr_finish(&pr, &n));
    assert_int_equal(errno, EINVAL);
    assert_int_equal(n, 0);
    /* and the printer is usable again */
    bkp_pr_token(&pr, "x");
    text = bkp_pr_finish(&pr, NULL);
    assert_string_equal(text, "x\n");
    free(text);
    /* nothing printed: an empty text */
    text = bkp_pr_finish(&pr, &n);
    assert_string_equal(text, "");
    assert_int_equal(n, 0);
    free(text);
}

/* Values a checked policy never holds cannot be written: no text at all. */
static void test_unwritable_values(void **state)
{
    (void)state;
    Unit u;
    const BkpPolicy *p = unit_ok(&u, base_text)->policies;
    void (*breaks[])(BkpPolicy *) = {NULL, ch_no_days, ch_negative, ch_bad_time, ch_newline, ch_no_months};
    for (size_t i = 0; i < sizeof breaks / sizeof breaks[0]; i++) {
        BkpPolicy q = *p;
        if (breaks[i])
            breaks[i](&q);
        size_t n = 1;
        errno = 0;
        char *text = bkp_policy_text(&q, &n);
        if (!breaks[i]) {
            assert_non_null(text);             /* the unbroken one prints */
            free(text);
            continue;
        }
        if (text)
            fail_msg("break %zu printed:\n%s", i, text);
        assert_int_equal(errno, EINVAL);
        assert_int_equal(n, 0);
    }
    unit_free(&u);
}

/* The writer the formatter shares: indentation, lists, blocks, blank
 * lines, comments. */
static void test_writer_layout(void **state)
{
    (void)state;
    BkpPrinter pr;
    bkp_pr_init(&pr);
    bkp_pr_blank_line(&pr);                            /* none at the start */
    const char top[] = "# top   ";
    bkp_pr_comment(&pr, top, sizeof top - 1);
    bkp_pr_keyword(&pr, BKP_KW_POLICY);
    bkp_pr_name(&pr, "web.01");
    bkp_pr_open(&pr);
    bkp_pr_comment(&pr, "# after the brace", 17);
    bkp_pr_comment(&pr, "# own line", 10);
    bkp_pr_keyword(&pr, BKP_KW_KEEP);
    bkp_pr_keyword(&pr, BKP_KW_DAILY);
    bkp_pr_duration(&pr, 30, BKP_DAYS);
    bkp_pr_comment(&pr, "# trailing\t", 11);
    bkp_pr_keyword(&pr, BKP_KW_WEEKLY);
    bkp_pr_keyword(&pr, BKP_KW_ON);
    bkp_pr_words(&pr, BKP_WORD_WEEKDAY, 1u << BKP_SAT | 1u << BKP_MON);
    bkp_pr_keyword(&pr, BKP_KW_AT);
    bkp_pr_time(&pr, 90);
    bkp_pr_close(&pr);
    bkp_pr_keyword(&pr, BKP_KW_POLICY);            /* a brace ends its line */
    bkp_pr_token(&pr, "p2");
    bkp_pr_open(&pr);
    bkp_pr_close(&pr);
    bkp_pr_comment(&pr, "# end", 5);
    bkp_pr_blank_line(&pr);
    bkp_pr_blank_line(&pr);                            /* never two */
    bkp_pr_keyword(&pr, BKP_KW_PROTECT);
    bkp_pr_token(&pr, "1");
    bkp_pr_list_sep(&pr);
    bkp_pr_token(&pr, "2");
    char *text = bkp_pr_finish(&pr, NULL);
    assert_string_equal(text,
        "# top\n"
        "policy \"web.01\" {  # after the brace\n"
        "    # own line\n"
        "    keep daily 30d  # trailing\n"
        "    weekly on mon, sat at 01:30\n"
        "}\n"
        "policy p2 {\n"
        "}  # end\n"
        "\n"
        "protect 1, 2\n");
    free(text);
}

static void test_clause_order(void **state)
{
    (void)state;
    static const AstClauseKind order[] = {
        AST_TYPE, AST_TIMEZONE, AST_EVERY, AST_KEEP_SNAPSHOTS, AST_KEEP_DAILY, AST_KEEP_WEEKLY,
        AST_KEEP_MONTHLY, AST_KEEP_YEARLY, AST_ARCHIVE, AST_SNAPSHOT_RG, AST_CONSISTENCY,
    };
    for (size_t i = 1; i < sizeof order / sizeof order[0]; i++)
        assert_true(bkp_layout_rank(order[i - 1]) < bkp_layout_rank(order[i]));
    assert_int_equal(bkp_layout_rank(AST_EVERY), bkp_layout_rank(AST_DAILY));
    assert_int_equal(bkp_layout_rank(AST_EVERY), bkp_layout_rank(AST_WEEKLY));

    /* One clause at a time; a clause the policy does not have prints nothing. */
    Unit u;
    const BkpPolicy *p = unit_ok(&u, "policy wkly { weekly on sun at 03:00 }")->policies;
    BkpPrinter pr;
    bkp_pr_init(&pr);
    assert_false(bkp_print_clause(&pr, p, AST_EVERY));
    assert_false(bkp_print_clause(&pr, p, AST_DAILY));
    assert_false(bkp_print_clause(&pr, p, AST_KEEP_DAILY));
    assert_false(bkp_print_clause(&pr, p, AST_KEEP_MONTHLY));
    assert_false(bkp_print_clause(&pr, p, AST_SNAPSHOT_RG));
    assert_true(bkp_print_clause(&pr, p, AST_KEEP_WEEKLY));
    assert_true(bkp_print_clause(&pr, p, AST_WEEKLY));
    char *text = bkp_pr_finish(&pr, NULL);
    assert_string_equal(text, "keep weekly 12w on sun\nweekly on sun at 03:00\n");
    free(text);
    unit_free(&u);
}

static void test_print_program(void **state)
{
    (void)state;
    Unit u;
    const BkpProgram *prog = unit_ok(&u,
        "protect vm \"web.01\" resource-group with with daily include disks 3, 0, 2\n"
        "vault vault resource-group \"rg\" subscription \"0000-11\"\n"
        "policy daily { daily at 02:00 keep daily 7d }\n"
        "protect vm exclude resource-group g with daily\n");
    char *text = bkp_program_text(prog, NULL);
    assert_string_equal(text,
        "vault vault resource-group rg subscription \"0000-11\"\n"
        "\n"
        "policy daily {\n"
        "    enhanced\n"
        "    timezone \"UTC\"\n"
        "    daily at 02:00\n"
        "    keep snapshots 7d\n"
        "    keep daily 7d\n"
        "    archive never\n"
        "    consistency application\n"
        "}\n"
        "\n"
        "protect vm \"web.01\" resource-group with with daily include disks 0, 2, 3\n"
        "protect vm exclude resource-group g with daily\n");
    free(text);
    unit_free(&u);

    /* A file of bare clauses: a block named after the file. */
    unit_compile(&u, "dir/nightly.bkp", "daily at 22:00", 14);
    assert_non_null(u.prog);
    text = bkp_program_text(u.prog, NULL);
    assert_true(strncmp(text, "policy nightly {\n    enhanced\n", 30) == 0);
    free(text);
    unit_free(&u);

    /* Nothing defined: nothing printed. */
    unit_ok(&u, "# only a comment\n");
    text = bkp_program_text(u.prog, NULL);
    assert_string_equal(text, "");
    free(text);
    unit_free(&u);
}

/* ---- the round trip ---------------------------------------------------------------- */


static void same_policies(const char *name, const BkpProgram *a, const BkpProgram *b)
{
    assert_int_equal(a->npolicies, b->npolicies);
    for (const BkpPolicy *p = a->policies, *q = b->policies; p; p = p->next, q = q->next) {
        BkpField diff[BKP_FIELD_COUNT];
        int n = bkp_policy_diff(p, q, diff);
        if (n)
            fail_msg("%s: policy %s: the %s differs after printing", name, p->name, bkp_field_name(diff[0]));
        /* what Azure receives, byte for byte */
        char *ja = rest_body(p), *jb = rest_body(q);
        if (strcmp(ja, jb) != 0)
            fail_msg("%s: policy %s: the REST body differs after printing", name, p->name);
        free(ja);
        free(jb);
    }
}

/* compile -> print -> compile -> print. Returns false when `text` does not
 * check (nothing to print); fails the test when the round trip breaks. */
static bool round_trip(const char *name, const char *text, size_t len)
{
    Unit a, b;
    if (!unit_compile(&a, name, text, len)) {
        unit_free(&a);
        return false;
    }
    size_t n1, n2;
    char *t1 = bkp_program_text(a.prog, &n1);
    assert_non_null(t1);
    if (!unit_compile(&b, name, t1, n1)) {
        bkp_diags_print(&b.ctx.diags, stderr);
        fail_msg("%s: the printed text does not check:\n%s", name, t1);
    }
    if (!bkp_program_equal(a.prog, b.prog))
        fail_msg("%s: printed and compiled again, the program differs:\n%s", name, t1);
    same_policies(name, a.prog, b.prog);
    assert_true(bkp_vault_equal(a.prog->vault, b.prog->vault));
    assert_int_equal(a.prog->nprotects, b.prog->nprotects);
    for (const BkpProtect *p = a.prog->protects, *q = b.prog->protects; p; p = p->next, q = q->next)
        assert_true(bkp_protect_equal(p, q));
    char *t2 = bkp_program_text(b.prog, &n2);
    assert_non_null(t2);
    if (n1 != n2 || memcmp(t1, t2, n1) != 0)
        fail_msg("%s: printing is not idempotent:\n%s\n---\n%s", name, t1, t2);
    free(t1);
    free(t2);
    unit_free(&a);
    unit_free(&b);
    return true;
}


/* Every .bkp of the tree that checks clean (run from the repository root,
 * as `make check` does): examples/, the golden suites, tests/hostile/. */
static void test_round_trip_tree(void **state)
{
    (void)state;
    static const char *const patterns[] = {"examples/*.bkp", "tests/*/*.bkp"};
    int clean = 0, examples = 0, hostile = 0;
    for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
        glob_t g;
        if (glob(patterns[i], 0, NULL, &g) != 0)
            fail_msg("no %s: run the test from the repository root", patterns[i]);
        for (size_t k = 0; k < g.gl_pathc; k++) {
            const char *path = g.gl_pathv[k];
            size_t len;
            char *text = slurp(path, &len);
            if (round_trip(path, text, len)) {
                clean++;
                examples += strncmp(path, "examples/", 9) == 0;
                hostile += strncmp(path, "tests/hostile/", 14) == 0;
            }
            free(text);
        }
        globfree(&g);
    }
    print_message("round trip: %d files\n", clean);
    /* Not vacuous: the examples, the hostile names and most goldens took part. */
    assert_true(examples >= 7);
    assert_true(hostile >= 2);
    assert_true(clean >= 90);
}

/* Names built to break quoting, keywords as names: intact after printing.
 * Only a subscription's name may hold `"` and `\` (the naming rules). */
static void test_round_trip_names(void **state)
{
    (void)state;
    static const char text[] =
        "vault vault resource-group resource-group subscription \"q\\\"\\\\ #x {}, \xe6\x97\xa5\"\n"
        "policy daily { daily at 02:00 snapshot resource-group \"(q).x\" suffix \"_\" }\n"
        "policy exclude { weekly on sun at 01:00 snapshot resource-group \"\xe6\x97\xa5\" }\n"
        "protect vm with resource-group exclude with exclude exclude disks 1\n"
        "protect vm \"tab'$here\" resource-group \"a.b\" with daily\n"
        "protect vm \"{}'`$x\" resource-group \"(rg)\" with daily include disks 0\n";
    assert_true(round_trip("names.bkp", text, sizeof text - 1));
    Unit u;
    const BkpProgram *prog = unit_ok(&u, text);
    assert_string_equal(prog->vault->subscription, "q\"\\ #x {}, \xe6\x97\xa5");
    assert_string_equal(prog->policies->snapshot_rg_prefix, "(q).x");
    assert_string_equal(prog->policies->snapshot_rg_suffix, "_");
    char *t = bkp_program_text(prog, NULL);
    assert_non_null(strstr(t, "\nprotect vm with resource-group exclude with exclude exclude disks 1\n"));
    assert_non_null(strstr(t, "subscription \"q\\\"\\\\ #x {}, \xe6\x97\xa5\"\n"));
    assert_non_null(strstr(t, "protect vm \"{}'`$x\" resource-group \"(rg)\" with daily include disks 0\n"));
    free(t);
    unit_free(&u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_field_differs),
        cmocka_unit_test(test_ignored_values),
        cmocka_unit_test(test_equal_across_spellings),
        cmocka_unit_test(test_vault_protect_program),
        cmocka_unit_test(test_print_policy),
        cmocka_unit_test(test_field_text),
        cmocka_unit_test(test_names_and_strings),
        cmocka_unit_test(test_unwritable_values),
        cmocka_unit_test(test_writer_layout),
        cmocka_unit_test(test_clause_order),
        cmocka_unit_test(test_print_program),
        cmocka_unit_test(test_round_trip_tree),
        cmocka_unit_test(test_round_trip_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
