/* util.c — what every command shares: reading a file, picking a policy,
 * usage errors (compiling with diagnostics: diagout.c; output files: out.c). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bkpc/misspell.h"
#include "cli.h"

BkpSource *cli_read_why(const char *path, int *status, char *why, size_t n)
{
    BkpSource *src = bkp_source_read(path);
    if (!src) {
        snprintf(why, n, "cannot read %s: %s", strcmp(path, "-") ? path : "standard input",
                 errno == EFBIG ? "file too large (64 MiB at most)" : strerror(errno));
        fprintf(stderr, "bkpc: %s\n", why);
        *status = EXIT_USAGE;
    }
    return src;
}

BkpSource *cli_read(const char *path, int *status)
{
    char why[CLI_WHY_MAX];
    return cli_read_why(path, status, why, sizeof why);
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
