/* cli.h — the command-line layer: a thin shell over the library. */
#ifndef BKPC_CLI_H
#define BKPC_CLI_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "bkpc/compile.h"

enum { EXIT_CLEAN = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2 };

/* Each command: argv[0] is the command name. Returns the exit status. */
int cmd_check(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_next(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_cost(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_complete(int argc, char **argv);   /* hidden: `complete policies FILE` */
int cmd_lsp(int argc, char **argv);

/* Reads `path` ("-" = stdin); NULL, a message and *status = 2 when it
 * cannot. Free it with bkp_source_free. */
BkpSource *cli_read(const char *path, int *status);
/* cli_read, and the message it printed (without "bkpc: ") into why. */
#define CLI_WHY_MAX 4200
BkpSource *cli_read_why(const char *path, int *status, char *why, size_t n);
int cmd_explain_rule(int argc, char **argv);
int cmd_rules(int argc, char **argv);

/* How a command writes diagnostics: --format text|json|sarif, --color
 * auto|always|never, --werror (diagout.c). Text goes to standard error;
 * JSON lines and SARIF go to standard output, which a command that writes
 * them keeps free of anything else (bkpc build then needs -o OUT). */
typedef enum { CLI_FMT_TEXT, CLI_FMT_JSON, CLI_FMT_SARIF } CliFormat;
typedef struct CliDiag {
    CliFormat format;
    bool color;                 /* text: ANSI colours */
    bool werror;                /* warnings fail (exit 1) */
    struct BkpSarif *sarif;     /* sarif: the log, written by cli_diag_finish */
    unsigned errors, warnings;  /* of every file so far */
    bool write_failed;          /* standard output could not be written */
} CliDiag;

/* The options' ids (above any command's own) and their table rows. */
enum { CLI_OPT_FORMAT = 100, CLI_OPT_COLOR, CLI_OPT_WERROR };
#define CLI_DIAG_OPTIONS \
    {0, "format", true, CLI_OPT_FORMAT}, {0, "color", true, CLI_OPT_COLOR}, {0, "werror", false, CLI_OPT_WERROR}
/* Their lines of a command's --help. */
#define CLI_DIAG_HELP \
    "  --format FMT       how diagnostics are written: text (default, to standard\n" \
    "                     error), json (one JSON object per line) or sarif (a\n" \
    "                     SARIF 2.1.0 log), both to standard output\n" \
    "  --color WHEN       colour the text: auto (default: when standard error is\n" \
    "                     a terminal and NO_COLOR is not set), always or never\n" \
    "  --werror           warnings fail too (exit status 1)\n"

/* Text, coloured when standard error is a terminal, NO_COLOR is unset or
 * empty and TERM is not "dumb". */
void cli_diag_init(CliDiag *c);
/* Applies option `id` (CLI_OPT_*) with its value; 0, or 2 after a usage
 * error or for any other id (CLI_OPT_ERROR: the message is printed). */
int cli_diag_option(CliDiag *c, const char *cmd, int id, const char *value);
/* Before the first file: 0, or 2 (out of memory). */
int cli_diag_start(CliDiag *c);
/* Writes (or, for SARIF, collects) the diagnostics of one file. */
void cli_diag_emit(CliDiag *c, BkpDiags *d);
/* After the last file: writes the SARIF log, and returns the exit status:
 * `status`, raised to 1 by --werror when there were warnings, and to 2 when
 * standard output could not be written. */
int cli_diag_finish(CliDiag *c, int status);
/* Whether --werror turns the warnings so far into a failure. */
bool cli_diag_warnings_fail(const CliDiag *c);

/* Reads and compiles `path` ("-" = stdin) in ctx, writes its diagnostics as
 * `c` says, and returns the checked program; NULL with *status set (1
 * errors, 2 I/O) when there is none. *src receives the source (free it with
 * bkp_source_free after the ctx is done with it). */
BkpProgram *cli_compile(BkpCtx *ctx, const char *path, CliDiag *c, BkpSource **src, int *status);
/* cli_compile a policy at a time (bkp_compile_each): fn gets each checked
 * policy; the number of them, or -1 (*status says why). */
long cli_compile_each(BkpCtx *ctx, const char *path, CliDiag *c, BkpPolicyFn fn, void *user, BkpSource **src,
                      int *status);
/* cli_compile, its requirements proved (check, build) or not (the commands
 * that describe a policy: a requirement's counterexample can be looked at). */
BkpProgram *cli_compile_as(BkpCtx *ctx, const char *path, CliDiag *c, bool prove, BkpSource **src, int *status);
/* Without proofs, with the default diagnostics: text to standard error
 * (cli_diag_init). */
BkpProgram *cli_load(BkpCtx *ctx, const char *path, BkpSource **src, int *status);

/* The index of `value` among `choices`; else a usage error "unknown WHAT
 * 'VALUE' (a, b or c)" with the nearest choice as "did you mean", and -1. */
int cli_choice(const char *cmd, const char *what, const char *value, const char *const *choices, int n);

/* The policy a single-policy command works on: `name` if given, else the
 * file's only policy. Prints an error and returns NULL otherwise. */
const BkpPolicy *cli_pick_policy(const BkpProgram *prog, const char *name, int *status);

/* Usage errors: "bkpc CMD: message" + "try 'bkpc CMD --help'"; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* SIGINT, SIGTERM and SIGHUP held (blocked) from cli_signals_hold to
 * cli_signals_release, where one that came in the meantime takes effect;
 * cli_signals_pending tells whether one did (out.c). */
typedef struct CliSignals {
    sigset_t saved;
    bool held;
} CliSignals;
void cli_signals_hold(CliSignals *h);
bool cli_signals_pending(void);
void cli_signals_release(CliSignals *h);

/* Output that appears only when complete (out.c says how each kind of OUT
 * is written): a temporary file beside the target (the end of its symbolic
 * links), renamed over it on commit, keeping the mode and owner of the file
 * it replaces; a character device or a FIFO is written through; a socket,
 * a block device or a directory is refused. path NULL, "-", or the file
 * standard output is: standard output. While a temporary exists, SIGINT,
 * SIGTERM and SIGHUP wait: on one, the temporary is removed, nothing is
 * replaced, and the signal then ends the process. */
typedef struct CliOut {
    FILE *f;
    char *path, *tmp;           /* where it goes; the temporary (NULL: none) */
    char *shown;                /* OUT as given, for messages */
    CliSignals signals;         /* held while the temporary exists */
} CliOut;
int cli_out_open(CliOut *o, const char *path);   /* 0, or -1 with a message printed */
int cli_out_open_mode(CliOut *o, const char *path, unsigned mode);   /* e.g. 0755 for a script */
/* The same for one file of a set: refuses anything but a regular file (or
 * nothing yet) at path, since only files can be replaced all together. */
int cli_out_open_file(CliOut *o, const char *path, unsigned mode);
int cli_out_close(CliOut *o);    /* the file complete but not yet in place; 0 or -1 (aborted) */
/* Of an open CliOut, or one cli_out_close() succeeded on (never after an
 * abort): 0, or -1 with a message printed. */
int cli_out_commit(CliOut *o);
void cli_out_abort(CliOut *o);
/* A set of files, each opened with cli_out_open_file and closed: all of
 * them replace their targets, or none does (a failed rename puts back the
 * files renamed before it); 0, or -1 with a message printed. Every v[i] is
 * done with afterwards. Open a set under cli_signals_hold, or one v[i]
 * after another may let a signal through. */
int cli_out_commit_all(CliOut *v, int n);

/* Output made while the input is still being checked (bkp_compile_each),
 * held until it is known to be wanted: an unlinked temporary file (in
 * TMPDIR, else /tmp), so that its size costs no memory; NULL when none can
 * be made. cli_spool_copy writes it all to `to`: 0, or -1 (errno set). */
FILE *cli_spool_open(void);
int cli_spool_copy(FILE *spool, FILE *to);

/* Parses a non-negative decimal; false if it is not one or exceeds max. */
bool cli_parse_uint(const char *s, long max, long *out);

#endif
