/* Unit tests of durations (units.h), misspellings and policy names; the
 * lexicon's words are tested in test_lexicon.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "bkpc/check.h"
#include "bkpc/lexicon.h"
#include "bkpc/misspell.h"

static void test_exact_conversions(void **state)
{
    (void)state;
    int64_t v;
    assert_true(bkp_unit_convert(2, BKP_WEEKS, BKP_DAYS, &v));
    assert_int_equal(v, 14);
    assert_true(bkp_unit_convert(2, BKP_YEARS, BKP_MONTHS, &v));
    assert_int_equal(v, 24);
    assert_true(bkp_unit_convert(48, BKP_HOURS, BKP_DAYS, &v));
    assert_int_equal(v, 2);
    assert_true(bkp_unit_convert(1, BKP_DAYS, BKP_HOURS, &v));
    assert_int_equal(v, 24);
    assert_true(bkp_unit_convert(14, BKP_DAYS, BKP_WEEKS, &v));
    assert_int_equal(v, 2);
    assert_true(bkp_unit_convert(36, BKP_MONTHS, BKP_YEARS, &v));
    assert_int_equal(v, 3);
    assert_true(bkp_unit_convert(7, BKP_DAYS, BKP_DAYS, &v));
    assert_int_equal(v, 7);
}

static void test_inexact_conversions(void **state)
{
    (void)state;
    int64_t v = -5;
    assert_false(bkp_unit_convert(1, BKP_YEARS, BKP_DAYS, &v));   /* keep daily 1y */
    assert_false(bkp_unit_convert(6, BKP_WEEKS, BKP_MONTHS, &v)); /* keep monthly 6w */
    assert_false(bkp_unit_convert(10, BKP_DAYS, BKP_WEEKS, &v));
    assert_false(bkp_unit_convert(18, BKP_MONTHS, BKP_YEARS, &v));
    assert_false(bkp_unit_convert(90, BKP_DAYS, BKP_MONTHS, &v));
    assert_false(bkp_unit_convert(25, BKP_HOURS, BKP_DAYS, &v));
    assert_false(bkp_unit_convert(INT64_MAX, BKP_WEEKS, BKP_HOURS, &v)); /* overflow */
    assert_int_equal(v, -5);
}

static void test_nearest(void **state)
{
    (void)state;
    assert_int_equal(bkp_unit_nearest(1, BKP_YEARS, BKP_DAYS), 365);
    assert_int_equal(bkp_unit_nearest(6, BKP_WEEKS, BKP_MONTHS), 1);
    assert_int_equal(bkp_unit_nearest(90, BKP_DAYS, BKP_MONTHS), 3);
    assert_int_equal(bkp_unit_nearest(18, BKP_MONTHS, BKP_YEARS), 2);
    assert_int_equal(bkp_unit_nearest(1, BKP_DAYS, BKP_YEARS), 1);     /* never 0 */
}

static void test_exact_below(void **state)
{
    (void)state;
    BkpUnit to = BKP_UNIT_NONE;
    int64_t v = -5;
    assert_true(bkp_unit_exact_below("1.5", 3, BKP_DAYS, &to, &v));
    assert_int_equal(to, BKP_HOURS);
    assert_int_equal(v, 36);
    assert_true(bkp_unit_exact_below("1.5", 3, BKP_WEEKS, &to, &v));    /* 10.5d: hours */
    assert_int_equal(to, BKP_HOURS);
    assert_int_equal(v, 252);
    assert_true(bkp_unit_exact_below("0.5", 3, BKP_WEEKS, &to, &v));      /* 3.5d: 84h */
    assert_int_equal(v, 84);
    assert_true(bkp_unit_exact_below("1.25", 4, BKP_YEARS, &to, &v));
    assert_int_equal(to, BKP_MONTHS);
    assert_int_equal(v, 15);
    assert_true(bkp_unit_exact_below("2.50", 4, BKP_DAYS, &to, &v));
    assert_int_equal(v, 60);
    v = -5;
    assert_false(bkp_unit_exact_below("2.5", 3, BKP_HOURS, &to, &v));   /* nothing smaller */
    assert_false(bkp_unit_exact_below("1.5", 3, BKP_MONTHS, &to, &v));  /* days are not exact */
    assert_false(bkp_unit_exact_below("1.3", 3, BKP_DAYS, &to, &v));
    assert_false(bkp_unit_exact_below("1.5", 3, BKP_UNIT_NONE, &to, &v));
    assert_false(bkp_unit_exact_below("99999999999999999999.5", 22, BKP_DAYS, &to, &v));
    assert_int_equal(v, -5);
}

static void test_misspell_limit(void **state)
{
    (void)state;
    assert_int_equal(bkp_misspell_limit(0, 4), 1);
    assert_int_equal(bkp_misspell_limit(4, 4), 1);
    assert_int_equal(bkp_misspell_limit(6, 4), 2);
    assert_int_equal(bkp_misspell_limit(30, 4), 4);
    assert_int_equal(bkp_misspell_limit(15, 6), 5);
    assert_int_equal(bkp_misspell_limit(30, 6), 6);
    /* bkp_closest goes by it: "sundy" is 1 edit from "sunday", "wednsdy" 2. */
    static const char *const days[] = {"sunday", "wednesday"};
    assert_string_equal(bkp_closest("sundy", days, 2), "sunday");
    assert_string_equal(bkp_closest("wednsdy", days, 2), "wednesday");
    assert_null(bkp_closest("wed", days, 2));
}

static void test_policy_names(void **state)
{
    (void)state;
    assert_true(bkp_policy_name_ok("prod-vms"));
    assert_true(bkp_policy_name_ok("a_b!"));
    assert_false(bkp_policy_name_ok("ab"));           /* too short */
    assert_false(bkp_policy_name_ok("9lives"));       /* starts with a digit */
    assert_false(bkp_policy_name_ok("web.01"));
    char long_name[152];
    for (int i = 0; i < 151; i++)
        long_name[i] = 'a';
    long_name[151] = '\0';
    assert_false(bkp_policy_name_ok(long_name));      /* 151 characters */
    long_name[150] = '\0';
    assert_true(bkp_policy_name_ok(long_name));       /* 150 characters */
}

/* The rule as RULES.md words it (A6), a character at a time. */
static bool name_ok_by_definition(const char *s)
{
    size_t n = strlen(s);
    if (n < 3 || n > 150 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return false;
    for (size_t i = 1; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
              s[i] == '-' || s[i] == '_' || s[i] == '!'))
            return false;
    return true;
}

/* bkp_policy_name_ok (8 bytes at a time) against the definition: every
 * byte at every place of names of many lengths, around 8-byte edges. */
static void test_policy_names_every_byte(void **state)
{
    (void)state;
    static const size_t lengths[] = {1, 2, 3, 4, 7, 8, 9, 10, 15, 16, 17, 18, 24, 25, 149, 150, 151};
    char name[160];
    int probes = 0;
    for (size_t l = 0; l < sizeof lengths / sizeof lengths[0]; l++) {
        size_t n = lengths[l];
        for (size_t at = 0; at < n; at += n > 30 && at > 4 && at + 4 < n ? n / 7 : 1)
            for (int b = 1; b < 256; b++) {
                for (size_t i = 0; i < n; i++)
                    name[i] = "Prod-vm_01!z"[i % 12];
                name[n] = '\0';
                name[at] = (char)b;
                if (bkp_policy_name_ok(name) != name_ok_by_definition(name))
                    fail_msg("length %zu, byte 0x%02X at %zu: %d", n, b, at, !name_ok_by_definition(name));
                probes++;
            }
    }
    assert_true(probes > 40000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_conversions),
        cmocka_unit_test(test_inexact_conversions),
        cmocka_unit_test(test_nearest),
        cmocka_unit_test(test_exact_below),
        cmocka_unit_test(test_misspell_limit),
        cmocka_unit_test(test_policy_names),
        cmocka_unit_test(test_policy_names_every_byte),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
