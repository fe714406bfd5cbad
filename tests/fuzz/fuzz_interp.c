/* fuzz_interp.c — the interpreter (interp.h) on the inputs that check:
 * explain, next and simulate, each rendered as text and as JSON.
 *
 * The first line of an input may give the instants and counts (fuzz.h,
 * "#@ at=... since=... from=... n=... p=..."); the instant defaults to
 * FUZZ_DEFAULT_AT. Simulations are bounded: `since` at most
 * FUZZ_SIM_SPAN_DAYS before `at` (a later `since` is refused, as the
 * command line refuses it), and the default start (every tier full,
 * decades for a long yearly rule) is walked by bkp_sim_each only up to
 * FUZZ_SIM_POINTS points.
 *
 * Properties: the JSON renderings are JSON; `next` lists at most n backups,
 * at or after `from`, in time order, each kept at least by its snapshot;
 * the points of a simulation were taken between `since` and `at`, oldest
 * first, and each still exists at `at`. */
#include <string.h>

#include "fuzz.h"

enum { FUZZ_SIM_SPAN_DAYS = 800, FUZZ_SIM_POINTS = 400, FUZZ_NEXT_MAX = 300 };

/* result rendered by both renderers; the JSON must be one value. */
static void render(const void *result, int (*text)(const void *, FILE *), int (*json)(const void *, FILE *),
                   const char *what)
{
    FuzzOut o;
    fuzz_out_open(&o);
    FUZZ_CHECK(text(result, o.f) == 0, "%s: the text renderer failed", what);
    fuzz_out_free(&o);
    fuzz_out_open(&o);
    FUZZ_CHECK(json(result, o.f) == 0, "%s: the JSON renderer failed", what);
    fuzz_out_close(&o);
    FUZZ_CHECK(fuzz_json_stream(o.buf, o.len, what) == 1, "%s: not one JSON value", what);
    fuzz_out_free(&o);
}

/* The renderers, with the argument type render() passes. */
static int explain_text(const void *r, FILE *f) { return bkp_explain_text(r, f); }
static int explain_json(const void *r, FILE *f) { return bkp_explain_json(r, f); }
static int next_text(const void *r, FILE *f) { return bkp_next_text(r, f); }
static int next_json(const void *r, FILE *f) { return bkp_next_json(r, f); }
static int sim_text(const void *r, FILE *f) { return bkp_sim_text(r, f); }
static int sim_json(const void *r, FILE *f) { return bkp_sim_json(r, f); }

/* The backups of next as they come: after `from`, in time order, kept as
 * snapshots. */
typedef struct NextSeen {
    int64_t from, last;
    int i;
} NextSeen;

static int next_seen(const BkpNextBackup *x, void *ctx)
{
    NextSeen *s = ctx;
    const BkpBackup *b = &x->b;
    FUZZ_CHECK(b->utc >= s->from, "next: backup %d at %lld is before from %lld", s->i, (long long)b->utc,
               (long long)s->from);
    FUZZ_CHECK(s->i == 0 || b->utc > s->last, "next: backup %d at %lld is not after the one before (%lld)",
               s->i, (long long)b->utc, (long long)s->last);
    FUZZ_CHECK(b->why & 1u << BKP_WHY_SNAPSHOT, "next: backup %d is not kept as a snapshot", s->i);
    s->last = b->utc;
    s->i++;
    return 0;
}

static void next(BkpTz *tz, const BkpPolicy *p, int64_t from, long n)
{
    if (n > FUZZ_NEXT_MAX)
        n = FUZZ_NEXT_MAX;
    if (n < -1)
        n = -1;
    BkpNext x;
    bkp_next(tz, p, from, (int)n, &x);
    NextSeen seen = {from, 0, 0};
    int count;
    bkp_next_each(&x, next_seen, &seen, &count);
    FUZZ_CHECK(count >= 0 && count <= (n > 0 ? n : 0), "next: %d backups of %ld", count, n);
    FUZZ_CHECK(bkp_next_count(&x) == count, "next: bkp_next_count %d, bkp_next_each %d", bkp_next_count(&x),
               count);
    render(&x, next_text, next_json, "next");
}

static void sim_points(const BkpSim *sim)
{
    for (size_t i = 0; i < sim->npoints; i++) {
        const BkpPoint *pt = &sim->points[i];
        FUZZ_CHECK(pt->b.utc <= sim->at && pt->b.utc >= sim->since, "simulate: point %zu taken at %lld, "
                   "outside [%lld, %lld]", i, (long long)pt->b.utc, (long long)sim->since, (long long)sim->at);
        FUZZ_CHECK(pt->expires > sim->at, "simulate: point %zu expired at %lld, before %lld", i,
                   (long long)pt->expires, (long long)sim->at);
        FUZZ_CHECK(i == 0 || pt->b.utc >= sim->points[i - 1].b.utc, "simulate: point %zu is older than the one "
                   "before", i);
        FUZZ_CHECK(pt->tiers != 0 && pt->why != 0, "simulate: point %zu is in no tier, or kept by no rule", i);
    }
}

/* Stops bkp_sim_each after FUZZ_SIM_POINTS points. */
static int enough(void *ctx, const BkpPoint *pt)
{
    (void)pt;
    return ++*(int *)ctx > FUZZ_SIM_POINTS;
}

static void simulate(BkpTz *tz, const BkpPolicy *p, int64_t at, const char *since_text)
{
    int64_t since = fuzz_time(tz, p, since_text, at - 90 * 86400);
    if (since > at)
        return;
    if (at - since > FUZZ_SIM_SPAN_DAYS * INT64_C(86400))
        since = at - FUZZ_SIM_SPAN_DAYS * INT64_C(86400);
    BkpSim sim;
    FUZZ_CHECK(bkp_simulate(tz, p, at, &since, &sim) == 0, "bkp_simulate: out of memory");
    sim_points(&sim);
    render(&sim, sim_text, sim_json, "simulate");
    bkp_sim_free(&sim);
    int seen = 0;
    bkp_sim_each(tz, p, at, NULL, &sim, enough, &seen);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzParams par;
    fuzz_params(data, size, &par);
    FuzzUnit u;
    fuzz_compile(&u, "fuzz.bkp", data, size);
    const BkpPolicy *p = fuzz_policy(u.prog, par.pick);
    BkpTz *tz = p ? bkp_ctx_tz(&u.ctx) : NULL;
    if (tz) {
        int64_t at = fuzz_time(tz, p, par.at, FUZZ_DEFAULT_AT);
        BkpExplain e;
        bkp_explain(tz, p, at, &e);
        render(&e, explain_text, explain_json, "explain");
        next(tz, p, fuzz_time(tz, p, par.from, at), par.n);
        simulate(tz, p, at, par.since);
    }
    fuzz_unit_free(&u);
    return 0;
}
