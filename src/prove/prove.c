/* prove.c — the prover's front door (include/bkpc/prove.h): the zones it
 * has loaded, the proofs it has made (a fleet of policies made from a few
 * templates asks the same questions many times), and the requirements of a
 * program proved one after the other. */
#include <stdlib.h>
#include <string.h>

#include "prove_int.h"

#define YEAR_SECONDS ((int64_t)366 * DAY)

/* A proof made, by what it depends on: the policy's values that the
 * interpreter reads, and the requirement. */
typedef struct Key {
    BkpPolicy p;                /* name, origin, links and the values no proof reads: zero */
    BkpReqKind kind;
    BkpPeriod period;
    BkpReqTier tier;
    BkpLength span;
    int rpo_hours;
} Key;

typedef struct Cached {
    Key key;
    BkpProof proof;
    bool used;
} Cached;

struct BkpProver {
    BkpTz *tz;
    int64_t t0;
    Zone **zones;
    int nzones;
    Cached *cache;              /* open addressing, a power of two */
    size_t cap, n;
};

BkpProver *bkp_prover_new(BkpTz *tz)
{
    BkpProver *pv = calloc(1, sizeof *pv);
    if (!pv)
        return NULL;
    pv->tz = tz;
    pv->t0 = bkp_days_from_civil(BKP_PROVE_FROM_YEAR, 1, 1) * DAY;
    return pv;
}

void bkp_prover_free(BkpProver *pv)
{
    if (!pv)
        return;
    for (int i = 0; i < pv->nzones; i++)
        zone_free(pv->zones[i]);
    free(pv->zones);
    free(pv->cache);
    free(pv);
}

/* The zone over the range any proof from t0 may need: its longest
 * retention (99 years) back, two cycles and that retention ahead. */
static const Zone *zone(BkpProver *pv, const char *id)
{
    for (int i = 0; i < pv->nzones; i++)
        if (strcmp(pv->zones[i]->id, id) == 0)
            return pv->zones[i];
    Zone **v = realloc(pv->zones, sizeof *v * (size_t)(pv->nzones + 1));
    if (!v)
        return NULL;
    pv->zones = v;
    Zone *z = zone_load(pv->tz, id, pv->t0 - 101 * YEAR_SECONDS,
                        pv->t0 + 2 * (int64_t)CYCLE_DAYS * DAY + 101 * YEAR_SECONDS);
    if (z)
        pv->zones[pv->nzones++] = z;
    return z;
}

static void make_key(Key *k, const BkpPolicy *p, const BkpRequire *r)
{
    memset(k, 0, sizeof *k);
    memcpy(&k->p, p, sizeof *p);
    k->p.name = NULL;
    k->p.origin = NULL;
    k->p.next = NULL;
    k->p.requirements = NULL;
    k->p.snapshot_rg_prefix = k->p.snapshot_rg_suffix = NULL;
    k->p.crash_consistent = false;
    k->kind = r->kind;
    k->period = r->period;
    k->tier = r->tier;
    k->span = r->span;
    k->rpo_hours = r->rpo_hours;
}

static size_t hash(const Key *k)
{
    size_t h = 1469598103934665603u;
    const unsigned char *b = (const unsigned char *)k;
    for (size_t i = 0; i < sizeof *k; i++)
        h = (h ^ b[i]) * 1099511628211u;
    return h;
}

static Cached *slot(BkpProver *pv, const Key *k)
{
    if (2 * (pv->n + 1) > pv->cap) {
        size_t cap = pv->cap ? 2 * pv->cap : 64;
        Cached *v = calloc(cap, sizeof *v);
        if (!v)
            return NULL;
        for (size_t i = 0; i < pv->cap; i++) {
            if (!pv->cache[i].used)
                continue;
            size_t j = hash(&pv->cache[i].key) & (cap - 1);
            while (v[j].used)
                j = (j + 1) & (cap - 1);
            v[j] = pv->cache[i];
        }
        free(pv->cache);
        pv->cache = v;
        pv->cap = cap;
    }
    size_t j = hash(k) & (pv->cap - 1);
    while (pv->cache[j].used && memcmp(&pv->cache[j].key, k, sizeof *k) != 0)
        j = (j + 1) & (pv->cap - 1);
    return &pv->cache[j];
}

static int run(BkpProver *pv, const BkpPolicy *p, const BkpRequire *r, int years, bool reference, BkpProof *out)
{
    memset(out, 0, sizeof *out);
    out->holds = true;
    const Zone *z = zone(pv, p->timezone);
    if (!z)
        return -1;
    Plan pl;
    if (plan_init(&pl, pv->tz, p, z, pv->t0, years) != 0)
        return -1;
    out->first = pl.t0;
    out->end = pl.t1;
    int rc = 0;
    switch (r->kind) {
    case BKP_REQ_POINTS: rc = prove_points(&pl, r, reference, out); break;
    case BKP_REQ_SNAPSHOTS: rc = prove_snapshots(&pl, r, reference, out); break;
    case BKP_REQ_RPO: rc = prove_rpo(&pl, r, reference, out); break;
    }
    plan_free(&pl);
    return rc;
}

int bkp_prove_require(BkpProver *pv, const BkpPolicy *p, const BkpRequire *r, BkpProof *out)
{
    Key k;
    make_key(&k, p, r);
    Cached *c = slot(pv, &k);
    if (c && c->used) {
        *out = c->proof;
        return 0;
    }
    int rc = run(pv, p, r, 0, false, out);
    if (rc == 0 && c) {
        c->key = k;
        c->proof = *out;
        c->used = true;
        pv->n++;
    }
    return rc;
}

int bkp_prove_reference(BkpProver *pv, const BkpPolicy *p, const BkpRequire *r, int years, BkpProof *out)
{
    return run(pv, p, r, years, true, out);
}

int bkp_prove_years(BkpProver *pv, const BkpPolicy *p, const BkpRequire *r, int years, BkpProof *out)
{
    return run(pv, p, r, years, false, out);
}

int bkp_prove(BkpCtx *ctx, const BkpProgram *prog)
{
    BkpProver *pv = NULL;
    int failed = 0;
    for (const BkpPolicy *p = prog->policies; p; p = p->next) {
        for (const BkpRequire *r = p->requirements; r; r = r->next) {
            if (!pv && !(pv = bkp_prover_new(bkp_ctx_tz(ctx))))
                return -1;
            BkpProof pf;
            if (bkp_prove_require(pv, p, r, &pf) != 0) {
                bkp_prover_free(pv);
                return -1;
            }
            if (!pf.holds) {
                report_failure(ctx, pv, p, r, &pf);
                failed++;
            }
        }
    }
    bkp_prover_free(pv);
    return failed;
}
