/* prove.h — `require` clauses proved by the interpreter (src/prove/).
 *
 * A requirement (policy.h's BkpRequire) is a statement about the recovery
 * points a policy keeps at every moment once it has run long enough. The
 * prover decides it over every moment of a range that a periodicity
 * argument makes stand for all later ones (docs/semantics.md, "Proving
 * requirements"): from BKP_PROVE_FROM_YEAR on, a whole 400-year Gregorian
 * cycle and more where the zone's rules or the policy's longest retention
 * need it. Which points exist, and until when, in which tier, comes from the
 * interpreter only (interp.h: bkp_interp_day, bkp_backup_life, BkpKeep,
 * bkp_sim_each): the prover has no model of retention of its own. What it
 * adds is where to look: which periods, gaps and moments can fail, and the
 * arguments that let it look at a few of them for all (a week of a
 * retention that repeats weekly, each kind of day of a time zone's
 * daylight saving time, each month of the cycle).
 *
 * A requirement that does not hold comes with a counterexample: a moment
 * and what is missing then, which `bkpc simulate --at MOMENT` shows, and
 * the prover checks with bkp_sim_each before it reports it.
 *
 * bkp_compile runs bkp_prove after bkp_check (the stage sits above the
 * interpreter, which sits above the checker: no include points back).
 */
#ifndef BKPC_PROVE_H
#define BKPC_PROVE_H

#include <stdbool.h>
#include <stdint.h>

#include "bkpc/ctx.h"
#include "bkpc/interp.h"
#include "bkpc/policy.h"

/* The first year of the moments a proof covers (UTC). */
#define BKP_PROVE_FROM_YEAR 2030

/* How a requirement fails at its counterexample moment. */
typedef enum {
    BKP_FAIL_PERIOD,           /* a period within the span has no point (in the tier) left */
    BKP_FAIL_SNAPSHOT,         /* a backup of the span has lost its snapshot */
    BKP_FAIL_GAP,              /* two consecutive points are further apart than the rpo */
    BKP_FAIL_START,            /* the oldest point of the span is too far from its start */
    BKP_FAIL_NEWEST,           /* the newest point is older than the rpo */
} BkpFailKind;

typedef struct BkpProof {
    bool holds;
    /* When it does not: */
    BkpFailKind fail;
    int64_t at;                /* the moment (UTC): the earliest the prover found */
    int64_t from, to;          /* BKP_FAIL_PERIOD: the period [from, to);
                                  BKP_FAIL_GAP: the two points' instants;
                                  BKP_FAIL_START: the span's start and the first point
                                  in it (INT64_MAX: none);
                                  BKP_FAIL_NEWEST, BKP_FAIL_SNAPSHOT: the point's instant */
    bool has_last;             /* `last` is known */
    BkpBackup last;            /* the point whose going makes it fail: the last of
                                  the period, the one after the gap, the backup
                                  without a snapshot */
    BkpLife last_life;         /* its life (bkp_backup_life) */
    /* The range proved: [first, end) of moments (UTC). */
    int64_t first, end;
} BkpProof;

/* A prover's caches (time-zone transitions over the range, proofs of equal
 * policies and requirements): one per compilation. */
typedef struct BkpProver BkpProver;

BkpProver *bkp_prover_new(BkpTz *tz);
void bkp_prover_free(BkpProver *pv);

/* Proves r for p into *out. Returns 0, or -1 when out of memory. */
int bkp_prove_require(BkpProver *pv, const BkpPolicy *p, const BkpRequire *r, BkpProof *out);

/* Proves r for p with the reference algorithm (every period and every
 * backup of the range, nothing skipped) over the moments of `years` years
 * from BKP_PROVE_FROM_YEAR: slow, for tests of the fast one. */
int bkp_prove_reference(BkpProver *pv, const BkpPolicy *p, const BkpRequire *r, int years, BkpProof *out);
/* The fast algorithm over the same moments as bkp_prove_reference. */
int bkp_prove_years(BkpProver *pv, const BkpPolicy *p, const BkpRequire *r, int years, BkpProof *out);

/* Every requirement of every policy of prog: error[require] for each that
 * does not hold, at the requirement as the policy has it, with the clause
 * that makes it fail as a secondary span, the counterexample, and the
 * smallest change that makes it hold as a hint (and a fix where it is one
 * edit). Returns how many do not hold, or -1 when out of memory. */
int bkp_prove(BkpCtx *ctx, const BkpProgram *prog);

#endif
