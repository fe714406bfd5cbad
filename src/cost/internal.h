/* internal.h — what the cost renderers share and nothing outside
 * src/cost/ sees. */
#ifndef BKPC_COST_INTERNAL_H
#define BKPC_COST_INTERNAL_H

#include "bkpc/cost.h"

/* The price of a GB-month in tier t at the estimate's redundancy. */
double cost_price(const BkpCost *c, BkpTier t);
/* What archiving saves a month at steady state, compared with the
 * alternative (negative: it costs more): alt - steady when the policy
 * archives, steady - alt when the alternative is the one that archives. */
double cost_archive_saves(const BkpCost *c);
/* What the model leaves out, one phrase each (docs/cost.md). */
extern const char *const cost_not_modelled[];
extern const int cost_not_modelled_count;

#endif
