/* render_text.c — the estimate as text for people: labelled blocks wrapped
 * at 79 columns and a table of the months. It writes the facts of BkpCost
 * and computes none; render_json.c and render_csv.c write the same. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bkpc/clock.h"
#include "bkpc/textwrap.h"
#include "internal.h"

#define WIDTH 79
#define INDENT 14

static void block(FILE *out, const char *label, const char *text)
{
    bkp_wrap(out, label, INDENT, WIDTH, text);
}

/* A number with at most `decimals` decimals: 512, 1.5, 0.0448. */
static char *num(double v, int decimals, char *buf, size_t n)
{
    return bkp_fmt_real(v, decimals, buf, n);
}

/* "USD 12.34" */
static char *money(const BkpCost *c, double v, char *buf, size_t n)
{
    snprintf(buf, n, "%s %.2f", c->prices->currency, fabs(v) < 0.005 ? 0.0 : v);
    return buf;
}

static void inputs(const BkpCost *c, const BkpCostContext *x, FILE *out)
{
    const BkpCostSizes *s = &c->in.size;
    char t[2048] = "", a[32], b[32], d[BKP_CLOCK_MAX], vm[256];
    if (x && x->vm) {
        bkp_catf(t, sizeof t, "vm %s:", bkp_printable(x->vm, vm, sizeof vm));
        for (int i = 0; i < x->ndisks; i++) {
            const BkpDisk *k = &x->disks[i];
            if (k->lun == BKP_DISK_OS)
                bkp_catf(t, sizeof t, "%s OS disk %s GB", i ? "," : "", num(k->gb, 2, a, sizeof a));
            else
                bkp_catf(t, sizeof t, "%s LUN %d %s GB", i ? "," : "", k->lun, num(k->gb, 2, a, sizeof a));
            if (!k->backed_up)
                bkp_catf(t, sizeof t, " (excluded)");
        }
        bkp_catf(t, sizeof t, "; %s GB backed up, snapshots of %s GB, a protected instance of %s GB (%s).",
                 num(s->vault, 2, a, sizeof a), num(s->snapshot, 2, b, sizeof b), num(s->instance, 2, d, sizeof d),
                 c->policy->enhanced ? "enhanced: each counts only the disks backed up"
                                     : "standard: snapshots of every disk; the instance counts every disk unless only "
                                       "the OS disk is backed up");
    } else {
        bkp_catf(t, sizeof t, "%s GB of used data backed up.", num(s->vault, 2, a, sizeof a));
    }
    bkp_catf(t, sizeof t, " Daily churn %s%%; %s vault storage; the policy runs from %s.", num(c->in.churn * 100, 4, a, sizeof a),
             bkp_redundancy_name(c->in.redundancy), bkp_fmt_date(c->in.start_day, d, sizeof d));
    block(out, "inputs", t);
}

static void prices(const BkpCost *c, const BkpCostContext *x, FILE *out)
{
    const BkpPrices *p = c->prices;
    char t[4096] = "", a[32], b[32], d[32];
    bkp_catf(t, sizeof t, "%s (%s): %s, %s, as of %s. A GB-month: snapshots %s, vault-standard %s, vault-archive %s (%s). "
                          "Protected instance a month:",
             p->name ? p->name : "unnamed", x && x->prices_file ? x->prices_file : "bundled", p->region, p->currency,
             p->date, num(cost_price(c, BKP_TIER_SNAPSHOT), 6, a, sizeof a), num(cost_price(c, BKP_TIER_STANDARD), 6, b, sizeof b),
             num(cost_price(c, BKP_TIER_ARCHIVE), 6, d, sizeof d), bkp_redundancy_name(c->in.redundancy));
    for (int i = 0; i < p->nbands; i++)
        bkp_catf(t, sizeof t, " %s up to %s GB,", num(p->bands[i].per_month, 4, a, sizeof a),
                 num(p->bands[i].up_to_gb, 2, b, sizeof b));
    size_t n = strlen(p->source);
    bkp_catf(t, sizeof t, " then %s for each started %s GB. Source: %s%s", num(p->above_per_month, 4, a, sizeof a),
             num(p->above_per_gb, 2, b, sizeof b), p->source, n && p->source[n - 1] == '.' ? "" : ".");
    if (p->illustrative)
        bkp_catf(t, sizeof t, " These prices are illustrative: check them before relying on the figures.");
    block(out, "prices", t);
}

static void backups(const BkpCost *c, FILE *out)
{
    char t[256];
    const char *per = c->weekly ? "week" : "day";
    if (c->snapshots == c->vault_points)
        snprintf(t, sizeof t, "%d snapshot%s a %s, each then stored in the vault.", c->snapshots,
                 c->snapshots == 1 ? "" : "s", per);
    else
        snprintf(t, sizeof t, "%d snapshots a %s; the last of each window is stored in the vault (bkpc "
                              "explain-rule B12).", c->snapshots, per);
    block(out, "backups", t);
}

/* The months the text shows: the first year, then every 12th, the steady
 * state and the last. */
static bool shown(const BkpCost *c, int m)
{
    return m <= 12 || m % 12 == 0 || m == c->steady_month || m == c->nmonths;
}

static void months(const BkpCost *c, FILE *out)
{
    char d[BKP_CLOCK_MAX];
    bool skipped = false;
    fprintf(out, "\nstored at the end of each month, GB, and its cost a month, %s:\n", c->prices->currency);
    fprintf(out, "  %5s  %-10s  %9s  %14s  %13s  %10s\n", "month", "end", "snapshot", "vault-standard",
            "vault-archive", "cost");
    for (int m = 1; m <= c->nmonths; m++) {
        if (!shown(c, m)) {
            skipped = true;
            continue;
        }
        const BkpCostState *s = &c->months[m - 1];
        fprintf(out, "  %5d  %-10s  %9.1f  %14.1f  %13.1f  %10.2f%s\n", m, bkp_fmt_date(s->day, d, sizeof d),
                s->gb[BKP_TIER_SNAPSHOT], s->gb[BKP_TIER_STANDARD], s->gb[BKP_TIER_ARCHIVE], s->total,
                m == c->steady_month ? "  steady state" : "");
    }
    if (skipped)
        fprintf(out, "  (after the first year every 12th month; every month: --format csv or json)\n");
    fputc('\n', out);
}

/* One line of the steady state: what, then "= amount" in a column. */
static void priced(FILE *out, const char *what, double amount)
{
    fprintf(out, "%-*s%-50s = %10.2f\n", INDENT, "", what, amount);
}

static void steady(const BkpCost *c, FILE *out)
{
    const BkpCostState *s = &c->steady;
    char d[BKP_CLOCK_MAX], a[32], w[128];
    snprintf(w, sizeof w, "from month %d (%s), when every retention rule is full%s:", c->steady_month,
             bkp_fmt_date(s->day, d, sizeof d), c->steady_month > c->nmonths ? ", after the table" : "");
    block(out, "steady state", w);
    for (int t = 0; t < BKP_TIER_COUNT; t++) {
        snprintf(w, sizeof w, "%-14s %5zu point%s %10.1f GB x %-7s", bkp_tier_name((BkpTier)t), s->points[t],
                 s->points[t] == 1 ? " " : "s", s->gb[t], num(cost_price(c, (BkpTier)t), 6, a, sizeof a));
        priced(out, w, s->cost[t]);
    }
    snprintf(w, sizeof w, "protected instance of %s GB", num(c->in.size.instance, 2, a, sizeof a));
    priced(out, w, s->instance_fee);
    snprintf(w, sizeof w, "total, %s a month", c->prices->currency);
    priced(out, w, s->total);
}

/* What tiering does at steady state, compared with the alternative: the
 * policy's archive against archive never, or archive never against
 * archive recommended (what it would do). */
static void tiering(const BkpCost *c, FILE *out)
{
    const BkpPolicy *p = c->policy;
    char t[2048] = "", a[48], b[48], g[32], h[48];
    if (!c->has_alt) {
        block(out, "tiering", "archive never: only monthly and yearly points can move to vault-archive, and this "
                              "policy keeps none.");
        return;
    }
    bool own = c->alt_mode == BKP_ARCHIVE_NEVER;          /* the policy archives */
    const BkpCostState *on = own ? &c->steady : &c->alt, *off = own ? &c->alt : &c->steady;
    if (p->archive == BKP_ARCHIVE_AFTER)
        bkp_catf(t, sizeof t, "archive after %d months (%s):", p->archive_months, bkp_azure_tiering(p->archive));
    else if (own)
        bkp_catf(t, sizeof t, "archive recommended (%s), counting every eligible point as moved:",
                 bkp_azure_tiering(p->archive));
    else
        bkp_catf(t, sizeof t, "archive never (%s): nothing moves. With archive recommended (every eligible point "
                              "moved),", bkp_azure_tiering(p->archive));
    if (!on->points[BKP_TIER_ARCHIVE]) {
        bkp_catf(t, sizeof t, " no point %s at steady state: none has %d months of retention left once old "
                              "enough.", own ? "moves" : "would move", BKP_ARCHIVE_MIN_LEFT_MONTHS);
        block(out, "tiering", t);
        return;
    }
    double saves = cost_archive_saves(c);
    const char *verb = saves >= 0 ? (own ? "saves" : "would save") : (own ? "costs" : "would cost");
    bkp_catf(t, sizeof t, " at steady state %zu points %s in vault-archive, each a full copy of %s GB, and %.1f GB "
                          "in vault-standard instead of %.1f GB %s: %s a month instead of %s, so archiving %s %s a "
                          "month%s.",
             on->points[BKP_TIER_ARCHIVE], own ? "are" : "would be", num(c->in.size.vault, 2, g, sizeof g),
             on->gb[BKP_TIER_STANDARD], off->gb[BKP_TIER_STANDARD], own ? "with archive never" : "without",
             money(c, on->total, a, sizeof a), money(c, off->total, b, sizeof b), verb,
             money(c, fabs(saves), h, sizeof h),
             saves >= 0 ? "" : " more (with little churn a full copy in vault-archive costs more than the changes "
                               "it replaces in vault-standard)");
    if (p->archive == BKP_ARCHIVE_RECOMMENDED || !own)
        bkp_catf(t, sizeof t, " Azure moves only the points its recommendation expects to save money%s.",
                 saves >= 0 ? ", so it may move fewer and save less" : ": with this churn, fewer or none");
    block(out, "tiering", t);
}

static void not_modelled(FILE *out)
{
    char t[2048] = "";
    for (int i = 0; i < cost_not_modelled_count; i++)
        bkp_catf(t, sizeof t, "%s%s", i ? "; " : "", cost_not_modelled[i]);
    bkp_catf(t, sizeof t, ". See docs/cost.md.");
    block(out, "not modelled", t);
}

int bkp_cost_text(const BkpCost *c, const BkpCostContext *x, FILE *out)
{
    char a[48], t[256];
    fprintf(out, "cost of %s: an estimate from a model (docs/cost.md), not a quote\n\n", c->policy->name);
    inputs(c, x, out);
    prices(c, x, out);
    backups(c, out);
    months(c, out);
    steady(c, out);
    tiering(c, out);
    snprintf(t, sizeof t, "%s over the %d month%s of the table (each month priced at the storage at its end).",
             money(c, c->horizon_total, a, sizeof a), c->nmonths, c->nmonths == 1 ? "" : "s");
    block(out, "horizon", t);
    not_modelled(out);
    return fflush(out) != 0 || ferror(out) ? -1 : 0;
}
