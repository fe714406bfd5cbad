/* cost.h — what a policy stores and costs: an estimate on top of the
 * interpreter.
 *
 * `bkpc cost` is a thin layer over these functions. The storage model uses
 * the interpreter's recovery points (bkp_sim_each, interp.h) and nothing
 * else about retention: which points exist at the end of each month, in
 * which tier, and when each was taken. docs/cost.md says what the model is,
 * which Microsoft documents it rests on, and what it ignores. In short, for
 * U GB of used data backed up and a daily churn c:
 *
 *   - churn over d days (bkp_churn): c * d for d <= 1 (the day's churn
 *     spread over its backups), 1 - (1 - c)^d beyond (each day rewrites a
 *     fraction c of the blocks; a block rewritten twice is stored once);
 *   - snapshot tier: each snapshot holds the blocks written in the interval
 *     before it (since the previous backup), so n daily snapshots hold
 *     n * c * U: the Instant Restore article's formula;
 *   - vault-standard: the oldest point in the tier holds the full data U,
 *     every later one the blocks changed since the one before it in the tier
 *     (the first backup is full, later ones incremental; an expired point,
 *     or one moved to vault-archive, merges into the next);
 *   - vault-archive: each point is a full copy, U;
 *   - the protected-instance fee: by the price table's size bands.
 *
 * Results are data (BkpCost); four renderers write them: text, JSON, CSV
 * and an SVG chart.
 */
#ifndef BKPC_COST_H
#define BKPC_COST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bkpc/interp.h"
#include "bkpc/policy.h"
#include "bkpc/tz.h"

/* --- prices ------------------------------------------------------------------------ */

/* The vault's storage redundancy (an index). */
typedef enum {
    BKP_REDUNDANCY_LRS,
    BKP_REDUNDANCY_ZRS,
    BKP_REDUNDANCY_GRS,
    BKP_REDUNDANCY_RAGRS,
    BKP_REDUNDANCY_COUNT
} BkpRedundancy;
const char *bkp_redundancy_name(BkpRedundancy r);    /* "LRS", "ZRS", "GRS", "RA-GRS" */
/* Azure's default for a Recovery Services vault. */
#define BKP_REDUNDANCY_DEFAULT BKP_REDUNDANCY_GRS

/* A size band of the protected-instance fee: up to `up_to_gb` (inclusive),
 * `per_month` a month. */
typedef struct BkpPriceBand {
    double up_to_gb, per_month;
} BkpPriceBand;
#define BKP_PRICE_BANDS_MAX 16

/* A price table: the price of a GB-month in each tier for each redundancy
 * (snapshots: one price for all; a negative price: the table has none),
 * and the protected-instance fee (the first band the size fits in; above
 * the last, `above_per_month` for each started `above_per_gb`). */
typedef struct BkpPrices {
    char *name, *region, *currency, *date, *source;
    bool illustrative;             /* the figures are not a quotation */
    double per_gb[BKP_TIER_COUNT][BKP_REDUNDANCY_COUNT];
    BkpPriceBand bands[BKP_PRICE_BANDS_MAX];
    int nbands;
    double above_per_gb, above_per_month;
} BkpPrices;

/* Reads a price table from JSON text (docs/cost.md gives the schema).
 * Returns 0, or -1 with a message in err: "$.per_gb_month.vault-archive:
 * missing", "line 3, column 5: ...". `err` may be NULL. Free with
 * bkp_prices_free (also after a failure). */
int bkp_prices_parse(const char *text, size_t len, BkpPrices *out, char *err, size_t errn);
/* The table bkpc comes with (data/prices.json, compiled in). */
int bkp_prices_bundled(BkpPrices *out, char *err, size_t errn);
/* 0 if the table has every price a redundancy needs, else -1 with the
 * JSON path of the missing one in err. */
int bkp_prices_check(const BkpPrices *p, BkpRedundancy r, char *err, size_t errn);
void bkp_prices_free(BkpPrices *p);
/* The protected-instance fee of an instance of `gb` GB a month. */
double bkp_prices_instance(const BkpPrices *p, double gb);

/* --- sizes -------------------------------------------------------------------------- */

/* The fraction of the data that changes in `days` days at daily churn c
 * (0..1), as above. */
double bkp_churn(double c, double days);

/* The sizes, in GB, each charge is computed from. */
typedef struct BkpCostSizes {
    double vault;        /* the data backed up to the vault */
    double snapshot;     /* the data of the disks snapshotted */
    double instance;     /* the protected-instance size */
} BkpCostSizes;

/* One disk of a VM: its LUN (BKP_DISK_OS for the OS disk) and used size. */
#define BKP_DISK_OS (-1)
typedef struct BkpDisk {
    int lun;
    double gb;
    bool backed_up;      /* bkp_cost_disks sets it */
} BkpDisk;

/* The sizes of a VM protected by `pr` (its disks: all, include or
 * exclude), from the used size of each disk, by Azure's billing rules for
 * selective disk backup (docs/cost.md): Enhanced policies bill the vault,
 * snapshots and the instance on the disks backed up; Standard ones snapshot
 * every disk, and bill the instance on every disk unless only the OS disk
 * is backed up. Sets each disk's backed_up. Returns 0, or -1 with a message
 * in err (no OS disk, a LUN given twice, a LUN of the protect that is not
 * among the disks). */
int bkp_cost_disks(const BkpPolicy *p, const BkpProtect *pr, BkpDisk *disks, int n, BkpCostSizes *out,
                   char *err, size_t errn);

/* --- the estimate --------------------------------------------------------------------- */

/* Longest horizon, in months (99-year yearly retention fills in 1188). */
#define BKP_COST_MAX_MONTHS 1200

typedef struct BkpCostInput {
    BkpCostSizes size;
    double churn;                  /* daily, 0..1 */
    BkpRedundancy redundancy;
    int64_t start_day;             /* the first schedule day the policy runs */
    int months;                    /* the horizon; 0: until steady state */
} BkpCostInput;

/* What is stored at one instant, and what it costs a month. */
typedef struct BkpCostState {
    int month;                     /* months since the start (0: none) */
    int64_t day;                   /* the schedule day at whose midnight */
    size_t points[BKP_TIER_COUNT];
    double gb[BKP_TIER_COUNT];
    double cost[BKP_TIER_COUNT];   /* gb * the tier's price */
    double instance_fee;
    double total;                  /* a month */
} BkpCostState;

typedef struct BkpCost {
    const BkpPolicy *policy;
    BkpCostInput in;
    const BkpPrices *prices;
    int snapshots;                 /* backups a day (a week for weekly schedules) */
    bool weekly;
    int vault_points;              /* vault points a day (a week) */
    int steady_month;              /* from which every rule is full */
    BkpCostState *months;          /* months 1..nmonths, [0] = month 1 */
    int nmonths;
    BkpCostState steady;           /* at steady_month */
    double horizon_total;          /* the months' totals added up */
    bool archive_assumed;          /* archive recommended: every eligible
                                      point moves (interp.h) */
    /* The same policy with other tiering at the same instant: archive
     * never if it archives, else archive recommended if it has monthly or
     * yearly points (alt_mode BKP_ARCHIVE_NEVER with no_alt otherwise). */
    bool has_alt;
    BkpArchiveMode alt_mode;
    BkpCostState alt;
} BkpCost;

/* The estimate: the storage at the end of each month of the horizon from
 * in->start_day, and the steady state. Returns 0, or -1 when out of memory
 * (*out then has no months). */
int bkp_cost(BkpTz *tz, const BkpPolicy *p, const BkpCostInput *in, const BkpPrices *prices, BkpCost *out);
void bkp_cost_free(BkpCost *c);

/* What the text, JSON and CSV say about the inputs the estimate does not
 * keep: where the price table came from (NULL: bundled) and the VM's disks
 * (vm NULL: --used). */
typedef struct BkpCostContext {
    const char *prices_file;
    const char *vm;
    const BkpDisk *disks;
    int ndisks;
} BkpCostContext;

/* Return 0, or -1 on a write error. */
int bkp_cost_text(const BkpCost *c, const BkpCostContext *x, FILE *out);
int bkp_cost_json(const BkpCost *c, const BkpCostContext *x, FILE *out);
int bkp_cost_csv(const BkpCost *c, const BkpCostContext *x, FILE *out);
/* A stacked area chart of GB per tier over the months, the steady state
 * marked: a standalone SVG document. */
int bkp_cost_svg(const BkpCost *c, FILE *out);

#endif
