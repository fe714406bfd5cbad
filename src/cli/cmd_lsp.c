/* cmd_lsp.c — `bkpc lsp`: the language server (include/bkpc/lsp.h) over
 * standard input and output. This file reads the bytes and writes the
 * server's messages; the library does the rest. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "bkpc/lsp.h"
#include "cli.h"
#include "opts.h"

static const char help[] =
    "usage: bkpc lsp [--stdio]\n"
    "\n"
    "A language server for .bkp files, for editors: the Language Server Protocol\n"
    "3.17 over standard input and output. It checks each open file as it is\n"
    "edited and publishes the diagnostics (rule id, a link to the rule's page,\n"
    "related spans); offers each diagnostic's fix as a code action; shows on\n"
    "hover what a clause means and what `bkpc explain` says of it, a time zone's\n"
    "offsets and daylight saving time, a policy's whole explanation, a rule's\n"
    "summary; completes keywords, weekdays, months, weeks of the month, units,\n"
    "Windows time-zone ids and policy names; formats as `bkpc fmt` does; lists\n"
    "the policies, the vault and the protects as document symbols.\n"
    "editors/README.md sets up vim, Neovim, Emacs and VS Code.\n"
    "\n"
    "      --stdio        talk over standard input and output (the only transport;\n"
    "                     accepted because clients pass it)\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 after the client's shutdown and exit, 1 when exit comes\n"
    "without shutdown or the input ends first, 2 usage error.\n";

enum { OPT_HELP, OPT_STDIO };
static const CliOpt options[] = {
    {'h', "help", false, OPT_HELP},
    {0, "stdio", false, OPT_STDIO},
};

static int write_out(void *user, const char *bytes, size_t n)
{
    FILE *out = user;
    return fwrite(bytes, 1, n, out) == n && fflush(out) == 0 ? 0 : -1;
}

int cmd_lsp(int argc, char **argv)
{
    CliOpts o;
    cli_opts_init(&o, "lsp", argc, argv);
    for (int id; (id = cli_opts_next(&o, options, sizeof options / sizeof options[0])) != CLI_OPT_END;) {
        switch (id) {
        case OPT_HELP: fputs(help, stdout); return EXIT_CLEAN;
        case OPT_STDIO: break;
        case CLI_OPT_ARG: return cli_usage_error("lsp", "no arguments expected, not '%s'", o.value);
        default: return EXIT_USAGE;    /* CLI_OPT_ERROR: reported */
        }
    }
    /* A client that goes away is a failed write, not a signal. */
    signal(SIGPIPE, SIG_IGN);
    BkpLsp *s = bkp_lsp_new(write_out, stdout);
    if (!s) {
        fprintf(stderr, "bkpc: out of memory\n");
        return EXIT_USAGE;
    }
    int status = 1;
    char buf[65536];
    for (;;) {
        ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            status = bkp_lsp_eof(s);
            break;
        }
        bkp_lsp_feed(s, buf, (size_t)n);
        if (bkp_lsp_done(s, &status))
            break;
    }
    bkp_lsp_free(s);
    return status;
}
