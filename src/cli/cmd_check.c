/* cmd_check.c — `bkpc check FILE...`: parse and type-check, diagnostics only. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "opts.h"

static const char help[] =
    "usage: bkpc check [--format text|json|sarif] [--color WHEN] [--werror] [-q] FILE...\n"
    "\n"
    "Parse and type-check each FILE (- for standard input) against every rule\n"
    "Azure applies to VM backup policies, and print every diagnostic:\n"
    "  file:line:col: error[RULE]: message, the source line with a caret under\n"
    "  the cause, and hint: lines. RULE is an id of Azure's rules (A6, B7, ...)\n"
    "  or one of the language's own (syntax, unit, value, duplicate, schedule,\n"
    "  name, naming, encoding, template, use, require); `bkpc explain-rule RULE`\n"
    "  explains it, `bkpc rules` lists them. The files a `use` names are checked\n"
    "  too, and every `require` clause is proved (an error says when it fails).\n"
    "\n"
    CLI_DIAG_HELP
    "  -q, --quiet        no summary line\n"
    "  -h, --help         show this help\n"
    "\n"
    "JSON and SARIF go to standard output; the summary line and I/O errors go to\n"
    "standard error in every format. Exit status: 0 no errors (warnings allowed,\n"
    "unless --werror), 1 errors, 2 usage or I/O error.\n";

enum { OPT_HELP, OPT_QUIET };
static const CliOpt options[] = {
    {'h', "help", false, OPT_HELP},
    {'q', "quiet", false, OPT_QUIET},
    CLI_DIAG_OPTIONS,
};

int cmd_check(int argc, char **argv)
{
    CliOpts o;
    cli_opts_init(&o, "check", argc, argv);
    const char *files[argc > 0 ? argc : 1];
    int nfiles = 0;
    bool quiet = false;
    CliDiag out;
    cli_diag_init(&out);
    for (int id; (id = cli_opts_next(&o, options, sizeof options / sizeof options[0])) != CLI_OPT_END;) {
        switch (id) {
        case OPT_HELP: fputs(help, stdout); return EXIT_CLEAN;
        case OPT_QUIET: quiet = true; break;
        case CLI_OPT_ARG: files[nfiles++] = o.value; break;
        default:   /* --format, --color, --werror; or CLI_OPT_ERROR */
            if (cli_diag_option(&out, "check", id, o.value) != 0)
                return EXIT_USAGE;
            break;
        }
    }
    if (nfiles == 0)
        return cli_usage_error("check", "no input file");
    if (cli_diag_start(&out) != 0)
        return EXIT_USAGE;

    int status = EXIT_CLEAN;
    for (int i = 0; i < nfiles; i++) {
        BkpCtx ctx;
        bkp_ctx_init(&ctx);
        BkpSource *src;
        int st;
        cli_compile_each(&ctx, files[i], &out, NULL, NULL, &src, &st);
        bkp_ctx_free(&ctx);
        bkp_source_free(src);
        if (st > status)
            status = st;
    }
    unsigned errors = out.errors, warnings = out.warnings;
    if (!quiet && (errors || warnings))
        fprintf(stderr, "bkpc: %u error%s, %u warning%s%s\n", errors, errors == 1 ? "" : "s", warnings,
                warnings == 1 ? "" : "s", cli_diag_warnings_fail(&out) ? " (--werror: warnings fail)" : "");
    return cli_diag_finish(&out, status);
}
