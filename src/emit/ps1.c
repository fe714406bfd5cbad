/* emit_ps1.c — the PowerShell backend: a checked program -> one script that
 * creates or updates every policy in the vault (Az.RecoveryServices), then
 * enables backup of every `protect`ed VM.
 *
 * The script follows reference/PWSH.md: every selector explicit
 * (-PolicySubType, -ScheduleRunFrequency), every list cleared then filled,
 * every Is*ScheduleEnabled set, times as UTC-kind [DateTime]s read in
 * ScheduleRunTimeZone, -VaultId everywhere, named parameters only. Every time
 * comes from the schedule expansion (sched.h), as in the REST body, so the
 * backends cannot disagree. Every user string goes through bkp_ps_quote().
 */
#include <stdio.h>

#include "bkpc/emit.h"
#include "bkpc/quote.h"
#include "bkpc/sched.h"
#include "emit/script.h"

static const char *ps_bool(bool b) { return b ? "$true" : "$false"; }

/* A schedule time: the clock time in the policy's zone, marked UTC (PWSH.md §2). */
static void ps_time(FILE *out, int minute)
{
    minute = ((minute % 1440) + 1440) % 1440;
    fprintf(out, "[DateTime]::new(2024, 1, 1, %d, %d, 0, [DateTimeKind]::Utc)", minute / 60,
            minute % 60);
}

/* `path.Clear()` then one `path.Add('Name')` per member of `set`, in
 * Azure's spelling. */
static void ps_enum_list(FILE *out, const char *path, unsigned set, BkpWordKind kind)
{
    fprintf(out, "%s.Clear()\n", path);
    for (int i = 0; i < bkp_word_count(kind); i++)
        if (set >> i & 1)
            fprintf(out, "%s.Add('%s')\n", path, bkp_word_name(kind, i, BKP_SPELL_AZURE));
}

static void ps_days(FILE *out, const char *path, BkpDaySet set)
{
    ps_enum_list(out, path, set, BKP_WORD_WEEKDAY);
}

/* ---- comments ------------------------------------------------------------ */

/* "#   every 4 hours from 08:00 for 24 hours; backups at 08:00 ... 04:00(+1d)". */
static void comment_schedule(FILE *out, const BkpPolicy *p)
{
    BkpRun runs[BKP_SCHED_MAX_RUNS];
    char t[6], what[160];
    fprintf(out, "#   %s", bkp_sched_describe(p, what, sizeof what));
    if (p->freq != BKP_FREQ_HOURLY) {
        putc('\n', out);
        return;
    }
    int n = bkp_sched_day(p, runs);
    fputs("; backups at", out);
    for (int i = 0; i < n; i++) {
        putc(' ', out);
        fputs(bkp_fmt_hhmm(runs[i].minute, t), out);
        if (runs[i].minute >= 1440)
            fputs("(+1d)", out);
    }
    fputs("\n#   (the last backup of the window is the one copied to the vault)\n", out);
}

/* "# " and 76 of c ('=' or '-'): a line of the script's comments. */
static void rule(FILE *out, char c)
{
    static const char eq[] = "# ============================================================================\n";
    static const char dash[] = "# ----------------------------------------------------------------------------\n";
    fwrite(c == '=' ? eq : dash, 1, sizeof eq - 1, out);
}

/* ---- the policy objects --------------------------------------------------- */

static void ps_schedule(FILE *out, const BkpPolicy *p)
{
    const char *freq = bkp_azure_freq(p->freq);
    int at = bkp_sched_anchor(p);
    fprintf(out,
            "$schPol = Get-AzRecoveryServicesBackupSchedulePolicyObject -WorkloadType AzureVM "
            "-BackupManagementType AzureVM -PolicySubType %s -ScheduleRunFrequency %s\n",
            p->enhanced ? "Enhanced" : "Standard", freq);
    fputs("$schPol.ScheduleRunTimeZone = ", out);
    bkp_ps_quote(out, p->timezone);
    putc('\n', out);
    if (!p->enhanced) {
        if (p->freq == BKP_FREQ_WEEKLY)
            ps_days(out, "$schPol.ScheduleRunDays", p->run_days);
        fputs("$schPol.ScheduleRunTimes.Clear()\n$schPol.ScheduleRunTimes.Add(", out);
        ps_time(out, at);
        fputs(")\n", out);
        return;
    }
    switch (p->freq) {
    case BKP_FREQ_HOURLY:
        fputs("$schPol.HourlySchedule.WindowStartTime = ", out);
        ps_time(out, at);
        fprintf(out, "\n$schPol.HourlySchedule.Interval = %d\n", p->interval_hours);
        fprintf(out, "$schPol.HourlySchedule.WindowDuration = %d\n", p->window_hours);
        break;
    case BKP_FREQ_DAILY:
        fputs("$schPol.DailySchedule.ScheduleRunTimes.Clear()\n"
              "$schPol.DailySchedule.ScheduleRunTimes.Add(", out);
        ps_time(out, at);
        fputs(")\n", out);
        break;
    case BKP_FREQ_WEEKLY:
        ps_days(out, "$schPol.WeeklySchedule.ScheduleRunDays", p->run_days);
        fputs("$schPol.WeeklySchedule.ScheduleRunTimes.Clear()\n"
              "$schPol.WeeklySchedule.ScheduleRunTimes.Add(", out);
        ps_time(out, at);
        fputs(")\n", out);
        break;
    }
}

/* Monthly or yearly retention. */
static void ps_long_term(FILE *out, bool yearly, const BkpLongTerm *lt)
{
    const char *what = yearly ? "Yearly" : "Monthly";
    char path[96];
    fprintf(out, "$retPol.Is%sScheduleEnabled = %s\n", what, ps_bool(lt->on));
    if (!lt->on)
        return;
    if (yearly) {
        snprintf(path, sizeof path, "$retPol.%sSchedule.MonthsOfYear", what);
        ps_enum_list(out, path, lt->months, BKP_WORD_MONTH);
    }
    if (lt->format == BKP_FORMAT_WEEKLY) {
        fprintf(out, "$retPol.%sSchedule.RetentionScheduleFormatType = 'Weekly'\n", what);
        snprintf(path, sizeof path, "$retPol.%sSchedule.RetentionScheduleWeekly.DaysOfTheWeek", what);
        ps_days(out, path, lt->days);
        snprintf(path, sizeof path, "$retPol.%sSchedule.RetentionScheduleWeekly.WeeksOfTheMonth",
                 what);
        ps_enum_list(out, path, lt->weeks, BKP_WORD_WEEK);
    } else {
        fprintf(out, "$retPol.%sSchedule.RetentionScheduleFormatType = 'Daily'\n", what);
        snprintf(path, sizeof path, "$retPol.%sSchedule.RetentionScheduleDaily.DaysOfTheMonth", what);
        fprintf(out, "%s.Clear()\n", path);
        for (int d = 1; d <= 28; d++)
            if (lt->dates >> d & 1)
                fprintf(out,
                        "$day = New-Object Microsoft.Azure.Commands.RecoveryServices.Backup.Cmdlets.Models.Day\n"
                        "$day.Date = %d\n"
                        "$day.IsLast = $false\n"
                        "%s.Add($day)\n",
                        d, path);
        if (lt->last_day)
            fprintf(out,
                    "$day = New-Object Microsoft.Azure.Commands.RecoveryServices.Backup.Cmdlets.Models.Day\n"
                    "$day.IsLast = $true                     # the last day of the month (Date is ignored)\n"
                    "%s.Add($day)\n",
                    path);
    }
    fprintf(out, "$retPol.%sSchedule.DurationCountIn%s = %d\n", what, yearly ? "Years" : "Months",
            lt->count);
}

static void ps_retention(FILE *out, const BkpPolicy *p)
{
    fprintf(out,
            "$retPol = Get-AzRecoveryServicesBackupRetentionPolicyObject -WorkloadType AzureVM "
            "-BackupManagementType AzureVM -ScheduleRunFrequency %s\n",
            bkp_azure_freq(p->freq));
    fprintf(out, "$retPol.IsDailyScheduleEnabled = %s\n", ps_bool(p->daily.on));
    if (p->daily.on)
        fprintf(out, "$retPol.DailySchedule.DurationCountInDays = %d\n", p->daily.days);
    fprintf(out, "$retPol.IsWeeklyScheduleEnabled = %s\n", ps_bool(p->weekly.on));
    if (p->weekly.on) {
        ps_days(out, "$retPol.WeeklySchedule.DaysOfTheWeek", p->weekly.days);
        fprintf(out, "$retPol.WeeklySchedule.DurationCountInWeeks = %d\n", p->weekly.weeks);
    }
    ps_long_term(out, false, &p->monthly);
    ps_long_term(out, true, &p->yearly);
}

/* Archive tiering, stated on every New and Set: with no `archive` clause the
 * REST body says DoNotTier, and so does this (-MoveToArchiveTier $false). */
static void ps_tiering_args(FILE *out, const BkpPolicy *p)
{
    switch (p->archive) {
    case BKP_ARCHIVE_RECOMMENDED:
        fprintf(out, " `\n            -MoveToArchiveTier $true -TieringMode %s",
                bkp_azure_tiering(BKP_ARCHIVE_RECOMMENDED));
        break;
    case BKP_ARCHIVE_AFTER:
        fprintf(out,
                " `\n            -MoveToArchiveTier $true -TieringMode TierAllEligible "
                "-TierAfterDuration %d -TierAfterDurationType %s",
                p->archive_months, bkp_word_name(BKP_WORD_UNIT, BKP_MONTHS, BKP_SPELL_AZURE));
        break;
    case BKP_ARCHIVE_NEVER:
        fputs(" `\n            -MoveToArchiveTier $false", out);
        break;
    }
}

static void ps_snapshot_rg_args(FILE *out, const BkpPolicy *p)
{
    if (!p->snapshot_rg_prefix)
        return;
    fputs(" `\n            -BackupSnapshotResourceGroup ", out);
    bkp_ps_quote(out, p->snapshot_rg_prefix);
    if (p->snapshot_rg_suffix) {
        fputs(" -BackupSnapshotResourceGroupSuffix ", out);
        bkp_ps_quote(out, p->snapshot_rg_suffix);
    }
}

static void ps_policy(FILE *out, const BkpPolicy *p, int k, int total,
                      bool track)
{
    char at[EMIT_WHERE_MAX], type[EMIT_TYPE_MAX];
    putc('\n', out);
    rule(out, '=');
    fprintf(out, "# Policy %d of %d%s: %s\n", k, total, emit_policy_where(at, p), emit_type(type, p));
    comment_schedule(out, p);
    rule(out, '=');
    fputs("$policyName = ", out);
    bkp_ps_quote(out, p->name);
    fputs("\n\n", out);

    ps_schedule(out, p);
    putc('\n', out);
    ps_retention(out, p);
    putc('\n', out);

    fputs("$pol = $existingPolicies | Where-Object { $_.Name -eq $policyName } | Select-Object -First 1\n"
          "if ($null -eq $pol) {\n"
          "    if ($PSCmdlet.ShouldProcess($policyName, 'Create backup policy')) {\n"
          "        $pol = New-AzRecoveryServicesBackupProtectionPolicy -Name $policyName -WorkloadType AzureVM "
          "-BackupManagementType AzureVM `\n"
          "            -SchedulePolicy $schPol -RetentionPolicy $retPol -VaultId $vault.ID",
          out);
    ps_tiering_args(out, p);
    if (p->enhanced && p->crash_consistent)
        fprintf(out, " `\n            -SnapshotConsistencyType %s", bkp_azure_consistency(true));
    ps_snapshot_rg_args(out, p);
    fprintf(out,
            "\n"
            "        # New gives the policy Azure's default instant-restore retention (%d days); only Set changes it.\n"
            "        # Set gets this script's schedule again: the one New returns holds the times converted\n"
            "        # to UTC, which Set would send as the clock of the policy's time zone.\n"
            "        if ($pol.SnapshotRetentionInDays -ne %d) {\n"
            "            $pol.SnapshotRetentionInDays = %d\n"
            "            $null = Set-AzRecoveryServicesBackupProtectionPolicy -Policy $pol -SchedulePolicy $schPol "
            "-RetentionPolicy $retPol `\n"
            "                -VaultId $vault.ID\n"
            "        }\n"
            "        Write-Host ('Created backup policy {0}' -f $policyName)\n"
            "    }\n"
            "} else {\n"
            "    if ($pol.WorkloadType -ne 'AzureVM') {\n"
            "        throw ('Policy {0} exists in the vault for {1}, not for Azure VMs' -f $policyName, "
            "$pol.WorkloadType)\n"
            "    }\n",
            bkp_default_snapshot_days(p->enhanced, p->freq), p->snapshot_days, p->snapshot_days);
    if (!p->enhanced)
        fputs("    if ($pol.PolicySubType -eq 'Enhanced') {\n"
              "        throw ('Policy {0} is an Enhanced policy; Azure cannot turn it back into a Standard one' "
              "-f $policyName)\n"
              "    }\n",
              out);
    fputs("    if ($PSCmdlet.ShouldProcess($policyName, 'Update backup policy')) {\n", out);
    /* Set keeps the policy's snapshot resource group unless given one; a
       string property set to $null would hold '', hence [NullString]. */
    if (!p->snapshot_rg_prefix)
        fputs("        # Azure's default snapshot resource group, not the one the policy may have had\n"
              "        $pol.AzureBackupRGName = [NullString]::Value\n"
              "        $pol.AzureBackupRGNameSuffix = [NullString]::Value\n",
              out);
    fprintf(out,
            "        $pol.SnapshotRetentionInDays = %d\n"
            "        $null = Set-AzRecoveryServicesBackupProtectionPolicy -Policy $pol -SchedulePolicy $schPol "
            "-RetentionPolicy $retPol `\n"
            "            -VaultId $vault.ID",
            p->snapshot_days);
    ps_tiering_args(out, p);
    /* Set keeps the policy's consistency unless told: say it either way. */
    if (p->enhanced)
        fprintf(out, " `\n            -SnapshotConsistencyType %s",
                p->crash_consistent ? "OnlyCrashConsistent" : "Default");
    ps_snapshot_rg_args(out, p);
    fputs("\n"
          "        Write-Host ('Updated backup policy {0}' -f $policyName)\n"
          "    }\n"
          "}\n",
          out);
    if (track)
        fputs("$policies[$policyName] = $pol\n", out);
}

/* ---- protection ------------------------------------------------------------ */

static void ps_luns(FILE *out, const BkpProtect *pr)
{
    for (int i = 0, n = emit_nluns(pr); i < n; i++)
        fprintf(out, "%s'%d'", i ? ", " : " ", pr->luns[i]);
}

static void ps_disk_args(FILE *out, const BkpProtect *pr, bool modify)
{
    switch (pr->disks) {
    case BKP_DISKS_INCLUDE:
        fputs(" -InclusionDisksList", out);
        ps_luns(out, pr);
        break;
    case BKP_DISKS_EXCLUDE:
        fputs(" -ExclusionDisksList", out);
        ps_luns(out, pr);
        break;
    case BKP_DISKS_ALL:
        if (modify)
            fputs(" -ResetExclusionSettings", out);
        break;
    }
}

static void ps_protect(FILE *out, const BkpProgram *prog, const BkpProtect *pr, int k, int total)
{
    char at[EMIT_WHERE_MAX];
    fprintf(out, "\n# VM %d of %d%s", k, total, emit_where(at, prog->src, pr->span));
    switch (pr->disks) {
    case BKP_DISKS_ALL: fputs(": all disks", out); break;
    case BKP_DISKS_INCLUDE: fputs(": the OS disk and the data disks with LUN", out); break;
    case BKP_DISKS_EXCLUDE: fputs(": all disks but the data disks with LUN", out); break;
    }
    if (pr->disks != BKP_DISKS_ALL)
        for (int i = 0, n = emit_nluns(pr); i < n; i++)
            fprintf(out, "%s%d", i ? ", " : " ", pr->luns[i]);
    fputs("\n$vmName = ", out);
    bkp_ps_quote(out, pr->vm);
    fputs("\n$vmResourceGroup = ", out);
    bkp_ps_quote(out, pr->resource_group);
    fputs("\n$policyName = ", out);
    bkp_ps_quote(out, pr->policy->name);
    fputs("\n"
          "$pol = $policies[$policyName]\n"
          "$container = Get-AzRecoveryServicesBackupContainer -ContainerType AzureVM -FriendlyName $vmName "
          "-ResourceGroupName $vmResourceGroup -VaultId $vault.ID | Select-Object -First 1\n"
          "$item = $null\n"
          "if ($null -ne $container) {\n"
          "    $item = Get-AzRecoveryServicesBackupItem -Container $container -WorkloadType AzureVM "
          "-VaultId $vault.ID | Select-Object -First 1\n"
          "}\n"
          "if ($null -eq $item) {\n"
          "    if ($PSCmdlet.ShouldProcess($vmName, ('Enable backup with policy {0}' -f $policyName))) {\n"
          "        $null = Enable-AzRecoveryServicesBackupProtection -Policy $pol -Name $vmName "
          "-ResourceGroupName $vmResourceGroup -VaultId $vault.ID",
          out);
    ps_disk_args(out, pr, false);
    fputs("\n"
          "        Write-Host ('Enabled backup of VM {0} with policy {1}' -f $vmName, $policyName)\n"
          "    }\n"
          "} elseif ($PSCmdlet.ShouldProcess($vmName, ('Move to backup policy {0}' -f $policyName))) {\n"
          "    $null = Enable-AzRecoveryServicesBackupProtection -Item $item -Policy $pol -VaultId $vault.ID",
          out);
    ps_disk_args(out, pr, true);
    fputs("\n"
          "    Write-Host ('Moved VM {0} to backup policy {1}' -f $vmName, $policyName)\n"
          "}\n",
          out);
}

/* ---- the script ---------------------------------------------------------------- */

typedef struct Needs {
    int npolicies, nprotects;
    bool enhanced, standard, suffix, non_ascii;
} Needs;

static Needs needs_of(const BkpProgram *prog, const BkpPolicy *only)
{
    Needs n = {0};
    for (const BkpVault *v = prog->vaults ? prog->vaults : prog->vault; v; v = v->next)
        n.non_ascii |= bkp_has_non_ascii(v->name) || bkp_has_non_ascii(v->resource_group) ||
                       bkp_has_non_ascii(v->subscription);
    emit_count(prog, only, &n.npolicies, &n.nprotects);
    for (const BkpPolicy *p = prog->policies; p; p = p->next) {
        if (!emit_want_policy(p, only))
            continue;
        n.enhanced |= p->enhanced;
        n.standard |= !p->enhanced;
        n.suffix |= p->snapshot_rg_prefix && p->snapshot_rg_suffix;
        n.non_ascii |= bkp_has_non_ascii(p->name) || bkp_has_non_ascii(p->timezone) ||
                       bkp_has_non_ascii(p->snapshot_rg_prefix) ||
                       bkp_has_non_ascii(p->snapshot_rg_suffix);
    }
    for (const BkpProtect *pr = prog->protects; pr; pr = pr->next)
        if (emit_want_protect(pr, only))
            n.non_ascii |= bkp_has_non_ascii(pr->vm) || bkp_has_non_ascii(pr->resource_group);
    return n;
}

/* The oldest Az.RecoveryServices that has every feature the script uses
 * (PWSH.md §1). Every script sets ScheduleRunTimeZone, also on Standard
 * policies (6.2.0 = Az 9.4.0; that also covers Enhanced and hourly policies,
 * archive tiering and the mandatory -Policy of Enable-...). */
static void ps_requires(FILE *out, const Needs *n)
{
    const char *version = "6.2.0", *why = "ScheduleRunTimeZone on every schedule (Az 9.4.0)";
    if (n->suffix) {
        version = "6.6.0";
        why = "-BackupSnapshotResourceGroupSuffix (Az 10.4.0)";
    }
    if (n->enhanced) {
        version = "6.8.0";
        why = "-SnapshotConsistencyType on Enhanced policies (Az 11.5.0)";
    }
    fprintf(out,
            "#Requires -Version 5.1\n"
            "#Requires -Modules @{ ModuleName = 'Az.RecoveryServices'; ModuleVersion = '%s' }\n"
            "# Az.RecoveryServices %s or later: %s.\n",
            version, version, why);
    if (n->standard && n->nprotects)
        fputs("# Protecting a Trusted Launch VM with a Standard policy needs 7.7.1 (Az 14.0.0).\n", out);
}

static void ps_help(FILE *out, const BkpProgram *prog, const Needs *n)
{
    fputs("<#\n.SYNOPSIS\n", out);
    fprintf(out, "Creates or updates %d Azure VM backup polic%s in a Recovery Services vault", n->npolicies,
            n->npolicies == 1 ? "y" : "ies");
    if (n->nprotects)
        fprintf(out, ",\nthen enables backup of %d VM%s", n->nprotects, n->nprotects == 1 ? "" : "s");
    fputs(".\n\n.DESCRIPTION\n", out);
    emit_generated_by(out, "", prog);
    fputs("A policy the vault does not have yet is created (New-AzRecoveryServicesBackupProtectionPolicy),\n"
          "an existing one is updated in place (Set-AzRecoveryServicesBackupProtectionPolicy).\n",
          out);
    if (n->nprotects)
        fputs("A VM that is not protected yet gets backup enabled; a VM the vault already protects is\n"
              "moved to its policy, with the disks the file selects.\n",
              out);
    fputs("Run it with -WhatIf first to see what it would change.\n"
          "\n"
          ".PARAMETER VaultName\n"
          "The Recovery Services vault that gets the policies.\n"
          ".PARAMETER ResourceGroupName\n"
          "The vault's resource group.\n"
          ".PARAMETER SubscriptionId\n"
          "The vault's subscription; empty means the current Az context's (Set-AzContext).\n"
          "\n"
          ".EXAMPLE\n"
          "Connect-AzAccount; ./script.ps1 -WhatIf; ./script.ps1\n"
          "#>\n",
          out);
}

static void ps_param(FILE *out, const char *name, const char *dflt, bool mandatory)
{
    if (mandatory) {
        fprintf(out, "    [Parameter(Mandatory)]\n    [ValidateNotNullOrEmpty()]\n    [string] $%s", name);
        return;
    }
    fprintf(out, "    [ValidateNotNullOrEmpty()]\n    [string] $%s = ", name);
    bkp_ps_quote(out, dflt);
}

/* ---- several vaults --------------------------------------------------------------- */

static void ps_help_vaults(FILE *out, const BkpProgram *prog, const EmitVaultTotals *t)
{
    fputs("<#\n.SYNOPSIS\n", out);
    fprintf(out, "Creates or updates %d Azure VM backup polic%s in %d Recovery Services vaults", t->npolicies,
            t->npolicies == 1 ? "y" : "ies", t->nvaults);
    if (t->ndeploy != t->npolicies)
        fprintf(out, "\n(each in the vaults that hold it: %d in all)", t->ndeploy);
    if (t->nprotects)
        fprintf(out, ",\nthen enables backup of %d VM%s", t->nprotects, t->nprotects == 1 ? "" : "s");
    fputs(".\n\n.DESCRIPTION\n", out);
    emit_generated_by(out, "", prog);
    fputs("Vault by vault, in its subscription (Set-AzContext; a vault named without one is in the\n"
          "subscription the script starts in): a policy the vault does not have yet is created\n"
          "(New-AzRecoveryServicesBackupProtectionPolicy), an existing one is updated in place\n"
          "(Set-AzRecoveryServicesBackupProtectionPolicy).\n",
          out);
    if (t->nprotects)
        fputs("A VM that is not protected yet gets backup enabled in its vault; a VM the vault already\n"
              "protects is moved to its policy, with the disks the file selects.\n",
              out);
    fputs("Run it with -WhatIf first to see what it would change.\n"
          "\n"
          ".EXAMPLE\n"
          "Connect-AzAccount; ./script.ps1 -WhatIf; ./script.ps1\n"
          "#>\n",
          out);
}

/* One vault: selected in its subscription, looked up, its policies, its VMs. */
static void ps_vault(FILE *out, const BkpProgram *prog, const BkpVault *v, const BkpPolicy *only, int k, int total,
                     bool switching, int *policy, int ndeploy, int *vm, int nprotects)
{
    char at[EMIT_WHERE_MAX];
    int np, nv;
    emit_vault_counts(prog, v, only, &np, &nv);
    putc('\n', out);
    rule(out, '=');
    fprintf(out, "# Vault %d of %d%s: %d polic%s, %d VM%s\n", k, total, emit_where(at, prog->src, v->span), np,
            np == 1 ? "y" : "ies", nv, nv == 1 ? "" : "s");
    rule(out, '=');
    if (switching) {
        fputs("# Choosing the subscription changes nothing in Azure: done even with -WhatIf.\n"
              "$null = Set-AzContext -Subscription ", out);
        if (v->subscription)
            bkp_ps_quote(out, v->subscription);
        else
            fputs("$startSubscription", out);
        fputs(" -Scope Process -WhatIf:$false\n", out);
    }
    fputs("$vault = Get-AzRecoveryServicesVault -ResourceGroupName ", out);
    bkp_ps_quote(out, v->resource_group);
    fputs(" -Name ", out);
    bkp_ps_quote(out, v->name);
    fputs("\nif ($null -eq $vault) {\n    throw ('Recovery Services vault {0} not found in resource group {1}' -f ", out);
    bkp_ps_quote(out, v->name);
    fputs(", ", out);
    bkp_ps_quote(out, v->resource_group);
    fputs(")\n}\n$existingPolicies = @(Get-AzRecoveryServicesBackupProtectionPolicy -VaultId $vault.ID)\n", out);
    if (nv)
        fputs("$policies = @{}\n", out);
    for (const BkpPolicy *p = prog->policies; p; p = p->next)
        if (emit_want_policy(p, only) && bkp_vault_holds(v, p))
            ps_policy(out, p, ++*policy, ndeploy, nv > 0);
    for (const BkpProtect *pr = prog->protects; pr; pr = pr->next)
        if (emit_want_protect(pr, only) && pr->vault == v)
            ps_protect(out, prog, pr, ++*vm, nprotects);
}

/* A script for several vaults, or one that holds some policies only: no
 * parameters but -WhatIf; each vault's part as the one-vault script's. */
static void ps_vaults(FILE *out, const BkpProgram *prog, const BkpPolicy *only)
{
    EmitVaultTotals t = emit_vault_totals(prog, only);
    bool with_sub = false, without_sub = false;
    for (const BkpVault *v = prog->vaults; v; v = v->next) {
        int np, nv;
        emit_vault_counts(prog, v, only, &np, &nv);
        if (np || nv) {
            with_sub |= v->subscription != NULL;
            without_sub |= v->subscription == NULL;
        }
    }
    ps_help_vaults(out, prog, &t);
    fputs("[CmdletBinding(SupportsShouldProcess)]\nparam()\n\n"
          "Set-StrictMode -Version Latest\n"
          "$ErrorActionPreference = 'Stop'\n",
          out);
    if (with_sub && without_sub)
        fputs("\n# The subscription of the Az context the script starts in: that of the vaults the file\n"
              "# names without one.\n"
              "$startSubscription = (Get-AzContext).Subscription.Id\n",
              out);
    int k = 0, policy = 0, vm = 0;
    for (const BkpVault *v = prog->vaults; v; v = v->next) {
        int np, nv;
        emit_vault_counts(prog, v, only, &np, &nv);
        if (np || nv)
            ps_vault(out, prog, v, only, ++k, t.nvaults, with_sub, &policy, t.ndeploy, &vm, t.nprotects);
    }
}

int bkp_emit_ps1(const BkpProgram *prog, const BkpPolicy *only, FILE *out)
{
    if (!prog || !out)
        return -1;
    Needs n = needs_of(prog, only);
    if (!bkp_program_one_vault(prog)) {
        if (n.non_ascii)
            fputs("\xEF\xBB\xBF", out);
        ps_requires(out, &n);
        ps_vaults(out, prog, only);
        fflush(out);
        return ferror(out) ? -1 : 0;
    }
    const BkpVault *v = prog->vault;

    /* Windows PowerShell 5.1 reads a script without a byte-order mark in the
     * ANSI code page: a name outside ASCII needs the UTF-8 BOM. */
    if (n.non_ascii)
        fputs("\xEF\xBB\xBF", out);
    ps_requires(out, &n);
    ps_help(out, prog, &n);
    fputs("[CmdletBinding(SupportsShouldProcess)]\nparam(\n", out);
    ps_param(out, "VaultName", v ? v->name : NULL, !v);
    fputs(",\n\n", out);
    ps_param(out, "ResourceGroupName", v ? v->resource_group : NULL, !v);
    fputs(",\n\n    [string] $SubscriptionId = ", out);
    bkp_ps_quote(out, v && v->subscription ? v->subscription : "");
    fputs("\n)\n\n"
          "Set-StrictMode -Version Latest\n"
          "$ErrorActionPreference = 'Stop'\n"
          "\n"
          "if ($SubscriptionId) {\n"
          "    # Choosing the subscription changes nothing in Azure: done even with -WhatIf.\n"
          "    $null = Set-AzContext -Subscription $SubscriptionId -Scope Process -WhatIf:$false\n"
          "}\n"
          "$vault = Get-AzRecoveryServicesVault -ResourceGroupName $ResourceGroupName -Name $VaultName\n"
          "if ($null -eq $vault) {\n"
          "    throw ('Recovery Services vault {0} not found in resource group {1}' -f $VaultName, "
          "$ResourceGroupName)\n"
          "}\n"
          "# The vault's policies, to tell a policy to create from one to update.\n"
          "$existingPolicies = @(Get-AzRecoveryServicesBackupProtectionPolicy -VaultId $vault.ID)\n",
          out);
    int nprot = n.nprotects;
    if (nprot)
        fputs("# This script's policies by name, for the VMs to protect.\n$policies = @{}\n", out);

    int k = 0;
    for (const BkpPolicy *p = prog->policies; p; p = p->next)
        if (emit_want_policy(p, only))
            ps_policy(out, p, ++k, n.npolicies, nprot > 0);

    if (nprot) {
        putc('\n', out);
        rule(out, '=');
        fprintf(out,
                "# Protection: %d VM%s. A VM is found by name in its resource group; one the vault\n"
                "# does not protect yet gets backup enabled, one it protects is moved to the policy.\n",
                nprot, nprot == 1 ? "" : "s");
        rule(out, '=');
        k = 0;
        for (const BkpProtect *pr = prog->protects; pr; pr = pr->next)
            if (emit_want_protect(pr, only))
                ps_protect(out, prog, pr, ++k, nprot);
    }
    fflush(out);
    return ferror(out) ? -1 : 0;
}
