/* effect.c — what changing a policy does to the recovery points that exist
 * when it is changed, by the interpreter's own simulation and expiries (see
 * include/bkpc/diff.h and docs/semantics.md, "Changing a policy"). */
#include "bkpc/diff.h"

#include <string.h>

/* Whether rule w keeps other points, or keeps them otherwise, under new:
 * its length, its days, or the schedule and zone that place the points. */
static bool rule_changed(const BkpPolicy *old, const BkpPolicy *new, BkpWhy w)
{
    static const BkpField fields[BKP_WHY_COUNT][2] = {
        [BKP_WHY_SNAPSHOT] = {BKP_FIELD_SNAPSHOTS, BKP_FIELD_SNAPSHOTS},
        [BKP_WHY_DAILY] = {BKP_FIELD_DAILY, BKP_FIELD_DAILY},
        [BKP_WHY_WEEKLY] = {BKP_FIELD_WEEKLY, BKP_FIELD_WEEKLY_DAYS},
        [BKP_WHY_MONTHLY] = {BKP_FIELD_MONTHLY, BKP_FIELD_MONTHLY_ON},
        [BKP_WHY_YEARLY] = {BKP_FIELD_YEARLY, BKP_FIELD_YEARLY_ON},
    };
    return !bkp_field_equal(old, new, BKP_FIELD_SCHEDULE) || !bkp_field_equal(old, new, BKP_FIELD_TIMEZONE) ||
           !bkp_field_equal(old, new, fields[w][0]) || !bkp_field_equal(old, new, fields[w][1]);
}

static bool has_rule(const BkpPolicy *p, BkpWhy w)
{
    return bkp_keep(p, w).count > 0;
}

/* When rule w lets go of point pt under new (Azure's "Changing policy"):
 * the new length when new has the rule; at once for daily retention new
 * does not have (daily -> weekly); else the time it had left. */
static int64_t new_expiry(BkpTz *tz, const BkpPolicy *new, const BkpPoint *pt, BkpWhy w, int64_t at)
{
    if (has_rule(new, w))
        return bkp_interp_expiry(tz, new, w, pt->b.day, pt->b.minute, pt->b.utc);
    return w == BKP_WHY_DAILY ? at : pt->rule_expires[w];
}

/* The rule a point is counted under: the longest-kept kind it was taken as. */
static BkpWhy kind_of(unsigned why)
{
    for (int w = BKP_WHY_COUNT - 1; w > 0; w--)
        if (why >> w & 1)
            return (BkpWhy)w;
    return BKP_WHY_SNAPSHOT;
}

/* Adds instant t to the points of d (oldest and newest). */
static void dated(BkpDeleted *d, int64_t t)
{
    if (!d->count || t < d->oldest)
        d->oldest = t;
    if (!d->count || t > d->newest)
        d->newest = t;
    d->count++;
}

static void deleted(BkpEffect *e, const BkpPoint *pt)
{
    dated(&e->deleted[kind_of(pt->why)], pt->b.utc);
    e->ndeleted++;
}

static void moved(BkpArchiveEffect *a, BkpMoveChange k, int64_t was, int64_t now)
{
    BkpMoves *m = &a->moves[k];
    if (was != INT64_MAX)
        dated(&m->was, was);
    if (now != INT64_MAX)
        dated(&m->now, now);
    m->count++;
    a->nmoves++;
}

/* What new does to the tier of a vault point of old at `at` that ends[]
 * (its rules' expiries under new, expired ones too) keeps in the vault
 * until vault_ends: one in vault-archive stays there, and is charged for
 * early deletion if it goes within BKP_ARCHIVE_MIN_DAYS of its move; one
 * in vault-standard moves when the interpreter says it does under new
 * (no earlier than `at`); the change is settled once it has moved. */
static void archive(BkpTz *tz, const BkpPolicy *new, const BkpPoint *pt, const int64_t ends[BKP_WHY_COUNT],
                    int64_t vault_ends, int64_t at, BkpArchiveEffect *a, int64_t *settled)
{
    if (pt->tiers >> BKP_TIER_ARCHIVE & 1) {
        a->archived++;
        int64_t charged = pt->archive_at + (int64_t)BKP_ARCHIVE_MIN_DAYS * 86400;
        if (vault_ends <= at)
            a->archived_deleted++;
        if (vault_ends <= at && at < charged)
            dated(&a->early_deleted, pt->archive_at);
        else if (vault_ends > at && vault_ends < charged)
            dated(&a->early_expiring, pt->archive_at);
        return;
    }
    if (!(pt->tiers >> BKP_TIER_STANDARD & 1) || vault_ends <= at)
        return;
    int64_t was = pt->archive_at, now = bkp_interp_archive_at(tz, new, &pt->b, pt->b.why, ends, at);
    if (now == was)
        return;
    if (now != INT64_MAX && now > *settled)
        *settled = now;
    if (now <= at)
        moved(a, BKP_MOVE_AT_ONCE, was, at);
    else if (now == INT64_MAX)
        moved(a, BKP_MOVE_NO_LONGER, was, now);
    else if (was == INT64_MAX)
        moved(a, BKP_MOVE_NEWLY, was, now);
    else
        moved(a, now < was ? BKP_MOVE_EARLIER : BKP_MOVE_LATER, was, now);
}

/* One point of old at `at`, under new. A point no rule keeps any more is
 * deleted at once (counted under its longest-kept kind). One whose vault
 * rules all let go of it but whose snapshot lasts goes with its snapshot:
 * a vault point is not deleted while its snapshot exists (DOC-IR). */
static void apply(BkpTz *tz, const BkpPolicy *old, const BkpPolicy *new, const BkpPoint *pt, int64_t at,
                  BkpEffect *e)
{
    int64_t vault_ends = 0, snap_ends = 0, ends[BKP_WHY_COUNT] = {0};
    for (int w = 0; w < BKP_WHY_COUNT; w++) {
        if (!(pt->b.why >> w & 1))
            continue;
        if (!(pt->why >> w & 1)) {      /* let go of before `at`: gone under new too */
            ends[w] = bkp_interp_expiry(tz, old, (BkpWhy)w, pt->b.day, pt->b.minute, pt->b.utc);
            continue;
        }
        int64_t x = ends[w] = new_expiry(tz, new, pt, (BkpWhy)w, at);
        if (w == BKP_WHY_SNAPSHOT)
            snap_ends = x;
        else if (x > vault_ends)
            vault_ends = x;
        if (!has_rule(new, (BkpWhy)w) && x > e->settled)
            e->settled = x;     /* a rule new dropped: its points stay their time */
    }
    archive(tz, new, pt, ends, vault_ends, at, &e->archive, &e->settled);
    bool vault = pt->why & ~(1u << BKP_WHY_SNAPSHOT);
    if (vault_ends <= at && snap_ends <= at) {
        deleted(e, pt);
        return;
    }
    if (vault && vault_ends <= at) {
        e->with_snapshot++;
        if (snap_ends > e->with_snapshot_by)
            e->with_snapshot_by = snap_ends;
        if (snap_ends > e->settled)
            e->settled = snap_ends;
        return;
    }
    if (vault && (pt->why & 1u << BKP_WHY_SNAPSHOT) && snap_ends <= at)
        e->snapshots_dropped++;
    int64_t last = vault_ends > snap_ends ? vault_ends : snap_ends, shift = last - pt->expires;
    if (shift < 0) {
        e->earlier++;
        if (-shift > e->most_earlier)
            e->most_earlier = -shift;
    } else if (shift > 0) {
        e->later++;
        if (shift > e->most_later)
            e->most_later = shift;
    }
    if (shift != 0 && last > e->settled)
        e->settled = last;
}

/* A rule that changed is settled when a point new takes at `at` would
 * expire: by then every point it keeps was taken under new. */
static void settle_rules(BkpTz *tz, const BkpPolicy *old, const BkpPolicy *new, int64_t at, BkpEffect *e)
{
    int64_t day = bkp_interp_day_of(tz, new, at);
    int minute = (int)((at - bkp_interp_run_utc(tz, new, day, 0)) / 60);
    for (int w = 0; w < BKP_WHY_COUNT; w++) {
        if (!has_rule(new, (BkpWhy)w) || !rule_changed(old, new, (BkpWhy)w))
            continue;
        int64_t x = bkp_interp_expiry(tz, new, (BkpWhy)w, day, minute, at);
        if (x > e->settled)
            e->settled = x;
    }
}

/* What bkp_sim_each hands each point to. */
typedef struct Apply {
    BkpTz *tz;
    const BkpPolicy *old, *new;
    int64_t at;
    BkpEffect *e;
} Apply;

static int each(void *ctx, const BkpPoint *pt)
{
    Apply *a = ctx;
    apply(a->tz, a->old, a->new, pt, a->at, a->e);
    return 0;
}

int bkp_diff_effect(BkpTz *tz, const BkpPolicy *old, const BkpPolicy *new, int64_t at, BkpEffect *out)
{
    memset(out, 0, sizeof *out);
    out->settled = at;
    out->archive.assumed = old->archive == BKP_ARCHIVE_RECOMMENDED || new->archive == BKP_ARCHIVE_RECOMMENDED;
    Apply a = {tz, old, new, at, out};
    BkpSim sim;
    /* Point by point: memory does not grow with the points old keeps. */
    if (bkp_sim_each(tz, old, at, NULL, &sim, each, &a) != 0)
        return -1;
    out->existing = sim.npoints;
    settle_rules(tz, old, new, at, out);
    out->computed = true;
    return 0;
}
