/* The diff library: matching, fields in words, refusals, and the effect on
 * existing points against figures worked out by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bkpc/civil.h"
#include "bkpc/compile.h"
#include "bkpc/diff.h"

typedef struct Two {
    BkpCtx ctx;
    BkpSource *src[2];
    BkpProgram *prog[2];
    BkpDiff d;
} Two;

/* 2026-06-15T12:00Z, a Monday. */
static int64_t at_noon(void) { return bkp_days_from_civil(2026, 6, 15) * 86400 + 12 * 3600; }

/* Compiles both texts and diffs them at 2026-06-15 12:00 UTC. */
static void two(Two *t, const char *old, const char *new)
{
    memset(t, 0, sizeof *t);
    bkp_ctx_init(&t->ctx);
    const char *texts[2] = {old, new};
    for (int i = 0; i < 2; i++) {
        t->src[i] = bkp_source_from_string(i ? "new.bkp" : "old.bkp", texts[i], strlen(texts[i]));
        t->prog[i] = bkp_compile(&t->ctx, t->src[i]);
        assert_non_null(t->prog[i]);
    }
    assert_int_equal(bkp_diff(bkp_ctx_tz(&t->ctx), t->prog[0], t->prog[1], at_noon(), BKP_DIFF_ALL, &t->d), 0);
}

static void done(Two *t)
{
    bkp_diff_free(&t->d);
    bkp_ctx_free(&t->ctx);
    bkp_source_free(t->src[0]);
    bkp_source_free(t->src[1]);
}

static void test_matching(void **state)
{
    (void)state;
    Two t;
    two(&t, "policy a-vms { daily at 01:00 }  policy b-vms { daily at 02:00 }  policy c-vms { daily at 03:00 }",
         "# the same a-vms\npolicy a-vms { keep daily 180 days daily at 1:00 }\n"
         "policy c-vms { daily at 03:30 }\npolicy d-vms { daily at 04:00 }");
    assert_int_equal(t.d.n, 3);
    assert_string_equal(t.d.changes[0].name, "c-vms");
    assert_int_equal(t.d.changes[0].kind, BKP_CHANGE_CHANGED);
    assert_int_equal(t.d.changes[0].nfields, 1);
    assert_int_equal(t.d.changes[0].fields[0], BKP_FIELD_SCHEDULE);
    assert_string_equal(t.d.changes[1].name, "d-vms");
    assert_int_equal(t.d.changes[1].kind, BKP_CHANGE_ADDED);
    assert_string_equal(t.d.changes[2].name, "b-vms");
    assert_int_equal(t.d.changes[2].kind, BKP_CHANGE_REMOVED);
    assert_false(bkp_diff_loses(&t.d));      /* a new time of day deletes nothing */
    done(&t);
}

static void test_words(void **state)
{
    (void)state;
    Two t;
    two(&t, "policy p-vms { every 4h from 08:00 for 24h keep weekly 1w on sun keep monthly 12m on first, third sat "
            "keep yearly 1y in jan, jul on day 1, last archive after 3m }",
         "policy p-vms { daily at 22:30 }");
    const BkpPolicy *o = t.prog[0]->policies, *n = t.prog[1]->policies;
    char buf[200];
    assert_string_equal(bkp_field_words(o, BKP_FIELD_SCHEDULE, false, buf, sizeof buf),
                        "every 4 hours from 08:00 for 24 hours");
    assert_string_equal(bkp_field_words(n, BKP_FIELD_SCHEDULE, false, buf, sizeof buf), "daily at 22:30");
    assert_string_equal(bkp_field_words(o, BKP_FIELD_WEEKLY, false, buf, sizeof buf), "1 week");
    assert_string_equal(bkp_field_words(o, BKP_FIELD_WEEKLY, true, buf, sizeof buf), "1 week on Sunday");
    assert_string_equal(bkp_field_words(o, BKP_FIELD_MONTHLY_ON, false, buf, sizeof buf),
                        "on the first and third Saturday");
    assert_string_equal(bkp_field_words(o, BKP_FIELD_YEARLY, true, buf, sizeof buf),
                        "1 year in January and July on day 1 and last");
    assert_string_equal(bkp_field_words(o, BKP_FIELD_ARCHIVE, false, buf, sizeof buf), "after 3 months");
    assert_string_equal(bkp_field_words(n, BKP_FIELD_ARCHIVE, false, buf, sizeof buf), "never");
    assert_string_equal(bkp_field_words(n, BKP_FIELD_MONTHLY, false, buf, sizeof buf), "none");
    assert_string_equal(bkp_field_words(n, BKP_FIELD_SNAPSHOT_RG, false, buf, sizeof buf), "Azure's default");
    assert_true(t.d.changes[0].flags & BKP_SHORTENS);   /* weekly, monthly, yearly dropped */
    done(&t);
}

static void test_refused(void **state)
{
    (void)state;
    Two t;
    two(&t, "policy p-vms { enhanced daily at 01:00 }", "policy p-vms { standard daily at 01:00 keep snapshots 2d }");
    const BkpPolicyChange *c = &t.d.changes[0];
    assert_true(c->flags & BKP_REFUSED_TYPE);
    assert_true(c->flags & BKP_REFUSED_DOWNGRADE);
    assert_false(c->effect.computed);          /* Azure would not apply it */
    assert_true(bkp_diff_loses(&t.d));
    done(&t);
    two(&t, "policy p-vms { standard daily at 01:00 }", "policy p-vms { enhanced daily at 01:00 keep snapshots 2d }");
    assert_true(t.d.changes[0].flags & BKP_REFUSED_TYPE);
    assert_false(t.d.changes[0].flags & BKP_REFUSED_DOWNGRADE);
    done(&t);
}

/* Daily at 02:00, 180 days -> 30, at 2026-06-15 12:00: the points of
 * 2025-12-18 .. 2026-06-15 exist; those of 2025-12-18 .. 2026-05-16 (150)
 * go; the 30 left now expire 150 days earlier. */
static void test_effect_by_hand(void **state)
{
    (void)state;
    Two t;
    two(&t, "policy p-vms { daily at 02:00 keep daily 180d }", "policy p-vms { daily at 02:00 keep daily 30d }");
    const BkpEffect *e = &t.d.changes[0].effect;
    assert_true(e->computed);
    assert_int_equal(e->existing, 180);
    assert_int_equal(e->ndeleted, 150);
    assert_int_equal(e->deleted[BKP_WHY_DAILY].count, 150);
    assert_int_equal(e->deleted[BKP_WHY_DAILY].oldest, bkp_days_from_civil(2025, 12, 18) * 86400 + 2 * 3600);
    assert_int_equal(e->deleted[BKP_WHY_DAILY].newest, bkp_days_from_civil(2026, 5, 16) * 86400 + 2 * 3600);
    assert_int_equal(e->earlier, 30);
    assert_int_equal(e->most_earlier, 150 * 86400);
    assert_int_equal(e->later, 0);
    assert_int_equal(e->settled, at_noon() + 30 * 86400);
    assert_true(bkp_diff_loses(&t.d));
    done(&t);
}

/* Only the type of the points matters for a rule new adds: existing points
 * are not re-tagged, so adding `keep monthly` moves no expiry; it is full
 * 12 calendar months after the change. */
static void test_added_rule(void **state)
{
    (void)state;
    Two t;
    two(&t, "policy p-vms { daily at 02:00 keep daily 30d }",
         "policy p-vms { daily at 02:00 keep daily 30d keep monthly 12m on day 1 }");
    const BkpEffect *e = &t.d.changes[0].effect;
    assert_int_equal(e->ndeleted, 0);
    assert_int_equal(e->earlier + e->later, 0);
    assert_int_equal(e->settled, bkp_days_from_civil(2027, 6, 15) * 86400 + 12 * 3600);
    assert_false(t.d.changes[0].flags & BKP_SHORTENS);
    assert_false(bkp_diff_loses(&t.d));
    done(&t);
}

/* Vaults and protects: matched, moved VMs with their policy's effect,
 * no longer protected is a loss. */
static void test_deploy(void **state)
{
    (void)state;
    Two t;
    two(&t,
        "vault rsv-a resource-group rg-a\n"
        "policy short-vms { daily at 02:00 keep daily 30d }\n"
        "policy long-vms { daily at 02:00 keep daily 180d }\n"
        "protect vm vm-01 resource-group rg-vm with long-vms\n"
        "protect vm vm-02 resource-group rg-vm with long-vms\n"
        "protect vm vm-03 resource-group rg-vm with short-vms exclude disks 1\n",
        "vault rsv-b resource-group rg-a\n"
        "policy short-vms { daily at 02:00 keep daily 30d }\n"
        "policy long-vms { daily at 02:00 keep daily 180d }\n"
        "protect vm vm-01 resource-group rg-vm with short-vms\n"
        "protect vm vm-03 resource-group rg-vm with short-vms exclude disks 1, 2\n"
        "protect vm vm-04 resource-group rg-vm with short-vms\n");
    assert_int_equal(t.d.n, 0);
    assert_int_equal(t.d.nvaults, 1);                      /* the only vault of each side: changed */
    assert_int_equal(t.d.vaults[0].kind, BKP_CHANGE_CHANGED);
    assert_int_equal(t.d.vaults[0].fields, BKP_VAULT_NAME);
    assert_int_equal(t.d.nprotects, 4);
    const BkpProtectChange *c = &t.d.protects[0];          /* vm-01: 180 -> 30 days: 150 deleted */
    assert_string_equal(c->old->vm, "vm-01");
    assert_int_equal(c->kind, BKP_CHANGE_CHANGED);
    assert_int_equal(c->fields, BKP_PROTECT_POLICY);
    assert_true(c->effect.computed);
    assert_int_equal(c->effect.deleted[BKP_WHY_DAILY].count, 150);
    assert_int_equal(t.d.protects[1].kind, BKP_CHANGE_REMOVED);        /* vm-02 */
    assert_int_equal(t.d.protects[2].fields, BKP_PROTECT_DISKS);       /* vm-03 */
    assert_false(t.d.protects[2].effect.computed);
    assert_int_equal(t.d.protects[3].kind, BKP_CHANGE_ADDED);          /* vm-04 */
    assert_true(bkp_diff_differs(&t.d));
    assert_true(bkp_diff_loses(&t.d));
    done(&t);

    /* only a VM newly protected: different, no loss; policies alone: nothing */
    two(&t, "policy a-vms { daily at 02:00 }\nprotect vm vm-01 resource-group rg with a-vms\n",
         "policy a-vms { daily at 02:00 }\nprotect vm vm-01 resource-group rg with a-vms\n"
         "protect vm vm-02 resource-group rg with a-vms\n");
    assert_int_equal(t.d.nprotects, 1);
    assert_true(bkp_diff_differs(&t.d));
    assert_false(bkp_diff_loses(&t.d));
    done(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matching),
        cmocka_unit_test(test_deploy),       cmocka_unit_test(test_words),
        cmocka_unit_test(test_refused),        cmocka_unit_test(test_effect_by_hand),
        cmocka_unit_test(test_added_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
