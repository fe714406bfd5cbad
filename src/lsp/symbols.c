/* symbols.c — textDocument/documentSymbol (the policies and templates
 * with their clauses, the uses, the vaults, the protects, in the file's
 * order) and
 * textDocument/codeAction (each diagnostic's machine-applicable fix, a
 * BkpFix, as a quickfix). Both read the current version's tree and
 * diagnostics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp_int.h"

/* SymbolKind */
enum { SYM_FILE = 1, SYM_CLASS = 5, SYM_PROPERTY = 7, SYM_INTERFACE = 11, SYM_VARIABLE = 13,
       SYM_OBJECT = 19 };

/* ---- document symbols ------------------------------------------------------------ */

/* The start of one DocumentSymbol (the caller adds children, then closes
 * it): `sel` must lie in `range`, else the range's start is used. */
static void symbol_begin(JsonW *w, BkpSource *src, const char *name, const char *detail, int kind, BkpSpan range,
                         BkpSpan sel)
{
    if (sel.off < range.off || sel.end > range.end || sel.end < sel.off)
        sel = bkp_span(range.off, range.off);
    jw_obj(w);
    jw_key(w, "name");
    jw_str(w, name && *name ? name : "(unnamed)");
    if (detail) {
        jw_key(w, "detail");
        jw_str(w, detail);
    }
    jw_key(w, "kind");
    jw_int(w, kind);
    jw_key(w, "range");
    lsp_write_range(w, src, range);
    jw_key(w, "selectionRange");
    lsp_write_range(w, src, sel);
}

/* A clause's text as written, on one line: blanks squeezed, at most 120
 * bytes. */
static void clause_text(const BkpSource *src, const AstClause *c, char *buf, size_t n)
{
    size_t k = 0;
    bool blank = false;
    for (uint32_t i = c->span.off; i < c->span.end && k + 4 < n; i++) {
        char ch = src->text[i];
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
            blank = k > 0;
            continue;
        }
        if (blank)
            buf[k++] = ' ';
        blank = false;
        buf[k++] = ch;
    }
    buf[k] = 0;
}

/* A policy or a template block (a template is an interface: policies
 * implement it). */
static void policy_symbol(JsonW *w, BkpSource *src, const AstPolicy *p)
{
    BkpSpan sel = p->implicit && p->clauses ? ast_clause_kw_span(p->clauses) : p->name.span;
    const char *what = p->is_template ? "template" : "policy";
    char detail[300];
    if (p->implicit)
        snprintf(detail, sizeof detail, "policy (the file's clauses)");
    else if (p->from.value)
        snprintf(detail, sizeof detail, "%s from %s", what, p->from.value);
    else
        snprintf(detail, sizeof detail, "%s", what);
    symbol_begin(w, src, p->name.value, detail, p->is_template ? SYM_INTERFACE : SYM_CLASS, p->span, sel);
    jw_key(w, "children");
    jw_arr(w);
    for (const AstClause *c = p->clauses; c; c = c->next) {
        char text[128];
        clause_text(src, c, text, sizeof text);
        symbol_begin(w, src, bkp_clause_name(c->kind), text, SYM_PROPERTY, c->span, ast_clause_kw_span(c));
        jw_end_obj(w);
    }
    jw_end_arr(w);
    jw_end_obj(w);
}

static void vault_symbol(JsonW *w, BkpSource *src, const AstVault *v)
{
    char detail[300];
    int k = snprintf(detail, sizeof detail, "vault in resource group %s", v->rg.value ? v->rg.value : "?");
    for (int i = 0; i < v->npolicies && k > 0 && (size_t)k < sizeof detail; i++)
        k += snprintf(detail + k, sizeof detail - (size_t)k, "%s%s", i ? ", " : ", with ",
                      v->policies[i].value ? v->policies[i].value : "?");
    symbol_begin(w, src, v->name.value, detail, SYM_OBJECT, v->span, v->name.span);
    jw_end_obj(w);
}

static void protect_symbol(JsonW *w, BkpSource *src, const AstProtect *p)
{
    char detail[300];
    snprintf(detail, sizeof detail, "protect: resource group %s, with %s%s%s", p->rg.value ? p->rg.value : "?",
             p->policy.value ? p->policy.value : "?", p->vault.value ? " in " : "",
             p->vault.value ? p->vault.value : "");
    symbol_begin(w, src, p->vm.value, detail, SYM_VARIABLE, p->span, p->vm.span);
    jw_end_obj(w);
}

static void use_symbol(JsonW *w, BkpSource *src, const AstUse *u)
{
    symbol_begin(w, src, u->path.value, "use", SYM_FILE, u->span, u->path.span);
    jw_end_obj(w);
}

int lsp_symbols(BkpLsp *s, const json_t *params, JsonW *w, LspError *e)
{
    LspDoc *d = lsp_doc(s, params, e);
    if (!d)
        return -1;
    AstStmtIter it;
    ast_stmts_begin(&it, d->ast);
    jw_arr(w);
    for (AstStmt st; (st = ast_stmts_next(&it)).kind != AST_STMT_END;) {
        switch (st.kind) {
        case AST_STMT_USE: use_symbol(w, d->src, st.use); break;
        case AST_STMT_VAULT: vault_symbol(w, d->src, st.vault); break;
        case AST_STMT_PROTECT: protect_symbol(w, d->src, st.protect); break;
        default: policy_symbol(w, d->src, st.block); break;
        }
    }
    jw_end_arr(w);
    return 0;
}

/* ---- code actions ---------------------------------------------------------------- */

/* "Change `for 23h` to `for 24h`", "Remove `keep snapshots 5d`". */
static void fix_title(const BkpSource *src, const BkpFix *fix, char *buf, size_t n)
{
    int was = (int)(fix->span.end - fix->span.off);
    const char *old = src->text + fix->span.off;
    if (was > 60)
        was = 60;
    if (!fix->text[0])
        snprintf(buf, n, "Remove `%.*s`", was, old);
    else if (fix->span.end == fix->span.off)
        snprintf(buf, n, "Insert `%.60s`", fix->text);
    else
        snprintf(buf, n, "Change `%.*s` to `%.60s`", was, old, fix->text);
    /* A line break (a removed line) reads as a blank in a title. */
    for (char *c = buf; *c; c++)
        if (*c == '\n' || *c == '\r')
            *c = ' ';
}

static void code_action(JsonW *w, const LspDoc *d, const BkpDiag *g)
{
    char title[200];
    fix_title(d->src, &g->fix, title, sizeof title);
    jw_obj(w);
    jw_key(w, "title");
    jw_str(w, title);
    jw_key(w, "kind");
    jw_str(w, "quickfix");
    jw_key(w, "diagnostics");
    jw_arr(w);
    lsp_write_diagnostic(w, d, g);
    jw_end_arr(w);
    jw_key(w, "isPreferred");
    jw_bool(w, true);
    jw_key(w, "edit");
    jw_obj(w);
    jw_key(w, "changes");
    jw_obj(w);
    jw_key(w, d->uri);
    jw_arr(w);
    jw_obj(w);
    jw_key(w, "range");
    lsp_write_range(w, d->src, g->fix.span);
    jw_key(w, "newText");
    jw_str(w, g->fix.text);
    jw_end_obj(w);
    jw_end_arr(w);
    jw_end_obj(w);
    jw_end_obj(w);
    jw_end_obj(w);
}

/* Whether context.only (if given) asks for quickfixes. */
static bool wants_quickfix(const json_t *params)
{
    const json_t *only = json_object_get(json_object_get(params, "context"), "only");
    if (!json_is_array(only))
        return true;
    size_t i;
    const json_t *k;
    json_array_foreach(only, i, k) {
        const char *v = json_string_value(k);
        if (v && (strcmp(v, "quickfix") == 0 || strcmp(v, "") == 0))
            return true;
    }
    return false;
}

int lsp_code_actions(BkpLsp *s, const json_t *params, JsonW *w, LspError *e)
{
    LspDoc *d = lsp_doc(s, params, e);
    uint32_t a, b;
    if (!d || lsp_offset(d->src, params, "range.start", &a, e) != 0 || lsp_offset(d->src, params, "range.end", &b, e) != 0)
        return -1;
    if (a > b) {
        uint32_t x = a;
        a = b;
        b = x;
    }
    jw_arr(w);
    BkpDiag **v = wants_quickfix(params) ? bkp_diags_sorted(&d->ctx.diags) : NULL;
    for (unsigned i = 0; v && i < d->ctx.diags.count; i++) {
        const BkpDiag *g = v[i];
        if (g->fix.text && g->src == d->src && g->primary.span.off <= b && a <= g->primary.span.end)
            code_action(w, d, g);
    }
    free(v);
    jw_end_arr(w);
    return 0;
}
