#!/bin/sh
# A platform team's standards and app teams' files, as a new user tries
# them (examples/fleet/, in the canonical layout): a compliant file checks
# clean and builds a script
# for each of its vaults; a file that overrides the standard fails with
# error[require] at the policy, the override and the template's line in
# standards.bkp, and the hint's simulate command runs and shows that no
# point of the period is left; `use` paths are relative to the file that
# says them, from any directory and from standard input; explain says
# where each value came from. Then hostile uses: a chain of 70 files, a
# file used along two paths (read once), a file that uses itself.
# env: BKPC. Runs from the repository root; ends with "N passed, N failed".
. "$(dirname "$0")/../lib.sh"
ex=examples/fleet
root=$(pwd)
case $BKPC in /*) bkpc=$BKPC ;; *) bkpc=$root/$BKPC ;; esac

t fleet-formatted 0 "$bkpc" fmt --check "$ex/standards.bkp" "$ex/web-team.bkp" "$ex/legacy-team.bkp"
t web-check 0 "$bkpc" check "$ex/web-team.bkp"
if [ ! -s "$tmp/err" ]; then ok; else ko "web-team.bkp: diagnostics"; head -5 "$tmp/err"; fi
t standards-check 0 "$bkpc" check "$ex/standards.bkp"

# The legacy team breaks `require monthly points for 12m` with `keep monthly 6m`.
t legacy-check 1 "$bkpc" check "$ex/legacy-team.bkp"
has legacy-rule "$tmp/err" "error[require]: policy \`legacy-vms\` breaks \`require monthly points for 12 months\`"
has legacy-moment "$tmp/err" "at Tue 2030-01-01 01:00 +01:00, February 2029 lies within the last 12 months"
has legacy-override "$tmp/err" "keep monthly 6m on first sun"
has legacy-template "$tmp/err" "::: $ex/standards.bkp:26:5"
has legacy-required "$tmp/err" "required by template \`gold\`"
has legacy-fix "$tmp/err" "it holds when monthly points are kept 12 months: \`keep monthly 12m\`"
t legacy-build 1 "$bkpc" build -t ps1 "$ex/legacy-team.bkp"
if [ ! -s "$tmp/out" ]; then ok; else ko "legacy-team.bkp: a script was written despite the error"; fi

# The hint's command, run as it is: at that moment no point of February
# 2029 exists (the monthly points of the first Sundays before July are gone,
# the yearly one is of January).
cmd=$("$bkpc" check "$ex/legacy-team.bkp" 2>&1 | sed -n 's/^hint: see it: `\(.*\)`$/\1/p')
case $cmd in
"bkpc simulate --at 2030-01-01T00:00Z --policy legacy-vms $ex/legacy-team.bkp") ok ;;
*) ko "the hint's command: [$cmd]" ;;
esac
t legacy-simulate 0 "$bkpc" ${cmd#bkpc }
has legacy-simulated "$tmp/out" "recovery points of legacy-vms at 2030-01-01 01:00 (UTC+01:00)"
if grep -q ' 2029-0[2-6]-' "$tmp/out"; then ko "simulate lists a point taken February to June 2029"; else ok; fi
has legacy-july "$tmp/out" "Mon 2029-07-02"

# One script, each policy in each vault that holds it.
t web-ps1 0 "$bkpc" build -t ps1 "$ex/web-team.bkp"
has ps1-weu "$tmp/out" "Get-AzRecoveryServicesVault -ResourceGroupName 'rg-backup-weu' -Name 'rsv-web-weu'"
has ps1-neu "$tmp/out" "Get-AzRecoveryServicesVault -ResourceGroupName 'rg-backup-neu' -Name 'rsv-web-neu'"
n=$(grep -c "^# Policy [0-9] of 3 " "$tmp/out")
if [ "$n" = 3 ]; then ok; else ko "ps1: $n policies created or updated, expected 3 (2 in weu, 1 in neu)"; fi
t web-azcli 0 "$bkpc" build -t azcli "$ex/web-team.bkp"
has azcli-neu "$tmp/out" "rsv-web-neu"

# explain: where each value came from.
t web-explain 0 "$bkpc" explain --policy web-db "$ex/web-team.bkp"
has explain-from "$tmp/out" "made from template gold"
has explain-own "$tmp/out" "the policy: daily retention"
has explain-requires "$tmp/out" "weekly points for 12 weeks"

# `use` is relative to the file that says it: from another directory too,
# and from standard input relative to the current directory.
(cd "$tmp" && "$bkpc" check "$root/$ex/web-team.bkp") >"$tmp/out" 2>"$tmp/err"
if [ $? = 0 ]; then ok; else ko "check from another directory"; head -3 "$tmp/err"; fi
(cd "$ex" && "$bkpc" check - <web-team.bkp) >"$tmp/out" 2>"$tmp/err"
if [ $? = 0 ]; then ok; else ko "check from standard input"; head -3 "$tmp/err"; fi
(cd "$tmp" && "$bkpc" check - <"$root/$ex/web-team.bkp") >"$tmp/out" 2>"$tmp/err"
if [ $? = 1 ] && grep -q "error\[use\]: cannot read \`standards.bkp\`" "$tmp/err"; then ok; else
    ko "standard input elsewhere: want error[use]"; head -3 "$tmp/err"; fi
# A chain of 70 files, each using the next: an error at the 64th `use`.
d=$tmp/chain
mkdir -p "$d"
i=0
while [ $i -lt 70 ]; do printf 'use "f%d.bkp"\n' $((i + 1)) >"$d/f$i.bkp"; i=$((i + 1)); done
printf 'template last { daily at 01:00 }\n' >"$d/f70.bkp"
t use-deep 1 "$bkpc" check "$d/f0.bkp"
has use-deep-msg "$tmp/err" "error[use]: \`use\` statements nest more than 64 files deep"
# A diamond: a.bkp uses b.bkp and c.bkp, which both use d.bkp: read once,
# its template defined once.
d=$tmp/diamond
mkdir -p "$d"
printf 'use "b.bkp"\nuse "c.bkp"\npolicy app-vms from base { }\n' >"$d/a.bkp"
printf 'use "d.bkp"\n' >"$d/b.bkp"
printf 'use "d.bkp"\n' >"$d/c.bkp"
printf 'template base { daily at 01:00 }\n' >"$d/d.bkp"
t use-diamond 0 "$bkpc" check "$d/a.bkp"
printf 'use "self.bkp"\npolicy self-vms { daily at 01:00 }\n' >"$d/self.bkp"
t use-self 1 "$bkpc" check "$d/self.bkp"
has use-self-msg "$tmp/err" "uses \`$d/self.bkp\` again"
summary
