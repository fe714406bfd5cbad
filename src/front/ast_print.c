/* ast_print.c — the AST as an indented tree (bkp_ast_print; `bkpc parse`),
 * one node a line:
 *
 *   KIND [ROLE] [`TEXT AS WRITTEN`] [ATTRIBUTES] LINE:COL-LINE:COL
 *
 * Spans end after their last character (an empty span prints one
 * position). Containers (file, policy, clause, statement, list) show no
 * text: their children do. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "bkpc/ast.h"

typedef struct Printer {
    FILE *out;
    const AstFile *f;
} Printer;

static const char *const kind_names[AST_NODE_KIND_COUNT] = {
    [AST_NODE_FILE] = "file", [AST_NODE_POLICY] = "policy", [AST_NODE_TEMPLATE] = "template",
    [AST_NODE_USE] = "use", [AST_NODE_VAULT] = "vault",
    [AST_NODE_PROTECT] = "protect", [AST_NODE_CLAUSE] = "clause", [AST_NODE_KEYWORD] = "keyword",
    [AST_NODE_PUNCT] = "punct", [AST_NODE_NAME] = "name", [AST_NODE_DURATION] = "duration",
    [AST_NODE_TIME] = "time", [AST_NODE_LIST] = "list", [AST_NODE_ITEM] = "item",
    [AST_NODE_COMMENT] = "comment",
};

/* The clause kinds as the tree shows them (bkp_clause_name() is for
 * messages, and names three of them "schedule"). */
static const char *const clause_names[AST_CLAUSE_KIND_COUNT] = {
    [AST_TYPE] = "type", [AST_TIMEZONE] = "timezone", [AST_EVERY] = "every",
    [AST_DAILY] = "daily", [AST_WEEKLY] = "weekly", [AST_KEEP_SNAPSHOTS] = "keep-snapshots",
    [AST_KEEP_DAILY] = "keep-daily", [AST_KEEP_WEEKLY] = "keep-weekly",
    [AST_KEEP_MONTHLY] = "keep-monthly", [AST_KEEP_YEARLY] = "keep-yearly",
    [AST_ARCHIVE] = "archive", [AST_SNAPSHOT_RG] = "snapshot-resource-group",
    [AST_CONSISTENCY] = "consistency", [AST_REQUIRE] = "require",
};

static const char *const name_forms[] = {
    [AST_NAME_BARE] = "bare", [AST_NAME_QUOTED] = "quoted", [AST_NAME_KEYWORD] = "keyword",
};

/* Bytes between backquotes, control bytes as \xNN. */
static void text(Printer *pr, const char *s, size_t n)
{
    fputc('`', pr->out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F)
            fprintf(pr->out, "\\x%02X", c);
        else
            fputc(c, pr->out);
    }
    fputc('`', pr->out);
}

static void written(Printer *pr, BkpSpan s)
{
    size_t n;
    const char *t = bkp_ast_text(pr->f, s, &n);
    fputc(' ', pr->out);
    text(pr, t, n);
}

static void position(Printer *pr, uint32_t off)
{
    uint32_t line, col;
    bkp_source_linecol(pr->f->src, off, &line, &col);
    fprintf(pr->out, "%" PRIu32 ":%" PRIu32, line, col);
}

static void span(Printer *pr, BkpSpan s)
{
    fputc(' ', pr->out);
    position(pr, s.off);
    if (s.end > s.off) {
        fputc('-', pr->out);
        position(pr, s.end);
    }
}

static void number(Printer *pr, const char *key, int64_t v)
{
    if (v == AST_NUM_REPORTED)
        fprintf(pr->out, " %s=not-whole", key);
    else
        fprintf(pr->out, " %s=%" PRId64, key, v);
}

/* What the node says beyond its text. */
static void attributes(Printer *pr, const AstNode *n)
{
    FILE *o = pr->out;
    switch (n->kind) {
    case AST_NODE_FILE:
        fprintf(o, " %s", n->u.file->src->name);
        if (n->u.file->syntax_errors)
            fprintf(o, " syntax-errors=%u", n->u.file->syntax_errors);
        break;
    case AST_NODE_POLICY:
    case AST_NODE_TEMPLATE:
        fputc(' ', o);
        text(pr, n->u.policy->name.value, strlen(n->u.policy->name.value));
        if (n->u.policy->implicit)
            fputs(" implicit", o);
        if (n->u.policy->had_error)
            fputs(" recovered", o);
        break;
    case AST_NODE_CLAUSE:
        fprintf(o, " %s", clause_names[n->u.clause->kind]);
        break;
    case AST_NODE_NAME:
        written(pr, n->span);
        fprintf(o, " %s", name_forms[n->u.name->form]);
        if (n->u.name->form == AST_NAME_QUOTED) {
            fputs(" value=", o);
            text(pr, n->u.name->value, strlen(n->u.name->value));
        }
        break;
    case AST_NODE_DURATION: {
        const AstDuration *d = n->u.duration;
        written(pr, n->span);
        number(pr, "num", d->num);
        fprintf(o, " unit=%s", d->unit);
        if (ast_duration_spaced(d))
            fputs(" spaced", o);
        break;
    }
    case AST_NODE_TIME:
        written(pr, n->span);
        fprintf(o, " hh=%d mm=%d", n->u.time->hh, n->u.time->mm);
        break;
    case AST_NODE_ITEM:
        written(pr, n->span);
        if (n->u.item->is_num)
            number(pr, "num", n->u.item->num);
        break;
    case AST_NODE_COMMENT:
        written(pr, n->span);
        fputs(bkp_ast_own_line(pr->f, n->span) ? " own-line" : " trailing", o);
        break;
    case AST_NODE_KEYWORD:
    case AST_NODE_PUNCT:
        written(pr, n->span);
        break;
    default:
        break;
    }
}

static bool print_node(void *user, const AstNode *n, int depth)
{
    Printer *pr = user;
    fprintf(pr->out, "%*s%s", 2 * depth, "", kind_names[n->kind]);
    if (n->role)
        fprintf(pr->out, " %s", n->role);
    attributes(pr, n);
    span(pr, n->span);
    fputc('\n', pr->out);
    return true;
}

void bkp_ast_print(FILE *out, const AstFile *f)
{
    Printer pr = {out, f};
    AstVisitor v = {print_node, NULL, &pr};
    bkp_ast_walk(f, &v);
}
