/* early.c — a policy checked as soon as its block closes (see check.h,
 * bkp_check_early): the checker of resolve.c and rules.c on one policy,
 * its diagnostics held back. A policy that needs the rest of the file (a
 * template, a `require` to prove, a name defined before) or has anything to
 * say waits for bkp_check, which checks it and says it as for any other.
 *
 * What stays of a policy taken early is its name and where it was written
 * (EarlyName): what the rest of the file may refer to (a vault's `with`, a
 * `protect`, a name defined twice), about 60 bytes a policy, in tables that
 * grow by doubling (malloc'd: given back by bkp_check_early_free).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_int.h"

struct BkpCheckEarly {
    Checker C;
    const AstFile *files[1];
    const AstFile *file;        /* the file whose policies were taken */
    EarlyName *v;               /* in file order */
    size_t n, cap;
    uint32_t *slot;             /* open addressing: index in v + 1, 0 empty */
    size_t nslot;               /* a power of two, at least twice n */
    size_t hash;                /* of the name bkp_check_early took last */
};

BkpCheckEarly *bkp_check_early_new(BkpCtx *ctx)
{
    BkpCheckEarly *e = BKP_NEW(&ctx->arena, BkpCheckEarly);
    e->C = (Checker){.ctx = ctx, .A = &ctx->arena, .files = e->files, .nfiles = 1};
    return e;
}

void bkp_check_early_free(BkpCheckEarly *e)
{
    if (!e)
        return;
    free(e->v);
    free(e->slot);
    e->v = NULL;
    e->slot = NULL;
    e->n = e->cap = e->nslot = 0;
}

static size_t find_slot(const BkpCheckEarly *e, const char *name, size_t hash)
{
    size_t i = hash & (e->nslot - 1);
    while (e->slot[i] && !name_equal_fold(e->v[e->slot[i] - 1].name, name))
        i = (i + 1) & (e->nslot - 1);
    return i;
}

static const EarlyName *find_hashed(const BkpCheckEarly *e, const char *name, size_t hash)
{
    if (!e->n)
        return NULL;
    size_t i = find_slot(e, name, hash);
    return e->slot[i] ? &e->v[e->slot[i] - 1] : NULL;
}

const EarlyName *check_early_find(const BkpCheckEarly *e, const AstFile *f, const char *name)
{
    return e && f == e->file ? find_hashed(e, name, name_hash_fold(name)) : NULL;
}

const EarlyName *check_early_names(const BkpCheckEarly *e, const AstFile *f, size_t *n)
{
    *n = e && f == e->file ? e->n : 0;
    return *n ? e->v : NULL;
}

const BkpPolicy *bkp_check_early(BkpCheckEarly *e, const AstFile *f, const AstPolicy *ap)
{
    if (ap->is_template || ap->from.value || ap->implicit || ap->had_error || !ap->name.value ||
        (e->file && e->file != f))
        return NULL;
    e->hash = name_hash_fold(ap->name.value);
    if (find_hashed(e, ap->name.value, e->hash))
        return NULL;
    Checker *C = &e->C;
    e->files[0] = f;
    check_in(C, f);
    bkp_diags_init(&C->quiet, C->A);
    C->D = &C->quiet;
    BkpPolicy *p = check_policy(C, C->file, ap, false);
    return p && C->quiet.count == 0 && !p->requirements ? p : NULL;
}

static _Noreturn void out_of_memory(void)
{
    fputs("bkpc: out of memory\n", stderr);     /* as the arena says it */
    abort();
}

void bkp_check_early_keep(BkpCheckEarly *e, const AstFile *f, const AstPolicy *p)
{
    if (e->n == e->cap) {
        size_t cap = e->cap ? 2 * e->cap : 256;
        EarlyName *v = realloc(e->v, cap * sizeof *v);
        if (!v)
            out_of_memory();
        e->v = v;
        e->cap = cap;
    }
    if (2 * (e->n + 1) > e->nslot) {
        size_t nslot = e->nslot ? 2 * e->nslot : 512;
        uint32_t *slot = calloc(nslot, sizeof *slot);
        if (!slot)
            out_of_memory();
        free(e->slot);
        e->slot = slot;
        e->nslot = nslot;
        for (size_t k = 0; k < e->n; k++)
            e->slot[find_slot(e, e->v[k].name, e->v[k].hash)] = (uint32_t)k + 1;
    }
    e->file = f;
    EarlyName *x = &e->v[e->n];
    x->name = bkp_arena_strdup(e->C.A, p->name.value);
    x->name_span = p->name.span;
    x->span = p->span;
    x->hash = e->hash;                  /* (bkp_check_early's, of the same name) */
    e->slot[find_slot(e, x->name, x->hash)] = (uint32_t)++e->n;
}
