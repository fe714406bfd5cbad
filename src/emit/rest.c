/* emit_json.c — the REST backend: checked policy -> the PUT body of
 * Microsoft.RecoveryServices/vaults/backupPolicies (reference/REST.md).
 *
 * Keys come in one fixed, documented order (docs/language.md), so a change to
 * a policy shows up as a small diff of its body. Every time in the body comes
 * from the schedule expansion (sched.h): retention times equal the backup
 * time (D9) by construction.
 *
 * The body is written as text by a streaming writer (jsonw.c); the jansson
 * tree that other code wants (bkp_rest_body) is read back from that text.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "bkpc/emit.h"
#include "bkpc/sched.h"
#include "bkpc/jsonw.h"

/* Azure reads only the time of day, in the policy's time zone, from these
 * date-times (REST.md §8); the date is a fixed placeholder. */
static void datetime(JsonW *w, int minute)
{
    char buf[] = "2024-01-01THH:MM:00Z";
    minute %= 1440;
    buf[11] = (char)('0' + minute / 600);
    buf[12] = (char)('0' + minute / 60 % 10);
    buf[14] = (char)('0' + minute % 60 / 10);
    buf[15] = (char)('0' + minute % 10);
    jw_str(w, buf);
}

static void times(JsonW *w, const char *key, int minute)
{
    jw_key(w, key);
    jw_arr(w);
    datetime(w, minute);
    jw_end_arr(w);
}

static const char *azure_name(int v, const void *kind)
{
    return bkp_word_name(*(const BkpWordKind *)kind, v, BKP_SPELL_AZURE);
}

/* `key`: the members of `set` as an array of Azure's names. */
static void names(JsonW *w, const char *key, BkpWordKind kind, unsigned set)
{
    jw_key(w, key);
    jw_names(w, set, bkp_word_count(kind), azure_name, &kind);
}

static void days(JsonW *w, const char *key, BkpDaySet set)
{
    names(w, key, BKP_WORD_WEEKDAY, set);
}

static void duration(JsonW *w, int count, BkpUnit unit)
{
    jw_key(w, "retentionDuration");
    jw_obj(w);
    jw_key(w, "count");
    jw_int(w, count);
    jw_key(w, "durationType");
    jw_str(w, bkp_word_name(BKP_WORD_UNIT, unit, BKP_SPELL_AZURE));
    jw_end_obj(w);
}

static void str_member(JsonW *w, const char *key, const char *value)
{
    jw_key(w, key);
    jw_str(w, value);
}

static void schedule(JsonW *w, const BkpPolicy *p)
{
    int at = bkp_sched_anchor(p);
    jw_key(w, "schedulePolicy");
    jw_obj(w);
    str_member(w, "schedulePolicyType", p->enhanced ? "SimpleSchedulePolicyV2" : "SimpleSchedulePolicy");
    str_member(w, "scheduleRunFrequency", bkp_azure_freq(p->freq));
    if (!p->enhanced) {
        if (p->freq == BKP_FREQ_WEEKLY)
            days(w, "scheduleRunDays", p->run_days);
        times(w, "scheduleRunTimes", at);
    } else if (p->freq == BKP_FREQ_HOURLY) {
        jw_key(w, "hourlySchedule");
        jw_obj(w);
        jw_key(w, "interval");
        jw_int(w, p->interval_hours);
        jw_key(w, "scheduleWindowStartTime");
        datetime(w, at);
        jw_key(w, "scheduleWindowDuration");
        jw_int(w, p->window_hours);
        jw_end_obj(w);
    } else if (p->freq == BKP_FREQ_DAILY) {
        jw_key(w, "dailySchedule");
        jw_obj(w);
        times(w, "scheduleRunTimes", at);
        jw_end_obj(w);
    } else {
        jw_key(w, "weeklySchedule");
        jw_obj(w);
        days(w, "scheduleRunDays", p->run_days);
        times(w, "scheduleRunTimes", at);
        jw_end_obj(w);
    }
    jw_end_obj(w);
}

/* The `on ...` of monthly and yearly retention. */
static void long_term_format(JsonW *w, const BkpLongTerm *lt)
{
    if (lt->format == BKP_FORMAT_WEEKLY) {
        str_member(w, "retentionScheduleFormatType", "Weekly");
        jw_key(w, "retentionScheduleWeekly");
        jw_obj(w);
        days(w, "daysOfTheWeek", lt->days);
        names(w, "weeksOfTheMonth", BKP_WORD_WEEK, lt->weeks);
        jw_end_obj(w);
        return;
    }
    str_member(w, "retentionScheduleFormatType", "Daily");
    jw_key(w, "retentionScheduleDaily");
    jw_obj(w);
    jw_key(w, "daysOfTheMonth");
    jw_arr(w);
    for (int d = 1; d <= 29; d++) {
        bool last = d == 29;
        if (last ? !lt->last_day : !(lt->dates >> d & 1))
            continue;
        jw_obj(w);
        jw_key(w, "date");
        jw_int(w, last ? 0 : d);
        jw_key(w, "isLast");
        jw_bool(w, last);
        jw_end_obj(w);
    }
    jw_end_arr(w);
    jw_end_obj(w);
}

static void retention(JsonW *w, const BkpPolicy *p)
{
    int at = bkp_sched_anchor(p);
    jw_key(w, "retentionPolicy");
    jw_obj(w);
    str_member(w, "retentionPolicyType", "LongTermRetentionPolicy");
    if (p->daily.on) {
        jw_key(w, "dailySchedule");
        jw_obj(w);
        times(w, "retentionTimes", at);
        duration(w, p->daily.days, BKP_DAYS);
        jw_end_obj(w);
    }
    if (p->weekly.on) {
        jw_key(w, "weeklySchedule");
        jw_obj(w);
        days(w, "daysOfTheWeek", p->weekly.days);
        times(w, "retentionTimes", at);
        duration(w, p->weekly.weeks, BKP_WEEKS);
        jw_end_obj(w);
    }
    if (p->monthly.on) {
        jw_key(w, "monthlySchedule");
        jw_obj(w);
        long_term_format(w, &p->monthly);
        times(w, "retentionTimes", at);
        duration(w, p->monthly.count, BKP_MONTHS);
        jw_end_obj(w);
    }
    if (p->yearly.on) {
        jw_key(w, "yearlySchedule");
        jw_obj(w);
        names(w, "monthsOfYear", BKP_WORD_MONTH, p->yearly.months);
        long_term_format(w, &p->yearly);
        times(w, "retentionTimes", at);
        duration(w, p->yearly.count, BKP_YEARS);
        jw_end_obj(w);
    }
    jw_end_obj(w);
}

static void tiering(JsonW *w, const BkpPolicy *p)
{
    jw_key(w, "tieringPolicy");
    jw_obj(w);
    jw_key(w, "ArchivedRP");
    jw_obj(w);
    str_member(w, "tieringMode", bkp_azure_tiering(p->archive));
    switch (p->archive) {
    case BKP_ARCHIVE_RECOMMENDED:
        break;
    case BKP_ARCHIVE_AFTER:
        jw_key(w, "duration");
        jw_int(w, p->archive_months);
        str_member(w, "durationType", bkp_word_name(BKP_WORD_UNIT, BKP_MONTHS, BKP_SPELL_AZURE));
        break;
    case BKP_ARCHIVE_NEVER:
        /* No `archive` clause means no tiering, stated explicitly: left out,
         * Azure would keep whatever tiering the policy had before (REST.md §7). */
        jw_key(w, "duration");
        jw_int(w, 0);
        str_member(w, "durationType", "Invalid");
        break;
    }
    jw_end_obj(w);
    jw_end_obj(w);
}

static void body(JsonW *w, const BkpPolicy *p)
{
    jw_obj(w);
    jw_key(w, "properties");
    jw_obj(w);
    str_member(w, "backupManagementType", "AzureIaasVM");
    str_member(w, "policyType", bkp_azure_policy_type(p->enhanced));
    str_member(w, "timeZone", p->timezone);
    schedule(w, p);
    retention(w, p);
    jw_key(w, "instantRpRetentionRangeInDays");
    jw_int(w, p->snapshot_days);
    if (p->snapshot_rg_prefix) {
        jw_key(w, "instantRPDetails");
        jw_obj(w);
        str_member(w, "azureBackupRGNamePrefix", p->snapshot_rg_prefix);
        if (p->snapshot_rg_suffix)
            str_member(w, "azureBackupRGNameSuffix", p->snapshot_rg_suffix);
        jw_end_obj(w);
    }
    if (p->crash_consistent)
        str_member(w, "snapshotConsistencyType", bkp_azure_consistency(true));
    tiering(w, p);
    jw_end_obj(w);
    jw_end_obj(w);
    jw_raw(w, "\n", 1);
}

json_t *bkp_rest_body(const BkpPolicy *p)
{
    JsonW w;
    jw_init(&w);
    body(&w, p);
    json_t *j = w.failed ? NULL : json_loadb(w.data, w.len, 0, NULL);
    jw_free(&w);
    return j;
}

int bkp_emit_json(const BkpPolicy *p, FILE *out)
{
    JsonW w;
    jw_init(&w);
    body(&w, p);
    int rc = w.failed || fwrite(w.data, 1, w.len, out) != w.len || ferror(out) ? -1 : 0;
    if (w.failed)
        errno = ENOMEM;
    jw_free(&w);
    return rc;
}
