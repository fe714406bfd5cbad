/* diff.h — what changing policies does (`bkpc diff OLD NEW`): the policies
 * matched by name (added, removed, changed), each changed field, what Azure
 * refuses or cannot undo, and the effect on the recovery points that exist
 * when the change is made.
 *
 * The effect is the interpreter's (interp.h), not a second model of
 * retention: OLD is simulated up to the moment of the change, and the
 * retention of NEW is applied to the points that exist then, as Azure
 * documents it (MicrosoftDocs/azure-docs, articles/backup/
 * backup-architecture.md, "Changing policy"; docs/semantics.md):
 *
 *   - a rule both policies have: its new duration applies to the points it
 *     keeps, counted from when each was taken (shorter: some go at once;
 *     longer: they stay longer);
 *   - daily retention that NEW does not have (daily -> weekly): the daily
 *     points are cleaned up;
 *   - a weekly, monthly or yearly rule that NEW does not have (weekly ->
 *     daily): its points stay for the time they had left;
 *   - a point keeps the kinds it was taken as: a rule NEW adds, or new
 *     days of a rule, keep only the points taken after the change.
 */
#ifndef BKPC_DIFF_H
#define BKPC_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bkpc/interp.h"
#include "bkpc/policy.h"

typedef enum { BKP_CHANGE_ADDED, BKP_CHANGE_REMOVED, BKP_CHANGE_CHANGED } BkpChangeKind;

/* What a change is, beyond its fields (bits). */
enum {
    BKP_REFUSED_TYPE = 1u << 0,       /* standard <-> enhanced in place: Azure needs a new policy (A3) */
    BKP_REFUSED_DOWNGRADE = 1u << 1,  /* enhanced -> standard: a protected VM can never go back (A4) */
    BKP_SHORTENS = 1u << 2,           /* some retention is shorter, or gone: a vault with locked
                                         immutability refuses the change */
};

/* Points deleted at once, of one kind (the longest-kept rule of each). */
typedef struct BkpDeleted {
    size_t count;
    int64_t oldest, newest;           /* when the first and the last were taken */
} BkpDeleted;

/* What applying NEW does to the points that exist under OLD at `at`. */
typedef struct BkpEffect {
    bool computed;                    /* false: the change is refused, or out of memory */
    size_t existing;                  /* the points at `at` */
    BkpDeleted deleted[BKP_WHY_COUNT];    /* by kind; [BKP_WHY_SNAPSHOT]: snapshots only */
    size_t ndeleted;
    size_t with_snapshot;             /* no vault rule keeps them, but their snapshot lasts: they
                                         go with it (a vault point outlives no snapshot), */
    int64_t with_snapshot_by;         /* at the latest then */
    size_t snapshots_dropped;         /* points that stay in the vault but lose their snapshot now */
    size_t earlier, later;            /* points that now expire earlier, or later */
    int64_t most_earlier, most_later; /* by how much at most, seconds */
    int64_t settled;                  /* when the change has fully taken effect: every point the
                                         changed rules keep taken under NEW, the rules that grew full */
} BkpEffect;

typedef struct BkpPolicyChange {
    BkpChangeKind kind;
    const char *name;
    const BkpPolicy *old, *new;       /* NULL when added, or removed */
    BkpField fields[BKP_FIELD_COUNT];
    int nfields;
    unsigned flags;                   /* BKP_REFUSED_*, BKP_SHORTENS */
    int64_t at;                       /* the moment of the change */
    BkpEffect effect;                 /* changed and not refused only */
} BkpPolicyChange;

/* Every policy that differs, by name. */
typedef struct BkpDiff {
    BkpPolicyChange *changes;
    int n;
    int64_t at;
} BkpDiff;

/* The differences between the policies of old and new (vaults and protects
 * are not compared), the effect of each change made at UTC instant `at`.
 * Returns 0, or -1 when out of memory (then *out is empty). */
int bkp_diff(BkpTz *tz, const BkpProgram *old, const BkpProgram *new, int64_t at, BkpDiff *out);
void bkp_diff_free(BkpDiff *d);

/* Whether the change deletes recovery points at once or is refused: what
 * `--fail-on-loss` fails on. */
bool bkp_diff_loses(const BkpDiff *d);

/* Field f of p in words: "180 days", "every 4 hours from 08:00 for 24
 * hours", "after 3 months", "none". With `whole`, a rule's count with the
 * points it keeps ("12 months on the first Sunday"). Into buf; returns it. */
char *bkp_field_words(const BkpPolicy *p, BkpField f, bool whole, char *buf, size_t n);

/* The effect of changing old into new at `at` (bkp_diff fills it in). 0,
 * or -1 when out of memory. */
int bkp_diff_effect(BkpTz *tz, const BkpPolicy *old, const BkpPolicy *new, int64_t at, BkpEffect *out);

/* The differences as text, for people, and as JSON, for programs; the same
 * facts (docs/semantics.md). 0, or -1 on a write error. */
int bkp_diff_text(BkpTz *tz, const BkpDiff *d, FILE *out);
int bkp_diff_json(BkpTz *tz, const BkpDiff *d, FILE *out);

#endif
