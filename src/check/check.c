/* check.c — the checker's front door (see include/bkpc/check.h): every
 * policy of a file (resolve.c, rules.c), then what the file says about them:
 * names defined once, one vault, the `protect`s and the policies they name.
 */
#include <string.h>

#include "bkpc/lexicon.h"
#include "bkpc/misspell.h"
#include "check_int.h"

/* What the policy index holds for a name: its first definition (its name
 * as written, where, in which file), and the checker's result for it
 * (NULL: defined, but with errors; or taken early, see checked()). */
typedef struct PolicyName {
    const char *name;
    BkpSpan name_span;
    const AstFile *file;
    const BkpPolicy *checked;
    bool early;                 /* taken early (bkp_check_early): checked clean */
} PolicyName;

static PolicyName *policy_name(Checker *C, const char *name, BkpSpan at, const AstFile *f, const BkpPolicy *p,
                               bool early)
{
    PolicyName *named = BKP_NEW(C->A, PolicyName);
    *named = (PolicyName){name, at, f, p, early};
    return named;
}

/* The policy `name` of `file` taken early, put in the index (a policy
 * taken early is there once something names it); NULL when there is none. */
static PolicyName *early_named(Checker *C, NameIndex *ix, const AstFile *file, const char *name)
{
    const EarlyName *e = check_early_find(C->early, file, name);
    if (!e)
        return NULL;
    PolicyName *named = policy_name(C, e->name, e->name_span, file, e->kept, true);
    *name_index(ix, e->name, true) = named;
    return named;
}

/* The policy `name` that file f sees (its own, or one a `use` brings). */
static PolicyName *find_policy(Checker *C, NameIndex *ix, const AstFile *f, const char *name)
{
    const void **slot = name_index(ix, name, false);
    PolicyName *named = slot ? (PolicyName *)*slot : NULL;
    for (int i = 0; i < C->nfiles && !named; i++)
        if (check_sees(C, f, C->files[i]))
            named = early_named(C, ix, C->files[i], name);
    return named && check_sees(C, f, named->file) ? named : NULL;
}

/* The checked policy of a name: for one taken early, given back long ago
 * (and not kept: EarlyName.kept), a policy of its name only, made when a
 * vault or a `protect` first names it (what they need of it). */
static const BkpPolicy *checked(Checker *C, PolicyName *named)
{
    if (!named->checked && named->early) {
        BkpPolicy *stub = BKP_NEW(C->A, BkpPolicy);
        stub->name = named->name;
        named->checked = stub;
    }
    return named->checked;
}

/* "no policy named `x`", with "did you mean" among the policies f sees;
 * `who` names what refers to it (`protect`, `with`). */
static void no_such_policy(Checker *C, const AstFile *f, const AstName *name, const char *who)
{
    const char *names[256];
    size_t nn = 0;
    for (int i = 0; i < C->nfiles; i++)
        if (check_sees(C, f, C->files[i])) {
            size_t ne;
            const EarlyName *e = check_early_names(C->early, C->files[i], &ne);
            for (size_t k = 0; k < ne && nn < 256; k++)
                names[nn++] = e[k].name;
            for (const AstPolicy *ap = C->files[i]->policies; ap && nn < 256; ap = ap->next)
                names[nn++] = ap->name.value;
        }
    BkpDiag *g = bkp_error(C->D, C->src, "name", name->span, "no policy named `%s` in this file%s", name->value,
                           f->uses ? " or the files it uses" : "");
    const char *best = bkp_closest(name->value, names, nn);
    if (best) {
        bkp_diag_hint(C->D, g, "did you mean `%s`?", best);
        check_fix_name(C->D, g, C->src, name->span, best);
    } else if (nn)
        bkp_diag_hint(C->D, g, "`%s` names a policy defined in the same file%s", who,
                      f->uses ? " or in a file it uses" : "");
    else
        bkp_diag_hint(C->D, g, "define it in this file: `policy %s { ... }`", name->value);
}

/* `vault ... with P, Q`: the policies, each known and named once. false
 * when one is not (reported). */
static bool vault_policies(Checker *C, const AstFile *f, const AstVault *v, NameIndex *policies, BkpVault *bv)
{
    bool ok = true;
    bv->policies = BKP_NEWN(C->A, const BkpPolicy *, v->npolicies ? v->npolicies : 1);
    for (int i = 0; i < v->npolicies; i++) {
        const AstName *n = &v->policies[i];
        PolicyName *named = find_policy(C, policies, f, n->value);
        if (!named) {
            no_such_policy(C, f, n, "with");
            ok = false;
            continue;
        }
        bool twice = false;
        for (int k = 0; k < i && !twice; k++)
            if (name_equal_fold(v->policies[k].value, n->value)) {
                BkpDiag *g = bkp_error(C->D, C->src, "duplicate", n->span, "policy `%s` is listed twice",
                                       n->value);
                bkp_diag_secondary(C->D, g, v->policies[k].span, "first here");
                name_case_hint(C, g, v->policies[k].value, n->value);
                twice = true;
            }
        if (twice || !checked(C, named)) {     /* checked with errors: reported */
            ok = false;
            continue;
        }
        bv->policies[bv->npolicies++] = named->checked;
    }
    return ok;
}

/* The vaults of f, in order: each once, each with its policies. */
static void check_vaults(Checker *C, const AstFile *f, BkpProgram *prog, NameIndex *policies)
{
    BkpVault *last = NULL;
    for (const AstVault *v = f->vaults; v; v = v->next) {
        check_name(C, &v->name, NAME_VAULT);
        check_name(C, &v->rg, NAME_RESOURCE_GROUP);
        check_name(C, &v->subscription, NAME_SUBSCRIPTION);
        /* Azure compares the names without regard to case */
        const BkpVault *twin = NULL;
        for (const BkpVault *w = prog->vaults; w && !twin; w = w->next)
            if (name_equal_fold(w->name, v->name.value) && name_equal_fold(w->resource_group, v->rg.value) &&
                (w->subscription ? v->subscription.value && name_equal_fold(w->subscription, v->subscription.value)
                                 : !v->subscription.value))
                twin = w;
        if (twin) {
            BkpDiag *g = bkp_error(C->D, C->src, "duplicate", v->span, "vault `%s` in resource group `%s` is named twice",
                                   v->name.value, v->rg.value);
            bkp_diag_secondary(C->D, g, twin->span, "first named here");
            bkp_diag_hint(C->D, g, "name it once, with every policy it holds: `with P, Q`");
            name_case_hint(C, g, twin->name, v->name.value);
            name_case_hint(C, g, twin->resource_group, v->rg.value);
            continue;
        }
        BkpVault *bv = BKP_NEW(C->A, BkpVault);
        bv->name = v->name.value;
        bv->resource_group = v->rg.value;
        bv->subscription = v->subscription.value;
        bv->span = v->span;
        if (!vault_policies(C, f, v, policies, bv))
            continue;
        if (last)
            last->next = bv;
        else
            prog->vaults = bv;
        last = bv;
        prog->nvaults++;
    }
    prog->vault = prog->vaults;
}

/* The vaults of prog that hold p, into out[0..2) (at most two are kept);
 * returns how many there are. */
static int vaults_holding(const BkpProgram *prog, const BkpPolicy *p, const BkpVault *out[2])
{
    int n = 0;
    for (const BkpVault *v = prog->vaults; v; v = v->next)
        if (bkp_vault_holds(v, p)) {
            if (n < 2)
                out[n] = v;
            n++;
        }
    return n;
}

/* `in VAULT`: the vault of that name (as Azure compares names) that holds
 * pol, into *out. false when there is none, or two (reported). */
static bool named_vault(Checker *C, const AstProtect *a, const BkpProgram *prog, const BkpPolicy *pol,
                        const BkpVault **out)
{
    const BkpVault *named = NULL, *holds[2] = {NULL, NULL};
    int n = 0;
    for (const BkpVault *w = prog->vaults; w; w = w->next)
        if (name_equal_fold(w->name, a->vault.value)) {
            named = named ? named : w;
            if (bkp_vault_holds(w, pol) && n++ < 2)
                holds[n - 1] = w;
        }
    if (!named) {
        const char *names[64];
        size_t nn = 0;
        for (const BkpVault *w = prog->vaults; w && nn < 64; w = w->next)
            names[nn++] = w->name;
        BkpDiag *g = bkp_error(C->D, C->src, "name", a->vault.span, "no vault named `%s` in this file",
                               a->vault.value);
        const char *best = bkp_closest(a->vault.value, names, nn);
        if (best) {
            bkp_diag_hint(C->D, g, "did you mean `%s`?", best);
            check_fix_name(C->D, g, C->src, a->vault.span, best);
        } else
            bkp_diag_hint(C->D, g, "name it with `vault %s resource-group RG`", a->vault.value);
        return false;
    }
    if (n == 0) {
        BkpDiag *g = bkp_error(C->D, C->src, "name", a->vault.span, "vault `%s` does not hold policy `%s`",
                               named->name, pol->name);
        bkp_diag_secondary(C->D, g, named->span, "its policies");
        bkp_diag_hint(C->D, g, "add `%s` to the vault's `with` list", pol->name);
        return false;
    }
    if (n > 1) {
        BkpDiag *g = bkp_error(C->D, C->src, "name", a->vault.span, "%d vaults named `%s` hold policy `%s`", n,
                               a->vault.value, pol->name);
        bkp_diag_secondary(C->D, g, holds[0]->span, "one");
        bkp_diag_secondary(C->D, g, holds[1]->span, "another");
        bkp_diag_hint(C->D, g, "`in` names a vault by its name alone: list `%s` in one of them only", pol->name);
        return false;
    }
    *out = holds[0];
    return true;
}

/* The vault a `protect` protects its VM in: `in VAULT`, or the one vault
 * that holds its policy; NULL when the file names no vault. false when it
 * cannot be told (reported). */
static bool protect_vault(Checker *C, const AstProtect *a, const BkpProgram *prog, const BkpPolicy *pol,
                          const BkpVault **out)
{
    *out = NULL;
    if (a->vault.value)
        return named_vault(C, a, prog, pol, out);
    if (!prog->vaults)
        return true;
    const BkpVault *in[2];
    int n = vaults_holding(prog, pol, in);
    if (n == 1) {
        *out = in[0];
        return true;
    }
    if (n == 0) {
        BkpDiag *g = bkp_error(C->D, C->src, "name", a->policy.span, "no vault of this file holds policy `%s`",
                               pol->name);
        bkp_diag_hint(C->D, g, "add it to a vault's `with` list: `vault NAME resource-group RG with %s`", pol->name);
        return false;
    }
    BkpDiag *g = bkp_error(C->D, C->src, "name", a->policy.span,
                           "policy `%s` is in %d vaults; which one protects VM `%s`?", pol->name, n, a->vm.value);
    bkp_diag_secondary(C->D, g, in[0]->span, "one");
    bkp_diag_secondary(C->D, g, in[1]->span, "another");
    if (bkp_name_is_bare(a->vm.value) && bkp_name_is_bare(a->rg.value) && bkp_name_is_bare(pol->name) &&
        bkp_name_is_bare(in[0]->name))
        bkp_diag_hint(C->D, g, "name it: `protect vm %s resource-group %s with %s in %s`", a->vm.value, a->rg.value,
                      pol->name, in[0]->name);
    else
        bkp_diag_hint(C->D, g, "name it: `in` and the vault's name after the policy's");
    return false;
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
        PolicyName *named = find_policy(C, policies, f, a->policy.value);
        const BkpPolicy *pol = named ? checked(C, named) : NULL;
        bool ok = true;
        const BkpVault *vault = NULL;
        if (!pol) {
            /* Defined but with errors: already reported, no second message. */
            if (!named)
                no_such_policy(C, f, &a->policy, "protect");
            ok = false;
        } else if (!protect_vault(C, a, prog, pol, &vault)) {
            ok = false;
        }
        bool vm_ok = check_name(C, &a->vm, NAME_VM);     /* both names, each reported */
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
        bp->vault = vault;
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

/* Every file the compilation reads, those a file uses before it (each
 * once), the main one last, appended to out[0..n); returns the new n. The
 * loader links no cycle (AstUse.file is NULL there) and nests no deeper
 * than its limit. */
static int file_order(const AstFile *f, const AstFile **out, int n)
{
    for (int i = 0; i < n; i++)
        if (out[i] == f)
            return n;
    for (const AstUse *u = f->uses; u; u = u->next)
        if (u->file)
            n = file_order(u->file, out, n);
    out[n++] = f;
    return n;
}

/* Bare clauses beside policy blocks: reported here, so the bare clauses'
 * policy gets no "no schedule" on top. Returns whether they are mixed. */
static bool bare_mixed(Checker *C, const AstFile *f)
{
    size_t ne;
    check_early_names(C->early, f, &ne);
    if (f->bare && (ne || f->bare != f->policies)) {
        BkpDiag *g = bkp_error(C->D, C->src, "syntax", f->bare->clauses->span,
                               "a clause outside any policy block, in a file with policy blocks");
        bkp_diag_secondary(C->D, g, ne ? check_early_first(C->early) : f->policies->span, "a policy block");
        bkp_diag_hint(C->D, g, "move it into a `policy NAME { ... }` block");
        return true;
    }
    if (f->bare && f->bare->next) {
        BkpDiag *g = bkp_error(C->D, C->src, "syntax", f->bare->next->span,
                               "a policy block in a file of bare clauses");
        bkp_diag_secondary(C->D, g, f->bare->clauses->span, "a clause outside any block");
        bkp_diag_hint(C->D, g, "wrap the bare clauses in a `policy NAME { ... }` block too");
        return true;
    }
    return false;
}

/* Policy `name`, written at `at` in the file being checked, after `first`. */
static void defined_twice(Checker *C, const PolicyName *first, const char *name, BkpSpan at)
{
    BkpDiag *g = bkp_error(C->D, C->src, "duplicate", at, "policy `%s` is defined twice", name);
    bkp_diag_secondary_in(C->D, g, first->file->src, first->name_span, "first defined here");
    name_case_hint(C, g, first->name, name);
}

/* The policies of file f, checked, appended to prog; names once across
 * every file. */
static void check_file_policies(Checker *C, const AstFile *f, NameIndex *ix, BkpProgram *prog, BkpPolicy **last)
{
    bool mixed = bare_mixed(C, f);
    /* The policies taken early, checked clean (they come first, and have
     * names not taken before in f): find_policy finds them; a file f uses
     * may have defined one. */
    size_t ne;
    const EarlyName *early = check_early_names(C->early, f, &ne);
    for (size_t k = 0; k < ne && ix->n; k++) {      /* (none before: nothing to look up) */
        const void **slot = name_index(ix, early[k].name, false);
        if (slot)
            defined_twice(C, *slot, early[k].name, early[k].name_span);
    }
    for (const AstPolicy *ap = f->policies; ap; ap = ap->next) {
        const void **slot = name_index(ix, ap->name.value, false);
        const PolicyName *first = slot ? *slot : early_named(C, ix, f, ap->name.value);
        if (first)
            defined_twice(C, first, ap->name.value, ap->name.span);
        BkpPolicy *p = check_policy(C, f, ap, ap->had_error || (ap == f->bare && mixed));
        if (!first)
            *name_index(ix, ap->name.value, true) = policy_name(C, ap->name.value, ap->name.span, f, p, false);
        if (!p)
            continue;
        if (*last)
            (*last)->next = p;
        else
            prog->policies = p;
        *last = p;
        prog->npolicies++;
    }
}

static BkpProgram *check_file(BkpCtx *ctx, const AstFile *f, const BkpCheckEarly *early)
{
    Checker C = {.ctx = ctx, .early = early, .D = &ctx->diags, .A = &ctx->arena, .src = f->src, .file = f};
    bkp_diags_init(&C.quiet, C.A);
    unsigned errors_before = ctx->diags.errors;
    BkpProgram *prog = BKP_NEW(C.A, BkpProgram);
    prog->src = f->src;

    /* The files: those `use` brings first. */
    /* each file but the main one was read by bkp_ctx_load */
    const AstFile **files = BKP_NEWN(C.A, const AstFile *, ctx->nloaded + 1);
    C.nfiles = file_order(f, files, 0);
    C.files = files;
    check_templates(&C);

    size_t n = 0;
    bool syntax = false;
    for (int i = 0; i < C.nfiles; i++) {
        syntax |= files[i]->syntax_errors != 0;
        for (const AstPolicy *ap = files[i]->policies; ap; ap = ap->next)
            n++;
    }
    NameIndex ix;
    name_index_init(&ix, C.A, n);
    BkpPolicy *last = NULL;
    for (int i = 0; i < C.nfiles; i++) {
        check_in(&C, files[i]);
        check_file_policies(&C, files[i], &ix, prog, &last);
    }
    /* The vaults and protects of every file are checked; the program has the
     * main file's. */
    for (int i = 0; i < C.nfiles; i++) {
        const AstFile *g = files[i];
        BkpProgram *own = g == f ? prog : BKP_NEW(C.A, BkpProgram);
        check_in(&C, g);
        check_vaults(&C, g, own, &ix);
        check_protects(&C, g, own, &ix);
    }
    return syntax || ctx->diags.errors > errors_before ? NULL : prog;
}

BkpProgram *bkp_check(BkpCtx *ctx, const AstFile *f)
{
    return bkp_check_after(ctx, f, NULL);
}

BkpProgram *bkp_check_after(BkpCtx *ctx, const AstFile *f, const BkpCheckEarly *early)
{
    /* A file of 100,000 mistakes gets BKP_MAX_CHECK_DIAGS of them shown. */
    unsigned limit = ctx->diags.limit;
    ctx->diags.limit = ctx->diags.count + BKP_MAX_CHECK_DIAGS;
    BkpProgram *prog = check_file(ctx, f, early);
    ctx->diags.limit = limit;
    return prog;
}
