/* check.c — the checker's front door (see include/bkpc/check.h): every
 * policy of a file (resolve.c, rules.c), then what the file says about them:
 * names defined once, one vault, the `protect`s and the policies they name.
 */
#include <string.h>

#include "bkpc/misspell.h"
#include "check_int.h"

/* Names of a file (policies; VM + resource group of `protect`s): an
 * open-addressing hash table in the arena, since a file may hold 20,000
 * policies. Keys are not copied, and compared as Azure compares names,
 * without regard to case. */
typedef struct NameIndex {
    const char **key;
    const void **val;
    size_t cap;                     /* a power of two, at least twice the entries */
} NameIndex;

static void name_index_init(NameIndex *ix, BkpArena *A, size_t n)
{
    ix->cap = 16;
    while (ix->cap < 2 * n)
        ix->cap *= 2;
    ix->key = BKP_NEWN(A, const char *, ix->cap);
    ix->val = BKP_NEWN(A, const void *, ix->cap);
}

/* The slot of `key`'s value; NULL when `key` is not there, unless `add`:
 * then it is added, with a NULL value for the caller to set. */
static const void **name_index(NameIndex *ix, const char *key, bool add)
{
    size_t i = name_hash_fold(key) & (ix->cap - 1);
    for (; ix->key[i]; i = (i + 1) & (ix->cap - 1))
        if (name_equal_fold(ix->key[i], key))
            return &ix->val[i];
    if (!add)
        return NULL;
    ix->key[i] = key;
    return &ix->val[i];
}

/* What the policy index holds for a name: its first definition, and the
 * checker's result for it (NULL: defined, but with errors). */
typedef struct PolicyName {
    const AstPolicy *ast;
    const BkpPolicy *checked;
} PolicyName;

static void check_vault(Checker *C, const AstFile *f, BkpProgram *prog)
{
    for (const AstVault *v = f->vaults; v; v = v->next) {
        check_name(C, &v->name, NAME_VAULT);
        check_name(C, &v->rg, NAME_RESOURCE_GROUP);
        check_name(C, &v->subscription, NAME_SUBSCRIPTION);
        if (prog->vault) {
            BkpDiag *g = bkp_error(C->D, C->src, "duplicate", v->span, "a file names one vault");
            bkp_diag_secondary(C->D, g, f->vaults->span, "first vault");
            bkp_diag_hint(C->D, g, "keep the policies of each vault in a file of their own");
            continue;
        }
        BkpVault *bv = BKP_NEW(C->A, BkpVault);
        bv->name = v->name.value;
        bv->resource_group = v->rg.value;
        bv->subscription = v->subscription.value;
        bv->span = v->span;
        prog->vault = bv;
    }
}

static void check_protects(Checker *C, const AstFile *f, BkpProgram *prog, NameIndex *policies)
{
    BkpProtect *last = NULL;
    size_t n = 0;
    for (const AstProtect *a = f->protects; a; a = a->next)
        n++;
    NameIndex vm_index;
    NameIndex *vms = &vm_index;
    name_index_init(vms, C->A, n);
    for (const AstProtect *a = f->protects; a; a = a->next) {
        const void **slot = name_index(policies, a->policy.value, false);
        const PolicyName *named = slot ? *slot : NULL;
        const BkpPolicy *pol = named ? named->checked : NULL;
        bool ok = true;
        if (!pol) {
            /* Defined but with errors: already reported, no second message. */
            if (!named) {
                const char *names[256];
                size_t nn = 0;
                for (const AstPolicy *ap = f->policies; ap && nn < 256; ap = ap->next)
                    names[nn++] = ap->name.value;
                BkpDiag *g = bkp_error(C->D, C->src, "name", a->policy.span,
                                       "no policy named `%s` in this file", a->policy.value);
                const char *best = bkp_closest(a->policy.value, names, nn);
                if (best) {
                    bkp_diag_hint(C->D, g, "did you mean `%s`?", best);
                    check_fix_name(C->D, g, C->src, a->policy.span, best);
                } else if (nn)
                    bkp_diag_hint(C->D, g, "`protect` names a policy defined in the same file");
                else
                    bkp_diag_hint(C->D, g, "define it in this file: `policy %s { ... }`", a->policy.value);
            }
            ok = false;
        }
        bool vm_ok = check_name(C, &a->vm, NAME_VM);        /* both checked: each has its diagnostics */
        if (!check_name(C, &a->rg, NAME_RESOURCE_GROUP) || !vm_ok)
            ok = false;
        /* VM names cannot hold a newline: "vm\nrg" identifies a VM. */
        const void **vm_slot = name_index(vms, bkp_arena_printf(C->A, "%s\n%s", a->vm.value, a->rg.value), true);
        const AstProtect *b = *vm_slot;
        if (b) {
            BkpDiag *g = bkp_error(C->D, C->src, "duplicate", a->vm.span,
                                   "VM `%s` in resource group `%s` is protected twice", a->vm.value,
                                   a->rg.value);
            bkp_diag_secondary(C->D, g, b->vm.span, "first here");
            bkp_diag_hint(C->D, g, "a VM is backed up by one policy");
            name_case_hint(C, g, b->vm.value, a->vm.value);
            name_case_hint(C, g, b->rg.value, a->rg.value);
            ok = false;
        } else {
            *vm_slot = a;
        }
        BkpProtect *bp = BKP_NEW(C->A, BkpProtect);
        BkpSpan seen[64];
        memset(seen, 0, sizeof seen);
        for (int i = 0; i < a->luns.n; i++) {
            const AstItem *it = &a->luns.v[i];
            if (ast_item_reported(it)) {
                ok = false;
                continue;
            }
            if (it->num > 63) {
                BkpDiag *g = bkp_error(C->D, C->src, "value", it->span,
                                       "disk LUN %s is out of range", it->text);
                bkp_diag_hint(C->D, g, "data-disk LUNs are 0 to 63");
                ok = false;
                continue;
            }
            if (seen[it->num].end) {
                BkpDiag *g = bkp_error(C->D, C->src, "duplicate", it->span, "disk LUN %s is listed twice", it->text);
                bkp_diag_secondary(C->D, g, seen[it->num], "first here");
                ok = false;
                continue;
            }
            seen[it->num] = it->span;
            bp->luns[bp->nluns++] = (int)it->num;
        }
        if (!ok)
            continue;
        bp->vm = a->vm.value;
        bp->resource_group = a->rg.value;
        bp->policy = pol;
        bp->disks = a->disks == AST_DISKS_INCLUDE ? BKP_DISKS_INCLUDE
                    : a->disks == AST_DISKS_EXCLUDE ? BKP_DISKS_EXCLUDE : BKP_DISKS_ALL;
        bp->span = a->span;
        if (last)
            last->next = bp;
        else
            prog->protects = bp;
        last = bp;
        prog->nprotects++;
    }
}

static BkpProgram *check_file(BkpCtx *ctx, const AstFile *f)
{
    Checker C = {ctx, &ctx->diags, &ctx->arena, f->src, f};
    unsigned errors_before = ctx->diags.errors;
    BkpProgram *prog = BKP_NEW(C.A, BkpProgram);
    prog->src = f->src;

    /* Bare clauses beside policy blocks: reported here, so the bare
     * clauses' policy gets no "no schedule" on top. */
    bool bare_mixed = f->bare && (f->bare != f->policies || f->bare->next);
    if (f->bare && f->bare != f->policies) {
        /* Bare clauses and policy blocks in one file. */
        BkpDiag *g = bkp_error(C.D, C.src, "syntax", f->bare->clauses->span,
                               "a clause outside any policy block, in a file with policy blocks");
        bkp_diag_secondary(C.D, g, f->policies->span, "a policy block");
        bkp_diag_hint(C.D, g, "move it into a `policy NAME { ... }` block");
    } else if (f->bare && f->bare->next) {
        BkpDiag *g = bkp_error(C.D, C.src, "syntax", f->bare->next->span,
                               "a policy block in a file of bare clauses");
        bkp_diag_secondary(C.D, g, f->bare->clauses->span, "a clause outside any block");
        bkp_diag_hint(C.D, g, "wrap the bare clauses in a `policy NAME { ... }` block too");
    }

    size_t n = 0;
    for (const AstPolicy *ap = f->policies; ap; ap = ap->next)
        n++;
    NameIndex ix;
    name_index_init(&ix, C.A, n);
    BkpPolicy *last = NULL;
    for (const AstPolicy *ap = f->policies; ap; ap = ap->next) {
        const void **slot = name_index(&ix, ap->name.value, true);
        const PolicyName *first = *slot;
        if (first) {
            BkpDiag *g = bkp_error(C.D, C.src, "duplicate", ap->name.span,
                                   "policy `%s` is defined twice", ap->name.value);
            bkp_diag_secondary(C.D, g, first->ast->name.span, "first defined here");
            name_case_hint(&C, g, first->ast->name.value, ap->name.value);
        }
        BkpPolicy *p = check_policy(&C, ap, ap->had_error || (ap == f->bare && bare_mixed));
        if (!first) {
            PolicyName *named = BKP_NEW(C.A, PolicyName);
            named->ast = ap;
            named->checked = p;
            *slot = named;
        }
        if (!p)
            continue;
        if (last)
            last->next = p;
        else
            prog->policies = p;
        last = p;
        prog->npolicies++;
    }
    check_vault(&C, f, prog);
    check_protects(&C, f, prog, &ix);
    return f->syntax_errors || ctx->diags.errors > errors_before ? NULL : prog;
}

BkpProgram *bkp_check(BkpCtx *ctx, const AstFile *f)
{
    /* A file of 100,000 mistakes gets BKP_MAX_CHECK_DIAGS of them shown. */
    unsigned limit = ctx->diags.limit;
    ctx->diags.limit = ctx->diags.count + BKP_MAX_CHECK_DIAGS;
    BkpProgram *prog = check_file(ctx, f);
    ctx->diags.limit = limit;
    return prog;
}
