/* cmd_check.c — `bkpc check FILE...`: parse and type-check, diagnostics only. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "opts.h"

static const char help[] =
    "usage: bkpc check [-q] FILE...\n"
    "\n"
    "Parse and type-check each FILE (- for standard input) against every rule\n"
    "Azure applies to VM backup policies, and print every diagnostic:\n"
    "  file:line:col: error[RULE]: message, the source line with a caret under\n"
    "  the cause, and hint: lines. RULE is an id of reference/RULES.md or one of\n"
    "  the language's own (syntax, unit, value, duplicate, schedule, name).\n"
    "\n"
    "  -q, --quiet   no summary line\n"
    "  -h, --help    show this help\n"
    "\n"
    "Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage or I/O error.\n";

enum { OPT_HELP, OPT_QUIET };
static const CliOpt options[] = {
    {'h', "help", false, OPT_HELP},
    {'q', "quiet", false, OPT_QUIET},
};

int cmd_check(int argc, char **argv)
{
    CliOpts o;
    cli_opts_init(&o, "check", argc, argv);
    const char *files[argc > 0 ? argc : 1];
    int nfiles = 0;
    bool quiet = false;
    for (int id; (id = cli_opts_next(&o, options, 2)) != CLI_OPT_END;) {
        switch (id) {
        case OPT_HELP: fputs(help, stdout); return EXIT_CLEAN;
        case OPT_QUIET: quiet = true; break;
        case CLI_OPT_ARG: files[nfiles++] = o.value; break;
        default: return EXIT_USAGE;
        }
    }
    if (nfiles == 0)
        return cli_usage_error("check", "no input file");

    int status = EXIT_CLEAN;
    unsigned errors = 0, warnings = 0;
    for (int i = 0; i < nfiles; i++) {
        BkpCtx ctx;
        bkp_ctx_init(&ctx);
        BkpSource *src;
        int st;
        cli_load(&ctx, files[i], &src, &st);
        errors += ctx.diags.errors;
        warnings += ctx.diags.warnings;
        bkp_ctx_free(&ctx);
        bkp_source_free(src);
        if (st > status)
            status = st;
    }
    if (!quiet && (errors || warnings))
        fprintf(stderr, "bkpc: %u error%s, %u warning%s\n", errors, errors == 1 ? "" : "s",
                warnings, warnings == 1 ? "" : "s");
    return status;
}
