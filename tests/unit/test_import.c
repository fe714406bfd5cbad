/* The import stage through its API: the values it reads, times as Azure
 * reads them, member names without regard to case, template expressions,
 * and a file with errors adding nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bkpc/import.h"

enum { NOW = 1767225600 };     /* 2026-01-01T00:00Z */

typedef struct Imp {
    BkpCtx ctx;
    BkpImport im;
    BkpSource *src[4];
    int n;
} Imp;

static int setup(void **state)
{
    Imp *t = calloc(1, sizeof *t);
    bkp_ctx_init(&t->ctx);
    bkp_import_init(&t->im, &t->ctx, NOW);
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    Imp *t = *state;
    bkp_import_free(&t->im);
    bkp_ctx_free(&t->ctx);
    for (int i = 0; i < t->n; i++)
        bkp_source_free(t->src[i]);
    free(t);
    return 0;
}

/* Reads `json` as the file `name`; bkp_import_read's result. */
static int read(Imp *t, const char *name, const char *json)
{
    BkpSource *s = bkp_source_from_string(name, json, strlen(json));
    t->src[t->n++] = s;
    return bkp_import_read(&t->im, s);
}

/* The nth policy read. */
static const BkpPolicy *nth(Imp *t, int n)
{
    const BkpPolicy *p = t->im.prog.policies;
    while (p && n--)
        p = p->next;
    assert_non_null(p);
    return p;
}

/* The diagnostic whose message holds `text`, or NULL. */
static const BkpDiag *said(Imp *t, BkpSeverity sev, const char *text)
{
    for (const BkpDiag *g = t->ctx.diags.head; g; g = g->next)
        if (g->sev == sev && strstr(g->msg, text))
            return g;
    return NULL;
}

#define V1_DAILY(time, extra)                                                                        \
    "{\"properties\": {\"backupManagementType\": \"AzureIaasVM\", " extra                          \
    "\"schedulePolicy\": {\"schedulePolicyType\": \"SimpleSchedulePolicy\", "                        \
    "\"scheduleRunFrequency\": \"Daily\", \"scheduleRunTimes\": [\"" time "\"]}, "                   \
    "\"retentionPolicy\": {\"dailySchedule\": {\"retentionDuration\": {\"count\": 30, "             \
    "\"durationType\": \"Days\"}}}}}"

static void test_values_and_defaults(void **state)
{
    Imp *t = *state;
    assert_int_equal(read(t, "dir/web-vms.json", V1_DAILY("2018-01-24T22:30:00Z", "")), 1);
    const BkpPolicy *p = nth(t, 0);
    assert_string_equal(p->name, "web-vms");          /* the file's name */
    assert_false(p->enhanced);                         /* no policyType: V1 (A1) */
    assert_string_equal(p->timezone, "UTC");
    assert_int_equal(p->freq, BKP_FREQ_DAILY);
    assert_int_equal(p->time, 22 * 60 + 30);
    assert_int_equal(p->snapshot_days, 2);             /* standard daily's default */
    assert_true(p->daily.on);
    assert_int_equal(p->daily.days, 30);
    assert_false(p->weekly.on);
    assert_int_equal(p->archive, BKP_ARCHIVE_NEVER);
    assert_null(t->im.prog.vault);
    assert_int_equal(t->ctx.diags.count, 0);
}

static void test_times_as_azure_reads_them(void **state)
{
    Imp *t = *state;
    static const struct {
        const char *in;
        int minute;                /* -1: refused */
        bool warned;
    } cases[] = {
        {"2024-01-01T08:00:00Z", 8 * 60, false},
        {"2024-01-01T08:00:00.0000000Z", 8 * 60, false},
        {"2024-01-01 08:30", 8 * 60 + 30, false},           /* no zone: the clock as written */
        {"2024-01-01T08:00:00+00:00", 8 * 60, false},
        {"2024-01-01T08:00:00-03:30", 11 * 60 + 30, true},  /* the UTC clock, with a warning */
        {"2024-01-01T02:00:00+0530", 20 * 60 + 30, true},   /* the day before, in UTC */
        {"/Date(1704148200000)/", 22 * 60 + 30, false},     /* Windows PowerShell */
        {"/Date(1704148200000+0100)/", 22 * 60 + 30, false},
        {"2099-01-01T04:00:00Z", 4 * 60, true},             /* in the future */
        {"2024-01-01T08:00:30Z", -1, false},                /* seconds */
        {"2024-01-01T08:00:00.5Z", -1, false},
        {"2024-02-30T08:00:00Z", -1, false},
        {"08:00", -1, false},
        {"/Date(17041482000001)/", -1, false},              /* 1 ms past the minute */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char json[600], name[32];
        snprintf(name, sizeof name, "time-%02zu.json", i);
        snprintf(json, sizeof json,
                 "{\"properties\": {\"backupManagementType\": \"AzureIaasVM\", \"schedulePolicy\": "
                 "{\"schedulePolicyType\": \"SimpleSchedulePolicy\", \"scheduleRunFrequency\": \"Daily\", "
                 "\"scheduleRunTimes\": [\"%s\"]}, \"retentionPolicy\": {\"dailySchedule\": "
                 "{\"retentionDuration\": {\"count\": 30, \"durationType\": \"Days\"}}}}}",
                 cases[i].in);
        unsigned warnings = t->ctx.diags.warnings, errors = t->ctx.diags.errors;
        int n = read(t, name, json);
        if (cases[i].minute < 0) {
            assert_int_equal(n, -1);
            assert_int_equal(t->ctx.diags.errors, errors + 1);
        } else {
            assert_int_equal(n, 1);
            const BkpPolicy *p = t->im.prog.policies;
            while (p->next)
                p = p->next;
            assert_int_equal(p->time, cases[i].minute);
            assert_int_equal(t->ctx.diags.warnings, warnings + cases[i].warned);
        }
        if (t->n == 4) {           /* keep the sources few: start again */
            teardown(state);
            setup(state);
            t = *state;
        }
    }
}

static void test_member_names_without_case(void **state)
{
    Imp *t = *state;
    assert_int_equal(read(t, "a.json",
                          "{\"PROPERTIES\": {\"BackupManagementType\": \"azureiaasvm\", \"PolicyType\": \"v2\", "
                          "\"TimeZone\": \"UTC\", \"SCHEDULEPOLICY\": {\"schedulePolicyType\": "
                          "\"simpleschedulepolicyv2\", \"scheduleRunFrequency\": \"HOURLY\", \"HourlySchedule\": "
                          "{\"Interval\": 6, \"ScheduleWindowStartTime\": \"2024-01-01T06:00:00Z\", "
                          "\"ScheduleWindowDuration\": 18}}, \"RetentionPolicy\": {\"DailySchedule\": "
                          "{\"RetentionDuration\": {\"Count\": 20, \"DurationType\": \"days\"}}}}}"),
                     1);
    const BkpPolicy *p = nth(t, 0);
    assert_true(p->enhanced);
    assert_int_equal(p->freq, BKP_FREQ_HOURLY);
    assert_int_equal(p->interval_hours, 6);
    assert_int_equal(p->window_hours, 18);
    assert_int_equal(p->time, 6 * 60);
    assert_int_equal(read(t, "b.json",
                          "{\"properties\": {\"timeZone\": \"UTC\", \"TIMEZONE\": \"UTC\", "
                          "\"backupManagementType\": \"AzureIaasVM\"}}"),
                     -1);
    assert_true(said(t, BKP_SEV_ERROR, "`timeZone` and `TIMEZONE` are the same member"));
}

static void test_paths_and_positions(void **state)
{
    Imp *t = *state;
    const char *json = "{\"properties\": {\"backupManagementType\": \"AzureIaasVM\",\n"
                       "  \"odd key\": 1}}";
    assert_int_equal(read(t, "p.json", json), -1);
    const BkpDiag *g = said(t, BKP_SEV_ERROR, "$.properties[\"odd key\"]: unknown member `odd key`");
    assert_non_null(g);
    assert_string_equal(g->rule, "import");
    assert_non_null(said(t, BKP_SEV_ERROR, "$.properties.schedulePolicy: missing: a policy has a schedule"));
    assert_int_equal(g->primary.span.off, strchr(json, '1') - json);   /* at the value */
    assert_int_equal(g->primary.span.end, g->primary.span.off + 1);
}

static void test_template_expressions(void **state)
{
    Imp *t = *state;
    const char *tpl =
        "{\"$schema\": \"x\", \"parameters\": {\"v\": {\"defaultValue\": \"rsv\"}},"
        " \"variables\": {\"vault\": \"[concat(parameters('v'), '-prod')]\", \"name\": \"[[literal\"},"
        " \"resources\": [{\"type\": \"Microsoft.RecoveryServices/vaults/backupPolicies\","
        "   \"name\": \"[format('{0}/{1}', variables('vault'), 'it''s')]\","
        "   \"properties\": {\"backupManagementType\": \"AzureIaasVM\", \"timeZone\": \"[variables('name')]\","
        "   \"schedulePolicy\": {\"schedulePolicyType\": \"SimpleSchedulePolicy\", \"scheduleRunFrequency\": "
        "   \"Daily\", \"scheduleRunTimes\": [\"2024-01-01T01:00:00Z\"]}, \"retentionPolicy\": {\"dailySchedule\": "
        "   {\"retentionDuration\": {\"count\": 9, \"durationType\": \"Days\"}}}}},"
        "  {\"type\": \"Microsoft.Compute/virtualMachines\", \"name\": \"[uniqueString(resourceGroup().id)]\"}]}";
    assert_int_equal(read(t, "t.json", tpl), 1);
    const BkpPolicy *p = nth(t, 0);
    assert_string_equal(p->name, "it's");
    assert_string_equal(p->timezone, "[literal");
    assert_int_equal(t->ctx.diags.count, 0);         /* the VM's expression is not ours */
}

static void test_errors_add_nothing(void **state)
{
    Imp *t = *state;
    assert_int_equal(read(t, "one.json", V1_DAILY("2024-01-01T01:00:00Z", "")), 1);
    const char *two = "[{\"name\": \"good-one\", \"id\": \"/Subscriptions/s/resourceGroups/rg/providers/"
                      "Microsoft.RecoveryServices/vaults/v/backupPolicies/good-one\", \"properties\": "
                      "{\"backupManagementType\": \"AzureIaasVM\", \"schedulePolicy\": {\"schedulePolicyType\": "
                      "\"SimpleSchedulePolicy\", \"scheduleRunFrequency\": \"Daily\", \"scheduleRunTimes\": "
                      "[\"2024-01-01T01:00:00Z\"]}, \"retentionPolicy\": {\"dailySchedule\": "
                      "{\"retentionDuration\": {\"count\": 9, \"durationType\": \"Days\"}}}}},"
                      " {\"name\": \"bad\", \"properties\": {\"backupManagementType\": \"AzureStorage\"}}]";
    assert_int_equal(read(t, "two.json", two), -1);
    assert_int_equal(t->im.prog.npolicies, 1);
    assert_null(t->im.prog.policies->next);
    assert_null(t->im.prog.vault);                     /* the good one's vault went with it */
    assert_true(said(t, BKP_SEV_ERROR, "a policy of `AzureStorage` is not an Azure VM policy"));
}

static void test_vault_and_check(void **state)
{
    Imp *t = *state;
    const char *get = "{\"id\": \"/Subscriptions/sub-1/resourceGroups/rg-b/providers/"
                      "Microsoft.RecoveryServices/vaults/rsv-a/backupPolicies/nightly\", \"properties\": "
                      "{\"backupManagementType\": \"AzureIaasVM\", \"schedulePolicy\": {\"schedulePolicyType\": "
                      "\"SimpleSchedulePolicy\", \"scheduleRunFrequency\": \"Daily\", \"scheduleRunTimes\": "
                      "[\"2024-01-01T01:00:00Z\"]}, \"retentionPolicy\": {\"dailySchedule\": "
                      "{\"retentionDuration\": {\"count\": 3, \"durationType\": \"Days\"}}}}}";
    assert_int_equal(read(t, "get.json", get), 1);
    assert_string_equal(nth(t, 0)->name, "nightly");  /* from the id */
    const BkpVault *v = t->im.prog.vault;
    assert_non_null(v);
    assert_string_equal(v->name, "rsv-a");
    assert_string_equal(v->resource_group, "rg-b");
    assert_string_equal(v->subscription, "sub-1");
    BkpSource *text;
    BkpProgram *prog = bkp_import_check(&t->im, "out.bkp", &text);
    assert_null(prog);                                 /* 3 days: D5 */
    assert_non_null(text);
    assert_non_null(strstr(text->text, "vault rsv-a resource-group rg-b subscription sub-1\n"));
    const BkpDiag *g = t->ctx.diags.head;
    assert_string_equal(g->rule, "D5");
    assert_ptr_equal(g->src, text);                    /* pointing into the new text */
    bkp_source_free(text);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_values_and_defaults), TEST(test_times_as_azure_reads_them), TEST(test_member_names_without_case),
        TEST(test_paths_and_positions), TEST(test_template_expressions),      TEST(test_errors_add_nothing),
        TEST(test_vault_and_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
