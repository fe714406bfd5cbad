/* cmd_import.c — `bkpc import [-o OUT] FILE.json...`: the policies of JSON
 * files (REST, az, PowerShell, ARM) as one canonical .bkp file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bkpc/import.h"
#include "cli.h"
#include "opts.h"

static const char help[] =
    "usage: bkpc import [-o OUT] FILE.json...\n"
    "\n"
    "Write the backup policies of JSON files (- for standard input) as one\n"
    "canonical .bkp file. Each FILE may be:\n"
    "  - a REST PUT body or GET response ({\"properties\": ...}, with or without\n"
    "    id and name), or the REST list response ({\"value\": [...]});\n"
    "  - what `az backup policy show` (one policy) or `list` (several) prints;\n"
    "  - Get-AzRecoveryServicesBackupProtectionPolicy | ConvertTo-Json -Depth 10\n"
    "    (UTF-8 or UTF-16, as Windows PowerShell writes it);\n"
    "  - an ARM template or `az group export`: each resource of type\n"
    "    Microsoft.RecoveryServices/vaults/backupPolicies.\n"
    "Every value is written out, defaults too. A policy's name comes from the\n"
    "input (else from the file's name); the vault, resource group and\n"
    "subscription of its id become a `vault` statement. Times are read as Azure\n"
    "reads them: the time of day, in the policy's time zone. The new text is\n"
    "then checked, and what Azure would refuse is reported in it.\n"
    "\n"
    "  -o, --output OUT   write to OUT instead of standard output; OUT is written\n"
    "                     only when complete (a temporary file, then renamed)\n"
    CLI_DIAG_HELP
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 done; 1 written, but the checker found errors in the\n"
    "policies (as Azure would: see the diagnostics); 2 usage or I/O error, or\n"
    "input that is not JSON of policies .bkp can say (nothing written).\n";

enum { OPT_HELP, OPT_OUTPUT };
static const CliOpt options[] = {
    {'h', "help", false, OPT_HELP},
    {'o', "output", true, OPT_OUTPUT},
    CLI_DIAG_OPTIONS,
};

static void plural(const char *what, unsigned n, const char *tail)
{
    fprintf(stderr, "bkpc: %u %s%s%s\n", n, what, n == 1 ? "" : "s", tail);
}

/* The text of the import into `out`; the exit status. */
static int write_text(BkpImport *im, BkpCtx *ctx, const char *out, CliDiag *diag)
{
    BkpSource *text;
    BkpProgram *prog = bkp_import_check(im, out && strcmp(out, "-") ? out : "<stdout>", &text);
    cli_diag_emit(diag, &ctx->diags);
    if (!text) {
        fprintf(stderr, "bkpc: cannot write the policies as .bkp: %s\n", strerror(errno ? errno : ENOMEM));
        return EXIT_USAGE;
    }
    CliOut w;
    int status = EXIT_USAGE;
    if (cli_out_open(&w, out) == 0) {
        if (fwrite(text->text, 1, text->len, w.f) != text->len) {
            fprintf(stderr, "bkpc: cannot write %s: %s\n", out ? out : "standard output", strerror(errno));
            cli_out_abort(&w);
        } else if (cli_out_commit(&w) == 0) {
            status = prog ? EXIT_CLEAN : EXIT_ERRORS;
        }
    }
    if (!prog && status == EXIT_ERRORS)
        plural("error", ctx->diags.errors, " in the policies as they are (written: Azure would refuse them)");
    else if (ctx->diags.warnings)
        plural("warning", ctx->diags.warnings, "");
    bkp_source_free(text);
    return status;
}

int cmd_import(int argc, char **argv)
{
    CliOpts o;
    cli_opts_init(&o, "import", argc, argv);
    const char *out = NULL;
    const char **files = calloc((size_t)argc, sizeof *files);
    int nfiles = 0;
    if (!files) {
        fprintf(stderr, "bkpc: out of memory\n");
        return EXIT_USAGE;
    }
    CliDiag diag;
    cli_diag_init(&diag);
    int status = EXIT_CLEAN;
    for (int id; status == EXIT_CLEAN && (id = cli_opts_next(&o, options, sizeof options / sizeof options[0])) !=
                                              CLI_OPT_END;) {
        if (id == OPT_HELP) {
            fputs(help, stdout);
            status = -1;
        } else if (id == OPT_OUTPUT) {
            out = o.value;
        } else if (id == CLI_OPT_ARG) {
            files[nfiles++] = o.value;
        } else {    /* --format, --color, --werror; or CLI_OPT_ERROR */
            status = cli_diag_option(&diag, "import", id, o.value);
        }
    }
    if (status == EXIT_CLEAN && nfiles == 0)
        status = cli_usage_error("import", "no input file");
    if (status == EXIT_CLEAN && diag.format != CLI_FMT_TEXT && (!out || strcmp(out, "-") == 0))
        status = cli_usage_error("import", "--format %s writes the diagnostics to standard output; write the "
                                 "policies to a file with -o OUT", diag.format == CLI_FMT_JSON ? "json" : "sarif");
    if (status == EXIT_CLEAN && cli_diag_start(&diag) != 0)
        status = EXIT_USAGE;
    if (status != EXIT_CLEAN) {
        free(files);
        return status < 0 ? EXIT_CLEAN : status;
    }

    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    BkpImport im;
    bkp_import_init(&im, &ctx, (int64_t)time(NULL));
    BkpSource **srcs = calloc((size_t)nfiles, sizeof *srcs);
    status = srcs ? EXIT_CLEAN : EXIT_USAGE;
    for (int i = 0; srcs && i < nfiles; i++) {
        if ((srcs[i] = cli_read(files[i], &status)))
            bkp_import_read(&im, srcs[i]);
    }
    if (status == EXIT_CLEAN && ctx.diags.errors == 0) {
        status = write_text(&im, &ctx, out, &diag);
    } else {
        cli_diag_emit(&diag, &ctx.diags);
        if (ctx.diags.errors)
            plural("error", ctx.diags.errors, "; nothing written");
        status = EXIT_USAGE;
    }
    bkp_import_free(&im);
    bkp_ctx_free(&ctx);
    for (int i = 0; srcs && i < nfiles; i++)
        bkp_source_free(srcs[i]);
    free(srcs);
    free(files);
    return cli_diag_finish(&diag, status);
}
