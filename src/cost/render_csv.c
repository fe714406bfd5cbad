/* render_csv.c — the estimate as CSV for spreadsheets: a header, then one
 * row a month (RFC 4180's quoting; lines end with LF). Rows from the
 * steady state on have `steady` 1; every row names the price table. */
#include <string.h>

#include "bkpc/clock.h"
#include "internal.h"

/* A field, quoted if it needs to be. */
static void field(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

int bkp_cost_csv(const BkpCost *c, const BkpCostContext *x, FILE *out)
{
    char table[512];
    snprintf(table, sizeof table, "%s (%s)", c->prices->name ? c->prices->name : "unnamed",
             x && x->prices_file ? x->prices_file : "bundled");
    fprintf(out, "month,end");
    for (int t = 0; t < BKP_TIER_COUNT; t++) {
        char name[32];
        snprintf(name, sizeof name, "%s", bkp_tier_name((BkpTier)t));
        for (char *p = name; *p; p++)
            *p = *p == '-' ? '_' : *p;
        fprintf(out, ",%s_points,%s_gb,%s_cost", name, name, name);
    }
    fprintf(out, ",protected_instance_fee,estimated_total,currency,steady,price_table\n");
    for (int m = 0; m < c->nmonths; m++) {
        const BkpCostState *s = &c->months[m];
        char d[BKP_CLOCK_MAX];
        fprintf(out, "%d,%s", s->month, bkp_fmt_date(s->day, d, sizeof d));
        for (int t = 0; t < BKP_TIER_COUNT; t++)
            fprintf(out, ",%zu,%.3f,%.4f", s->points[t], s->gb[t], s->cost[t]);
        fprintf(out, ",%.4f,%.4f,", s->instance_fee, s->total);
        field(out, c->prices->currency);
        fprintf(out, ",%d,", s->month >= c->steady_month);
        field(out, table);
        fputc('\n', out);
    }
    return fflush(out) != 0 || ferror(out) ? -1 : 0;
}
