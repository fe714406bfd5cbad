/* equal.c — policies, vaults, protects and programs as values: equality and
 * the fields in which two policies differ (see include/bkpc/policy.h).
 *
 * Each field compares only what Azure receives for it; the origin, and the
 * values a field does not use (the run days of a daily schedule, the dates
 * of a rule by week), never count.
 */
#include <stdlib.h>
#include <string.h>

#include "bkpc/policy.h"

/* The meaningful bits of each set (a hand-built policy may carry others). */
enum {
    DAYS_ALL = 0x7F,            /* Sunday .. Saturday */
    WEEKS_ALL = 0x1F,           /* first .. fourth, last */
    MONTHS_ALL = 0xFFF,         /* January .. December */
    DATES_ALL = 0x1FFFFFFE,     /* 1 .. 28 */
};

static bool str_eq(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

bool bkp_policy_has(const BkpPolicy *p, BkpField f)
{
    switch (f) {
    case BKP_FIELD_DAILY: return p->daily.on;
    case BKP_FIELD_WEEKLY:
    case BKP_FIELD_WEEKLY_DAYS: return p->weekly.on;
    case BKP_FIELD_MONTHLY:
    case BKP_FIELD_MONTHLY_ON: return p->monthly.on;
    case BKP_FIELD_YEARLY:
    case BKP_FIELD_YEARLY_ON: return p->yearly.on;
    case BKP_FIELD_SNAPSHOT_RG: return p->snapshot_rg_prefix != NULL;
    case BKP_FIELD_COUNT: return false;
    default: return true;
    }
}

static bool schedule_eq(const BkpPolicy *a, const BkpPolicy *b)
{
    if (a->freq != b->freq || a->time != b->time)
        return false;
    switch (a->freq) {
    case BKP_FREQ_HOURLY: return a->interval_hours == b->interval_hours && a->window_hours == b->window_hours;
    case BKP_FREQ_WEEKLY: return (a->run_days & DAYS_ALL) == (b->run_days & DAYS_ALL);
    case BKP_FREQ_DAILY: return true;
    }
    return false;
}

/* Which points a monthly or yearly rule keeps (not how long). */
static bool longterm_on_eq(const BkpLongTerm *a, const BkpLongTerm *b, bool yearly)
{
    if (a->format != b->format)
        return false;
    if (yearly && (a->months & MONTHS_ALL) != (b->months & MONTHS_ALL))
        return false;
    if (a->format == BKP_FORMAT_WEEKLY)
        return (a->weeks & WEEKS_ALL) == (b->weeks & WEEKS_ALL) && (a->days & DAYS_ALL) == (b->days & DAYS_ALL);
    return (a->dates & DATES_ALL) == (b->dates & DATES_ALL) && a->last_day == b->last_day;
}

/* Field f of a and b, both having it. */
static bool value_eq(const BkpPolicy *a, const BkpPolicy *b, BkpField f)
{
    switch (f) {
    case BKP_FIELD_NAME: return str_eq(a->name, b->name);
    case BKP_FIELD_TYPE: return a->enhanced == b->enhanced;
    case BKP_FIELD_TIMEZONE: return str_eq(a->timezone, b->timezone);
    case BKP_FIELD_SCHEDULE: return schedule_eq(a, b);
    case BKP_FIELD_SNAPSHOTS: return a->snapshot_days == b->snapshot_days;
    case BKP_FIELD_DAILY: return a->daily.days == b->daily.days;
    case BKP_FIELD_WEEKLY: return a->weekly.weeks == b->weekly.weeks;
    case BKP_FIELD_WEEKLY_DAYS: return (a->weekly.days & DAYS_ALL) == (b->weekly.days & DAYS_ALL);
    case BKP_FIELD_MONTHLY: return a->monthly.count == b->monthly.count;
    case BKP_FIELD_MONTHLY_ON: return longterm_on_eq(&a->monthly, &b->monthly, false);
    case BKP_FIELD_YEARLY: return a->yearly.count == b->yearly.count;
    case BKP_FIELD_YEARLY_ON: return longterm_on_eq(&a->yearly, &b->yearly, true);
    case BKP_FIELD_ARCHIVE:
        return a->archive == b->archive && (a->archive != BKP_ARCHIVE_AFTER || a->archive_months == b->archive_months);
    case BKP_FIELD_SNAPSHOT_RG:
        return str_eq(a->snapshot_rg_prefix, b->snapshot_rg_prefix) &&
               str_eq(a->snapshot_rg_suffix, b->snapshot_rg_suffix);
    case BKP_FIELD_CONSISTENCY: return a->crash_consistent == b->crash_consistent;
    case BKP_FIELD_COUNT: break;
    }
    return true;
}

bool bkp_field_equal(const BkpPolicy *a, const BkpPolicy *b, BkpField f)
{
    bool ha = bkp_policy_has(a, f), hb = bkp_policy_has(b, f);
    return ha == hb && (!ha || value_eq(a, b, f));
}

int bkp_policy_diff(const BkpPolicy *a, const BkpPolicy *b, BkpField out[BKP_FIELD_COUNT])
{
    int n = 0;
    for (int f = 0; f < BKP_FIELD_COUNT; f++)
        if (!bkp_field_equal(a, b, (BkpField)f))
            out[n++] = (BkpField)f;
    return n;
}

bool bkp_policy_equal(const BkpPolicy *a, const BkpPolicy *b)
{
    BkpField diff[BKP_FIELD_COUNT];
    return bkp_policy_diff(a, b, diff) == 0;
}

const char *bkp_field_name(BkpField f)
{
    static const char *const names[BKP_FIELD_COUNT] = {
        [BKP_FIELD_NAME] = "name",
        [BKP_FIELD_TYPE] = "policy type",
        [BKP_FIELD_TIMEZONE] = "time zone",
        [BKP_FIELD_SCHEDULE] = "schedule",
        [BKP_FIELD_SNAPSHOTS] = "snapshot retention",
        [BKP_FIELD_DAILY] = "daily retention",
        [BKP_FIELD_WEEKLY] = "weekly retention",
        [BKP_FIELD_WEEKLY_DAYS] = "weekly retention days",
        [BKP_FIELD_MONTHLY] = "monthly retention",
        [BKP_FIELD_MONTHLY_ON] = "monthly retention days",
        [BKP_FIELD_YEARLY] = "yearly retention",
        [BKP_FIELD_YEARLY_ON] = "yearly retention days",
        [BKP_FIELD_ARCHIVE] = "archive tiering",
        [BKP_FIELD_SNAPSHOT_RG] = "snapshot resource group",
        [BKP_FIELD_CONSISTENCY] = "snapshot consistency",
    };
    return (unsigned)f < BKP_FIELD_COUNT ? names[f] : "?";
}

/* ---- vaults, protects, programs ---------------------------------------------- */

/* Whether every policy of a's list has a namesake in b's. */
static bool names_in(const BkpVault *a, const BkpVault *b)
{
    for (int i = 0; i < a->npolicies; i++) {
        bool found = false;
        for (int j = 0; j < b->npolicies && !found; j++)
            found = str_eq(a->policies[i]->name, b->policies[j]->name);
        if (!found)
            return false;
    }
    return true;
}

bool bkp_vault_equal(const BkpVault *a, const BkpVault *b)
{
    if (!a || !b)
        return a == b;
    if (!str_eq(a->name, b->name) || !str_eq(a->resource_group, b->resource_group) ||
        !str_eq(a->subscription, b->subscription) || (a->npolicies > 0) != (b->npolicies > 0))
        return false;
    return a->npolicies <= 0 || (a->npolicies == b->npolicies && names_in(a, b) && names_in(b, a));
}

bool bkp_program_one_vault(const BkpProgram *prog)
{
    return !prog->vaults || (!prog->vaults->next && prog->vaults->npolicies <= 0);
}

uint64_t bkp_protect_luns(const BkpProtect *p)
{
    uint64_t set = 0;
    for (int i = 0; i < p->nluns; i++)
        if (p->luns[i] >= 0 && p->luns[i] < 64)
            set |= UINT64_C(1) << p->luns[i];
    return set;
}

bool bkp_protect_equal(const BkpProtect *a, const BkpProtect *b)
{
    if (!str_eq(a->vm, b->vm) || !str_eq(a->resource_group, b->resource_group) || a->disks != b->disks)
        return false;
    if (!str_eq(a->policy ? a->policy->name : NULL, b->policy ? b->policy->name : NULL) ||
        !str_eq(a->vault ? a->vault->name : NULL, b->vault ? b->vault->name : NULL))
        return false;
    return a->disks == BKP_DISKS_ALL || bkp_protect_luns(a) == bkp_protect_luns(b);
}

static int policy_cmp(const void *x, const void *y)
{
    const BkpPolicy *a = *(const BkpPolicy *const *)x, *b = *(const BkpPolicy *const *)y;
    return strcmp(a->name ? a->name : "", b->name ? b->name : "");
}

static int protect_cmp(const void *x, const void *y)
{
    const BkpProtect *a = *(const BkpProtect *const *)x, *b = *(const BkpProtect *const *)y;
    int c = strcmp(a->vm ? a->vm : "", b->vm ? b->vm : "");
    return c ? c : strcmp(a->resource_group ? a->resource_group : "", b->resource_group ? b->resource_group : "");
}

static const void *policy_next(const void *p) { return ((const BkpPolicy *)p)->next; }
static const void *protect_next(const void *p) { return ((const BkpProtect *)p)->next; }

/* The n items of a linked list, sorted by cmp into a new array (NULL when
 * out of memory, or when the list does not hold n items). */
static const void **sorted(const void *head, const void *(*next)(const void *), size_t n,
                           int (*cmp)(const void *, const void *))
{
    const void **v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return NULL;
    size_t k = 0;
    for (const void *it = head; it && k < n; it = next(it))
        v[k++] = it;
    if (k != n) {
        free(v);
        return NULL;
    }
    qsort(v, n, sizeof *v, cmp);
    return v;
}

bool bkp_program_equal(const BkpProgram *a, const BkpProgram *b)
{
    if (a->npolicies != b->npolicies || a->nprotects != b->nprotects || a->nvaults != b->nvaults)
        return false;
    for (const BkpVault *x = a->vaults, *y = b->vaults; x || y; x = x->next, y = y->next)
        if (!x || !y || !bkp_vault_equal(x, y))
            return false;
    size_t np = (size_t)a->npolicies, nv = (size_t)a->nprotects;
    const void **pa = sorted(a->policies, policy_next, np, policy_cmp);
    const void **pb = sorted(b->policies, policy_next, np, policy_cmp);
    const void **va = sorted(a->protects, protect_next, nv, protect_cmp);
    const void **vb = sorted(b->protects, protect_next, nv, protect_cmp);
    bool eq = pa && pb && va && vb;
    for (size_t i = 0; eq && i < np; i++)
        eq = bkp_policy_equal(pa[i], pb[i]);
    for (size_t i = 0; eq && i < nv; i++)
        eq = bkp_protect_equal(va[i], vb[i]);
    free(pa);
    free(pb);
    free(va);
    free(vb);
    return eq;
}
