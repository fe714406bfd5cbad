/* cmd_parse.c — `bkpc parse FILE`: the syntax tree, as the parser built it
 * (a developer aid: the checker does not run). */
#include <stdio.h>

#include "bkpc/diag_text.h"
#include "cli.h"
#include "opts.h"

static const char help[] =
    "usage: bkpc parse FILE\n"
    "\n"
    "Parse FILE (- for standard input) and print its syntax tree, one node a\n"
    "line, indented: the node's kind, its role, its text as written between\n"
    "backquotes, what it means where that says more, and its span as\n"
    "line:col-line:col. Comments appear where they stand. A developer aid: the\n"
    "tree's layout may change between versions. Only syntax errors are\n"
    "reported (the tree is printed all the same, as recovered); `bkpc check`\n"
    "checks the rest.\n"
    "\n"
    "  -h, --help    show this help\n"
    "\n"
    "Exit status: 0 no syntax errors, 1 syntax errors, 2 usage or I/O error.\n";

enum { OPT_HELP };
static const CliOpt options[] = {
    {'h', "help", false, OPT_HELP},
};

int cmd_parse(int argc, char **argv)
{
    CliOpts o;
    cli_opts_init(&o, "parse", argc, argv);
    const char *file = NULL;
    for (int id; (id = cli_opts_next(&o, options, 1)) != CLI_OPT_END;) {
        switch (id) {
        case OPT_HELP: fputs(help, stdout); return EXIT_CLEAN;
        case CLI_OPT_ARG:
            if (file)
                return cli_usage_error("parse", "one file at a time");
            file = o.value;
            break;
        default: return EXIT_USAGE;
        }
    }
    if (!file)
        return cli_usage_error("parse", "no input file");
    int status = EXIT_CLEAN;
    BkpSource *src = cli_read(file, &status);
    if (!src)
        return status;
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    AstFile *f = bkp_parse(&ctx, src);
    bkp_ast_print(stdout, f);
    bkp_diags_print(&ctx.diags, stderr);
    status = ctx.diags.errors ? EXIT_ERRORS : EXIT_CLEAN;
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
    return status;
}
