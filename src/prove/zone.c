/* zone.c — a time zone over the prover's range: its changes of offset
 * (bkp_tz_changes, ICU's transitions), whether its standard offset stays
 * the same, from when its offsets repeat every 400 years, and local
 * midnights, the edges of the days, weeks, months and years of
 * requirements (see prove_int.h). */
#include <stdlib.h>
#include <string.h>

#include "prove_int.h"

#define CYCLE_SECONDS ((int64_t)CYCLE_DAYS * DAY)

/* From when the offsets repeat every cycle: after the last change c of the
 * first cycle of [from, to) that has no twin c + cycle with the same
 * offsets around it (and none missing the other way). ICU goes on with a
 * zone's annual rule after its last listed change, so two cycles that
 * agree stay in step for ever after. INT64_MAX: the range holds fewer than
 * two cycles of agreement. */
static int64_t periodic_from(const Zone *z)
{
    int64_t bad = z->from;          /* periodic from here on, so far */
    for (int i = 1; i < z->n; i++) {
        int64_t twin = z->at[i] + CYCLE_SECONDS;
        if (twin >= z->to)
            break;
        int k = zone_index(z, twin);
        bool same = z->at[k] == twin && z->off[k] == z->off[i] && z->std[k] == z->std[i] &&
                    z->off[k - 1] == z->off[i - 1] && z->std[k - 1] == z->std[i - 1];
        if (!same)
            bad = z->at[i] + 1;
    }
    /* and no change of the second cycle without a twin in the first */
    for (int k = 1; k < z->n; k++) {
        int64_t twin = z->at[k] - CYCLE_SECONDS;
        if (twin < bad)
            continue;
        int i = zone_index(z, twin);
        if (z->at[i] != twin)
            bad = twin + 1;
    }
    return bad + 2 * CYCLE_SECONDS <= z->to ? bad : INT64_MAX;
}

Zone *zone_load(BkpTz *tz, const char *id, int64_t from, int64_t to)
{
    Zone *z = calloc(1, sizeof *z);
    BkpTzChange *c = NULL;
    int n = z ? bkp_tz_changes(tz, id, from, to, &c) : -1;
    if (n < 0) {
        free(z);
        return NULL;
    }
    z->id = id;
    z->from = from;
    z->to = to;
    z->at = malloc(sizeof *z->at * (size_t)(n + 1));
    z->off = malloc(sizeof *z->off * (size_t)(n + 1));
    z->std = malloc(sizeof *z->std * (size_t)(n + 1));
    if (!z->at || !z->off || !z->std) {
        free(c);
        zone_free(z);
        return NULL;
    }
    z->at[0] = from;
    z->off[0] = bkp_tz_offset(tz, id, from, NULL);
    z->std[0] = bkp_tz_std_offset(tz, id, from);
    for (int i = 0; i < n; i++) {
        z->at[i + 1] = c[i].at;
        z->off[i + 1] = c[i].offset;
        z->std[i + 1] = c[i].std_offset;
    }
    z->n = n + 1;
    free(c);
    z->std_constant = true;
    for (int i = 1; i < z->n; i++)
        z->std_constant &= z->std[i] == z->std[0];
    z->periodic_from = periodic_from(z);
    return z;
}

void zone_free(Zone *z)
{
    if (!z)
        return;
    free(z->at);
    free(z->off);
    free(z->std);
    free(z);
}

int zone_index_near(const Zone *z, int64_t t, int hint)
{
    /* mostly t is where the last question was, or one change later */
    if (hint >= 0 && hint < z->n && z->at[hint] <= t) {
        if (hint + 1 == z->n || t < z->at[hint + 1])
            return hint;
        if (hint + 2 == z->n || t < z->at[hint + 2])
            return hint + 1;
    }
    return zone_index(z, t);
}

int zone_index(const Zone *z, int64_t t)
{
    int lo = 0, hi = z->n;               /* the answer is in [lo, hi) */
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        if (z->at[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

int64_t zone_midnight(BkpTz *tz, const Zone *z, int64_t day, int *hint)
{
    /* Away from a change, the zone's clocks read 00:00 at local - offset;
     * within a day of one (a gap or an overlap is hours long), ask bkp_tz. */
    int64_t local = day * DAY;
    int i = zone_index_near(z, local - (int64_t)z->off[*hint >= 0 && *hint < z->n ? *hint : 0] * 60, *hint);
    for (int k = 0; k < 3; k++) {
        int64_t u = local - (int64_t)z->off[i] * 60;
        int j = zone_index_near(z, u, i);
        if (j == i)
            break;
        i = j;
    }
    *hint = i;
    int64_t u = local - (int64_t)z->off[i] * 60;
    bool near = (u - z->at[i] < DAY && i > 0) || (i + 1 < z->n && z->at[i + 1] - u < DAY);
    return near ? bkp_tz_local_to_utc(tz, z->id, day, 0) : u;
}
