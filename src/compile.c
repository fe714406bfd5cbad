/* compile.c — the pipeline in one call: source -> tokens -> AST
 * (bkp_parse, src/front/), the files its `use` statements name, each read
 * once (through ctx->load) and parsed, -> checked program (bkp_check,
 * src/check/) -> its requirements proved (bkp_prove, src/prove/). */
#include "bkpc/compile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bkpc/prove.h"


/* How deep `use` statements may nest: a chain of files longer than this is
 * an error (and no stack runs out). */
enum { USE_DEPTH_MAX = 64 };

/* cannot_read's `err` for a path that is neither a file nor a directory. */
enum { NOT_REGULAR = -1 };

/* A file read for a `use`: its identity (bkp_path_identity) and its tree. */
typedef struct Loaded {
    char *id;
    AstFile *file;
    bool open;                  /* being loaded: on the chain of uses */
} Loaded;

typedef struct Loader {
    BkpCtx *ctx;
    Loaded *v;
    size_t n, cap;
    const AstFile *chain[USE_DEPTH_MAX + 1];   /* the files being loaded, outermost first */
    int depth;
} Loader;

static Loaded *find(Loader *L, const char *id)
{
    for (size_t i = 0; i < L->n; i++)
        if (strcmp(L->v[i].id, id) == 0)
            return &L->v[i];
    return NULL;
}

static Loaded *add(Loader *L, char *id, AstFile *f)
{
    if (L->n == L->cap) {
        size_t cap = L->cap ? 2 * L->cap : 8;
        Loaded *v = realloc(L->v, cap * sizeof *v);
        if (!v)
            return NULL;
        L->v = v;
        L->cap = cap;
    }
    L->v[L->n] = (Loaded){id, f, true};
    return &L->v[L->n++];
}

/* "a.bkp uses b.bkp, which uses c.bkp, which uses a.bkp": the chain from
 * the file `to` to the last one, which names it again. */
static void cycle(Loader *L, const AstUse *u, const AstFile *to)
{
    BkpArena *A = &L->ctx->arena;
    int from = 0;
    while (from < L->depth && L->chain[from] != to)
        from++;
    const char *chain = bkp_arena_printf(A, "`%s`", to->src->name);
    for (int i = from + 1; i < L->depth; i++)
        chain = bkp_arena_printf(A, "%s%s `%s`", chain, i == from + 1 ? " uses" : ", which uses",
                                 L->chain[i]->src->name);
    chain = bkp_arena_printf(A, "%s%s `%s` again", chain, L->depth - 1 > from ? ", which uses" : " uses",
                             to->src->name);
    const AstFile *f = L->chain[L->depth - 1];
    BkpDiag *g = bkp_error(&L->ctx->diags, f->src, "use", u->span, "`use` cycle: %s", chain);
    bkp_diag_hint(&L->ctx->diags, g, "a file cannot use itself, directly or through others: keep the shared "
                                     "templates in a file that uses none of the files that use it");
}

static void cannot_read(Loader *L, const AstFile *f, const AstUse *u, const char *path, int err)
{
    BkpDiags *D = &L->ctx->diags;
    BkpDiag *g;
    const char *name = u->path.value;
    if (err == EISDIR)
        g = bkp_error(D, f->src, "use", u->path.span, "`%s` is a directory, not a .bkp file", name);
    else if (err == NOT_REGULAR)
        g = bkp_error(D, f->src, "use", u->path.span, "`%s` is not a file (a device, a pipe or a socket)", name);
    else
        g = bkp_error(D, f->src, "use", u->path.span, "cannot read `%s`: %s", name,
                      err == EFBIG ? "file too large (64 MiB at most)" : strerror(err));
    if (name[0] != '/' && strcmp(path, name) != 0)
        bkp_diag_hint(D, g, "a `use` path is relative to the directory of the file that says it: `%s`", path);
}

static void load_uses(Loader *L, AstFile *f);

/* The file `u` names, read and parsed once, its own uses loaded. */
static void load_use(Loader *L, AstFile *f, AstUse *u)
{
    BkpCtx *ctx = L->ctx;
    char *path = bkp_source_resolve(f->src, u->path.value);
    char *id = path ? bkp_path_identity(path) : NULL;
    Loaded *seen = id ? find(L, id) : NULL;
    if (!id) {
        bkp_error(&ctx->diags, f->src, "use", u->path.span, "out of memory");
    } else if (seen && seen->open) {
        cycle(L, u, seen->file);
    } else if (seen) {
        u->file = seen->file;
    } else if (L->depth >= USE_DEPTH_MAX) {
        bkp_error(&ctx->diags, f->src, "use", u->span, "`use` statements nest more than %d files deep",
                  USE_DEPTH_MAX);
    } else {
        /* a FIFO or a terminal would wait for input, a device never end */
        struct stat st;
        bool odd = stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
        errno = 0;
        BkpSource *src = odd ? NULL : bkp_ctx_load(ctx, path);
        if (odd) {
            cannot_read(L, f, u, path, NOT_REGULAR);
        } else if (!src) {
            cannot_read(L, f, u, path, errno ? errno : EIO);
        } else {
            AstFile *used = bkp_parse(ctx, src);
            Loaded *l = add(L, id, used);
            if (l) {
                id = NULL;                      /* the table's now */
                size_t i = (size_t)(l - L->v);
                L->chain[L->depth++] = used;
                load_uses(L, used);
                L->depth--;
                L->v[i].open = false;
                u->file = used;
            }
        }
    }
    u->failed = !u->file;
    free(id);
    free(path);
}

static void load_uses(Loader *L, AstFile *f)
{
    for (AstUse *u = f->uses; u; u = u->next)
        if (u->path.value)
            load_use(L, f, u);
}

void bkp_load_uses(BkpCtx *ctx, AstFile *main)
{
    Loader L = {ctx, NULL, 0, 0, {NULL}, 0};
    char *id = bkp_path_identity(main->src->name);
    if (id && add(&L, id, main)) {
        L.chain[L.depth++] = main;
        load_uses(&L, main);
    } else {
        free(id);
    }
    for (size_t i = 0; i < L.n; i++)
        free(L.v[i].id);
    free(L.v);
}

/* early: the policies of f taken as their blocks closed (NULL: none). */
static BkpProgram *compile(BkpCtx *ctx, AstFile *f, bool prove, const BkpCheckEarly *early)
{
    unsigned before = ctx->diags.errors;
    bkp_load_uses(ctx, f);
    bool unusable = ctx->diags.errors > before;     /* a `use` that failed: said at it */
    BkpProgram *prog = bkp_check_after(ctx, f, early);
    if (unusable)
        prog = NULL;
    if (prog && prove && bkp_prove(ctx, prog) != 0)
        prog = NULL;
    return prog;
}

BkpProgram *bkp_compile_ast(BkpCtx *ctx, AstFile *f)
{
    return compile(ctx, f, true, NULL);
}

BkpProgram *bkp_compile(BkpCtx *ctx, BkpSource *src)
{
    return compile(ctx, bkp_parse(ctx, src), true, NULL);
}

BkpProgram *bkp_compile_unproved(BkpCtx *ctx, BkpSource *src)
{
    return compile(ctx, bkp_parse(ctx, src), false, NULL);
}

/* ---- a policy at a time ---------------------------------------------------- */

typedef struct Each {
    BkpCheckEarly *early;
    BkpPolicyFn fn;
    void *user;
    long n;                     /* policies handed out */
} Each;

/* The parser's hook: a policy block closed; taken when it checks clean
 * alone, in a file that has not said `use` (the used files' policies come
 * first) nor given bare clauses (an error beside blocks). */
static bool each_closed(void *user, const AstFile *f, const AstPolicy *ap)
{
    Each *e = user;
    const BkpPolicy *p = f->uses || f->bare ? NULL : bkp_check_early(e->early, f, ap);
    if (!p)
        return false;
    if (e->fn)
        e->fn(e->user, p);
    e->n++;
    return true;
}

static void each_kept(void *user, const AstFile *f, const AstPolicy *copy)
{
    bkp_check_early_keep(((Each *)user)->early, f, copy);
}

long bkp_compile_each(BkpCtx *ctx, BkpSource *src, BkpPolicyFn fn, void *user)
{
    Each e = {bkp_check_early_new(ctx, false), fn, user, 0};
    BkpParseHook hook = {each_closed, each_kept, &e};
    BkpProgram *prog = compile(ctx, bkp_parse_each(ctx, src, &hook), true, e.early);
    bkp_check_early_free(e.early);
    if (!prog)
        return -1;
    for (const BkpPolicy *p = prog->policies; p; p = p->next, e.n++)
        if (fn)
            fn(user, p);
    return e.n;
}

BkpProgram *bkp_compile_lean(BkpCtx *ctx, BkpSource *src)
{
    Each e = {bkp_check_early_new(ctx, true), NULL, NULL, 0};
    BkpParseHook hook = {each_closed, each_kept, &e};
    BkpProgram *prog = compile(ctx, bkp_parse_each(ctx, src, &hook), true, e.early);
    if (prog)
        bkp_check_early_kept(e.early, prog);
    bkp_check_early_free(e.early);
    return prog;
}
