/* util.c — what every command shares: loading, picking a policy, usage
 * errors, and output files that appear only when complete. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bkpc/misspell.h"
#include "cli.h"

BkpSource *cli_read(const char *path, int *status)
{
    BkpSource *src = bkp_source_read(path);
    if (!src) {
        fprintf(stderr, "bkpc: cannot read %s: %s\n", strcmp(path, "-") ? path : "standard input",
                errno == EFBIG ? "file too large (64 MiB at most)" : strerror(errno));
        *status = EXIT_USAGE;
    }
    return src;
}

BkpProgram *cli_load(BkpCtx *ctx, const char *path, BkpSource **srcp, int *status)
{
    CliDiag text;
    cli_diag_init(&text);
    return cli_compile(ctx, path, &text, srcp, status);
}

/* The policy name of prog nearest to `name`, if one is a plausible typo. */
static const char *closest_policy(const BkpProgram *prog, const char *name)
{
    const char **names = malloc(sizeof *names * (size_t)(prog->npolicies ? prog->npolicies : 1));
    if (!names)
        return NULL;
    size_t n = 0;
    for (const BkpPolicy *p = prog->policies; p; p = p->next)
        names[n++] = p->name;
    const char *near = bkp_closest(name, names, n);
    free(names);
    return near;
}

int cli_choice(const char *cmd, const char *what, const char *value, const char *const *choices, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(value, choices[i]) == 0)
            return i;
    char list[256] = "";
    for (int i = 0; i < n; i++) {
        size_t l = strlen(list);
        snprintf(list + l, sizeof list - l, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ", choices[i]);
    }
    const char *near = bkp_closest(value, choices, (size_t)n);
    if (near)
        cli_usage_error(cmd, "unknown %s '%s' (%s); did you mean '%s'?", what, value, list, near);
    else
        cli_usage_error(cmd, "unknown %s '%s' (%s)", what, value, list);
    return -1;
}

const BkpPolicy *cli_pick_policy(const BkpProgram *prog, const char *name, int *status)
{
    if (name) {
        const BkpPolicy *p = bkp_program_find(prog, name);
        if (!p) {
            fprintf(stderr, "bkpc: %s defines no policy named `%s`", prog->src->name, name);
            const char *near = closest_policy(prog, name);
            if (near)
                fprintf(stderr, "; did you mean `%s`?", near);
            fputc('\n', stderr);
            *status = EXIT_USAGE;
        }
        return p;
    }
    if (prog->npolicies == 1)
        return prog->policies;
    if (prog->npolicies == 0) {
        fprintf(stderr, "bkpc: %s defines no policy\n", prog->src->name);
        *status = EXIT_ERRORS;
        return NULL;
    }
    fprintf(stderr, "bkpc: %s defines %d policies (", prog->src->name, prog->npolicies);
    for (const BkpPolicy *p = prog->policies; p; p = p->next)
        fprintf(stderr, "%s%s", p == prog->policies ? "" : ", ", p->name);
    fprintf(stderr, "); choose one with --policy NAME\n");
    *status = EXIT_USAGE;
    return NULL;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "bkpc %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\ntry 'bkpc %s --help'\n", cmd);
    va_end(ap);
    return EXIT_USAGE;
}

bool cli_parse_uint(const char *s, long max, long *out)
{
    if (!s || !*s)
        return false;
    long v = 0;
    for (const char *c = s; *c; c++) {
        if (*c < '0' || *c > '9')
            return false;
        if (v > (max - (*c - '0')) / 10)
            return false;
        v = v * 10 + (*c - '0');
    }
    *out = v;
    return true;
}

int cli_out_open(CliOut *o, const char *path)
{
    return cli_out_open_mode(o, path, 0644);
}

int cli_out_open_mode(CliOut *o, const char *path, unsigned mode)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        return 0;
    }
    o->path = strdup(path);
    size_t n = strlen(path) + 16;
    o->tmp = malloc(n);
    if (!o->path || !o->tmp) {
        cli_out_abort(o);
        fprintf(stderr, "bkpc: out of memory\n");
        return -1;
    }
    /* The temporary file sits beside the target, so rename() is atomic. */
    snprintf(o->tmp, n, "%s.XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        fprintf(stderr, "bkpc: cannot write %s: %s\n", path, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        cli_out_abort(o);
        return -1;
    }
    /* mkstemp() creates the file 0600; give it `mode` as open() would have,
     * i.e. less the process's umask. */
    mode_t um = umask(0);
    umask(um);
    if (fchmod(fd, (mode_t)mode & ~um) != 0 || !(o->f = fdopen(fd, "w"))) {
        int err = errno;
        close(fd);
        fprintf(stderr, "bkpc: cannot write %s: %s\n", path, strerror(err));
        cli_out_abort(o);
        return -1;
    }
    return 0;
}

int cli_out_close(CliOut *o)
{
    if (!o->f || o->f == stdout)
        return 0;
    int bad = ferror(o->f);
    if (fclose(o->f) != 0)
        bad = 1;
    o->f = NULL;
    if (bad) {
        fprintf(stderr, "bkpc: cannot write %s: %s\n", o->path, strerror(errno ? errno : EIO));
        cli_out_abort(o);
        return -1;
    }
    return 0;
}

int cli_out_commit(CliOut *o)
{
    if (o->f == stdout) {
        o->f = NULL;
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "bkpc: cannot write standard output: %s\n", strerror(errno));
            return -1;
        }
        return 0;
    }
    if (cli_out_close(o) != 0)
        return -1;
    if (rename(o->tmp, o->path) != 0) {
        fprintf(stderr, "bkpc: cannot write %s: %s\n", o->path, strerror(errno ? errno : EIO));
        cli_out_abort(o);
        return -1;
    }
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    return 0;
}

void cli_out_abort(CliOut *o)
{
    if (o->f && o->f != stdout)
        fclose(o->f);
    o->f = NULL;
    if (o->tmp)
        unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
}
