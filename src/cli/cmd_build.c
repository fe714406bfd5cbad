/* cmd_build.c — `bkpc build [-t json|ps1|azcli] [--policy NAME] [-o OUT] FILE`. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bkpc/emit.h"
#include "cli.h"
#include "opts.h"

static const char help[] =
    "usage: bkpc build [-t json|ps1|azcli] [--policy NAME | --all] [-o OUT]\n"
    "                  [--format text|json|sarif] [--color WHEN] [--werror] FILE\n"
    "\n"
    "Compile FILE (- for standard input) after checking it.\n"
    "  -t json    the REST API's PUT body of a policy (default)\n"
    "  -t ps1     a PowerShell script (Az.RecoveryServices) that creates or updates\n"
    "             every policy in the vault, then protects the listed VMs\n"
    "  -t azcli   the same as a bash script of Azure CLI commands\n"
    "\n"
    "  -p, --policy NAME  only this policy (a file with several needs it for json,\n"
    "                     unless --all or -o DIR/ is given)\n"
    "  -a, --all          with -t json: the body of every policy, one after the\n"
    "                     other in file order (a stream of JSON values, as jq\n"
    "                     reads and prints them)\n"
    "  -o, --output OUT   write to OUT instead of standard output; OUT is written\n"
    "                     only when complete (a temporary file, then renamed), and\n"
    "                     is left untouched on any error or interruption; a file\n"
    "                     replaced keeps its mode, a symbolic link is followed, a\n"
    "                     character device or FIFO is written to, a socket is\n"
    "                     refused. With -t json, OUT ending in / (or an existing\n"
    "                     directory) gets OUT/NAME.json for every policy, all of\n"
    "                     them replaced or none.\n"
    CLI_DIAG_HELP
    "                     (--werror: nothing is written then)\n"
    "  -h, --help         show this help\n"
    "\n"
    "Diagnostics go to standard error as text. As JSON or SARIF they go to\n"
    "standard output, so the build output needs -o OUT; they are written whether\n"
    "or not the build succeeds. Other messages always go to standard error.\n"
    "\n"
    "Exit status: 0 done, 1 errors in FILE (nothing written), 2 usage or I/O error.\n";

enum { OPT_HELP, OPT_TARGET, OPT_POLICY, OPT_OUTPUT, OPT_ALL };
static const CliOpt options[] = {
    {'h', "help", false, OPT_HELP},
    {'a', "all", false, OPT_ALL},
    {'t', "target", true, OPT_TARGET},
    {'p', "policy", true, OPT_POLICY},
    {'o', "output", true, OPT_OUTPUT},
    CLI_DIAG_OPTIONS,
};

typedef enum { T_JSON, T_PS1, T_AZCLI } Target;

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Every policy into DIR/NAME.json, all of them or none: every file is
 * written to a temporary (closed as it is done: a file may hold 20,000
 * policies), and they replace their targets together once all are
 * complete (cli_out_commit_all). SIGINT and SIGTERM wait meanwhile: on one,
 * the temporaries go and nothing is replaced. */
static int build_dir(const BkpProgram *prog, const char *dir)
{
    if (!is_dir(dir) && mkdir(dir, 0777) != 0) {
        fprintf(stderr, "bkpc: cannot create directory %s: %s\n", dir, strerror(errno));
        return EXIT_USAGE;
    }
    int n = prog->npolicies;
    CliOut *outs = calloc((size_t)(n ? n : 1), sizeof *outs);
    if (!outs) {
        fprintf(stderr, "bkpc: out of memory\n");
        return EXIT_USAGE;
    }
    CliSignals held;
    cli_signals_hold(&held);
    size_t dl = strlen(dir);
    int k = 0, status = EXIT_CLEAN;
    for (const BkpPolicy *p = prog->policies; p; p = p->next, k++) {
        /* Names are A6-checked: letters, digits, - _ ! only, so safe as file names. */
        size_t len = dl + strlen(p->name) + 8;
        char *path = malloc(len);
        if (!path) {
            status = EXIT_USAGE;
            break;
        }
        snprintf(path, len, "%s%s%s.json", dir, dl && dir[dl - 1] == '/' ? "" : "/", p->name);
        int rc = cli_out_open_file(&outs[k], path, 0644);
        free(path);
        if (rc != 0 || bkp_emit_json(p, outs[k].f) != 0 || cli_out_close(&outs[k]) != 0) {
            if (rc == 0 && outs[k].f)
                fprintf(stderr, "bkpc: cannot write %s: %s\n", outs[k].shown, strerror(errno ? errno : EIO));
            status = EXIT_USAGE;
            k++;
            break;
        }
        if (cli_signals_pending()) {
            fprintf(stderr, "bkpc: interrupted; nothing written\n");
            status = EXIT_USAGE;
            k++;
            break;
        }
    }
    if (status == EXIT_CLEAN && cli_out_commit_all(outs, k) != 0)
        status = EXIT_USAGE;
    else if (status != EXIT_CLEAN)
        for (int i = k - 1; i >= 0; i--)
            cli_out_abort(&outs[i]);
    free(outs);
    cli_signals_release(&held);           /* a signal that came ends the process here */
    return status;
}

/* One output (stdout or OUT, atomically): a script (of `only`, or of every
 * policy), the body of `only`, or with only NULL every body (--all). Returns
 * the exit status. */
static int emit_to(const char *out, Target target, const BkpProgram *prog, const BkpPolicy *only)
{
    CliOut w;
    if (cli_out_open_mode(&w, out, target == T_AZCLI ? 0755 : 0644) != 0)
        return EXIT_USAGE;
    int rc = 0;
    if (target == T_PS1)
        rc = bkp_emit_ps1(prog, only, w.f);
    else if (target == T_AZCLI)
        rc = bkp_emit_azcli(prog, only, w.f);
    else if (only)
        rc = bkp_emit_json(only, w.f);
    else
        for (const BkpPolicy *p = prog->policies; p && rc == 0; p = p->next)
            rc = bkp_emit_json(p, w.f);
    if (rc != 0) {
        fprintf(stderr, "bkpc: cannot write %s: %s\n", out ? out : "standard output",
                strerror(errno ? errno : EIO));
        cli_out_abort(&w);
        return EXIT_USAGE;
    }
    return cli_out_commit(&w) == 0 ? EXIT_CLEAN : EXIT_USAGE;
}

/* What a compilation's outcome says before anything is written (its
 * warnings, which --werror makes fail; its errors; a file of no policy) and
 * the exit status it leaves: clean only when there is something to build.
 * compiled: the file checked clean, with npolicies policies. */
static int outcome(const BkpCtx *ctx, const BkpSource *src, const CliDiag *diag, int status, bool compiled,
                   long npolicies)
{
    unsigned w = ctx->diags.warnings, e = ctx->diags.errors;
    if (compiled && cli_diag_warnings_fail(diag)) {
        fprintf(stderr, "bkpc: %u warning%s, and --werror makes them fail; nothing written\n", w, w == 1 ? "" : "s");
        return EXIT_ERRORS;
    }
    if (compiled && w)
        fprintf(stderr, "bkpc: %u warning%s\n", w, w == 1 ? "" : "s");
    else if (!compiled && src)
        fprintf(stderr, "bkpc: %u error%s; nothing written\n", e, e == 1 ? "" : "s");
    if (compiled && npolicies == 0) {
        fprintf(stderr, "bkpc: %s defines no policy; nothing to build\n", src->name);
        return EXIT_ERRORS;
    }
    return status;
}

/* --all: each body written as its policy is checked (bkp_compile_each)
 * where nothing shows before the file is known to check clean: OUT's
 * temporary (renamed once complete), standard output when it is a regular
 * file written at its end (cut back on an error) or /dev/null; anywhere
 * else (a pipe, a terminal, a FIFO) into a spool, written out at the end. */
typedef struct Bodies {
    FILE *f;
    int rc;
} Bodies;

static void body(void *user, const BkpPolicy *p)
{
    Bodies *b = user;
    if (b->rc == 0)
        b->rc = bkp_emit_json(p, b->f);
}

/* Whether w (opened, no temporary) can take the bodies as they come: into
 * *cut, where to cut a regular file back to (-1: nothing to cut). */
static bool direct(const CliOut *w, off_t *cut)
{
    struct stat st;
    int fd = fileno(w->f);
    *cut = -1;
    if (fflush(w->f) != 0 || fstat(fd, &st) != 0)
        return false;
    if (S_ISCHR(st.st_mode)) {
        struct stat null;
        return stat("/dev/null", &null) == 0 && S_ISCHR(null.st_mode) && null.st_rdev == st.st_rdev;
    }
    off_t at = lseek(fd, 0, SEEK_CUR);
    if (!S_ISREG(st.st_mode) || at != st.st_size)
        return false;
    *cut = at;
    return true;
}

static int build_all(const char *file, const char *out, CliDiag *diag)
{
    CliOut w;
    if (cli_out_open(&w, out) != 0)
        return EXIT_USAGE;
    off_t cut = -1;
    bool straight = w.tmp || direct(&w, &cut);
    FILE *spool = straight ? NULL : cli_spool_open();
    char *mem = NULL;
    size_t memlen = 0;
    if (!straight && !spool)
        spool = open_memstream(&mem, &memlen);           /* no temporary file: in memory */
    if (!straight && !spool) {
        fprintf(stderr, "bkpc: out of memory\n");
        cli_out_abort(&w);
        return EXIT_USAGE;
    }
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    BkpSource *src;
    int status;
    Bodies b = {spool ? spool : w.f, 0};
    long n = cli_compile_each(&ctx, file, diag, body, &b, &src, &status);
    status = outcome(&ctx, src, diag, status, n >= 0, n);
    if (status == EXIT_CLEAN && (b.rc != 0 || (spool && cli_spool_copy(spool, w.f) != 0))) {
        fprintf(stderr, "bkpc: cannot write %s: %s\n", out && strcmp(out, "-") ? out : "standard output",
                strerror(errno ? errno : EIO));
        status = EXIT_USAGE;
    }
    if (spool)
        fclose(spool);
    free(mem);
    if (status == EXIT_CLEAN) {
        status = cli_out_commit(&w) == 0 ? EXIT_CLEAN : EXIT_USAGE;
    } else {
        if (cut >= 0) {         /* what was written goes */
            fflush(w.f);
            if (ftruncate(fileno(w.f), cut) == 0)
                lseek(fileno(w.f), cut, SEEK_SET);
        }
        cli_out_abort(&w);
    }
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
    return status;
}

int cmd_build(int argc, char **argv)
{
    CliOpts o;
    cli_opts_init(&o, "build", argc, argv);
    const char *file = NULL, *policy = NULL, *out = NULL;
    Target target = T_JSON;
    bool all = false;
    static const char *const targets[] = {"json", "ps1", "azcli"};
    CliDiag diag;
    cli_diag_init(&diag);
    for (int id; (id = cli_opts_next(&o, options, sizeof options / sizeof options[0])) != CLI_OPT_END;) {
        int k;
        switch (id) {
        case OPT_HELP: fputs(help, stdout); return EXIT_CLEAN;
        case OPT_ALL: all = true; break;
        case OPT_TARGET:
            if ((k = cli_choice("build", "target", o.value, targets, 3)) < 0)
                return EXIT_USAGE;
            target = (Target)k;
            break;
        case OPT_POLICY: policy = o.value; break;
        case OPT_OUTPUT:
            if (!*o.value)
                return cli_usage_error("build", "-o wants a file or a directory (- for standard output), not ''");
            out = o.value;
            break;
        case CLI_OPT_ARG:
            if (file)
                return cli_usage_error("build", "one input file at a time");
            file = o.value;
            break;
        default:   /* --format, --color, --werror; or CLI_OPT_ERROR */
            if (cli_diag_option(&diag, "build", id, o.value) != 0)
                return EXIT_USAGE;
            break;
        }
    }
    if (!file)
        return cli_usage_error("build", "no input file");
    size_t ol = out ? strlen(out) : 0;
    bool to_dir = out && strcmp(out, "-") != 0 && (out[ol - 1] == '/' || is_dir(out));
    if (all && (target != T_JSON || policy || to_dir))
        return cli_usage_error("build", "--all goes with -t json, without --policy or -o DIR/");
    if (to_dir && target != T_JSON)
        return cli_usage_error("build", "-o DIR/ writes one JSON body per policy; give a file name for -t %s",
                               targets[target]);
    if (diag.format != CLI_FMT_TEXT && (!out || strcmp(out, "-") == 0))
        return cli_usage_error("build", "--format %s writes the diagnostics to standard output; "
                               "write the build output to a file with -o OUT",
                               diag.format == CLI_FMT_JSON ? "json" : "sarif");
    if (cli_diag_start(&diag) != 0)
        return EXIT_USAGE;
    if (all)
        return cli_diag_finish(&diag, build_all(file, out, &diag));

    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    BkpSource *src;
    int status;
    BkpProgram *prog = cli_compile(&ctx, file, &diag, &src, &status);
    status = outcome(&ctx, src, &diag, status, prog != NULL, prog ? prog->npolicies : 0);
    if (status != EXIT_CLEAN)
        prog = NULL;
    const BkpPolicy *only = NULL;
    if (prog && policy) {
        only = cli_pick_policy(prog, policy, &status);
        if (!only)
            prog = NULL;
    }
    if (prog && target == T_JSON && to_dir && !only) {
        status = build_dir(prog, out);
    } else if (prog) {
        /* -t json without --policy or --all: the file's only policy */
        if (target == T_JSON && !only && !all && !(only = cli_pick_policy(prog, NULL, &status))) {
            if (status == EXIT_USAGE)
                fprintf(stderr, "bkpc: or write them all with --all or -o DIR/\n");
        } else {
            status = emit_to(out, target, prog, only);   /* --all: only is NULL */
        }
    }
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
    return cli_diag_finish(&diag, status);
}
