/* diagout.c — how the commands write diagnostics: text with or without
 * colour to standard error, JSON lines or a SARIF log to standard output
 * (see CliDiag in cli.h), whether warnings fail, and compiling a file with
 * them (cli_compile, cli_load). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bkpc/diag_json.h"
#include "bkpc/diag_sarif.h"
#include "bkpc/diag_text.h"
#include "cli.h"

void cli_diag_init(CliDiag *c)
{
    memset(c, 0, sizeof *c);
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    c->color = isatty(STDERR_FILENO) && !(no_color && *no_color) && !(term && strcmp(term, "dumb") == 0);
}

int cli_diag_option(CliDiag *c, const char *cmd, int id, const char *value)
{
    static const char *const formats[] = {"text", "json", "sarif"};
    static const char *const whens[] = {"auto", "always", "never"};
    int k;
    switch (id) {
    case CLI_OPT_FORMAT:
        if ((k = cli_choice(cmd, "format", value, formats, 3)) < 0)
            return EXIT_USAGE;
        c->format = (CliFormat)k;
        return 0;
    case CLI_OPT_COLOR:
        if ((k = cli_choice(cmd, "--color value", value, whens, 3)) < 0)
            return EXIT_USAGE;
        if (k == 0) {
            bool werror = c->werror;
            CliFormat f = c->format;
            cli_diag_init(c);
            c->werror = werror;
            c->format = f;
        } else {
            c->color = k == 1;
        }
        return 0;
    case CLI_OPT_WERROR:
        c->werror = true;
        return 0;
    }
    return EXIT_USAGE;
}

int cli_diag_start(CliDiag *c)
{
    if (c->format == CLI_FMT_SARIF && !(c->sarif = bkp_sarif_new())) {
        fprintf(stderr, "bkpc: out of memory\n");
        return EXIT_USAGE;
    }
    return 0;
}

void cli_diag_emit(CliDiag *c, BkpDiags *d)
{
    c->errors += d->errors;
    c->warnings += d->warnings;
    switch (c->format) {
    case CLI_FMT_TEXT: bkp_diags_print_color(d, stderr, c->color); break;
    case CLI_FMT_JSON:
        if (bkp_diags_json(d, stdout) != 0)
            c->write_failed = true;
        break;
    case CLI_FMT_SARIF:
        if (bkp_sarif_add(c->sarif, d) != 0)
            c->write_failed = true;
        break;
    }
}

bool cli_diag_warnings_fail(const CliDiag *c) { return c->werror && c->warnings > 0; }

int cli_diag_finish(CliDiag *c, int status)
{
    if (c->sarif) {
        if (bkp_sarif_write(c->sarif, stdout) != 0)
            c->write_failed = true;
        bkp_sarif_free(c->sarif);
        c->sarif = NULL;
    }
    if (c->format != CLI_FMT_TEXT && (fflush(stdout) != 0 || ferror(stdout)))
        c->write_failed = true;
    if (c->write_failed) {
        fprintf(stderr, "bkpc: cannot write the diagnostics to standard output: %s\n",
                strerror(errno ? errno : EIO));
        return EXIT_USAGE;
    }
    if (cli_diag_warnings_fail(c) && status < EXIT_ERRORS)
        status = EXIT_ERRORS;
    return status;
}

BkpProgram *cli_compile(BkpCtx *ctx, const char *path, CliDiag *c, BkpSource **srcp, int *status)
{
    return cli_compile_as(ctx, path, c, true, srcp, status);
}

/* The source at path into *srcp; NULL (*status 2, and the SARIF log told)
 * when it cannot be read. */
static BkpSource *read_source(const char *path, CliDiag *c, BkpSource **srcp, int *status)
{
    char why[CLI_WHY_MAX];
    BkpSource *src = cli_read_why(path, status, why, sizeof why);
    *srcp = src;
    if (!src && c->sarif)
        bkp_sarif_fail(c->sarif, why);
    return src;
}

long cli_compile_each(BkpCtx *ctx, const char *path, CliDiag *c, BkpPolicyFn fn, void *user, BkpSource **srcp,
                      int *status)
{
    BkpSource *src = read_source(path, c, srcp, status);
    if (!src)
        return -1;
    long n = bkp_compile_each(ctx, src, fn, user);
    cli_diag_emit(c, &ctx->diags);
    *status = n >= 0 ? EXIT_CLEAN : EXIT_ERRORS;
    return n;
}

BkpProgram *cli_compile_as(BkpCtx *ctx, const char *path, CliDiag *c, bool prove, BkpSource **srcp, int *status)
{
    BkpSource *src = read_source(path, c, srcp, status);
    if (!src)
        return NULL;
    /* proved: what build writes, its policies kept without their trees */
    BkpProgram *prog = prove ? bkp_compile_lean(ctx, src) : bkp_compile_unproved(ctx, src);
    cli_diag_emit(c, &ctx->diags);
    *status = prog ? EXIT_CLEAN : EXIT_ERRORS;
    return prog;
}

/* cli_compile with text diagnostics and without proofs, as the commands
 * that describe a policy (explain, next, simulate, cost) do. */
BkpProgram *cli_load(BkpCtx *ctx, const char *path, BkpSource **srcp, int *status)
{
    CliDiag text;
    cli_diag_init(&text);
    return cli_compile_as(ctx, path, &text, false, srcp, status);
}
