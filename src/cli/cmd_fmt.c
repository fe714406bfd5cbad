/* cmd_fmt.c — `bkpc fmt [--check | -w] [--diff] FILE...`: files in the
 * canonical layout (the library's formatter, bkpc/fmt.h). */
#define _XOPEN_SOURCE 700           /* realpath */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bkpc/fmt.h"
#include "cli.h"
#include "opts.h"

static const char help[] =
    "usage: bkpc fmt [--check | -w] [--diff] FILE...\n"
    "\n"
    "Format each FILE (- for standard input) in the canonical layout: one\n"
    "clause per line, indented by four spaces, in the canonical order; one\n"
    "space between words, a comma and a space in lists; every comment kept\n"
    "beside what it was written next to. Names, numbers, units, times and\n"
    "words stay as written. A file with syntax errors is not formatted: its\n"
    "diagnostics are printed. Without an option the formatted text goes to\n"
    "standard output.\n"
    "\n"
    "  --check       write nothing; list the files that are not formatted\n"
    "  -w, --write   rewrite the files that are not formatted, in place:\n"
    "                atomically, keeping the file's mode; through a symbolic\n"
    "                link, its target\n"
    "  --diff        print a unified diff of each change instead of the text\n"
    "                (with --check: instead of the list; with -w: as well)\n"
    "  -h, --help    show this help\n"
    "\n"
    "Exit status: 0 done (with --check: every file is formatted), 1 syntax\n"
    "errors, or with --check a file that is not formatted, 2 usage or I/O error.\n";

enum { OPT_HELP, OPT_CHECK, OPT_WRITE, OPT_DIFF };
static const CliOpt options[] = {
    {'h', "help", false, OPT_HELP},
    {0, "check", false, OPT_CHECK},
    {'w', "write", false, OPT_WRITE},
    {0, "diff", false, OPT_DIFF},
};

typedef struct FmtMode {
    bool check, write, diff;
} FmtMode;

/* Rewrites `path` (a symbolic link: its target) with text, atomically,
 * keeping its mode and, where allowed, its owner. */
static int rewrite(const char *path, const char *text, size_t len)
{
    struct stat st;
    char *real = realpath(path, NULL);
    if (!real || stat(real, &st) != 0) {
        fprintf(stderr, "bkpc: cannot write %s: %s\n", path, strerror(errno));
        free(real);
        return EXIT_USAGE;
    }
    CliOut out;
    int status = EXIT_USAGE;
    if (cli_out_open_mode(&out, real, st.st_mode & 07777) == 0) {
        int fd = fileno(out.f);
        if ((st.st_uid != geteuid() || st.st_gid != getegid()) && fchown(fd, st.st_uid, st.st_gid) != 0) {
            /* not allowed: the file becomes the writer's, as any editor's would */
        }
        if (fchmod(fd, st.st_mode & 07777) != 0) {   /* exactly, whatever the umask */
            fprintf(stderr, "bkpc: cannot write %s: %s\n", real, strerror(errno));
            cli_out_abort(&out);
        } else {
            fwrite(text, 1, len, out.f);
            if (cli_out_commit(&out) == 0)
                status = EXIT_CLEAN;
        }
    }
    free(real);
    return status;
}

/* What the mode does with the formatted text of src. */
static int output(const FmtMode *m, const char *path, const BkpSource *src, const char *text, size_t len)
{
    if (!m->check && !m->write && !m->diff) {
        fwrite(text, 1, len, stdout);
        return EXIT_CLEAN;
    }
    if (len == src->len && memcmp(text, src->text, len) == 0)
        return EXIT_CLEAN;
    if (m->diff && bkp_unified_diff(stdout, src->name, src->text, src->len, text, len) != 0) {
        fprintf(stderr, "bkpc: cannot write the diff of %s: %s\n", src->name, strerror(errno));
        return EXIT_USAGE;
    }
    if (m->check) {
        if (!m->diff)
            printf("%s\n", src->name);
        return EXIT_ERRORS;
    }
    return m->write ? rewrite(path, text, len) : EXIT_CLEAN;
}

static int format_file(const FmtMode *m, const char *path)
{
    int status = EXIT_CLEAN;
    BkpSource *src = cli_read(path, &status);
    if (!src)
        return status;
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    AstFile *f = bkp_parse(&ctx, src);
    if (f->syntax_errors) {
        CliDiag diag;
        cli_diag_init(&diag);
        cli_diag_emit(&diag, &ctx.diags);
        status = EXIT_ERRORS;
    } else {
        size_t len;
        char *text = bkp_fmt_file(f, &len);
        if (text) {
            status = output(m, path, src, text, len);
        } else {
            fprintf(stderr, "bkpc: cannot format %s: %s\n", src->name, strerror(errno));
            status = EXIT_USAGE;
        }
        free(text);
    }
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
    return status;
}

int cmd_fmt(int argc, char **argv)
{
    CliOpts o;
    cli_opts_init(&o, "fmt", argc, argv);
    const char *files[argc > 0 ? argc : 1];
    int nfiles = 0;
    FmtMode m = {false, false, false};
    for (int id; (id = cli_opts_next(&o, options, sizeof options / sizeof options[0])) != CLI_OPT_END;) {
        switch (id) {
        case OPT_HELP: fputs(help, stdout); return EXIT_CLEAN;
        case OPT_CHECK: m.check = true; break;
        case OPT_WRITE: m.write = true; break;
        case OPT_DIFF: m.diff = true; break;
        case CLI_OPT_ARG: files[nfiles++] = o.value; break;
        default: return EXIT_USAGE;
        }
    }
    if (m.check && m.write)
        return cli_usage_error("fmt", "--check writes nothing: it cannot go with -w");
    if (nfiles == 0)
        return cli_usage_error("fmt", "no input file (- for standard input)");
    for (int i = 0; m.write && i < nfiles; i++)
        if (strcmp(files[i], "-") == 0)
            return cli_usage_error("fmt", "-w cannot rewrite standard input");
    int status = EXIT_CLEAN;
    for (int i = 0; i < nfiles; i++) {
        int st = format_file(&m, files[i]);
        if (st > status)
            status = st;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "bkpc: cannot write standard output: %s\n", strerror(errno));
        status = EXIT_USAGE;
    }
    return status;
}
