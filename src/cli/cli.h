/* cli.h — the command-line layer: a thin shell over the library. */
#ifndef BKPC_CLI_H
#define BKPC_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "bkpc/compile.h"

enum { EXIT_CLEAN = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2 };

/* Each command: argv[0] is the command name. Returns the exit status. */
int cmd_check(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_next(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_diff(int argc, char **argv);

/* Reads `path` ("-" = stdin); NULL, with a message printed, when it cannot. */
BkpSource *cli_read(const char *path);

/* Reads and compiles `path` ("-" = stdin) in ctx, prints its diagnostics to
 * stderr, and returns the checked program; NULL with *status set (1 errors,
 * 2 I/O) when there is none. *src receives the source (free it with
 * bkp_source_free after the ctx is done with it). */
BkpProgram *cli_load(BkpCtx *ctx, const char *path, BkpSource **src, int *status);

/* The policy a single-policy command works on: `name` if given, else the
 * file's only policy. Prints an error and returns NULL otherwise. */
const BkpPolicy *cli_pick_policy(const BkpProgram *prog, const char *name, int *status);

/* Usage errors: "bkpc CMD: message" + "try 'bkpc CMD --help'"; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Output that appears only when complete: a temporary file in the target's
 * directory, renamed over the target on commit. path NULL or "-" = stdout. */
typedef struct CliOut {
    FILE *f;
    char *path, *tmp;
} CliOut;
int cli_out_open(CliOut *o, const char *path);   /* 0, or -1 with a message printed */
int cli_out_open_mode(CliOut *o, const char *path, unsigned mode);   /* e.g. 0755 for a script */
int cli_out_close(CliOut *o);    /* the file complete but not yet in place; 0 or -1 (aborted) */
/* Of an open CliOut, or one cli_out_close() succeeded on (never after an
 * abort): 0, or -1 with a message printed. */
int cli_out_commit(CliOut *o);
void cli_out_abort(CliOut *o);

/* Parses a non-negative decimal; false if it is not one or exceeds max. */
bool cli_parse_uint(const char *s, long max, long *out);

#endif
