/* cmd_cost.c — `bkpc cost`: what a policy stores and costs. This file reads
 * the options, the price table and the policy, calls the cost model
 * (src/cost/) and one of its renderers; the chart goes to its own file. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "bkpc/civil.h"
#include "bkpc/cost.h"
#include "bkpc/textwrap.h"
#include "cli.h"
#include "opts.h"

static const char cost_help[] =
    "usage: bkpc cost FILE [--policy NAME] --used SIZE --churn RATE [--redundancy R]\n"
    "                 [--prices FILE] [--months N] [--start DATE] [--format FMT]\n"
    "                 [--chart FILE.svg]\n"
    "       bkpc cost FILE --vm NAME --disk os=SIZE [--disk LUN=SIZE]... --churn RATE ...\n"
    "\n"
    "An estimate of what a policy stores and costs: GB in each tier (snapshot,\n"
    "vault-standard, vault-archive) at the end of each month until steady state,\n"
    "the steady state, the protected-instance fee, and what archive tiering saves\n"
    "or costs compared with archive never. The model (docs/cost.md) uses the\n"
    "recovery points bkpc simulate finds; it ignores compression, deduplication\n"
    "and block granularity. An estimate, not a quote.\n"
    "\n"
    "  -p, --policy NAME     the policy (needed when FILE has several)\n"
    "      --used SIZE       used size of the disks backed up: 512G, 2T, 1.5T (G or T,\n"
    "                        Azure's GB and TB: 1T = 1024G; M for MB)\n"
    "      --vm NAME         instead of --used: the VM of a `protect vm NAME` of FILE,\n"
    "                        whose policy and excluded or included disks count\n"
    "      --disk LUN=SIZE   with --vm, the used size of each disk of the VM: os=SIZE\n"
    "                        for the OS disk, 0=SIZE... for data disks (repeat it)\n"
    "      --churn RATE      daily churn: the share of the used data written each day,\n"
    "                        0% to 100% (2%)\n"
    "      --redundancy R    the vault's storage: LRS, ZRS, GRS (default) or RA-GRS\n"
    "      --prices FILE     a price table in JSON (docs/cost.md); default: the bundled\n"
    "                        table, illustrative list prices\n"
    "      --months N        the months shown, 1 to 1200 (default: until steady state)\n"
    "      --start DATE      the first day the policy runs, YYYY-MM-DD (default: today)\n"
    "  -f, --format FMT      text (default), json or csv (one row a month)\n"
    "      --chart FILE.svg  also write a chart of the GB in each tier over time\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0 done, 1 errors in FILE, 2 usage or I/O error.\n";

enum { OPT_HELP, OPT_POLICY, OPT_USED, OPT_VM, OPT_DISK, OPT_CHURN, OPT_REDUNDANCY, OPT_PRICES, OPT_MONTHS,
       OPT_START, OPT_FORMAT, OPT_CHART };

typedef enum { FMT_TEXT, FMT_JSON, FMT_CSV } Format;

#define MAX_DISKS 65              /* the OS disk and LUNs 0-63 */
#define MAX_GB (4096.0 * 1024)    /* 4096T: more than any VM has */

typedef struct Args {
    const char *file, *policy, *vm, *prices, *chart, *used_text;
    double used, churn;
    bool have_used, have_churn;
    BkpRedundancy redundancy;
    long months;
    bool have_start, help;
    int64_t start_day;
    Format format;
    BkpDisk disks[MAX_DISKS];
    int ndisks;
} Args;

static const char cmd[] = "cost";

/* --- values --------------------------------------------------------------------------- */

/* A decimal number, digits with at most one point (12, 1.5): its value,
 * and where it ends; -1 if s does not start with one. */
static double decimal(const char *s, const char **end)
{
    size_t n = strspn(s, "0123456789."), dots = 0;
    for (size_t i = 0; i < n; i++)
        dots += s[i] == '.';
    *end = s + n;
    if (!n || dots > 1 || !isdigit((unsigned char)s[0]) || n > 20)
        return -1;
    char buf[32];
    snprintf(buf, sizeof buf, "%.*s", (int)n, s);
    return strtod(buf, NULL);
}

/* A size: a decimal number and a unit M, G or T (MB, GB, TB, MiB...). */
static int parse_size(const char *opt, const char *s, double *gb)
{
    if (*s == '-')
        return cli_usage_error(cmd, "%s %s: a size cannot be negative", opt, s);
    const char *end;
    double v = decimal(s, &end);
    static const struct { const char *unit; double gb; } units[] = {
        {"M", 1.0 / 1024}, {"MB", 1.0 / 1024}, {"MiB", 1.0 / 1024}, {"G", 1}, {"GB", 1},
        {"GiB", 1}, {"T", 1024}, {"TB", 1024}, {"TiB", 1024},
    };
    double mul = 0;
    for (size_t i = 0; v >= 0 && i < sizeof units / sizeof units[0]; i++)
        if (strcasecmp(end, units[i].unit) == 0)
            mul = units[i].gb;
    if (mul == 0)
        return cli_usage_error(cmd, "%s wants a size such as 512G or 2T (M, G or T; 1T = 1024G), not '%s'", opt, s);
    *gb = v * mul;
    if (*gb <= 0)
        return cli_usage_error(cmd, "%s %s: the used size must be more than 0", opt, s);
    if (*gb > MAX_GB)
        return cli_usage_error(cmd, "%s %s: at most 4096T", opt, s);
    return EXIT_CLEAN;
}

static int parse_churn(const char *s, double *out)
{
    const char *end;
    double v = decimal(s + (*s == '-'), &end);
    if (v < 0 || strcmp(end, "%") != 0)
        return cli_usage_error(cmd, "--churn wants the share of the used data written each day, such as 2%% "
                                    "(0%% to 100%%), not '%s'", s);
    if (*s == '-' && v > 0)
        return cli_usage_error(cmd, "--churn %s: a churn cannot be negative", s);
    if (v > 100)
        return cli_usage_error(cmd, "--churn %s: over 100%% is impossible; at most all of the data changes in a day", s);
    *out = v / 100;
    return EXIT_CLEAN;
}

/* os=SIZE or LUN=SIZE */
static int parse_disk(Args *a, const char *s)
{
    const char *eq = strchr(s, '=');
    long lun;
    char l[16];
    snprintf(l, sizeof l, "%.*s", eq ? (int)(eq - s) : 0, s);
    if (!eq || (strcasecmp(l, "os") != 0 && !cli_parse_uint(l, 63, &lun)))
        return cli_usage_error(cmd, "--disk wants os=SIZE or LUN=SIZE with a LUN from 0 to 63 (0=512G), not '%s'", s);
    if (a->ndisks == MAX_DISKS)
        return cli_usage_error(cmd, "--disk: at most %d disks", MAX_DISKS);
    BkpDisk *d = &a->disks[a->ndisks];
    d->lun = strcasecmp(l, "os") == 0 ? BKP_DISK_OS : (int)lun;
    int rc = parse_size("--disk", eq + 1, &d->gb);
    a->ndisks += rc == EXIT_CLEAN;
    return rc;
}

static int parse_start(const char *s, int64_t *day)
{
    int y, m, d, n = 0;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || y < BKP_TIME_MIN_YEAR ||
        y > BKP_TIME_MAX_YEAR - 200 || m < 1 || m > 12 || d < 1 || d > bkp_days_in_month(y, m))
        return cli_usage_error(cmd, "--start wants a date YYYY-MM-DD (years %d-%d), not '%s'", BKP_TIME_MIN_YEAR,
                               BKP_TIME_MAX_YEAR - 200, s);
    *day = bkp_days_from_civil(y, m, d);
    return EXIT_CLEAN;
}

static int parse_redundancy(const char *s, BkpRedundancy *out)
{
    const char *names[BKP_REDUNDANCY_COUNT];
    for (int r = 0; r < BKP_REDUNDANCY_COUNT; r++)
        names[r] = bkp_redundancy_name((BkpRedundancy)r);
    char up[16];
    size_t i = 0;
    for (; s[i] && i + 1 < sizeof up; i++)
        up[i] = (char)toupper((unsigned char)s[i]);
    up[i] = 0;
    int r = cli_choice(cmd, "redundancy", strlen(s) < sizeof up ? up : s, names, BKP_REDUNDANCY_COUNT);
    *out = (BkpRedundancy)r;
    return r < 0 ? EXIT_USAGE : EXIT_CLEAN;
}

/* --- options ---------------------------------------------------------------------------- */

static const CliOpt options[] = {
    {'h', "help", false, OPT_HELP},        {'p', "policy", true, OPT_POLICY},   {0, "used", true, OPT_USED},
    {0, "vm", true, OPT_VM},               {0, "disk", true, OPT_DISK},         {0, "churn", true, OPT_CHURN},
    {0, "redundancy", true, OPT_REDUNDANCY}, {0, "prices", true, OPT_PRICES}, {0, "months", true, OPT_MONTHS},
    {0, "start", true, OPT_START},         {'f', "format", true, OPT_FORMAT},   {0, "chart", true, OPT_CHART},
};

static int option(Args *a, int id, const char *v)
{
    static const char *const formats[] = {"text", "json", "csv"};
    int f;
    switch (id) {
    case OPT_POLICY: a->policy = v; return EXIT_CLEAN;
    case OPT_USED: a->have_used = true; a->used_text = v; return parse_size("--used", v, &a->used);
    case OPT_VM: a->vm = v; return EXIT_CLEAN;
    case OPT_DISK: return parse_disk(a, v);
    case OPT_CHURN: a->have_churn = true; return parse_churn(v, &a->churn);
    case OPT_REDUNDANCY: return parse_redundancy(v, &a->redundancy);
    case OPT_PRICES: a->prices = v; return EXIT_CLEAN;
    case OPT_MONTHS:
        if (!cli_parse_uint(v, BKP_COST_MAX_MONTHS, &a->months) || a->months < 1)
            return cli_usage_error(cmd, "--months wants a number from 1 to %d, not '%s'", BKP_COST_MAX_MONTHS, v);
        return EXIT_CLEAN;
    case OPT_START: a->have_start = true; return parse_start(v, &a->start_day);
    case OPT_FORMAT:
        f = cli_choice(cmd, "format", v, formats, 3);
        a->format = (Format)f;
        return f < 0 ? EXIT_USAGE : EXIT_CLEAN;
    case OPT_CHART:
        if (!*v || strcmp(v, "-") == 0)
            return cli_usage_error(cmd, "--chart wants a file name (FILE.svg)");
        a->chart = v;
        return EXIT_CLEAN;
    default: return EXIT_USAGE;
    }
}

/* The combinations the options allow. */
static int check_args(const Args *a)
{
    if (!a->file)
        return cli_usage_error(cmd, "no input file");
    if (a->vm && a->have_used)
        return cli_usage_error(cmd, "--used and --vm exclude each other: --vm takes the size of each disk (--disk)");
    if (a->ndisks && !a->vm)
        return cli_usage_error(cmd, "--disk needs --vm NAME: the VM whose disks they are");
    if (a->vm && !a->ndisks)
        return cli_usage_error(cmd, "--vm needs the used size of each disk: --disk os=SIZE --disk 0=SIZE ...");
    if (!a->vm && !a->have_used)
        return cli_usage_error(cmd, "--used SIZE is required (or --vm NAME with --disk LUN=SIZE)");
    if (!a->have_churn)
        return cli_usage_error(cmd, "--churn RATE is required: the share of the used data written each day (2%%)");
    return EXIT_CLEAN;
}

static int parse_args(Args *a, int argc, char **argv)
{
    CliOpts o;
    cli_opts_init(&o, cmd, argc, argv);
    for (int id; (id = cli_opts_next(&o, options, sizeof options / sizeof options[0])) != CLI_OPT_END;) {
        int rc;
        if (id == OPT_HELP) {
            fputs(cost_help, stdout);
            a->help = true;
            return EXIT_CLEAN;
        } else if (id == CLI_OPT_ARG) {
            if (a->file)
                return cli_usage_error(cmd, "one input file at a time");
            a->file = o.value;
        } else if (id == CLI_OPT_ERROR) {
            return EXIT_USAGE;
        } else if ((rc = option(a, id, o.value)) != EXIT_CLEAN) {
            return rc;
        }
    }
    return check_args(a);
}

/* --- running ------------------------------------------------------------------------- */

/* The price table: --prices FILE, or the bundled one; and whether it has
 * the prices of the redundancy asked for. */
static int load_prices(const Args *a, BkpPrices *prices)
{
    char err[512];
    int rc;
    memset(prices, 0, sizeof *prices);
    if (a->prices) {
        int status = EXIT_CLEAN;
        BkpSource *src = cli_read(a->prices, &status);
        if (!src)
            return status;
        rc = bkp_prices_parse(src->text, src->len, prices, err, sizeof err);
        bkp_source_free(src);
    } else {
        rc = bkp_prices_bundled(prices, err, sizeof err);
    }
    if (rc == 0)
        rc = bkp_prices_check(prices, a->redundancy, err, sizeof err);
    if (rc != 0) {
        fprintf(stderr, "bkpc cost: %s: %s\n", a->prices ? a->prices : "the bundled price table", err);
        return EXIT_USAGE;
    }
    return EXIT_CLEAN;
}

/* The protect of FILE for --vm (Azure's VM names ignore case). */
static const BkpProtect *find_vm(const BkpProgram *prog, const char *vm)
{
    for (const BkpProtect *pr = prog->protects; pr; pr = pr->next)
        if (strcasecmp(pr->vm, vm) == 0)
            return pr;
    char name[256];
    fprintf(stderr, "bkpc cost: %s protects no VM named `%s`", prog->src->name, bkp_printable(vm, name, sizeof name));
    for (const BkpProtect *pr = prog->protects; pr; pr = pr->next)
        fprintf(stderr, "%s%s", pr == prog->protects ? " (it protects " : ", ", bkp_printable(pr->vm, name, sizeof name));
    fprintf(stderr, "%s\n", prog->protects ? ")" : "");
    return NULL;
}

/* The policy, and the sizes the estimate starts from; *vm: the VM's name
 * as the file spells it. */
static const BkpPolicy *pick(const Args *a, const BkpProgram *prog, BkpCostInput *in, BkpDisk *disks,
                             const char **vm, int *status)
{
    if (!a->vm) {
        in->size.vault = in->size.snapshot = in->size.instance = a->used;
        return cli_pick_policy(prog, a->policy, status);
    }
    const BkpProtect *pr = find_vm(prog, a->vm);
    *status = EXIT_USAGE;
    if (!pr)
        return NULL;
    if (a->policy && strcmp(a->policy, pr->policy->name) != 0) {
        char name[256];
        fprintf(stderr, "bkpc cost: `%s` is protected with policy `%s`, not `%s`; leave out --policy\n",
                bkp_printable(pr->vm, name, sizeof name), pr->policy->name, a->policy);
        return NULL;
    }
    char err[256];
    if (bkp_cost_disks(pr->policy, pr, disks, a->ndisks, &in->size, err, sizeof err) != 0) {
        char name[256];
        fprintf(stderr, "bkpc cost: --vm %s: %s (give every disk of the VM: --disk os=SIZE --disk LUN=SIZE)\n",
                bkp_printable(pr->vm, name, sizeof name), err);
        return NULL;
    }
    *status = EXIT_CLEAN;
    *vm = pr->vm;
    return pr->policy;
}

/* The chart (if asked for), then the estimate on standard output; the
 * chart file appears only when both are written. */
static int render(const Args *a, const BkpCost *c, const BkpCostContext *x)
{
    CliOut chart = {0};
    if (a->chart && (cli_out_open(&chart, a->chart) != 0 || bkp_cost_svg(c, chart.f) != 0 ||
                     cli_out_close(&chart) != 0)) {
        cli_out_abort(&chart);
        return EXIT_USAGE;
    }
    int rc = a->format == FMT_JSON ? bkp_cost_json(c, x, stdout)
           : a->format == FMT_CSV  ? bkp_cost_csv(c, x, stdout) : bkp_cost_text(c, x, stdout);
    if (rc != 0 || fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "bkpc: cannot write standard output: %s\n", strerror(errno ? errno : EIO));
        cli_out_abort(&chart);
        return EXIT_USAGE;
    }
    return a->chart && cli_out_commit(&chart) != 0 ? EXIT_USAGE : EXIT_CLEAN;
}

static int estimate(const Args *a, BkpCtx *ctx, const BkpProgram *prog, const BkpPrices *prices)
{
    int status = EXIT_CLEAN;
    BkpCostInput in = {.churn = a->churn, .redundancy = a->redundancy, .months = (int)a->months};
    BkpDisk disks[MAX_DISKS];
    memcpy(disks, a->disks, sizeof disks);
    const char *vm = NULL;
    const BkpPolicy *p = pick(a, prog, &in, disks, &vm, &status);
    if (!p)
        return status;
    BkpTz *tz = bkp_ctx_tz(ctx);
    in.start_day = a->have_start ? a->start_day : bkp_interp_day_of(tz, p, (int64_t)time(NULL));
    BkpCost c;
    if (bkp_cost(tz, p, &in, prices, &c) != 0) {
        fprintf(stderr, "bkpc: out of memory\n");
        return EXIT_USAGE;
    }
    BkpCostContext x = {a->prices, vm, disks, a->ndisks};
    status = render(a, &c, &x);
    bkp_cost_free(&c);
    return status;
}

int cmd_cost(int argc, char **argv)
{
    Args a;
    memset(&a, 0, sizeof a);
    a.redundancy = BKP_REDUNDANCY_DEFAULT;
    int status = parse_args(&a, argc, argv);
    if (status != EXIT_CLEAN || a.help)
        return status;
    BkpPrices prices;
    if ((status = load_prices(&a, &prices)) != EXIT_CLEAN) {
        bkp_prices_free(&prices);
        return status;
    }
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    BkpSource *src = NULL;
    BkpProgram *prog = cli_load(&ctx, a.file, &src, &status);
    if (prog)
        status = estimate(&a, &ctx, prog, &prices);
    else if (status == EXIT_ERRORS)
        fprintf(stderr, "bkpc: %u error%s\n", ctx.diags.errors, ctx.diags.errors == 1 ? "" : "s");
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
    bkp_prices_free(&prices);
    return status;
}
