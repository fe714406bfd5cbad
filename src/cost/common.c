/* common.c — what the cost renderers share (internal.h). */
#include "internal.h"

double cost_price(const BkpCost *c, BkpTier t)
{
    return c->prices->per_gb[t][c->in.redundancy];
}

double cost_archive_saves(const BkpCost *c)
{
    double d = c->alt.total - c->steady.total;
    return c->alt_mode == BKP_ARCHIVE_NEVER ? d : -d;
}

const char *const cost_not_modelled[] = {
    "compression",
    "deduplication",
    "block granularity (a changed block is stored whole, 16 KB for a 1 KB write)",
    "churn that rewrites the same hot blocks (the model spreads it at random)",
    "growth of the used data",
    "backup failures and on-demand backups",
    "garbage-collection delays (an extra snapshot or two)",
    "soft delete, rehydration and restores",
    "archive early deletion (no point the policy moves is deleted within 180 days)",
    "retention beyond the policy's promise (Azure's 31-day months, docs/semantics.md)",
    "reservations, discounts and taxes",
};
const int cost_not_modelled_count = sizeof cost_not_modelled / sizeof cost_not_modelled[0];
