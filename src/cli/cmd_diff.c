/* cmd_diff.c — `bkpc diff [--at TIME] [--format text|json] [--fail-on-loss]
 * OLD NEW`: what changing OLD's policies into NEW's does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bkpc/diag_text.h"
#include "bkpc/diff.h"
#include "bkpc/import.h"
#include "cli.h"
#include "opts.h"

static const char help[] =
    "usage: bkpc diff [--at TIME] [--format text|json] [--fail-on-loss] OLD NEW\n"
    "\n"
    "What changing the policies of OLD into those of NEW does. Each side is a\n"
    ".bkp file or JSON that `bkpc import` reads (a REST body, az or PowerShell\n"
    "output, an ARM template), so `bkpc diff deployed.json policy.bkp` checks\n"
    "what is deployed against the file. Policies are matched by name: added,\n"
    "removed, changed; for a changed one, every field that differs, old → new,\n"
    "what Azure refuses (standard <-> enhanced needs a new policy), and its\n"
    "effect on the recovery points that exist at TIME, as Azure applies a\n"
    "changed policy: the points deleted at once (by kind, oldest and newest),\n"
    "those whose expiry moves, what it does to vault-archive (points there\n"
    "stay; early deletions are billed; moves at once, earlier, later, no longer,\n"
    "newly), and when the change has fully taken effect.\n"
    "Vaults are matched by name, resource group and subscription, protects by VM\n"
    "and resource group: a VM newly protected, no longer protected, moved to\n"
    "another policy (with that policy's effect on its points) or vault, or with\n"
    "other disks; a vault holding other policies; only when both sides are .bkp\n"
    "files with a vault or protect statement (a file of policies alone, or\n"
    "JSON, does not say which VMs they protect; vaults are also compared when\n"
    "both sides have one). Layout,\n"
    "comments and how values are written are not differences.\n"
    "\n"
    "  --at TIME            when the change is made (default: now): YYYY-MM-DD or\n"
    "                       YYYY-MM-DDTHH:MM in the time zone of OLD's first\n"
    "                       policy, or either followed by Z for UTC\n"
    "  -f, --format FORMAT  text (default) or json\n"
    "  --fail-on-loss       exit 1 only when recovery points would be deleted at\n"
    "                       once, a change is refused, or a VM is no longer\n"
    "                       protected (for CI gates)\n"
    "  -h, --help           show this help\n"
    "\n"
    "Exit status, as diff(1): 0 the same, 1 different (with --fail-on-loss:\n"
    "points lost, a change refused or a VM unprotected), 2 usage error, I/O\n"
    "error, or a side with errors.\n";

enum { OPT_HELP, OPT_AT, OPT_FORMAT, OPT_FAIL };
static const CliOpt options[] = {
    {'h', "help", false, OPT_HELP},
    {0, "at", true, OPT_AT},
    {'f', "format", true, OPT_FORMAT},
    {0, "fail-on-loss", false, OPT_FAIL},
};

/* One side of the diff, read and checked. */
typedef struct Side {
    BkpSource *src, *text;       /* the file; for JSON, its policies as .bkp */
    BkpImport im;
    BkpProgram *prog;
} Side;

/* Reads and checks one side; false when it cannot be read or has errors. */
static bool load(BkpCtx *ctx, const char *path, Side *s)
{
    memset(s, 0, sizeof *s);
    bkp_import_init(&s->im, ctx, (int64_t)time(NULL));
    int status;
    if (!(s->src = cli_read(path, &status)))
        return false;
    if (!bkp_import_is_json(s->src))
        return (s->prog = bkp_compile(ctx, s->src)) != NULL;
    if (bkp_import_read(&s->im, s->src) < 0)
        return false;
    char *name = malloc(strlen(s->src->name) + 16);
    if (!name)
        return false;
    sprintf(name, "%s (as .bkp)", s->src->name);
    s->prog = bkp_import_check(&s->im, name, &s->text);
    free(name);
    return s->prog != NULL;
}

static void unload(Side *s)
{
    bkp_import_free(&s->im);
    bkp_source_free(s->text);
    bkp_source_free(s->src);
}

/* What is compared besides policies. A side says where policies are
 * deployed when it is a .bkp file with a vault or protect statement; a
 * file of policies alone, or JSON (policies, and the vault their ids name),
 * does not say which VMs they protect. Protects are compared when both
 * sides say; vaults then, or when both sides have one. */
static bool deploys(const Side *s)
{
    return !s->text && (s->prog->vault || s->prog->protects);
}

static unsigned scope(const Side side[2])
{
    if (deploys(&side[0]) && deploys(&side[1]))
        return BKP_DIFF_ALL;
    return side[0].prog->vault && side[1].prog->vault ? BKP_DIFF_VAULTS : 0;
}

/* --at, in the zone of the first policy of `prog` (UTC without one). */
static int parse_at(BkpTz *tz, const BkpProgram *prog, const char *s, int64_t *at)
{
    BkpPolicy utc = {.timezone = "UTC"};
    return bkp_interp_parse_time(tz, prog->policies ? prog->policies : &utc, s, at);
}

static int run(const char *paths[2], const char *at_text, bool json, bool fail_on_loss)
{
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    Side side[2];
    bool ok = load(&ctx, paths[0], &side[0]);
    ok = load(&ctx, paths[1], &side[1]) && ok;
    bkp_diags_print(&ctx.diags, stderr);
    int status = EXIT_USAGE;
    int64_t at = (int64_t)time(NULL);
    BkpTz *tz = bkp_ctx_tz(&ctx);
    BkpDiff d = {0};
    if (!ok) {
        fprintf(stderr, "bkpc: nothing compared\n");
    } else if (!tz) {
        fprintf(stderr, "bkpc: out of memory\n");
    } else if (at_text && parse_at(tz, side[0].prog, at_text, &at) != 0) {
        cli_usage_error("diff", "--at '%s': expected YYYY-MM-DD or YYYY-MM-DDTHH:MM, optionally with Z", at_text);
    } else if (bkp_diff(tz, side[0].prog, side[1].prog, at, scope(side), &d) != 0) {
        fprintf(stderr, "bkpc: out of memory\n");
    } else if ((json ? bkp_diff_json(tz, &d, stdout) : bkp_diff_text(tz, &d, stdout)) != 0 || fflush(stdout) != 0) {
        fprintf(stderr, "bkpc: cannot write standard output\n");
    } else {
        status = (fail_on_loss ? bkp_diff_loses(&d) : bkp_diff_differs(&d)) ? EXIT_ERRORS : EXIT_CLEAN;
    }
    bkp_diff_free(&d);
    bkp_ctx_free(&ctx);
    unload(&side[0]);
    unload(&side[1]);
    return status;
}

int cmd_diff(int argc, char **argv)
{
    CliOpts o;
    cli_opts_init(&o, "diff", argc, argv);
    const char *paths[2] = {NULL, NULL}, *at = NULL;
    int npaths = 0;
    bool json = false, fail_on_loss = false;
    for (int id; (id = cli_opts_next(&o, options, 4)) != CLI_OPT_END;) {
        switch (id) {
        case OPT_HELP: fputs(help, stdout); return EXIT_CLEAN;
        case OPT_AT: at = o.value; break;
        case OPT_FAIL: fail_on_loss = true; break;
        case OPT_FORMAT:
            if (strcmp(o.value, "text") != 0 && strcmp(o.value, "json") != 0)
                return cli_usage_error("diff", "unknown format '%s' (text or json)", o.value);
            json = strcmp(o.value, "json") == 0;
            break;
        case CLI_OPT_ARG:
            if (npaths == 2)
                return cli_usage_error("diff", "two files: OLD and NEW");
            paths[npaths++] = o.value;
            break;
        default: return EXIT_USAGE;
        }
    }
    if (npaths != 2)
        return cli_usage_error("diff", "two files: OLD and NEW");
    return run(paths, at, json, fail_on_loss);
}
