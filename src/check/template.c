/* template.c — the templates of every file a compilation reads: their
 * names (one template per name), which files see which (a file sees its
 * own templates and those of the files it uses, and theirs), their `from`
 * chains, cycles in them, and what each template gives the policies made
 * from it: for each kind of clause the nearest one up its chain, and the
 * requirements of the whole chain.
 *
 * Each template is worked out once, after the one it is made from, without
 * recursion: a chain of 20,000 templates costs 20,000 steps, and each
 * template's own clauses are checked once, whatever uses it.
 */
#include <string.h>

#include "bkpc/misspell.h"
#include "check_int.h"

typedef enum { T_NEW, T_CHAIN, T_DONE } TState;

typedef struct Template {
    const AstPolicy *ast;
    int file;                   /* index in C->files */
    BkpTemplateRef ref;
    TemplateGives gives;
    TState state;
    struct Template *parent;    /* while working out a chain */
} Template;

typedef struct Templates {
    Template *v;
    int n;
    NameIndex names;            /* name -> its Template (one per name) */
    Template **chain;           /* resolve()'s stack: a chain holds each template once */
    bool *sees;                 /* sees[i * nfiles + j]: file i sees file j's templates and policies */
} Templates;

static int file_index(const Checker *C, const AstFile *f)
{
    for (int i = 0; i < C->nfiles; i++)
        if (C->files[i] == f)
            return i;
    return -1;
}

/* Which files each file sees: itself and, through its uses, theirs. */
static void compute_sees(Checker *C, Templates *T)
{
    int n = C->nfiles;
    T->sees = BKP_NEWN(C->A, bool, (size_t)n * (size_t)n);
    int *stack = BKP_NEWN(C->A, int, n);
    for (int i = 0; i < n; i++) {
        bool *row = T->sees + (size_t)i * (size_t)n;
        int top = 0;
        row[i] = true;
        stack[top++] = i;
        while (top) {
            const AstFile *f = C->files[stack[--top]];
            for (const AstUse *u = f->uses; u; u = u->next) {
                int j = u->file ? file_index(C, u->file) : -1;
                if (j >= 0 && !row[j]) {
                    row[j] = true;
                    stack[top++] = j;
                }
            }
        }
    }
}

bool check_sees(const Checker *C, const AstFile *from, const AstFile *what)
{
    int i = file_index(C, from), j = file_index(C, what);
    return i >= 0 && j >= 0 && C->templates->sees[(size_t)i * (size_t)C->nfiles + (size_t)j];
}

/* The template named `name` that file `file` sees, or NULL. */
static Template *lookup(Checker *C, int file, const char *name)
{
    Templates *T = C->templates;
    const void **slot = name_index(&T->names, name, false);
    Template *t = slot ? (Template *)*slot : NULL;
    return t && T->sees[(size_t)file * (size_t)C->nfiles + (size_t)t->file] ? t : NULL;
}

/* Every template of every file, once per name. */
static void collect(Checker *C, Templates *T)
{
    int n = 0;
    for (int i = 0; i < C->nfiles; i++)
        for (const AstPolicy *t = C->files[i]->templates; t; t = t->next)
            n++;
    T->v = BKP_NEWN(C->A, Template, n ? n : 1);
    name_index_init(&T->names, C->A, (size_t)n);
    for (int i = 0; i < C->nfiles; i++) {
        const AstFile *f = C->files[i];
        for (const AstPolicy *t = f->templates; t; t = t->next) {
            const void **slot = name_index(&T->names, t->name.value, true);
            const Template *first = *slot;
            if (first) {
                BkpDiag *g = bkp_error(C->D, f->src, "duplicate", t->name.span, "template `%s` is defined twice",
                                       t->name.value);
                bkp_diag_secondary_in(C->D, g, C->files[first->file]->src, first->ast->name.span,
                                      "first defined here");
                if (strcmp(first->ast->name.value, t->name.value) != 0)
                    bkp_diag_hint(C->D, g, "template names, as policy names, are compared without regard to "
                                           "case: `%s` is `%s`", t->name.value, first->ast->name.value);
                continue;
            }
            Template *x = &T->v[T->n++];
            *slot = x;
            x->ast = t;
            x->file = i;
            x->ref = (BkpTemplateRef){t->name.value, f->src, t->name.span};
        }
    }
}

/* `from NAME` naming no template the file sees: said, unless a file the
 * file uses could not be read (said at its `use`): the template is likely
 * there. */
static void unknown(Checker *C, int file, const AstName *name)
{
    const AstFile *f = C->files[file];
    for (const AstUse *u = f->uses; u; u = u->next)
        if (u->failed)
            return;
    BkpDiag *g = bkp_error(C->D, f->src, "name", name->span, "no template named `%s`", name->value);
    bool is_policy = check_early_find(C->early, f, name->value) != NULL;    /* taken early */
    for (const AstPolicy *p = f->policies; p && !is_policy; p = p->next)
        is_policy = !p->implicit && name_equal_fold(p->name.value, name->value);
    if (is_policy) {
        bkp_diag_hint(C->D, g, "`%s` is a policy; a policy is made from a template: write `template %s { ... }`",
                      name->value, name->value);
        return;
    }
    const Templates *T = C->templates;
    const char **names = BKP_NEWN(C->A, const char *, T->n ? T->n : 1);
    size_t nn = 0;
    for (int i = 0; i < T->n; i++)
        if (T->sees[(size_t)file * (size_t)C->nfiles + (size_t)T->v[i].file])
            names[nn++] = T->v[i].ast->name.value;
    const char *best = bkp_closest(name->value, names, nn);
    if (best) {
        bkp_diag_hint(C->D, g, "did you mean `%s`?", best);
        check_fix_name(C->D, g, f->src, name->span, best);
    } else {
        bkp_diag_hint(C->D, g, "define it with `template %s { ... }`, or bring the file that does with "
                               "`use \"FILE.bkp\"`", name->value);
    }
}

/* The cycle v[top] -> ... -> v[last], whose `from` names v[top] again. */
static void cycle(Checker *C, Template *const *v, int top, int last)
{
    BkpArena *A = C->A;
    enum { SHOWN = 8 };             /* a longer cycle: its first templates, a count, its last */
    const char *chain = bkp_arena_printf(A, "`%s`", v[top]->ref.name);
    for (int i = top + 1; i <= last; i++) {
        if (last - top > SHOWN && i == top + SHOWN) {
            chain = bkp_arena_printf(A, "%s, ... (%d more) ...", chain, last - i);
            i = last;
        }
        chain = bkp_arena_printf(A, "%s%s `%s`", chain, i == top + 1 ? " is made from" : ", which is made from",
                                 v[i]->ref.name);
    }
    chain = bkp_arena_printf(A, "%s%s `%s` again", chain, top == last ? " is made from" : ", which is made from",
                             v[top]->ref.name);
    const AstPolicy *a = v[last]->ast;
    BkpDiag *g = bkp_error(C->D, C->files[v[last]->file]->src, "template",
                           bkp_span_join(ast_kw_span(BKP_KW_FROM, a->from_at), a->from.span),
                           "templates made from one another: %s", chain);
    bkp_diag_hint(C->D, g, "a chain of `from`s must end at a template made from none");
}

/* What template t gives: its own clauses (checked here, once), and for
 * every other kind those its parent gives; its requirements before its
 * parent's. */
static void work_out(Checker *C, Template *t)
{
    const Template *parent = t->parent;
    const AstFile *file = C->file;
    check_in(C, C->files[t->file]);
    ClauseFrom own[NSLOT];
    BkpRequire *reqs;
    check_block_clauses(C, t->ast, &t->ref, own, &reqs);
    check_template_clauses(C, own);
    TemplateGives *g = &t->gives;
    for (int s = 0; s < NSLOT; s++)
        g->slot[s] = own[s].c ? own[s] : parent ? parent->gives.slot[s] : (ClauseFrom){NULL, NULL, NULL};
    g->requirements = check_require_list(C, reqs, parent ? parent->gives.requirements : NULL);
    g->broken = g->broken || (parent && parent->gives.broken);
    check_in(C, file);
    t->state = T_DONE;
}

/* Works out t and, first, the templates up its chain, without recursion:
 * climbs the chain (v[0] = t, v[1] its template, ...) to a template that is
 * done or made from none, then works out each on the way down. A cycle, or
 * a name no template has, breaks the chain (reported once). */
static void resolve(Checker *C, Template *t)
{
    Templates *T = C->templates;
    Template **v = T->chain;
    int len = 0;
    Template *above = NULL;          /* a template worked out already, above the chain */
    t->state = T_CHAIN;
    v[len++] = t;
    for (Template *cur = t;;) {
        const AstName *from = &cur->ast->from;
        if (!from->value)
            break;
        Template *up = lookup(C, cur->file, from->value);
        if (!up) {
            unknown(C, cur->file, from);
            cur->gives.broken = true;
            break;
        }
        if (up->state == T_DONE) {
            above = up;
            break;
        }
        if (up->state == T_CHAIN) {
            int top = len - 1;
            while (v[top] != up)
                top--;
            cycle(C, v, top, len - 1);
            for (int i = top; i < len; i++)
                v[i]->gives.broken = true;
            break;
        }
        up->state = T_CHAIN;
        v[len++] = up;
        cur = up;
    }
    for (int i = len - 1; i >= 0; i--) {
        v[i]->parent = i == len - 1 ? above : v[i + 1];
        work_out(C, v[i]);
    }
}

void check_templates(Checker *C)
{
    Templates *T = BKP_NEW(C->A, Templates);
    C->templates = T;
    compute_sees(C, T);
    collect(C, T);
    T->chain = BKP_NEWN(C->A, Template *, T->n ? T->n : 1);
    for (int i = 0; i < T->n; i++)
        if (T->v[i].state == T_NEW)
            resolve(C, &T->v[i]);
}

const TemplateGives *check_template_use(Checker *C, const AstFile *file, const AstName *name)
{
    int fi = file_index(C, file);
    Template *t = fi >= 0 ? lookup(C, fi, name->value) : NULL;
    if (!t) {
        if (fi >= 0)
            unknown(C, fi, name);
        return NULL;
    }
    return &t->gives;
}
