/* emit_azcli.c — the Azure CLI backend: a checked program -> one bash script
 * that creates or updates every policy in the vault with the REST body of
 * the JSON backend, then enables backup of every `protect`ed VM.
 *
 * The body is bkp_emit_json()'s output, byte for byte (what `bkpc build -t
 * json` prints), in a heredoc with a quoted delimiter: nothing in it is
 * expanded, and no line of it can be the delimiter (JSON text escapes every
 * newline inside a string, and each of its lines starts with a brace or a
 * space). The CLI reads `--policy` as a ProtectionPolicyResource, i.e.
 * {"properties": {...}} with the REST key names, `instantRPDetails` included
 * (REST.md §11).
 *
 * Every user string reaches the script through bkp_sh_quote(), as an argument
 * of a shell function; inside the functions every expansion is double-quoted
 * and every az option that takes a name is written --option=VALUE, so a name
 * that starts with '-' is still a value.
 */
#include <stdio.h>
#include <string.h>

#include "bkpc/emit.h"
#include "bkpc/quote.h"
#include "bkpc/sched.h"
#include "emit/script.h"

static void rule(FILE *out, const char *title)
{
    static const char dashes[] = "------------------------------------------------------------------------------";
    int n = 78 - 5 - (int)strlen(title);
    fprintf(out, "# -- %s %.*s\n", title, n > 0 ? n : 0, dashes);
}

static const char prologue[] =
    "DRY_RUN=${DRY_RUN:-0}\n"
    "usage() {\n"
    "    echo \"usage: $0 [--vault NAME] [--resource-group RG] [--subscription ID] [--dry-run]\"\n"
    "}\n"
    "while [ $# -gt 0 ]; do\n"
    "    case $1 in\n"
    "        --vault) [ $# -ge 2 ] || { usage >&2; exit 2; }; VAULT=$2; shift 2 ;;\n"
    "        --resource-group) [ $# -ge 2 ] || { usage >&2; exit 2; }; RESOURCE_GROUP=$2; shift 2 ;;\n"
    "        --subscription) [ $# -ge 2 ] || { usage >&2; exit 2; }; SUBSCRIPTION=$2; shift 2 ;;\n"
    "        --dry-run) DRY_RUN=1; shift ;;\n"
    "        -h | --help) usage; exit 0 ;;\n"
    "        *) usage >&2; exit 2 ;;\n"
    "    esac\n"
    "done\n"
    "if [ -z \"$VAULT\" ] || [ -z \"$RESOURCE_GROUP\" ]; then\n"
    "    echo \"$0: which vault? give --vault NAME --resource-group RG\" >&2\n"
    "    exit 2\n"
    "fi\n";

/* The options of a script for several vaults: the vaults are the file's. */
static const char prologue_vaults[] =
    "DRY_RUN=${DRY_RUN:-0}\n"
    "usage() {\n"
    "    echo \"usage: $0 [--dry-run]\"\n"
    "}\n"
    "while [ $# -gt 0 ]; do\n"
    "    case $1 in\n"
    "        --dry-run) DRY_RUN=1; shift ;;\n"
    "        -h | --help) usage; exit 0 ;;\n"
    "        *) usage >&2; exit 2 ;;\n"
    "    esac\n"
    "done\n";

static const char functions[] =
    "\n"
    "# az, in the chosen subscription.\n"
    "azs() {\n"
    "    if [ -n \"$SUBSCRIPTION\" ]; then\n"
    "        az \"$@\" --subscription=\"$SUBSCRIPTION\"\n"
    "    else\n"
    "        az \"$@\"\n"
    "    fi\n"
    "}\n"
    "\n"
    "# az, for a command that changes something: printed, not run, with --dry-run.\n"
    "change() {\n"
    "    if [ \"$DRY_RUN\" = 1 ]; then\n"
    "        if [ -n \"$SUBSCRIPTION\" ]; then\n"
    "            set -- \"$@\" --subscription=\"$SUBSCRIPTION\"\n"
    "        fi\n"
    "        printf 'would run: az'\n"
    "        printf ' %q' \"$@\"\n"
    "        printf '\\n'\n"
    "    else\n"
    "        azs \"$@\"\n"
    "    fi\n"
    "}\n"
    "\n"
    "# apply_policy NAME BODY.json: create the policy, or replace the vault's policy of that name.\n"
    "apply_policy() {\n"
    "    if azs backup policy show --resource-group=\"$RESOURCE_GROUP\" --vault-name=\"$VAULT\" \\\n"
    "        --name=\"$1\" --output none 2>/dev/null; then\n"
    "        printf 'updating backup policy %s\\n' \"$1\"\n"
    "        change backup policy set --resource-group=\"$RESOURCE_GROUP\" --vault-name=\"$VAULT\" \\\n"
    "            --name=\"$1\" --backup-management-type AzureIaasVM --policy=\"$2\" --output none\n"
    "    else\n"
    "        printf 'creating backup policy %s\\n' \"$1\"\n"
    "        change backup policy create --resource-group=\"$RESOURCE_GROUP\" --vault-name=\"$VAULT\" \\\n"
    "            --name=\"$1\" --backup-management-type AzureIaasVM --policy=\"$2\" --output none\n"
    "    fi\n"
    "}\n";

static const char protect_fn[] =
    "\n"
    "# same_id A B: whether two resource ids are the same, ignoring case.\n"
    "same_id() {\n"
    "    local rc=1\n"
    "    shopt -s nocasematch\n"
    "    if [[ $1 == \"$2\" ]]; then rc=0; fi\n"
    "    shopt -u nocasematch\n"
    "    return \"$rc\"\n"
    "}\n"
    "\n"
    "# protect_vm VM VM-RESOURCE-GROUP POLICY [include|exclude LUN...]: enable backup of a VM\n"
    "# the vault does not protect yet, or move the vault's backup item of the VM to POLICY.\n"
    "# The disks backed up are all of them, or the OS disk and the data disks included,\n"
    "# or all but the data disks excluded (LUNs).\n"
    "protect_vm() {\n"
    "    local vm=$1 vm_rg=$2 policy=$3 vm_id item_vm\n"
    "    shift 3\n"
    "    if [ $# -gt 0 ]; then\n"
    "        local setting=$1\n"
    "        shift\n"
    "        set -- --disk-list-setting \"$setting\" --diskslist \"$@\"\n"
    "    fi\n"
    "    vm_id=$(azs vm show --resource-group=\"$vm_rg\" --name=\"$vm\" --query id --output tsv)\n"
    "    # The vault's backup item of a VM of that name, if it is this VM's.\n"
    "    item_vm=$(azs backup item show --resource-group=\"$RESOURCE_GROUP\" --vault-name=\"$VAULT\" \\\n"
    "        --container-name=\"$vm\" --name=\"$vm\" --backup-management-type AzureIaasVM \\\n"
    "        --workload-type VM --query properties.virtualMachineId --output tsv 2>/dev/null || true)\n"
    "    if [ -n \"$item_vm\" ] && same_id \"$item_vm\" \"$vm_id\"; then\n"
    "        printf 'moving VM %s to backup policy %s\\n' \"$vm\" \"$policy\"\n"
    "        change backup item set-policy --resource-group=\"$RESOURCE_GROUP\" --vault-name=\"$VAULT\" \\\n"
    "            --container-name=\"$vm\" --name=\"$vm\" --policy-name=\"$policy\" \\\n"
    "            --backup-management-type AzureIaasVM --workload-type VM --output none\n"
    "        if [ $# -eq 0 ]; then\n"
    "            set -- --disk-list-setting resetexclusionsettings\n"
    "        fi\n"
    "        change backup protection update-for-vm --resource-group=\"$RESOURCE_GROUP\" \\\n"
    "            --vault-name=\"$VAULT\" --container-name=\"$vm\" --item-name=\"$vm\" \\\n"
    "            --backup-management-type AzureIaasVM --workload-type VM \"$@\" --output none\n"
    "    else\n"
    "        printf 'enabling backup of VM %s with policy %s\\n' \"$vm\" \"$policy\"\n"
    "        change backup protection enable-for-vm --resource-group=\"$RESOURCE_GROUP\" \\\n"
    "            --vault-name=\"$VAULT\" --vm=\"$vm_id\" --policy-name=\"$policy\" \"$@\" --output none\n"
    "    fi\n"
    "}\n";

/* Whether a name would make shellcheck talk about the script's data: a $ or
 * a backquote inside single quotes (SC2016), a Unicode quote (SC1112). */
static bool lint_noise(const char *s)
{
    for (const unsigned char *u = (const unsigned char *)(s ? s : ""); *u; u++)
        if (*u == '$' || *u == '`' || (u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x98 && u[2] <= 0x9F))
            return true;
    return false;
}

static bool program_lint_noise(const BkpProgram *prog, const BkpPolicy *only)
{
    for (const BkpVault *v = prog->vaults ? prog->vaults : prog->vault; v; v = v->next)
        if (lint_noise(v->name) || lint_noise(v->resource_group) || lint_noise(v->subscription))
            return true;
    for (const BkpPolicy *p = prog->policies; p; p = p->next)
        if (emit_want_policy(p, only) && lint_noise(p->name))
            return true;
    for (const BkpProtect *pr = prog->protects; pr; pr = pr->next)
        if (emit_want_protect(pr, only) && (lint_noise(pr->vm) || lint_noise(pr->resource_group)))
            return true;
    return false;
}

static void default_var(FILE *out, const char *var, const char *value)
{
    if (value && *value) {
        fprintf(out, "if [ -z \"${%s:-}\" ]; then %s=", var, var);
        bkp_sh_quote(out, value);
        fputs("; fi\n", out);
    } else {
        fprintf(out, "%s=${%s:-}\n", var, var);
    }
}

/* One policy: a comment, its body in a heredoc, apply_policy. Returns 0, or
 * -1 when the body could not be written (errno set; out of memory writes
 * nothing and leaves ferror(out) clear). */
static int az_policy(FILE *out, const BkpPolicy *p, int k, int total)
{
    char at[EMIT_WHERE_MAX], title[EMIT_WHERE_MAX + 48], type[EMIT_TYPE_MAX], what[160];
    putc('\n', out);
    emit_policy_where(at, p);
    snprintf(title, sizeof title, "policy %d of %d%s", k, total, at);
    rule(out, title);
    fprintf(out, "# %s, %s", emit_type(type, p), bkp_sched_describe(p, what, sizeof what));
    fprintf(out, ".\n# The body is what `bkpc build -t json` prints.\ncat >\"$tmp/policy-%d.json\" <<'JSON'\n", k);
    if (bkp_emit_json(p, out) != 0)
        return -1;
    fputs("JSON\napply_policy ", out);
    bkp_sh_quote(out, p->name);
    fprintf(out, " \"$tmp/policy-%d.json\"\n", k);
    return 0;
}

static void az_protect(FILE *out, const BkpProtect *pr)
{
    fputs("protect_vm ", out);
    bkp_sh_quote(out, pr->vm);
    putc(' ', out);
    bkp_sh_quote(out, pr->resource_group);
    putc(' ', out);
    bkp_sh_quote(out, pr->policy->name);
    if (pr->disks != BKP_DISKS_ALL) {
        fputs(pr->disks == BKP_DISKS_INCLUDE ? " include" : " exclude", out);
        for (int i = 0, n = emit_nluns(pr); i < n; i++)
            fprintf(out, " %d", pr->luns[i]);
    }
    putc('\n', out);
}

/* The script's first lines: the interpreter, what shellcheck should not
 * say of names, who generated it, and the header comment's first line. */
static void header_start(FILE *out, const BkpProgram *prog, const BkpPolicy *only)
{
    fputs("#!/usr/bin/env bash\n", out);
    if (program_lint_noise(prog, only))
        fputs("# The names in this script are data in single quotes, where $, ` and Unicode\n"
              "# quotes are plain characters:\n"
              "# shellcheck disable=SC2016,SC1112\n",
              out);
    emit_generated_by(out, "# ", prog);
    fputs("#\n", out);
}

/* The header's "with the Azure CLI[, then enables backup of N VMs]." */
static void header_tools(FILE *out, int nprot)
{
    if (nprot)
        fprintf(out, "# with the Azure CLI, then enables backup of %d VM%s.\n", nprot, nprot == 1 ? "" : "s");
    else
        fputs("# with the Azure CLI.\n", out);
}

/* The header's lines on how a VM is protected, when the script protects any. */
static void header_protects(FILE *out, int nprot)
{
    if (nprot)
        fputs("# A VM the vault does not protect yet gets backup enabled (az backup protection\n"
              "# enable-for-vm); one it protects is moved to its policy (az backup item\n"
              "# set-policy) and gets the disk selection of the file (az backup protection\n"
              "# update-for-vm).\n",
              out);
}

/* After the prologue: the shell functions, and the temporary directory. */
static void body_start(FILE *out, int nprot)
{
    fputs(functions, out);
    if (nprot)
        fputs(protect_fn, out);
    fputs("\n"
          "tmp=$(mktemp -d)\n"
          "trap 'rm -rf \"$tmp\"' EXIT\n",
          out);
}

/* ---- several vaults ------------------------------------------------------------ */

/* The file's vaults, one after the other: VAULT, RESOURCE_GROUP and
 * SUBSCRIPTION set for each, then its policies and VMs. */
static int az_vaults(FILE *out, const BkpProgram *prog, const BkpPolicy *only)
{
    EmitVaultTotals t = emit_vault_totals(prog, only);
    int nvaults = t.nvaults, nprot = t.nprotects;
    header_start(out, prog, only);
    fprintf(out, "# Creates or updates %d Azure VM backup polic%s in %d Recovery Services vaults\n",
            t.npolicies, t.npolicies == 1 ? "y" : "ies", nvaults);
    if (t.ndeploy != t.npolicies)
        fprintf(out, "# (each in the vaults that hold it: %d in all)\n", t.ndeploy);
    header_tools(out, nprot);
    fputs("# In each vault (in its subscription; a vault named without one is in the CLI's\n"
          "# current subscription), a policy the vault does not have yet is created (az backup\n"
          "# policy create), an existing one is replaced (az backup policy set).\n",
          out);
    header_protects(out, nprot);
    fputs("#\n"
          "# usage: bash SCRIPT [--dry-run]\n"
          "#   DRY_RUN=1 does the same: it prints the commands that would change something\n"
          "#   instead of running them. Needs bash and the Azure CLI, logged in (az login).\n"
          "set -euo pipefail\n\n",
          out);
    fputs(prologue_vaults, out);
    body_start(out, nprot);
    int k = 0, policy = 0;
    for (const BkpVault *v = prog->vaults; v; v = v->next) {
        int np, nv;
        emit_vault_counts(prog, v, only, &np, &nv);
        if (!np && !nv)
            continue;
        char at[EMIT_WHERE_MAX], title[EMIT_WHERE_MAX + 48];
        snprintf(title, sizeof title, "vault %d of %d%s", ++k, nvaults, emit_where(at, prog->src, v->span));
        putc('\n', out);
        rule(out, title);
        fputs("VAULT=", out);
        bkp_sh_quote(out, v->name);
        fputs("\nRESOURCE_GROUP=", out);
        bkp_sh_quote(out, v->resource_group);
        fputs("\nSUBSCRIPTION=", out);
        bkp_sh_quote(out, v->subscription ? v->subscription : "");
        putc('\n', out);
        for (const BkpPolicy *p = prog->policies; p; p = p->next)
            if (emit_want_policy(p, only) && bkp_vault_holds(v, p) && az_policy(out, p, ++policy, t.ndeploy) != 0)
                return -1;
        for (const BkpProtect *pr = prog->protects; pr; pr = pr->next)
            if (emit_want_protect(pr, only) && pr->vault == v)
                az_protect(out, pr);
    }
    fflush(out);
    return ferror(out) ? -1 : 0;
}

int bkp_emit_azcli(const BkpProgram *prog, const BkpPolicy *only, FILE *out)
{
    if (!prog || !out)
        return -1;
    if (!bkp_program_one_vault(prog))
        return az_vaults(out, prog, only);
    int npol, nprot;
    emit_count(prog, only, &npol, &nprot);
    const BkpVault *v = prog->vault;

    header_start(out, prog, only);
    fprintf(out, "# Creates or updates %d Azure VM backup polic%s in a Recovery Services vault\n", npol,
            npol == 1 ? "y" : "ies");
    header_tools(out, nprot);
    fputs("# A policy the vault does not have yet is created (az backup policy create), an\n"
          "# existing one is replaced (az backup policy set).\n",
          out);
    header_protects(out, nprot);
    fputs("#\n"
          "# usage: bash SCRIPT [--vault NAME] [--resource-group RG] [--subscription ID] [--dry-run]\n"
          "#   The environment variables VAULT, RESOURCE_GROUP, SUBSCRIPTION and DRY_RUN=1 do the\n"
          "#   same. --dry-run prints the commands that would change something instead of\n"
          "#   running them. Needs bash and the Azure CLI, logged in (az login).\n",
          out);
    if (v)
        fputs("#   The defaults below come from the file's `vault` statement.\n", out);
    else
        fputs("#   The file names no vault: give one.\n", out);
    fputs("set -euo pipefail\n\n", out);
    default_var(out, "VAULT", v ? v->name : NULL);
    default_var(out, "RESOURCE_GROUP", v ? v->resource_group : NULL);
    default_var(out, "SUBSCRIPTION", v ? v->subscription : NULL);
    fputs(prologue, out);
    body_start(out, nprot);

    int k = 0;
    for (const BkpPolicy *p = prog->policies; p; p = p->next)
        if (emit_want_policy(p, only) && az_policy(out, p, ++k, npol) != 0)
            return -1;

    if (nprot) {
        putc('\n', out);
        rule(out, "protection");
        for (const BkpProtect *pr = prog->protects; pr; pr = pr->next)
            if (emit_want_protect(pr, only))
                az_protect(out, pr);
    }
    fflush(out);
    return ferror(out) ? -1 : 0;
}
