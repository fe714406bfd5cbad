/* deploy.c — the vaults and protects of two programs: a vault matched by
 * name, resource group and subscription, a protect by VM and resource
 * group; a VM moved to another policy gets that policy's effect on its
 * points (see include/bkpc/diff.h and docs/semantics.md §9). */
#include "bkpc/diff.h"

#include <stdlib.h>
#include <string.h>

static bool same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* ---- vaults ------------------------------------------------------------------------------ */

/* The vaults of a program, in file order, into v (room for p's count); how
 * many. */
static int vaults_of(const BkpProgram *p, const BkpVault **v)
{
    int n = 0;
    for (const BkpVault *x = p->vaults; x; x = x->next)
        v[n++] = x;
    return n;
}

/* How many vaults a program has, at most. */
static size_t nvaults(const BkpProgram *p)
{
    return (size_t)p->nvaults;
}

/* Whether a and b hold policies of the same names (`with`, in any order;
 * none: every policy of their programs). */
static bool same_policies(const BkpVault *a, const BkpVault *b)
{
    if (a->npolicies != b->npolicies)
        return false;
    for (int i = 0; i < a->npolicies; i++) {
        bool found = false;
        for (int j = 0; j < b->npolicies && !found; j++)
            found = same(a->policies[i]->name, b->policies[j]->name);
        if (!found)
            return false;
    }
    return true;
}

static unsigned vault_fields(const BkpVault *a, const BkpVault *b)
{
    return (same(a->name, b->name) ? 0 : BKP_VAULT_NAME) |
           (same(a->resource_group, b->resource_group) ? 0 : BKP_VAULT_RESOURCE_GROUP) |
           (same(a->subscription, b->subscription) ? 0 : BKP_VAULT_SUBSCRIPTION) |
           (same_policies(a, b) ? 0 : BKP_VAULT_POLICIES);
}

static void vault_change(BkpDiff *d, BkpChangeKind kind, const BkpVault *old, const BkpVault *new)
{
    BkpVaultChange *c = &d->vaults[d->nvaults++];
    c->kind = kind;
    c->old = old;
    c->new = new;
    c->fields = old && new ? vault_fields(old, new) : 0;
}

/* Pairs old[i] with the new vault `pair` says (its index, or -1): equal,
 * then of the same name, then the only ones left. */
static void pair_vaults(const BkpVault *old[], int no, const BkpVault *new[], int nn, int pair[], bool taken[])
{
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < no; i++)
            for (int j = 0; j < nn && pair[i] < 0; j++)
                if (!taken[j] && (pass ? same(old[i]->name, new[j]->name) : bkp_vault_equal(old[i], new[j]))) {
                    pair[i] = j;
                    taken[j] = true;
                }
    int lo = -1, ln = -1, left_o = 0, left_n = 0;
    for (int i = 0; i < no; i++)
        if (pair[i] < 0)
            left_o++, lo = i;
    for (int j = 0; j < nn; j++)
        if (!taken[j])
            left_n++, ln = j;
    if (left_o == 1 && left_n == 1) {
        pair[lo] = ln;
        taken[ln] = true;
    }
}

static int diff_vaults(const BkpProgram *oldp, const BkpProgram *newp, BkpDiff *d)
{
    size_t most = nvaults(oldp) + nvaults(newp) + 1;
    const BkpVault **old = calloc(most, sizeof *old), **new = calloc(most, sizeof *new);
    int *pair = calloc(most, sizeof *pair);
    bool *taken = calloc(most, sizeof *taken);
    d->vaults = calloc(most, sizeof *d->vaults);
    int rc = -1;
    if (old && new && pair && taken && d->vaults) {
        int no = vaults_of(oldp, old), nn = vaults_of(newp, new);
        for (int i = 0; i < no; i++)
            pair[i] = -1;
        pair_vaults(old, no, new, nn, pair, taken);
        for (int i = 0; i < no; i++)
            if (pair[i] < 0)
                vault_change(d, BKP_CHANGE_REMOVED, old[i], NULL);
            else if (!bkp_vault_equal(old[i], new[pair[i]]))
                vault_change(d, BKP_CHANGE_CHANGED, old[i], new[pair[i]]);
        for (int j = 0; j < nn; j++)
            if (!taken[j])
                vault_change(d, BKP_CHANGE_ADDED, NULL, new[j]);
        rc = 0;
    }
    free(old);
    free(new);
    free(pair);
    free(taken);
    return rc;
}

/* ---- protects ------------------------------------------------------------------------------ */

static const BkpProtect *find_protect(const BkpProgram *p, const BkpProtect *like)
{
    for (const BkpProtect *q = p->protects; q; q = q->next)
        if (same(q->vm, like->vm) && same(q->resource_group, like->resource_group))
            return q;
    return NULL;
}

static bool same_disks(const BkpProtect *a, const BkpProtect *b)
{
    return a->disks == b->disks && (a->disks == BKP_DISKS_ALL || bkp_protect_luns(a) == bkp_protect_luns(b));
}

/* A VM moved from policy a to policy b: what Azure refuses or never undoes
 * (A4), and, when allowed, in the same vault (`effect`), and the policies
 * differ in value, the effect of b on its points, as for a changed policy
 * (in another vault its points so far stay in the old one). */
static int moved(BkpTz *tz, const BkpPolicy *a, const BkpPolicy *b, int64_t at, bool effect,
                 BkpProtectChange *c)
{
    if (a->enhanced && !b->enhanced) {
        c->flags |= BKP_REFUSED_DOWNGRADE;
        return 0;
    }
    if (!a->enhanced && b->enhanced)
        c->flags |= BKP_UPGRADE;
    if (!effect)
        return 0;
    BkpField f[BKP_FIELD_COUNT];
    int n = bkp_policy_diff(a, b, f);
    if (n == 0 || (n == 1 && f[0] == BKP_FIELD_NAME))
        return 0;                   /* the same values under another name: nothing changes */
    return bkp_diff_effect(tz, a, b, at, &c->effect);
}

static BkpProtectChange *protect_change(BkpDiff *d, BkpChangeKind kind, const BkpProtect *old,
                                        const BkpProtect *new)
{
    BkpProtectChange *c = &d->protects[d->nprotects++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->old = old;
    c->new = new;
    return c;
}

/* The name vault v (of OLD) has in NEW: the new name of a vault paired as
 * changed, else its own (NULL: no vault). */
static const char *vault_after(const BkpDiff *d, const BkpVault *v)
{
    if (!v)
        return NULL;
    for (int i = 0; i < d->nvaults; i++)
        if (d->vaults[i].old == v && d->vaults[i].kind == BKP_CHANGE_CHANGED)
            return d->vaults[i].new->name;
    return v->name;
}

static int diff_protects(BkpTz *tz, const BkpProgram *oldp, const BkpProgram *newp, BkpDiff *d)
{
    d->protects = calloc((size_t)oldp->nprotects + (size_t)newp->nprotects + 1, sizeof *d->protects);
    if (!d->protects)
        return -1;
    for (const BkpProtect *o = oldp->protects; o; o = o->next) {
        const BkpProtect *n = find_protect(newp, o);
        if (!n) {
            protect_change(d, BKP_CHANGE_REMOVED, o, NULL);
            continue;
        }
        unsigned fields = (same(o->policy->name, n->policy->name) ? 0 : BKP_PROTECT_POLICY) |
                          (same_disks(o, n) ? 0 : BKP_PROTECT_DISKS) |
                          (same(vault_after(d, o->vault), n->vault ? n->vault->name : NULL)
                               ? 0 : BKP_PROTECT_VAULT);
        if (!fields)
            continue;
        BkpProtectChange *c = protect_change(d, BKP_CHANGE_CHANGED, o, n);
        c->fields = fields;
        if ((fields & BKP_PROTECT_POLICY) &&
            moved(tz, o->policy, n->policy, d->at, !(fields & BKP_PROTECT_VAULT), c) != 0)
            return -1;
    }
    for (const BkpProtect *n = newp->protects; n; n = n->next)
        if (!find_protect(oldp, n))
            protect_change(d, BKP_CHANGE_ADDED, NULL, n);
    return 0;
}

int bkp_diff_deploy(BkpTz *tz, const BkpProgram *old, const BkpProgram *new, BkpDiff *d)
{
    if ((d->scope & BKP_DIFF_VAULTS) && diff_vaults(old, new, d) != 0)
        return -1;
    if ((d->scope & BKP_DIFF_PROTECTS) && diff_protects(tz, old, new, d) != 0)
        return -1;
    return 0;
}
