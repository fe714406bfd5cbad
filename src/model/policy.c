/* policy.c — the checked policy's own functions: defaults, look-up, and
 * Azure's spellings of its enums (see include/bkpc/policy.h). */
#include "bkpc/policy.h"

#include <string.h>

bool bkp_policy_default(const BkpPolicy *p, BkpField f)
{
    return p->origin && (p->origin->defaults >> f & 1);
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
