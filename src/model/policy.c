/* policy.c — the checked policy's own functions: defaults, look-up, and
 * Azure's spellings of its enums (see include/bkpc/policy.h). */
#include "bkpc/policy.h"

#include <stdio.h>
#include <string.h>

bool bkp_policy_default(const BkpPolicy *p, BkpField f)
{
    return p->origin && (p->origin->defaults >> f & 1);
}

bool bkp_vault_holds(const BkpVault *v, const BkpPolicy *p)
{
    if (v->npolicies <= 0)
        return true;
    for (int i = 0; i < v->npolicies; i++)
        if (v->policies[i] == p)
            return true;
    return false;
}

/* "12 months", "1 day". */
static char *length_text(BkpLength l, char *buf, size_t n)
{
    snprintf(buf, n, "%d %s", l.count, bkp_unit_name(l.unit, l.count != 1));
    return buf;
}

char *bkp_require_text(const BkpRequire *r, char *buf, size_t n)
{
    static const char *const period[] = {"daily", "weekly", "monthly", "yearly"};
    static const char *const tier[] = {"", " in snapshot", " in vault-standard"};
    char a[48];
    switch (r->kind) {
    case BKP_REQ_POINTS:
        snprintf(buf, n, "%s points for %s%s", period[r->period], length_text(r->span, a, sizeof a), tier[r->tier]);
        break;
    case BKP_REQ_SNAPSHOTS:
        snprintf(buf, n, "snapshots for %s", length_text(r->span, a, sizeof a));
        break;
    case BKP_REQ_RPO:
        snprintf(buf, n, "rpo %d hour%s", r->rpo_hours, r->rpo_hours == 1 ? "" : "s");
        if (r->span.count) {
            size_t len = strlen(buf);
            snprintf(buf + len, len < n ? n - len : 0, " for %s", length_text(r->span, a, sizeof a));
        }
        break;
    }
    return buf;
}

bool bkp_require_equal(const BkpRequire *a, const BkpRequire *b)
{
    if (a->kind != b->kind || a->span.count != b->span.count ||
        (a->span.count && a->span.unit != b->span.unit))
        return false;
    switch (a->kind) {
    case BKP_REQ_POINTS: return a->period == b->period && a->tier == b->tier;
    case BKP_REQ_RPO: return a->rpo_hours == b->rpo_hours;
    default: return true;
    }
}

int bkp_default_snapshot_days(bool enhanced, BkpFreq freq)
{
    return enhanced ? 7 : freq == BKP_FREQ_WEEKLY ? 5 : 2;
}

const BkpPolicy *bkp_program_find(const BkpProgram *prog, const char *name)
{
    for (const BkpPolicy *p = prog->policies; p; p = p->next)
        if (strcmp(p->name, name) == 0)
            return p;
    return NULL;
}

const char *bkp_azure_policy_type(bool enhanced) { return enhanced ? "V2" : "V1"; }

const char *bkp_azure_freq(BkpFreq f)
{
    switch (f) {
    case BKP_FREQ_HOURLY: return "Hourly";
    case BKP_FREQ_DAILY: return "Daily";
    case BKP_FREQ_WEEKLY: return "Weekly";
    }
    return "?";
}

const char *bkp_azure_tiering(BkpArchiveMode m)
{
    switch (m) {
    case BKP_ARCHIVE_NEVER: return "DoNotTier";
    case BKP_ARCHIVE_RECOMMENDED: return "TierRecommended";
    case BKP_ARCHIVE_AFTER: return "TierAfter";
    }
    return "?";
}

const char *bkp_azure_consistency(bool crash)
{
    return crash ? "OnlyCrashConsistent" : "ApplicationConsistent";
}
