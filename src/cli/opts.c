/* opts.c — see opts.h. */
#include "opts.h"

#include <stdio.h>
#include <string.h>

#include "bkpc/misspell.h"
#include "cli.h"

void cli_opts_init(CliOpts *o, const char *cmd, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    o->argc = argc;
    o->argv = argv;
    o->i = 1;
    o->cmd = cmd;
}

int cli_opts_next(CliOpts *o, const CliOpt *t, int n)
{
    if (o->i >= o->argc)
        return CLI_OPT_END;
    char *a = o->argv[o->i++];
    if (o->only_args || a[0] != '-' || strcmp(a, "-") == 0) {
        o->value = a;
        return CLI_OPT_ARG;
    }
    if (strcmp(a, "--") == 0) {
        o->only_args = true;
        return cli_opts_next(o, t, n);
    }
    const CliOpt *opt = NULL;
    const char *inline_value = NULL;
    if (a[1] == '-') {
        const char *name = a + 2;
        const char *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        for (int k = 0; k < n; k++)
            if (t[k].long_name && strlen(t[k].long_name) == len && strncmp(t[k].long_name, name, len) == 0)
                opt = &t[k];
        if (opt && eq)
            inline_value = eq + 1;
    } else {
        for (int k = 0; k < n; k++)
            if (t[k].short_name && t[k].short_name == a[1])
                opt = &t[k];
        if (opt && a[2])
            inline_value = a + 2;
    }
    if (!opt) {
        const char *names[n > 0 ? n : 1];
        size_t k = 0;
        for (int i = 0; i < n; i++)
            if (t[i].long_name)
                names[k++] = t[i].long_name;
        const char *eq = strchr(a, '=');
        char word[64];
        snprintf(word, sizeof word, "%.*s", eq ? (int)(eq - a - 2) : (int)strlen(a + 2), a + 2);
        const char *near = a[1] == '-' ? bkp_closest(word, names, k) : NULL;
        if (near)
            cli_usage_error(o->cmd, "unknown option '%s'; did you mean '--%s'?", a, near);
        else
            cli_usage_error(o->cmd, "unknown option '%s'", a);
        return CLI_OPT_ERROR;
    }
    if (!opt->takes_value) {
        if (inline_value) {
            cli_usage_error(o->cmd, "option '%s' takes no value", a);
            return CLI_OPT_ERROR;
        }
        o->value = NULL;
        return opt->id;
    }
    if (inline_value) {
        o->value = inline_value;
    } else if (o->i < o->argc) {
        o->value = o->argv[o->i++];
    } else {
        cli_usage_error(o->cmd, "option '%s' needs a value", a);
        return CLI_OPT_ERROR;
    }
    return opt->id;
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
