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

static void deleted(BkpEffect *e, const BkpPoint *pt)
{
    BkpDeleted *d = &e->deleted[kind_of(pt->why)];
    if (!d->count || pt->b.utc < d->oldest)
        d->oldest = pt->b.utc;
    if (!d->count || pt->b.utc > d->newest)
        d->newest = pt->b.utc;
    d->count++;
    e->ndeleted++;
}

/* One point of old at `at`, under new. A point no rule keeps any more is
 * deleted at once (counted under its longest-kept kind). One whose vault
 * rules all let go of it but whose snapshot lasts goes with its snapshot:
 * a vault point is not deleted while its snapshot exists (DOC-IR). */
static void apply(BkpTz *tz, const BkpPolicy *new, const BkpPoint *pt, int64_t at, BkpEffect *e)
{
    int64_t vault_ends = 0, snap_ends = 0;
    for (int w = 0; w < BKP_WHY_COUNT; w++) {
        if (!(pt->why >> w & 1))
            continue;
        int64_t x = new_expiry(tz, new, pt, (BkpWhy)w, at);
        if (w == BKP_WHY_SNAPSHOT)
            snap_ends = x;
        else if (x > vault_ends)
            vault_ends = x;
        if (!has_rule(new, (BkpWhy)w) && x > e->settled)
            e->settled = x;     /* a rule new dropped: its points stay their time */
    }
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
    int64_t ends = vault_ends > snap_ends ? vault_ends : snap_ends, shift = ends - pt->expires;
    if (shift < 0) {
        e->earlier++;
        if (-shift > e->most_earlier)
            e->most_earlier = -shift;
    } else if (shift > 0) {
        e->later++;
        if (shift > e->most_later)
            e->most_later = shift;
    }
    if (shift != 0 && ends > e->settled)
        e->settled = ends;
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
    const BkpPolicy *new;
    int64_t at;
    BkpEffect *e;
} Apply;

static int each(void *ctx, const BkpPoint *pt)
{
    Apply *a = ctx;
    apply(a->tz, a->new, pt, a->at, a->e);
    return 0;
}

int bkp_diff_effect(BkpTz *tz, const BkpPolicy *old, const BkpPolicy *new, int64_t at, BkpEffect *out)
{
    memset(out, 0, sizeof *out);
    out->settled = at;
    Apply a = {tz, new, at, out};
    BkpSim sim;
    /* Point by point: memory does not grow with the points old keeps. */
    if (bkp_sim_each(tz, old, at, NULL, &sim, each, &a) != 0)
        return -1;
    out->existing = sim.npoints;
    settle_rules(tz, old, new, at, out);
    out->computed = true;
    return 0;
}
