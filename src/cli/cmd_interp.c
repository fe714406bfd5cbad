/* cmd_interp.c — `bkpc explain`, `bkpc next`, `bkpc simulate`: the
 * interpreter's commands. This file parses the options, calls the
 * interpreter (src/interp/) and one of its renderers, text or JSON. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bkpc/interp.h"
#include "cli.h"
#include "opts.h"

static const char explain_help[] =
    "usage: bkpc explain [--policy NAME] [--at TIME] [--format text|json] FILE\n"
    "\n"
    "The policy in plain English: what it promises (how far back you can restore,\n"
    "and how precisely), its type, its schedule in its time zone and in UTC,\n"
    "backups per day, the worst-case data loss (RPO) of each kind of point, how\n"
    "long each kind is kept, vault-archive tiering, and every default it used.\n"
    "\n"
    "  -p, --policy NAME  the policy to explain (needed when FILE has several)\n"
    "      --at TIME      the date whose time-zone offsets and daylight-saving\n"
    "                     period are shown (default: now)\n"
    "  -f, --format FMT   text (default) or json, with the same facts\n"
    "  -h, --help         show this help\n"
    "\n"
    "TIME is YYYY-MM-DD or YYYY-MM-DDTHH:MM in the policy's time zone, or either\n"
    "followed by Z for UTC (2026-03-08T02:30Z). See docs/semantics.md.\n"
    "Exit status: 0 done, 1 errors in FILE, 2 usage or I/O error.\n";

static const char next_help[] =
    "usage: bkpc next [--policy NAME] [-n N] [--from TIME] [--format text|json] FILE\n"
    "\n"
    "The next N backups of a policy, in its time zone and in UTC, marking the\n"
    "ones transferred to the vault (for hourly schedules, the last of each\n"
    "day's window) and the retention rules that will keep each one.\n"
    "\n"
    "  -p, --policy NAME  the policy (needed when FILE has several)\n"
    "  -n, --count N      how many backups, 1 to 10000 (default 10)\n"
    "      --from TIME    start at TIME (default: now); a backup at exactly\n"
    "                     TIME is listed\n"
    "  -f, --format FMT   text (default) or json, with the same facts\n"
    "  -h, --help         show this help\n"
    "\n"
    "TIME is YYYY-MM-DD or YYYY-MM-DDTHH:MM in the policy's time zone, or either\n"
    "followed by Z for UTC (2026-03-08T02:30Z).\n"
    "Azure does not move backups for daylight saving time: while DST is in force\n"
    "the clock time of a backup differs from the written time; such rows are\n"
    "marked * (see docs/semantics.md).\n"
    "Exit status: 0 done, 1 errors in FILE, 2 usage or I/O error.\n";

static const char simulate_help[] =
    "usage: bkpc simulate --at TIME [--since TIME] [--policy NAME] [--format text|json] FILE\n"
    "\n"
    "Every recovery point that exists at TIME if the policy had been running\n"
    "since --since: when it was taken (time zone and UTC), the tiers it is in\n"
    "(snapshot, vault-standard, vault-archive), when it expires, and why it is\n"
    "kept (snapshot, daily, weekly, monthly, yearly; one point can have several\n"
    "reasons). A summary counts the points in each tier: in steady state, the\n"
    "figures that drive cost.\n"
    "\n"
    "      --at TIME      the instant to look at (required)\n"
    "      --since TIME   when the policy started (default: long enough before\n"
    "                     --at that every retention rule is full)\n"
    "  -p, --policy NAME  the policy (needed when FILE has several)\n"
    "  -f, --format FMT   text (default) or json, with the same facts\n"
    "  -h, --help         show this help\n"
    "\n"
    "TIME is YYYY-MM-DD or YYYY-MM-DDTHH:MM in the policy's time zone, or either\n"
    "followed by Z for UTC (2026-03-08T02:30Z). See docs/semantics.md for how\n"
    "Azure turns a policy into recovery points.\n"
    "Exit status: 0 done, 1 errors in FILE, 2 usage or I/O error.\n";

enum { OPT_HELP, OPT_POLICY, OPT_FORMAT, OPT_AT, OPT_FROM, OPT_SINCE, OPT_COUNT };

typedef enum { CMD_EXPLAIN, CMD_NEXT, CMD_SIMULATE } Cmd;

typedef struct Args {
    Cmd cmd;
    const char *name;           /* command name */
    const char *file, *policy;
    bool json;
    const char *at, *from, *since;
    long count;
} Args;

/* --- the commands ----------------------------------------------------------------- */

static const CliOpt options[] = {
    {'h', "help", false, OPT_HELP},   {'p', "policy", true, OPT_POLICY}, {'f', "format", true, OPT_FORMAT},
    {0, "at", true, OPT_AT},          {0, "from", true, OPT_FROM},       {0, "since", true, OPT_SINCE},
    {'n', "count", true, OPT_COUNT},
};

static bool allowed(Cmd cmd, int id)
{
    switch (id) {
    case OPT_AT: return cmd == CMD_EXPLAIN || cmd == CMD_SIMULATE;
    case OPT_FROM: return cmd == CMD_NEXT;
    case OPT_SINCE: return cmd == CMD_SIMULATE;
    case OPT_COUNT: return cmd == CMD_NEXT;
    default: return true;
    }
}

/* TIME's syntax, checked before the file is read (the zone comes later). */
static bool time_syntax_ok(const char *s)
{
    BkpPolicy utc;
    memset(&utc, 0, sizeof utc);
    utc.timezone = "UTC";
    int64_t t;
    return bkp_interp_parse_time(NULL, &utc, s, &t) == 0;
}

static int parse_args(Args *a, int argc, char **argv)
{
    static const char *const helps[3] = {explain_help, next_help, simulate_help};
    CliOpts o;
    cli_opts_init(&o, a->name, argc, argv);
    CliOpt mine[sizeof options / sizeof options[0]];
    int nopts = 0;
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        if (allowed(a->cmd, options[i].id))
            mine[nopts++] = options[i];
    for (int id; (id = cli_opts_next(&o, mine, nopts)) != CLI_OPT_END;) {
        switch (id) {
        case OPT_HELP: fputs(helps[a->cmd], stdout); return -1;
        case OPT_POLICY: a->policy = o.value; break;
        case OPT_FORMAT:
            if (strcmp(o.value, "text") == 0)
                a->json = false;
            else if (strcmp(o.value, "json") == 0)
                a->json = true;
            else
                return cli_usage_error(a->name, "unknown format '%s' (text or json)", o.value);
            break;
        case OPT_AT: a->at = o.value; break;
        case OPT_FROM: a->from = o.value; break;
        case OPT_SINCE: a->since = o.value; break;
        case OPT_COUNT:
            if (!cli_parse_uint(o.value, BKP_NEXT_MAX, &a->count) || a->count < 1)
                return cli_usage_error(a->name, "-n wants a number from 1 to %d, not '%s'", BKP_NEXT_MAX, o.value);
            break;
        case CLI_OPT_ARG:
            if (a->file)
                return cli_usage_error(a->name, "one input file at a time");
            a->file = o.value;
            break;
        default: return EXIT_USAGE;    /* CLI_OPT_ERROR: reported */
        }
    }
    if (!a->file)
        return cli_usage_error(a->name, "no input file");
    if (a->cmd == CMD_SIMULATE && !a->at)
        return cli_usage_error(a->name, "--at TIME is required");
    const char *times[3] = {a->at, a->from, a->since};
    const char *names[3] = {"--at", "--from", "--since"};
    for (int i = 0; i < 3; i++)
        if (times[i] && !time_syntax_ok(times[i]))
            return cli_usage_error(a->name,
                                   "%s wants YYYY-MM-DD or YYYY-MM-DDTHH:MM (policy time zone), or either "
                                   "with a final Z (UTC); years %d-%d; not '%s'",
                                   names[i], BKP_TIME_MIN_YEAR, BKP_TIME_MAX_YEAR, times[i]);
    return EXIT_CLEAN;
}

static int out_of_memory(void)
{
    fprintf(stderr, "bkpc: out of memory\n");
    return EXIT_USAGE;
}

/* The interpreter's result for the command, rendered to standard output.
 * A write error leaves ferror(stdout) set: run() reports it. */
static int render(const Args *a, BkpTz *tz, const BkpPolicy *p, int64_t at, int64_t from, const int64_t *since)
{
    if (a->cmd == CMD_EXPLAIN) {
        BkpExplain e;
        bkp_explain(tz, p, at, &e);
        (a->json ? bkp_explain_json : bkp_explain_text)(&e, stdout);
    } else if (a->cmd == CMD_NEXT) {
        BkpNext n;
        bkp_next(tz, p, from, (int)a->count, &n);
        if ((a->json ? bkp_next_json : bkp_next_text)(&n, stdout) != 0 && !ferror(stdout))
            return out_of_memory();                                 /* streamed */
    } else if (a->json) {
        if (bkp_sim_json_each(tz, p, at, since, stdout) != 0 && !ferror(stdout))
            return out_of_memory();                                 /* streamed */
    } else {
        BkpSim sim;
        if (bkp_simulate(tz, p, at, since, &sim) != 0)
            return out_of_memory();
        bkp_sim_text(&sim, stdout);
        bkp_sim_free(&sim);
    }
    return EXIT_CLEAN;
}

static int run(Cmd cmd, const char *name, int argc, char **argv)
{
    Args a;
    memset(&a, 0, sizeof a);
    a.cmd = cmd;
    a.name = name;
    a.count = 10;
    int status = parse_args(&a, argc, argv);
    if (status < 0)
        return EXIT_CLEAN;       /* --help */
    if (status != EXIT_CLEAN)
        return status;

    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    BkpSource *src = NULL;
    BkpProgram *prog = cli_load(&ctx, a.file, &src, &status);
    const BkpPolicy *p = prog ? cli_pick_policy(prog, a.policy, &status) : NULL;
    if (!p) {
        if (!prog && status == EXIT_ERRORS)
            fprintf(stderr, "bkpc: %u error%s\n", ctx.diags.errors, ctx.diags.errors == 1 ? "" : "s");
        bkp_ctx_free(&ctx);
        bkp_source_free(src);
        return status;
    }
    BkpTz *tz = bkp_ctx_tz(&ctx);
    int64_t now = (int64_t)time(NULL);
    int64_t at = now, from = now, since = 0;
    if (a.at)
        bkp_interp_parse_time(tz, p, a.at, &at);
    if (a.from)
        bkp_interp_parse_time(tz, p, a.from, &from);
    if (a.since)
        bkp_interp_parse_time(tz, p, a.since, &since);

    if (cmd == CMD_SIMULATE && a.since && since > at)
        status = cli_usage_error(name, "--since %s is after --at %s", a.since, a.at);
    else
        status = render(&a, tz, p, at, from, a.since ? &since : NULL);
    if (status == EXIT_CLEAN && (fflush(stdout) != 0 || ferror(stdout))) {
        fprintf(stderr, "bkpc: cannot write standard output: %s\n", strerror(errno ? errno : EIO));
        status = EXIT_USAGE;
    }
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
    return status;
}

int cmd_explain(int argc, char **argv)
{
    return run(CMD_EXPLAIN, "explain", argc, argv);
}

int cmd_next(int argc, char **argv)
{
    return run(CMD_NEXT, "next", argc, argv);
}

int cmd_simulate(int argc, char **argv)
{
    return run(CMD_SIMULATE, "simulate", argc, argv);
}
