/* render_svg.c — the estimate as a picture: a stacked area chart of the GB
 * in each tier at the end of each month, the steady state marked; a
 * standalone SVG 1.1 document any browser shows, written by hand (no
 * library). Each tier is one <path id="tier-NAME">, which tests find. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bkpc/clock.h"
#include "bkpc/textwrap.h"
#include "internal.h"

/* The canvas and the plot area in it. */
enum { W = 940, H = 480, LEFT = 80, RIGHT = W - 250, TOP = 70, BOTTOM = H - 60 };

/* Okabe-Ito colours, told apart with every kind of colour blindness. */
static const char *const colours[BKP_TIER_COUNT] = {"#e69f00", "#0072b2", "#009e73"};

/* Text content or an attribute value, escaped. */
static void esc(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out); break;
        }
    }
}

/* A round step near range/n: 1, 2 or 5 times a power of ten. */
static double nice_step(double range, int n)
{
    double raw = range / n, p = pow(10, floor(log10(raw))), f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

typedef struct Plot {
    const BkpCost *c;
    double ymax;
} Plot;

static double px(const Plot *p, int month)
{
    return LEFT + (double)(RIGHT - LEFT) * month / p->c->nmonths;
}

static double py(const Plot *p, double gb)
{
    return BOTTOM - (BOTTOM - TOP) * gb / p->ymax;
}

/* The GB of tiers below t (or up to t, if `with`) at the end of month m (0:
 * nothing stored yet). */
static double stacked(const BkpCost *c, int m, int t, bool with)
{
    double sum = 0;
    for (int k = 0; m > 0 && k < t + with; k++)
        sum += c->months[m - 1].gb[k];
    return sum;
}

static void axes(const Plot *p, FILE *out)
{
    char a[BKP_REAL_MAX], d[BKP_CLOCK_MAX];
    double ystep = nice_step(p->ymax, 5);
    fprintf(out, "<g class=\"axes\" font-size=\"12\" fill=\"#333\">\n");
    for (double v = 0; v <= p->ymax * 1.0001; v += ystep) {
        fprintf(out, "  <line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", LEFT, py(p, v), RIGHT,
                py(p, v));
        fprintf(out, "  <text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 6, py(p, v) + 4,
                bkp_fmt_real(v, 2, a, sizeof a));
    }
    int n = p->c->nmonths, xstep = n <= 12 ? 1 : n <= 36 ? 3 : n <= 120 ? 12 : n <= 600 ? 60 : 120;
    for (int m = 0; m <= n; m += xstep)
        fprintf(out, "  <text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", px(p, m), BOTTOM + 18, m);
    fprintf(out, "  <line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", LEFT, BOTTOM, RIGHT, BOTTOM);
    fprintf(out, "  <line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", LEFT, TOP, LEFT, BOTTOM);
    fprintf(out, "  <text x=\"%d\" y=\"%d\" text-anchor=\"middle\">months from %s</text>\n", (LEFT + RIGHT) / 2,
            BOTTOM + 40, bkp_fmt_date(p->c->in.start_day, d, sizeof d));
    fprintf(out, "  <text x=\"20\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 20 %d)\">GB stored</text>\n",
            (TOP + BOTTOM) / 2, (TOP + BOTTOM) / 2);
    fprintf(out, "</g>\n");
}

/* One tier: the band between the tiers below it and those up to it. */
static void area(const Plot *p, int t, FILE *out)
{
    const BkpCost *c = p->c;
    const char *name = bkp_tier_name((BkpTier)t);
    fprintf(out, "<path id=\"tier-%s\" class=\"tier\" data-tier=\"%s\" fill=\"%s\" fill-opacity=\"0.85\" "
                 "stroke=\"%s\" stroke-width=\"1\" d=\"",
            name, name, colours[t], colours[t]);
    for (int m = 0; m <= c->nmonths; m++)
        fprintf(out, "%s%.1f,%.1f", m ? " L" : "M", px(p, m), py(p, stacked(c, m, t, true)));
    for (int m = c->nmonths; m >= 0; m--)
        fprintf(out, " L%.1f,%.1f", px(p, m), py(p, stacked(c, m, t, false)));
    fprintf(out, " Z\"><title>%s: %.1f GB at steady state</title></path>\n", name, c->steady.gb[t]);
}

static void legend(const BkpCost *c, FILE *out)
{
    fprintf(out, "<g class=\"legend\" font-size=\"13\" fill=\"#333\">\n");
    for (int t = BKP_TIER_COUNT - 1, row = 0; t >= 0; t--, row++) {
        int y = TOP + 10 + row * 24;
        fprintf(out, "  <rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>\n", RIGHT + 20, y - 11,
                colours[t]);
        fprintf(out, "  <text x=\"%d\" y=\"%d\">%s, %.1f GB</text>\n", RIGHT + 40, y, bkp_tier_name((BkpTier)t),
                c->steady.gb[t]);
    }
    fprintf(out, "  <text x=\"%d\" y=\"%d\" font-size=\"11\">at steady state</text>\n", RIGHT + 20, TOP + 84);
    fprintf(out, "</g>\n");
}

static void steady(const Plot *p, FILE *out)
{
    const BkpCost *c = p->c;
    if (c->steady_month > c->nmonths) {
        fprintf(out, "<text id=\"steady-state\" x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\" "
                     "fill=\"#333\">steady state from month %d, beyond the chart</text>\n",
                RIGHT, TOP - 8, c->steady_month);
        return;
    }
    double x = px(p, c->steady_month);
    fprintf(out, "<g id=\"steady-state\" font-size=\"12\" fill=\"#333\">\n");
    fprintf(out, "  <line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c00\" stroke-width=\"1.5\" "
                 "stroke-dasharray=\"6 4\"/>\n", x, TOP - 4, x, BOTTOM);
    fprintf(out, "  <text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">steady state, month %d: %.1f GB</text>\n",
            x, TOP - 8, x > (LEFT + RIGHT) / 2 ? "end" : "start", c->steady_month,
            c->steady.gb[0] + c->steady.gb[1] + c->steady.gb[2]);
    fprintf(out, "</g>\n");
}

int bkp_cost_svg(const BkpCost *c, FILE *out)
{
    Plot p = {c, 0};
    for (int m = 1; m <= c->nmonths; m++)
        if (stacked(c, m, BKP_TIER_COUNT - 1, true) > p.ymax)
            p.ymax = stacked(c, m, BKP_TIER_COUNT - 1, true);
    if (p.ymax > 0) {
        double step = nice_step(p.ymax, 5);
        p.ymax = ceil(p.ymax / step) * step;
    } else {
        p.ymax = 1;
    }
    char a[BKP_REAL_MAX], b[BKP_REAL_MAX];
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" "
                 "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">\n", W, H, W, H);
    fprintf(out, "<title>Estimated storage of ");
    esc(out, c->policy->name);
    fprintf(out, " by tier</title>\n<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n", W, H);
    fprintf(out, "<text x=\"%d\" y=\"26\" font-size=\"17\" fill=\"#111\">Estimated storage of ", LEFT);
    esc(out, c->policy->name);
    fprintf(out, " by tier, GB</text>\n<text x=\"%d\" y=\"46\" font-size=\"12\" fill=\"#555\">An estimate (bkpc "
                 "cost, docs/cost.md): %s GB used, daily churn %s%%, %s; not a quote</text>\n",
            LEFT, bkp_fmt_real(c->in.size.vault, 2, a, sizeof a), bkp_fmt_real(c->in.churn * 100, 4, b, sizeof b),
            bkp_redundancy_name(c->in.redundancy));
    axes(&p, out);
    for (int t = 0; t < BKP_TIER_COUNT; t++)
        area(&p, t, out);
    steady(&p, out);
    legend(c, out);
    fprintf(out, "</svg>\n");
    return ferror(out) ? -1 : 0;
}
