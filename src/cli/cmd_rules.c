/* cmd_rules.c — the rule reference on the command line:
 *   bkpc explain-rule ID    the page of one rule (as rustc --explain)
 *   bkpc rules [ID]         every rule with its one-line summary; with ID, its page
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/misspell.h"
#include "bkpc/ruledoc.h"
#include "cli.h"
#include "opts.h"

static const char help_explain[] =
    "usage: bkpc explain-rule ID\n"
    "\n"
    "Print the page of rule ID: what Azure requires, why, an example that breaks\n"
    "the rule and its fix, and where the rule comes from. ID is the id a\n"
    "diagnostic shows in brackets: one of Azure's rules (A6, B7, D11, ...) or\n"
    "one of the language's own (syntax, unit, value, duplicate, schedule, name);\n"
    "case does not matter. The pages are also at\n"
    "  " BKP_RULE_DOC_URL "ID.md\n"
    "\n"
    "  -h, --help   show this help\n"
    "\n"
    "Exit status: 0 done, 2 no such rule or usage error.\n";

static const char help_rules[] =
    "usage: bkpc rules [ID]\n"
    "\n"
    "List every rule bkpc knows: its id, how bkpc reports it (error, warning,\n"
    "by construction: the language cannot express a violation, or note: how\n"
    "Azure runs a policy) and what it demands. With ID, print its page, as\n"
    "`bkpc explain-rule ID` does.\n"
    "\n"
    "  -h, --help   show this help\n"
    "\n"
    "Exit status: 0 done, 2 no such rule or usage error.\n";

static const CliOpt options[] = {{'h', "help", false, 0}};

/* The one operand, or NULL for none (allowed when `optional`). *status is
 * -1 when the command goes on, else its exit status (after --help or a
 * usage error). */
static const char *operand(const char *cmd, const char *help, bool optional, int argc, char **argv,
                           int *status)
{
    CliOpts o;
    cli_opts_init(&o, cmd, argc, argv);
    const char *id = NULL;
    *status = -1;
    for (int k; (k = cli_opts_next(&o, options, 1)) != CLI_OPT_END;) {
        if (k == 0) {
            fputs(help, stdout);
            *status = EXIT_CLEAN;
            return NULL;
        }
        if (k != CLI_OPT_ARG) {
            *status = EXIT_USAGE;
            return NULL;
        }
        if (id) {
            *status = cli_usage_error(cmd, "one rule id at a time");
            return NULL;
        }
        id = o.value;
    }
    if (!id && !optional)
        *status = cli_usage_error(cmd, "which rule? (`bkpc rules` lists them)");
    return id;
}

static int explain(const char *cmd, const char *id)
{
    const BkpRuleDoc *r = bkp_rule_doc(id);
    if (r) {
        fputs(r->text, stdout);
        return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_USAGE;
    }
    /* Azure's ids are near each other by spelling (B7, B8), so a "did you
     * mean" helps only with the language's words. */
    bool azure = strchr("ABCDEFabcdef", id[0]) && id[0] && id[1] && strspn(id + 1, "0123456789") == strlen(id + 1);
    size_t n;
    const BkpRuleDoc *docs = bkp_rule_docs(&n);
    const char **ids = azure ? NULL : malloc(sizeof *ids * (n ? n : 1));
    const char *near = NULL;
    if (ids) {
        for (size_t i = 0; i < n; i++)
            ids[i] = docs[i].id;
        near = bkp_closest(id, ids, n);
    }
    fprintf(stderr, "bkpc %s: no rule '%s'%s", cmd, id,
            azure ? " among those bkpc checks or enforces (Azure's others concern what bkpc does not see)" : "");
    if (near)
        fprintf(stderr, "; did you mean '%s'?", near);
    fprintf(stderr, "\n`bkpc rules` lists them\n");
    free(ids);
    return EXIT_USAGE;
}

int cmd_explain_rule(int argc, char **argv)
{
    int status;
    const char *id = operand("explain-rule", help_explain, false, argc, argv, &status);
    return status >= 0 ? status : explain("explain-rule", id);
}

int cmd_rules(int argc, char **argv)
{
    int status;
    const char *id = operand("rules", help_rules, true, argc, argv, &status);
    if (status >= 0)
        return status;
    if (id)
        return explain("rules", id);
    size_t n;
    const BkpRuleDoc *docs = bkp_rule_docs(&n);
    for (size_t i = 0; i < n; i++)
        printf("%-10s %-16s %s\n", docs[i].id, bkp_rule_kind_name(docs[i].kind), docs[i].title);
    return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_USAGE;
}
