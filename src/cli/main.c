/* main.c — the bkpc command line: a thin layer over the library. */
#include <stdio.h>
#include <string.h>

#include "bkpc/misspell.h"
#include "bkpc/version.h"
#include "cli.h"

typedef struct Command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} Command;

static const Command commands[] = {
    {"check", cmd_check, "parse and type-check; print diagnostics"},
    {"build", cmd_build, "compile to the REST body (json), PowerShell (ps1) or Azure CLI (azcli)"},
    {"fmt", cmd_fmt, "rewrite files in the canonical layout (--check, -w, --diff)"},
    {"import", cmd_import, "JSON of deployed policies (REST, az, PowerShell, ARM) to canonical .bkp"},
    /* interpreter commands */
    {"explain", cmd_explain, "the policy in plain English: schedule, RPO, retention, defaults"},
    {"next", cmd_next, "the next backup times, in the policy's time zone and in UTC"},
    {"simulate", cmd_simulate, "the recovery points that exist at a time, their tiers and why"},
    {"cost", cmd_cost, "storage per tier and cost over time: an estimate"},
    {"diff", cmd_diff, "what changing policies does: fields, refusals, recovery points deleted"},
    /* developer aid */
    {"parse", cmd_parse, "print the syntax tree (a developer aid; syntax errors only)"},
    /* the rule reference */
    {"explain-rule", cmd_explain_rule, "what a rule id of a diagnostic means, with an example and its fix"},
    {"rules", cmd_rules, "every rule bkpc checks or enforces, with its id"},
    /* for editors */
    {"lsp", cmd_lsp, "a language server for editors (LSP over standard input and output)"},
    {"complete", cmd_complete, NULL},   /* hidden: for the shell completions */
};
enum { NCOMMANDS = sizeof commands / sizeof commands[0] };

static void usage(FILE *out)
{
    fprintf(out,
            "usage: bkpc COMMAND [OPTIONS] FILE...\n"
            "\n"
            "Compile and interpret Azure VM backup policies written in .bkp files.\n"
            "\n"
            "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (commands[i].summary)
            fprintf(out, "  %-13s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n"
            "options:\n"
            "  -h, --help     show this help (bkpc COMMAND --help: a command's options)\n"
            "  -V, --version  show the version\n"
            "\n"
            "FILE may be - for standard input. Exit status: 0 clean (warnings allowed),\n"
            "1 errors in the input, 2 usage or I/O error. See man bkpc and docs/language.md.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        if (argc > 2 && strcmp(cmd, "help") == 0) {
            for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
                if (strcmp(argv[2], commands[i].name) == 0) {
                    char help[] = "--help";
                    char *av[] = {argv[2], help, NULL};
                    return commands[i].run(2, av);
                }
        }
        usage(stdout);
        return EXIT_CLEAN;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("bkpc %s\n", BKPC_VERSION);
        return EXIT_CLEAN;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    /* a misspelt command: the nearest one, if it is a plausible typo */
    const char *names[NCOMMANDS + 1];
    for (size_t i = 0; i < NCOMMANDS; i++)
        names[i] = commands[i].name;
    names[NCOMMANDS] = "help";
    const char *near = bkp_closest(cmd, names, NCOMMANDS + 1);
    if (near) {
        fprintf(stderr, "bkpc: unknown command '%s'; did you mean '%s'?\ntry 'bkpc --help'\n", cmd, near);
        return EXIT_USAGE;
    }
    fprintf(stderr, "bkpc: unknown command '%s'\n", cmd);
    usage(stderr);
    return EXIT_USAGE;
}
