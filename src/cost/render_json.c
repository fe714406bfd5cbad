/* render_json.c — the estimate as JSON for programs, streamed with the
 * JSON writer (jsonw.h); the facts of render_text.c, every month of them.
 * docs/cost.md describes the keys. */
#include "bkpc/clock.h"
#include "bkpc/jsonw.h"
#include "internal.h"

/* Sizes in GB to the MB, money to a hundredth of a cent, prices as given. */
#define GB_DECIMALS 3
#define MONEY_DECIMALS 4
#define PRICE_DECIMALS 6

static void key_date(JsonW *w, const char *key, int64_t day)
{
    char d[BKP_CLOCK_MAX];
    jw_key_str(w, key, bkp_fmt_date(day, d, sizeof d));
}

static void inputs(JsonW *w, const BkpCost *c, const BkpCostContext *x)
{
    jw_key(w, "inputs");
    jw_obj(w);
    jw_key(w, "gb");
    jw_obj(w);
    jw_key_real(w, "vault", c->in.size.vault, GB_DECIMALS);
    jw_key_real(w, "snapshot", c->in.size.snapshot, GB_DECIMALS);
    jw_key_real(w, "protected_instance", c->in.size.instance, GB_DECIMALS);
    jw_end_obj(w);
    jw_key(w, "vm");
    if (x && x->vm) {
        jw_obj(w);
        jw_key_str(w, "name", x->vm);
        jw_key(w, "disks");
        jw_arr(w);
        for (int i = 0; i < x->ndisks; i++) {
            jw_obj(w);
            jw_key(w, "lun");
            if (x->disks[i].lun == BKP_DISK_OS)
                jw_str(w, "os");
            else
                jw_int(w, x->disks[i].lun);
            jw_key_real(w, "used_gb", x->disks[i].gb, GB_DECIMALS);
            jw_key_bool(w, "backed_up", x->disks[i].backed_up);
            jw_end_obj(w);
        }
        jw_end_arr(w);
        jw_end_obj(w);
    } else {
        jw_null(w);
    }
    jw_key_real(w, "churn_percent", c->in.churn * 100, 4);
    jw_key_str(w, "redundancy", bkp_redundancy_name(c->in.redundancy));
    key_date(w, "start", c->in.start_day);
    jw_key_int(w, "months", c->nmonths);
    jw_end_obj(w);
}

static void prices(JsonW *w, const BkpCost *c, const BkpCostContext *x)
{
    const BkpPrices *p = c->prices;
    jw_key(w, "prices");
    jw_obj(w);
    jw_key_str(w, "file", x ? x->prices_file : NULL);
    jw_key_str(w, "name", p->name);
    jw_key_str(w, "region", p->region);
    jw_key_str(w, "currency", p->currency);
    jw_key_str(w, "date", p->date);
    jw_key_str(w, "source", p->source);
    jw_key_bool(w, "illustrative", p->illustrative);
    jw_key(w, "per_gb_month");
    jw_obj(w);
    for (int t = 0; t < BKP_TIER_COUNT; t++)
        jw_key_real(w, bkp_tier_name((BkpTier)t), cost_price(c, (BkpTier)t), PRICE_DECIMALS);
    jw_end_obj(w);
    jw_key(w, "protected_instance");
    jw_obj(w);
    jw_key(w, "bands");
    jw_arr(w);
    for (int i = 0; i < p->nbands; i++) {
        jw_obj(w);
        jw_key_real(w, "up_to_gb", p->bands[i].up_to_gb, GB_DECIMALS);
        jw_key_real(w, "per_month", p->bands[i].per_month, MONEY_DECIMALS);
        jw_end_obj(w);
    }
    jw_end_arr(w);
    jw_key(w, "above");
    jw_obj(w);
    jw_key_real(w, "per_gb", p->above_per_gb, GB_DECIMALS);
    jw_key_real(w, "per_month", p->above_per_month, MONEY_DECIMALS);
    jw_end_obj(w);
    jw_end_obj(w);
    jw_end_obj(w);
}

/* {"month": 3, "end": "2027-04-01", "tiers": {...}, "protected_instance": 20, "total": 31.5} */
static void state(JsonW *w, const BkpCostState *s)
{
    jw_obj(w);
    jw_key_int(w, "month", s->month);
    key_date(w, "end", s->day);
    jw_key(w, "tiers");
    jw_obj(w);
    for (int t = 0; t < BKP_TIER_COUNT; t++) {
        jw_key(w, bkp_tier_name((BkpTier)t));
        jw_obj(w);
        jw_key_int(w, "points", (int64_t)s->points[t]);
        jw_key_real(w, "gb", s->gb[t], GB_DECIMALS);
        jw_key_real(w, "cost", s->cost[t], MONEY_DECIMALS);
        jw_end_obj(w);
    }
    jw_end_obj(w);
    jw_key_real(w, "protected_instance", s->instance_fee, MONEY_DECIMALS);
    jw_key_real(w, "total", s->total, MONEY_DECIMALS);
    jw_end_obj(w);
}

static void tiering(JsonW *w, const BkpCost *c)
{
    jw_key(w, "tiering");
    jw_obj(w);
    jw_key_str(w, "mode", bkp_azure_tiering(c->policy->archive));
    jw_key_bool(w, "archive_assumed", c->archive_assumed);
    jw_key_str(w, "compared_with", c->has_alt ? bkp_azure_tiering(c->alt_mode) : NULL);
    jw_key(w, "compared");
    if (c->has_alt)
        state(w, &c->alt);
    else
        jw_null(w);
    jw_key(w, "archiving_saves_per_month");
    if (c->has_alt)
        jw_real(w, cost_archive_saves(c), MONEY_DECIMALS);
    else
        jw_null(w);
    jw_end_obj(w);
}

int bkp_cost_json(const BkpCost *c, const BkpCostContext *x, FILE *out)
{
    JsonW w;
    jw_init_file(&w, out, JW_UTF8);
    jw_obj(&w);
    jw_key_bool(&w, "estimate", true);
    jw_key_str(&w, "model", "docs/cost.md");
    jw_key_str(&w, "policy", c->policy->name);
    inputs(&w, c, x);
    prices(&w, c, x);
    jw_key(&w, "backups");
    jw_obj(&w);
    jw_key_str(&w, "per", c->weekly ? "week" : "day");
    jw_key_int(&w, "snapshots", c->snapshots);
    jw_key_int(&w, "to_vault", c->vault_points);
    jw_end_obj(&w);
    jw_key(&w, "months");
    jw_arr(&w);
    for (int m = 0; m < c->nmonths; m++)
        state(&w, &c->months[m]);
    jw_end_arr(&w);
    jw_key_int(&w, "steady_month", c->steady_month);
    jw_key(&w, "steady_state");
    state(&w, &c->steady);
    tiering(&w, c);
    jw_key_real(&w, "horizon_total", c->horizon_total, MONEY_DECIMALS);
    jw_key(&w, "not_modelled");
    jw_arr(&w);
    for (int i = 0; i < cost_not_modelled_count; i++)
        jw_str(&w, cost_not_modelled[i]);
    jw_end_arr(&w);
    jw_end_obj(&w);
    jw_raw(&w, "\n", 1);
    return jw_finish(&w);
}
