/* prices.c — price tables: the bundled one (data/prices.json, compiled in)
 * and the user's (--prices FILE), read from JSON with jansson; every error
 * names the JSON path of the value (docs/cost.md gives the schema). */
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/cost.h"
#include "bkpc/misspell.h"
#include "prices.inc"

const char *bkp_redundancy_name(BkpRedundancy r)
{
    static const char *const names[BKP_REDUNDANCY_COUNT] = {"LRS", "ZRS", "GRS", "RA-GRS"};
    return (unsigned)r < BKP_REDUNDANCY_COUNT ? names[r] : "?";
}

/* Where the parser is: the error buffer. */
typedef struct Parse {
    char *err;
    size_t errn;
} Parse;

static int fail(Parse *ps, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(Parse *ps, const char *path, const char *fmt, ...)
{
    if (!ps->err || !ps->errn)
        return -1;
    int n = snprintf(ps->err, ps->errn, "%s: ", path);
    if (n < 0 || (size_t)n >= ps->errn)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ps->err + n, ps->errn - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

/* path + key: `$.a.b`, or `$.a['vault-standard']` for a key that is not
 * an identifier. */
static char *member(const char *path, const char *key, char *buf, size_t n)
{
    bool ident = (key[0] < '0' || key[0] > '9') && key[0];
    for (const char *c = key; *c && ident; c++)
        ident = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_';
    snprintf(buf, n, ident ? "%s.%s" : "%s['%s']", path, key);
    return buf;
}

/* An object whose keys are all among `keys`. */
static int known_keys(Parse *ps, const json_t *o, const char *path, const char *const *keys, size_t n)
{
    if (!json_is_object(o))
        return fail(ps, path, "must be an object");
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)o, k, v) {
        size_t i = 0;
        while (i < n && strcmp(k, keys[i]) != 0)
            i++;
        if (i < n)
            continue;
        char p[256];
        const char *near = bkp_closest(k, keys, n);
        if (near)
            return fail(ps, member(path, k, p, sizeof p), "unknown key; did you mean '%s'?", near);
        return fail(ps, member(path, k, p, sizeof p), "unknown key");
    }
    return 0;
}

/* A required member. */
static const json_t *need(Parse *ps, const json_t *o, const char *path, const char *key, const char *what)
{
    const json_t *v = json_object_get(o, key);
    if (!v) {
        char p[256];
        fail(ps, member(path, key, p, sizeof p), "missing: %s", what);
    }
    return v;
}

static int text(Parse *ps, const json_t *o, const char *path, const char *key, const char *what, char **out)
{
    const json_t *v = need(ps, o, path, key, what);
    if (!v)
        return -1;
    char p[256];
    if (!json_is_string(v) || !json_string_value(v)[0])
        return fail(ps, member(path, key, p, sizeof p), "must be a non-empty string: %s", what);
    *out = strdup(json_string_value(v));
    return *out ? 0 : fail(ps, path, "out of memory");
}

/* A number >= min (> min if strict). */
static int number(Parse *ps, const json_t *v, const char *path, double min, bool strict, double *out)
{
    if (!json_is_number(v))
        return fail(ps, path, "must be a number");
    double d = json_number_value(v);
    if (!isfinite(d) || d < min || (strict && d == min))
        return fail(ps, path, "must be a number %s %g, not %g", strict ? "above" : "of at least", min, d);
    *out = d;
    return 0;
}

static const char tiers_what[] =
    "the price of a GB-month in each tier: snapshot (a number), vault-standard and vault-archive "
    "(an object with a price for each redundancy: LRS, ZRS, GRS, RA-GRS)";

/* vault-standard or vault-archive: {"LRS": 0.0224, ...}; a redundancy it
 * does not give stays -1 (bkp_prices_check). */
static int vault_tier(Parse *ps, const json_t *tiers, const char *path, BkpTier t, BkpPrices *out)
{
    const char *names[BKP_REDUNDANCY_COUNT];
    for (int r = 0; r < BKP_REDUNDANCY_COUNT; r++)
        names[r] = bkp_redundancy_name((BkpRedundancy)r);
    char p[256], q[256];
    const json_t *o = need(ps, tiers, path, bkp_tier_name(t), tiers_what);
    if (!o || known_keys(ps, o, member(path, bkp_tier_name(t), p, sizeof p), names, BKP_REDUNDANCY_COUNT))
        return -1;
    for (int r = 0; r < BKP_REDUNDANCY_COUNT; r++) {
        const json_t *v = json_object_get(o, names[r]);
        if (v && number(ps, v, member(p, names[r], q, sizeof q), 0, false, &out->per_gb[t][r]))
            return -1;
    }
    return 0;
}

static int per_gb_month(Parse *ps, const json_t *root, BkpPrices *out)
{
    static const char *const keys[] = {"snapshot", "vault-standard", "vault-archive"};
    const char *path = "$.per_gb_month";
    const json_t *o = need(ps, root, "$", "per_gb_month", tiers_what);
    if (!o || known_keys(ps, o, path, keys, 3))
        return -1;
    char p[256];
    const json_t *s = need(ps, o, path, "snapshot", "the price of a GB-month of snapshots (a number)");
    double snap;
    if (!s || number(ps, s, member(path, "snapshot", p, sizeof p), 0, false, &snap))
        return -1;
    for (int r = 0; r < BKP_REDUNDANCY_COUNT; r++)
        out->per_gb[BKP_TIER_SNAPSHOT][r] = snap;
    return vault_tier(ps, o, path, BKP_TIER_STANDARD, out) || vault_tier(ps, o, path, BKP_TIER_ARCHIVE, out) ? -1 : 0;
}

static const char bands_what[] =
    "the protected-instance fee: \"bands\" (an array of {\"up_to_gb\", \"per_month\"}, sizes rising) and "
    "\"above\" ({\"per_gb\", \"per_month\"}: the fee for each started per_gb above the last band)";

static int band(Parse *ps, const json_t *b, const char *path, double floor, BkpPriceBand *out)
{
    static const char *const keys[] = {"up_to_gb", "per_month"};
    char p[256];
    if (known_keys(ps, b, path, keys, 2))
        return -1;
    const json_t *up = need(ps, b, path, "up_to_gb", bands_what), *fee = need(ps, b, path, "per_month", bands_what);
    if (!up || !fee || number(ps, up, member(path, "up_to_gb", p, sizeof p), floor, true, &out->up_to_gb))
        return -1;
    return number(ps, fee, member(path, "per_month", p, sizeof p), 0, false, &out->per_month);
}

static int instance(Parse *ps, const json_t *root, BkpPrices *out)
{
    static const char *const keys[] = {"bands", "above"}, *const above_keys[] = {"per_gb", "per_month"};
    const char *path = "$.protected_instance";
    char p[256];
    const json_t *o = need(ps, root, "$", "protected_instance", bands_what);
    if (!o || known_keys(ps, o, path, keys, 2))
        return -1;
    const json_t *bands = need(ps, o, path, "bands", bands_what), *above = need(ps, o, path, "above", bands_what);
    if (!bands || !above)
        return -1;
    if (!json_is_array(bands) || json_array_size(bands) == 0 || json_array_size(bands) > BKP_PRICE_BANDS_MAX)
        return fail(ps, "$.protected_instance.bands", "must be an array of 1 to %d bands", BKP_PRICE_BANDS_MAX);
    for (size_t i = 0; i < json_array_size(bands); i++) {
        snprintf(p, sizeof p, "$.protected_instance.bands[%zu]", i);
        if (band(ps, json_array_get(bands, i), p, i ? out->bands[i - 1].up_to_gb : 0, &out->bands[i]))
            return -1;
        out->nbands++;
    }
    const json_t *gb, *fee;
    if (known_keys(ps, above, "$.protected_instance.above", above_keys, 2) ||
        !(gb = need(ps, above, "$.protected_instance.above", "per_gb", bands_what)) ||
        !(fee = need(ps, above, "$.protected_instance.above", "per_month", bands_what)))
        return -1;
    return number(ps, gb, "$.protected_instance.above.per_gb", 0, true, &out->above_per_gb) ||
           number(ps, fee, "$.protected_instance.above.per_month", 0, false, &out->above_per_month) ? -1 : 0;
}

static int table(Parse *ps, const json_t *root, BkpPrices *out)
{
    static const char *const keys[] = {"name", "region", "currency", "date", "source", "illustrative",
                                       "per_gb_month", "protected_instance"};
    if (known_keys(ps, root, "$", keys, sizeof keys / sizeof keys[0]))
        return -1;
    const json_t *name = json_object_get(root, "name"), *ill = json_object_get(root, "illustrative");
    if (name && (!json_is_string(name) || !json_string_value(name)[0]))
        return fail(ps, "$.name", "must be a non-empty string");
    if (name && !(out->name = strdup(json_string_value(name))))
        return fail(ps, "$", "out of memory");
    if (ill && !json_is_boolean(ill))
        return fail(ps, "$.illustrative", "must be true or false");
    out->illustrative = ill && json_is_true(ill);
    if (text(ps, root, "$", "region", "the region the prices are for (\"West Europe\")", &out->region) ||
        text(ps, root, "$", "currency", "the currency of every price (\"USD\", \"EUR\")", &out->currency) ||
        text(ps, root, "$", "date", "when the prices were taken (\"2026-12-01\")", &out->date) ||
        text(ps, root, "$", "source", "where the prices were taken from", &out->source))
        return -1;
    return per_gb_month(ps, root, out) || instance(ps, root, out) ? -1 : 0;
}

int bkp_prices_parse(const char *src, size_t len, BkpPrices *out, char *err, size_t errn)
{
    memset(out, 0, sizeof *out);
    for (int t = 0; t < BKP_TIER_COUNT; t++)
        for (int r = 0; r < BKP_REDUNDANCY_COUNT; r++)
            out->per_gb[t][r] = -1;
    Parse ps = {err, errn};
    json_error_t je;
    json_t *root = json_loadb(src, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        char where[64];
        snprintf(where, sizeof where, "line %d, column %d", je.line, je.column);
        return fail(&ps, where, "not valid JSON: %s", je.text);
    }
    int rc = table(&ps, root, out);
    json_decref(root);
    return rc;
}

int bkp_prices_bundled(BkpPrices *out, char *err, size_t errn)
{
    return bkp_prices_parse(bundled_prices, sizeof bundled_prices - 1, out, err, errn);
}

int bkp_prices_check(const BkpPrices *p, BkpRedundancy r, char *err, size_t errn)
{
    Parse ps = {err, errn};
    for (int t = BKP_TIER_STANDARD; t < BKP_TIER_COUNT; t++)
        if (p->per_gb[t][r] < 0) {
            char a[128], b[128];
            member("$.per_gb_month", bkp_tier_name((BkpTier)t), a, sizeof a);
            return fail(&ps, member(a, bkp_redundancy_name(r), b, sizeof b),
                        "missing: the price of a GB-month in %s for %s storage (the redundancy asked for)",
                        bkp_tier_name((BkpTier)t), bkp_redundancy_name(r));
        }
    return 0;
}

void bkp_prices_free(BkpPrices *p)
{
    free(p->name);
    free(p->region);
    free(p->currency);
    free(p->date);
    free(p->source);
    memset(p, 0, sizeof *p);
}

double bkp_prices_instance(const BkpPrices *p, double gb)
{
    for (int i = 0; i < p->nbands; i++)
        if (gb <= p->bands[i].up_to_gb)
            return p->bands[i].per_month;
    return ceil(gb / p->above_per_gb) * p->above_per_month;
}
