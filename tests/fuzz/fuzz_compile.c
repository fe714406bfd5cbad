/* fuzz_compile.c — the whole pipeline on arbitrary bytes (bkp_parse,
 * bkp_compile_ast: the `use`d files fuzz.c serves, the checker, the proofs
 * of requirements).
 *
 * Properties: no crash, leak or hang; every node of the tree lies inside
 * the source, and without syntax errors its leaves (tokens and comments)
 * cover every byte but blanks and commas, each byte once; every
 * diagnostic's spans and fix lie inside the source, and every renderer
 * takes them (fuzz_diags); a program comes back only without errors; each
 * diagnostic's fix, applied, compiles again. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

typedef struct Walk {
    const AstFile *f;
    unsigned char *seen;        /* per byte: in a leaf (NULL: not checked) */
} Walk;

static bool is_leaf(AstNodeKind k)
{
    return k == AST_NODE_KEYWORD || k == AST_NODE_PUNCT || k == AST_NODE_NAME || k == AST_NODE_DURATION ||
           k == AST_NODE_TIME || k == AST_NODE_ITEM || k == AST_NODE_COMMENT;
}

static bool walk_enter(void *user, const AstNode *n, int depth)
{
    Walk *w = user;
    const BkpSource *src = w->f->src;
    FUZZ_CHECK(depth >= 0 && n->span.off <= n->span.end && n->span.end <= src->len,
               "node kind %d at depth %d: span [%u, %u) outside the source of %zu bytes", (int)n->kind, depth,
               n->span.off, n->span.end, src->len);
    if (!is_leaf(n->kind) || !w->seen)
        return true;
    for (uint32_t i = n->span.off; i < n->span.end; i++) {
        FUZZ_CHECK(!w->seen[i], "byte %u is in two leaves (the second of kind %d)", i, (int)n->kind);
        w->seen[i] = 1;
    }
    return true;
}

/* The walk: without syntax errors, the leaves (tokens and comments) cover
 * every byte but blanks and commas, each once (the bare clauses of a file
 * are visited where the first of them stands: not in source order). */
static void walk(const FuzzUnit *u)
{
    Walk w = {u->file, NULL};
    if (!u->file->syntax_errors) {
        w.seen = calloc(u->src->len + 1, 1);
        FUZZ_CHECK(w.seen != NULL, "out of memory");
    }
    AstVisitor v = {walk_enter, NULL, &w};
    bkp_ast_walk(u->file, &v);
    for (uint32_t i = 0; w.seen && i < u->src->len; i++)
        FUZZ_CHECK(w.seen[i] || (strchr(" \t\r\n\f\v,", u->src->text[i]) && u->src->text[i] != '\0'),
                   "byte %u (0x%02x) is in no leaf", i, (unsigned char)u->src->text[i]);
    free(w.seen);
}

/* Each fix applied to the source: it must compile again (any result). */
static void apply_fixes(const FuzzUnit *u)
{
    int budget = 2;             /* each is a compilation: the first two */
    for (const BkpDiag *g = u->ctx.diags.head; g && budget > 0; g = g->next) {
        if (!g->fix.text || g->src != u->src)
            continue;
        budget--;
        size_t n = strlen(g->fix.text), len = u->src->len;
        size_t cut = g->fix.span.end - g->fix.span.off;
        char *text = malloc(len - cut + n + 1);
        FUZZ_CHECK(text != NULL, "out of memory");
        memcpy(text, u->src->text, g->fix.span.off);
        memcpy(text + g->fix.span.off, g->fix.text, n);
        memcpy(text + g->fix.span.off + n, u->src->text + g->fix.span.end, len - g->fix.span.end);
        FuzzUnit v;
        fuzz_compile(&v, u->src->name, text, len - cut + n);
        fuzz_unit_free(&v);
        free(text);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzUnit u;
    fuzz_compile(&u, "fuzz.bkp", data, size);
    walk(&u);
    FuzzOut o;
    fuzz_out_open(&o);
    bkp_ast_print(o.f, u.file);
    fuzz_out_free(&o);
    fuzz_diags(&u.ctx.diags, fuzz_renderers(size));
    apply_fixes(&u);
    fuzz_unit_free(&u);
    return 0;
}
