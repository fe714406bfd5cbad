/* diff.h — what changing policies does (`bkpc diff OLD NEW`): the policies
 * matched by name (added, removed, changed), each changed field, what Azure
 * refuses or cannot undo, and the effect on the recovery points that exist
 * when the change is made.
 *
 * Vaults are matched by name, resource group and subscription, protects by
 * VM and resource group: a VM newly protected, no longer protected, moved
 * to another policy (with the effect of the other policy on its points,
 * computed as for a changed policy), or its disks included otherwise.
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
 *     days of a rule, keep only the points taken after the change;
 *   - vault-archive: a point already there stays there (Azure does not
 *     move points back), one deleted less than BKP_ARCHIVE_MIN_DAYS after
 *     its move is charged for early deletion; a point in vault-standard
 *     moves when NEW's tiering and NEW's rules say, by the interpreter's
 *     bkp_interp_archive_at.
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

/* What a change is, beyond its fields (bits; BKP_UPGRADE below too). */
enum {
    BKP_REFUSED_TYPE = 1u << 0,       /* standard <-> enhanced in place: Azure needs a new policy (A3) */
    BKP_REFUSED_DOWNGRADE = 1u << 1,  /* enhanced -> standard: a protected VM can never go back (A4) */
    BKP_SHORTENS = 1u << 2,           /* some retention is shorter, or gone: a vault with locked
                                         immutability refuses the change */
};

/* Points deleted at once, of one kind (the longest-kept rule of each); also
 * any set of points with an instant each (BkpMoves, BkpArchiveEffect). */
typedef struct BkpDeleted {
    size_t count;
    int64_t oldest, newest;           /* when the first and the last were taken (or moved, ...) */
} BkpDeleted;

/* How the move to vault-archive of points in vault-standard changes. */
typedef enum {
    BKP_MOVE_AT_ONCE,                 /* NEW moves them now (they were to move later, or never) */
    BKP_MOVE_EARLIER,
    BKP_MOVE_LATER,
    BKP_MOVE_NO_LONGER,               /* they were to move; under NEW they never do */
    BKP_MOVE_NEWLY,                   /* they were never to move; under NEW they do, later */
    BKP_MOVE_COUNT
} BkpMoveChange;

/* Points whose move changes one way, and when they were to move (`was`)
 * and now move (`now`): of those that have such an instant (`count` of
 * each), the first (`oldest`) and the last (`newest`). NEWLY's were never
 * to move (was.count 0), NO_LONGER's never will (now.count 0), AT_ONCE's
 * move at `at` (some may never have been to move). */
typedef struct BkpMoves {
    size_t count;
    BkpDeleted was, now;
} BkpMoves;

/* What the change does to vault-archive. */
typedef struct BkpArchiveEffect {
    size_t archived;                  /* points in vault-archive at `at`: they stay there */
    size_t archived_deleted;          /* of those, deleted at once (counted in BkpEffect.deleted too) */
    BkpDeleted early_deleted;         /* of those, moved less than BKP_ARCHIVE_MIN_DAYS before `at`:
                                         oldest and newest are when they moved */
    BkpDeleted early_expiring;        /* archived points NEW keeps, but that now leave the vault less
                                         than BKP_ARCHIVE_MIN_DAYS after their move (when they moved) */
    BkpMoves moves[BKP_MOVE_COUNT];   /* points in vault-standard that stay in the vault */
    size_t nmoves;                    /* their sum */
    bool assumed;                     /* either side is `archive recommended`: every eligible point is
                                         counted as moving (interp.h's archive_assumed) */
} BkpArchiveEffect;

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
    int64_t settled;                  /* when the change has fully taken effect: every point whose
                                         expiry or move it changes gone or moved, every point the
                                         changed rules keep taken under NEW, the rules that grew full */
    BkpArchiveEffect archive;
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

/* What a vault statement may differ in (bits of BkpVaultChange.fields). */
enum {
    BKP_VAULT_NAME = 1u << 0,
    BKP_VAULT_RESOURCE_GROUP = 1u << 1,
    BKP_VAULT_SUBSCRIPTION = 1u << 2,
    BKP_VAULT_POLICIES = 1u << 3,     /* the policies it holds (`with`; none: every policy) */
};
/* The fields that make a vault another Azure resource. */
#define BKP_VAULT_IDENTITY (BKP_VAULT_NAME | BKP_VAULT_RESOURCE_GROUP | BKP_VAULT_SUBSCRIPTION)

/* A vault of one side only, or a pair that differs: vaults are matched by
 * name, resource group and subscription; of those left, one of each side
 * with the same name, or the only one left on each side, is a change. */
typedef struct BkpVaultChange {
    BkpChangeKind kind;
    const BkpVault *old, *new;        /* NULL when added, or removed */
    unsigned fields;                  /* BKP_VAULT_*: changed only */
} BkpVaultChange;

/* What a protect may differ in (bits of BkpProtectChange.fields). */
enum {
    BKP_PROTECT_POLICY = 1u << 0,     /* moved to another policy (by name) */
    BKP_PROTECT_DISKS = 1u << 1,      /* its disks included or excluded otherwise */
    BKP_PROTECT_VAULT = 1u << 2,      /* protected in another vault (by name): its points so far
                                         stay in the old one; no effect is computed */
};

/* A VM protected on one side only (newly protected; no longer protected),
 * or protected otherwise: protects are matched by VM and resource group. */
typedef struct BkpProtectChange {
    BkpChangeKind kind;
    const BkpProtect *old, *new;      /* NULL when added, or removed */
    unsigned fields;                  /* BKP_PROTECT_*: changed only */
    unsigned flags;                   /* moved: BKP_REFUSED_DOWNGRADE (enhanced -> standard, A4),
                                         BKP_UPGRADE (standard -> enhanced: cannot be undone) */
    BkpEffect effect;                 /* moved between policies of other values, not refused: what
                                         the other policy does to the VM's points (as a changed
                                         policy does); not computed: refused, or the same values */
} BkpProtectChange;

/* BkpProtectChange.flags: a VM moved from a standard to an enhanced policy,
 * which Azure allows but never undoes (A4). */
enum { BKP_UPGRADE = 1u << 3 };

/* What bkp_diff compares besides policies. A side that cannot say (a JSON
 * of policies has no protects) leaves them out: the CLI decides. */
enum { BKP_DIFF_VAULTS = 1u << 0, BKP_DIFF_PROTECTS = 1u << 1, BKP_DIFF_ALL = 3u };

/* Every policy, vault and protect that differs. */
typedef struct BkpDiff {
    BkpPolicyChange *changes;
    int n;
    BkpVaultChange *vaults;
    int nvaults;
    BkpProtectChange *protects;
    int nprotects;
    unsigned scope;                   /* BKP_DIFF_*: what was compared */
    int64_t at;
} BkpDiff;

/* The differences between old and new: their policies, and their vaults
 * and protects as `scope` says; the effect of each change made at UTC
 * instant `at`. Returns 0, or -1 when out of memory (then *out is empty). */
int bkp_diff(BkpTz *tz, const BkpProgram *old, const BkpProgram *new, int64_t at, unsigned scope,
             BkpDiff *out);
void bkp_diff_free(BkpDiff *d);

/* Whether anything differs. */
bool bkp_diff_differs(const BkpDiff *d);

/* Whether the change deletes recovery points at once, is refused, or
 * leaves a VM unprotected: what `--fail-on-loss` fails on. */
bool bkp_diff_loses(const BkpDiff *d);

/* Vaults and protects (src/diff/deploy.c): into d, which bkp_diff set up.
 * 0, or -1 when out of memory. */
int bkp_diff_deploy(BkpTz *tz, const BkpProgram *old, const BkpProgram *new, BkpDiff *d);

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
