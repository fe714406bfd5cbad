/* emit_json.c — the REST backend: checked policy -> the PUT body of
 * Microsoft.RecoveryServices/vaults/backupPolicies (reference/REST.md).
 *
 * Keys come in one fixed, documented order (docs/language.md), so a change to
 * a policy shows up as a small diff of its body. Every time in the body comes
 * from the schedule expansion (sched.h): retention times equal the backup
 * time (D9) by construction.
 */
#include <stdio.h>

#include "bkpc/emit.h"
#include "bkpc/sched.h"

/* Azure reads only the time of day, in the policy's time zone, from these
 * date-times (REST.md §8); the date is a fixed placeholder. */
static json_t *datetime(int minute)
{
    char buf[32];
    minute %= 1440;
    snprintf(buf, sizeof buf, "2024-01-01T%02d:%02d:00Z", minute / 60, minute % 60);
    return json_string(buf);
}

static json_t *times(int minute)
{
    json_t *a = json_array();
    json_array_append_new(a, datetime(minute));
    return a;
}

static json_t *days(BkpDaySet set)
{
    json_t *a = json_array();
    for (int d = 0; d < 7; d++)
        if (set >> d & 1)
            json_array_append_new(a, json_string(bkp_weekday_name(d)));
    return a;
}

static json_t *duration(int count, const char *type)
{
    return json_pack("{s:i, s:s}", "count", count, "durationType", type);
}

static json_t *schedule(const BkpPolicy *p)
{
    int at = bkp_sched_anchor(p);
    json_t *s = json_object();
    if (!p->enhanced) {
        json_object_set_new(s, "schedulePolicyType", json_string("SimpleSchedulePolicy"));
        json_object_set_new(s, "scheduleRunFrequency", json_string(bkp_freq_name(p->freq)));
        if (p->freq == BKP_FREQ_WEEKLY)
            json_object_set_new(s, "scheduleRunDays", days(p->run_days));
        json_object_set_new(s, "scheduleRunTimes", times(at));
        return s;
    }
    json_object_set_new(s, "schedulePolicyType", json_string("SimpleSchedulePolicyV2"));
    json_object_set_new(s, "scheduleRunFrequency", json_string(bkp_freq_name(p->freq)));
    switch (p->freq) {
    case BKP_FREQ_HOURLY:
        json_object_set_new(s, "hourlySchedule",
                            json_pack("{s:i, s:o, s:i}", "interval", p->interval_hours,
                                      "scheduleWindowStartTime", datetime(at),
                                      "scheduleWindowDuration", p->window_hours));
        break;
    case BKP_FREQ_DAILY:
        json_object_set_new(s, "dailySchedule", json_pack("{s:o}", "scheduleRunTimes", times(at)));
        break;
    case BKP_FREQ_WEEKLY:
        json_object_set_new(s, "weeklySchedule", json_pack("{s:o, s:o}", "scheduleRunDays",
                                                           days(p->run_days), "scheduleRunTimes",
                                                           times(at)));
        break;
    }
    return s;
}

/* The `on ...` of monthly and yearly retention, into `o`. */
static void long_term_format(json_t *o, const BkpLongTerm *lt)
{
    if (lt->format == BKP_FORMAT_WEEKLY) {
        json_t *weeks = json_array();
        for (int w = 0; w < 5; w++)
            if (lt->weeks >> w & 1)
                json_array_append_new(weeks, json_string(bkp_week_name(w)));
        json_object_set_new(o, "retentionScheduleFormatType", json_string("Weekly"));
        json_object_set_new(o, "retentionScheduleWeekly",
                            json_pack("{s:o, s:o}", "daysOfTheWeek", days(lt->days),
                                      "weeksOfTheMonth", weeks));
        return;
    }
    json_t *dom = json_array();
    for (int d = 1; d <= 28; d++)
        if (lt->dates >> d & 1)
            json_array_append_new(dom, json_pack("{s:i, s:b}", "date", d, "isLast", 0));
    if (lt->last_day)
        json_array_append_new(dom, json_pack("{s:i, s:b}", "date", 0, "isLast", 1));
    json_object_set_new(o, "retentionScheduleFormatType", json_string("Daily"));
    json_object_set_new(o, "retentionScheduleDaily", json_pack("{s:o}", "daysOfTheMonth", dom));
}

static json_t *retention(const BkpPolicy *p)
{
    int at = bkp_sched_anchor(p);
    json_t *r = json_object();
    json_object_set_new(r, "retentionPolicyType", json_string("LongTermRetentionPolicy"));
    if (p->daily.on)
        json_object_set_new(r, "dailySchedule",
                            json_pack("{s:o, s:o}", "retentionTimes", times(at),
                                      "retentionDuration", duration(p->daily.days, "Days")));
    if (p->weekly.on)
        json_object_set_new(r, "weeklySchedule",
                            json_pack("{s:o, s:o, s:o}", "daysOfTheWeek", days(p->weekly.days),
                                      "retentionTimes", times(at),
                                      "retentionDuration", duration(p->weekly.weeks, "Weeks")));
    if (p->monthly.on) {
        json_t *m = json_object();
        long_term_format(m, &p->monthly);
        json_object_set_new(m, "retentionTimes", times(at));
        json_object_set_new(m, "retentionDuration", duration(p->monthly.count, "Months"));
        json_object_set_new(r, "monthlySchedule", m);
    }
    if (p->yearly.on) {
        json_t *y = json_object();
        json_t *months = json_array();
        for (int m = 0; m < 12; m++)
            if (p->yearly.months >> m & 1)
                json_array_append_new(months, json_string(bkp_month_name(m)));
        json_object_set_new(y, "monthsOfYear", months);
        long_term_format(y, &p->yearly);
        json_object_set_new(y, "retentionTimes", times(at));
        json_object_set_new(y, "retentionDuration", duration(p->yearly.count, "Years"));
        json_object_set_new(r, "yearlySchedule", y);
    }
    return r;
}

static json_t *tiering(const BkpPolicy *p)
{
    json_t *t;
    switch (p->archive) {
    case BKP_ARCHIVE_RECOMMENDED:
        t = json_pack("{s:s}", "tieringMode", "TierRecommended");
        break;
    case BKP_ARCHIVE_AFTER:
        t = json_pack("{s:s, s:i, s:s}", "tieringMode", "TierAfter", "duration", p->archive_months,
                      "durationType", "Months");
        break;
    default:
        /* No `archive` clause means no tiering, stated explicitly: left out,
         * Azure would keep whatever tiering the policy had before (REST.md §7). */
        t = json_pack("{s:s, s:i, s:s}", "tieringMode", "DoNotTier", "duration", 0,
                      "durationType", "Invalid");
        break;
    }
    return json_pack("{s:o}", "ArchivedRP", t);
}

json_t *bkp_rest_body(const BkpPolicy *p)
{
    json_t *props = json_object();
    json_object_set_new(props, "backupManagementType", json_string("AzureIaasVM"));
    json_object_set_new(props, "policyType", json_string(p->enhanced ? "V2" : "V1"));
    json_object_set_new(props, "timeZone", json_string(p->timezone));
    json_object_set_new(props, "schedulePolicy", schedule(p));
    json_object_set_new(props, "retentionPolicy", retention(p));
    json_object_set_new(props, "instantRpRetentionRangeInDays", json_integer(p->snapshot_days));
    if (p->snapshot_rg_prefix) {
        json_t *rg = json_object();
        json_object_set_new(rg, "azureBackupRGNamePrefix", json_string(p->snapshot_rg_prefix));
        if (p->snapshot_rg_suffix)
            json_object_set_new(rg, "azureBackupRGNameSuffix", json_string(p->snapshot_rg_suffix));
        json_object_set_new(props, "instantRPDetails", rg);
    }
    if (p->crash_consistent)
        json_object_set_new(props, "snapshotConsistencyType", json_string("OnlyCrashConsistent"));
    json_object_set_new(props, "tieringPolicy", tiering(p));
    return json_pack("{s:o}", "properties", props);
}

int bkp_emit_json(const BkpPolicy *p, FILE *out)
{
    json_t *body = bkp_rest_body(p);
    int rc = json_dumpf(body, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    json_decref(body);
    if (rc == 0 && fputc('\n', out) == EOF)
        rc = -1;
    return rc == 0 && !ferror(out) ? 0 : -1;
}
