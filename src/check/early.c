/* early.c — a policy checked as soon as its block closes (see check.h,
 * bkp_check_early): the checker of resolve.c and rules.c on one policy,
 * its diagnostics held back. A policy that needs the rest of the file (a
 * template, a `require` to prove, a name defined before) or has anything to
 * say waits for bkp_check, which checks it and says it as for any other.
 *
 * What stays of a policy taken early is its name and where it was written
 * (EarlyName): what the rest of the file may refer to (a vault's `with`, a
 * `protect`, a name defined twice), about 60 bytes a policy, in tables that
 * grow by doubling (malloc'd: given back by bkp_check_early_free). When the
 * checked policies are kept (bkp_check_early_new's `keep`), a copy of each
 * stays too, without its tree: its values, its origin and the four strings
 * they hold.
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
    uint64_t *slot;             /* open addressing: index in v + 1 (0 empty) in the low
                                   32 bits, the name's hash's high 32 bits above (a
                                   probe compares them before it reads a name) */
    size_t nslot;               /* a power of two, at least twice n */
    size_t hash;                /* of the name bkp_check_early took last, */
    size_t free_slot;           /* and the slot it goes in */
    BkpSpan first_span;         /* the first policy taken */
    /* Keeping the checked policies: the one taken last, until the arena has
     * given back its block (bkp_check_early_keep copies it there) */
    bool keep;
    BkpPolicy pending;
    BkpPolicyOrigin pending_origin;
    char *strings;              /* its strings, one after another (malloc'd) */
    size_t strings_cap;
    BkpPolicy *kept, *kept_last;    /* those kept, in file order */
    size_t nkept;
};

BkpCheckEarly *bkp_check_early_new(BkpCtx *ctx, bool keep)
{
    BkpCheckEarly *e = BKP_NEW(&ctx->arena, BkpCheckEarly);
    e->C = (Checker){.ctx = ctx, .A = &ctx->arena, .files = e->files, .nfiles = 1};
    e->keep = keep;
    return e;
}

void bkp_check_early_free(BkpCheckEarly *e)
{
    if (!e)
        return;
    free(e->v);
    free(e->slot);
    free(e->strings);
    e->v = NULL;
    e->slot = NULL;
    e->strings = NULL;
    e->n = e->cap = e->nslot = 0;
}

static uint64_t tag(size_t hash)
{
    return (uint64_t)hash >> 32 << 32;
}

static size_t find_slot(const BkpCheckEarly *e, const char *name, size_t hash)
{
    size_t i = hash & (e->nslot - 1);
    for (uint64_t s; (s = e->slot[i]); i = (i + 1) & (e->nslot - 1))
        if ((s & ~(uint64_t)UINT32_MAX) == tag(hash) && name_equal_fold(e->v[(uint32_t)s - 1].name, name))
            break;
    return i;
}

static const EarlyName *find_hashed(const BkpCheckEarly *e, const char *name, size_t hash)
{
    if (!e->n)
        return NULL;
    size_t i = find_slot(e, name, hash);
    return e->slot[i] ? &e->v[(uint32_t)e->slot[i] - 1] : NULL;
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

BkpSpan check_early_first(const BkpCheckEarly *e)
{
    return e->first_span;
}

/* The strings a checked policy holds in the arena with its tree (the
 * zone's Windows id is the time zones'), as the fields of p and o. */
enum { NSTRINGS = 4 };
static void string_fields(BkpPolicy *p, BkpPolicyOrigin *o, const char **f[NSTRINGS])
{
    f[0] = &p->name;
    f[1] = &o->timezone_written;
    f[2] = &p->snapshot_rg_prefix;
    f[3] = &p->snapshot_rg_suffix;
}

/* p, held through the arena's release: its values, its origin, its strings. */
static int hold(BkpCheckEarly *e, const BkpPolicy *p)
{
    e->pending = *p;
    e->pending_origin = *p->origin;
    const char **d[NSTRINGS];
    string_fields(&e->pending, &e->pending_origin, d);
    size_t need = 0;
    for (int i = 0; i < NSTRINGS; i++)
        need += *d[i] ? strlen(*d[i]) + 1 : 0;
    if (need > e->strings_cap) {
        char *b = realloc(e->strings, need);
        if (!b)
            return -1;
        e->strings = b;
        e->strings_cap = need;
    }
    char *at = e->strings;
    for (int i = 0; i < NSTRINGS; i++)
        if (*d[i]) {
            size_t n = strlen(*d[i]) + 1;
            memcpy(at, *d[i], n);
            *d[i] = at;
            at += n;
        }
    return 0;
}

/* The policy held, into the arena for good. */
static BkpPolicy *keep_held(BkpCheckEarly *e)
{
    BkpArena *A = e->C.A;
    BkpPolicy *p = BKP_NEW(A, BkpPolicy);
    BkpPolicyOrigin *o = BKP_NEW(A, BkpPolicyOrigin);
    *p = e->pending;
    *o = e->pending_origin;
    p->origin = o;
    p->next = NULL;
    const char **d[NSTRINGS];
    string_fields(p, o, d);
    for (int i = 0; i < NSTRINGS; i++)
        if (*d[i])
            *d[i] = bkp_arena_strdup(A, *d[i]);
    if (e->kept_last)
        e->kept_last->next = p;
    else
        e->kept = p;
    e->kept_last = p;
    e->nkept++;
    return p;
}

static _Noreturn void out_of_memory(void)
{
    fputs("bkpc: out of memory\n", stderr);     /* as the arena says it */
    abort();
}

/* Room in the tables for one more name (they grow by doubling). */
static void make_room(BkpCheckEarly *e)
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
        uint64_t *slot = calloc(nslot, sizeof *slot);
        if (!slot)
            out_of_memory();
        free(e->slot);
        e->slot = slot;
        e->nslot = nslot;
        for (size_t k = 0; k < e->n; k++) {
            size_t h = name_hash_fold(e->v[k].name);
            e->slot[find_slot(e, e->v[k].name, h)] = tag(h) | (k + 1);
        }
    }
}

const BkpPolicy *bkp_check_early(BkpCheckEarly *e, const AstFile *f, const AstPolicy *ap)
{
    if (ap->is_template || ap->from.value || ap->implicit || ap->had_error || !ap->name.value ||
        (e->file && e->file != f))
        return NULL;
    make_room(e);               /* (so that the slot found stays the name's) */
    e->hash = name_hash_fold(ap->name.value);
    e->free_slot = find_slot(e, ap->name.value, e->hash);
    if (e->slot[e->free_slot])  /* the name is taken */
        return NULL;
    Checker *C = &e->C;
    e->files[0] = f;
    check_in(C, f);
    bkp_diags_init(&C->quiet, C->A);
    C->quiet.limit = 1;         /* one diagnostic says the block waits: the rest are muted,
                                   and their hints not worked out */
    C->D = &C->quiet;
    BkpPolicy *p = check_policy(C, C->file, ap, false);
    if (!p || C->quiet.count || p->requirements)
        return NULL;
    if (e->keep && hold(e, p) != 0)
        return NULL;
    return p;
}

void bkp_check_early_keep(BkpCheckEarly *e, const AstFile *f, const AstPolicy *p)
{
    e->file = f;
    EarlyName *x = &e->v[e->n];
    x->name = bkp_arena_strdup(e->C.A, p->name.value);
    x->name_span = p->name.span;
    if (e->n == 0)
        e->first_span = p->span;
    x->kept = e->keep ? keep_held(e) : NULL;
    e->slot[e->free_slot] = tag(e->hash) | ++e->n;      /* (where bkp_check_early looked) */
}

void bkp_check_early_kept(BkpCheckEarly *e, BkpProgram *prog)
{
    if (!e->nkept)
        return;
    e->kept_last->next = prog->policies;
    prog->policies = e->kept;
    prog->npolicies += (int)e->nkept;
    e->kept = e->kept_last = NULL;
    e->nkept = 0;
}
