/* opts.h — a small option scanner for the commands (no global state, unlike
 * getopt): `-o FILE`, `-oFILE`, `--out FILE`, `--out=FILE`, `--` and `-`. */
#ifndef BKPC_CLI_OPTS_H
#define BKPC_CLI_OPTS_H

#include <stdbool.h>

typedef struct CliOpt {
    char short_name;           /* 0 when none */
    const char *long_name;     /* NULL when none */
    bool takes_value;
    int id;
} CliOpt;

typedef struct CliOpts {
    int argc;
    char **argv;
    int i;                     /* next argument */
    bool only_args;            /* after `--` */
    const char *value;         /* the current option's value */
    const char *cmd;           /* for messages */
} CliOpts;

enum { CLI_OPT_END = -1, CLI_OPT_ARG = -2, CLI_OPT_ERROR = -3 };

void cli_opts_init(CliOpts *o, const char *cmd, int argc, char **argv);
/* The next option's id, CLI_OPT_ARG for an operand (in o->value),
 * CLI_OPT_END, or CLI_OPT_ERROR (a message was printed). */
int cli_opts_next(CliOpts *o, const CliOpt *table, int n);

#endif
