#!/bin/sh
# The Azure CLI backend (bkpc build -t azcli), beyond the golden files. For
# every generated script -- the goldens of tests/azcli/, a build of every file
# in examples/ and of the hostile-name corpus tests/hostile/:
#  1. bash -n and shellcheck pass;
#  2. every policy body in it passes $SHARED/tools/validate-rest;
#  3. tests/tools/check-azcli.py runs it against a fake `az` (an empty vault,
#     a vault that has the policies and protects the VMs, a vault protecting a
#     namesake VM, --dry-run): the right az calls with the right options, the
#     bodies `bkpc build -t json` prints, every VM with its policy and disks,
#     nothing changed by --dry-run; for tests/hostile/*.bkp, every name
#     reaching az intact, no payload running, every marker pwnN in quotes;
#  4. the output is the same from one run to the next.
# env: BKPC (the binary), SHARED (../shared; without it check 2 is skipped).
# Runs from the repository root; ends with "N passed, N failed".
. "$(dirname "$0")/../lib.sh"
VALIDATE=$SHARED/tools/validate-rest

# "SCRIPT BKP EXTRA-ARGS" lines: goldens with their .bkp, examples and
# hostile files built now.
: >"$tmp/list"
for g in tests/azcli/*.sh; do
    [ -s "$g" ] || continue
    b=${g%.sh}.bkp
    printf '%s\t%s\t%s\n' "$g" "$b" "$(sed -n 's/^# args: //p' "$b" | head -n 1)" >>"$tmp/list"
done
build_all azcli sh "$tmp/list"

have_shellcheck=1
if ! command -v shellcheck >/dev/null 2>&1; then
    have_shellcheck=0
    echo "azcli: shellcheck checks skipped: shellcheck is not installed (scripts/install-deps.sh --all)"
fi
have_validate=1
if [ ! -f "$VALIDATE" ]; then
    have_validate=0
    echo "azcli: shared-dependent checks skipped: $VALIDATE not found"
fi

tab=$(printf '\t')
while IFS=$tab read -r script bkp extra; do
    # 1. syntax and lint
    if bash -n "$script" 2>"$tmp/out"; then ok; else ko "bash -n $script"; cat "$tmp/out"; fi
    if [ $have_shellcheck = 1 ]; then
        if shellcheck "$script" >"$tmp/out" 2>&1; then ok; else ko "shellcheck $script"; head -30 "$tmp/out"; fi
    fi
    # 2. every heredoc body against the REST schema
    if [ $have_validate = 1 ]; then
        rm -f "$tmp"/body-*.json
        awk -v dir="$tmp" '/^JSON$/ { body = 0 } body { print > f } /<<.JSON.$/ { n++; f = dir "/body-" n ".json"; body = 1 }' "$script"
        for j in "$tmp"/body-*.json; do
            [ -e "$j" ] || { ko "$script: no policy body"; break; }
            if python3 "$VALIDATE" "$j" </dev/null >"$tmp/out" 2>&1; then ok; else
                ko "validate-rest: a body of $script"
                head -20 "$tmp/out"
            fi
        done
    fi
    # 3. a run against a fake az
    hostile=
    case $bkp in tests/hostile/*) hostile=--hostile ;; esac
    policy=
    case $extra in --policy\ *) policy=$extra ;; esac
    # shellcheck disable=SC2086
    if python3 "$tools/check-azcli.py" "$BKPC" "$bkp" "$script" $policy $hostile </dev/null >"$tmp/out" 2>&1; then ok; else
        ko "check-azcli.py $script"
        head -30 "$tmp/out"
    fi
done <"$tmp/list"
no_payload_files "after the runs"

summary
