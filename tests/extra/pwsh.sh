#!/bin/sh
# The PowerShell backend's scripts, executed by real PowerShell (pwsh 7):
#  1. tests/tools/pwsh-mock.py turns $SHARED/reference/pwsh/{cmdlets,models}.json
#     into a mock Az.RecoveryServices and Az.Accounts (written to a temporary
#     directory; its object model compiled with Add-Type);
#  2. every generated script -- the goldens of tests/ps1/, a build of every
#     file in examples/ and of the hostile-name corpus tests/hostile/ -- runs
#     with -WhatIf and for real against vaults in several states, and
#     tests/tools/check-pwsh.py checks the calls it makes and compares the
#     policy bodies they make with `bkpc build -t json`, field by field;
#  3. nothing a run does lands outside its throw-away directories: the
#     working tree is as it was and holds no payload's file (pwned*), and no
#     file named after a payload appeared in $HOME or /tmp.
# Without pwsh and dotnet (scripts/install-deps.sh --all installs pwsh as a
# .NET tool), or without $SHARED, it says so and checks nothing.
# env: BKPC (the binary), SHARED (../shared).
# Runs from the repository root; ends with "N passed, N failed".
. "$(dirname "$0")/../lib.sh"

no_payload_files "before the runs"

PWSH=$(command -v pwsh || true)
tool=${DOTNET_CLI_HOME:-$HOME}/.dotnet/tools/pwsh   # where install-deps.sh --all puts it
[ -n "$PWSH" ] || [ ! -x "$tool" ] || PWSH=$tool
if [ -z "$PWSH" ]; then
    if command -v dotnet >/dev/null 2>&1; then
        ko "pwsh is not installed although dotnet is: run scripts/install-deps.sh --all"
    else
        echo "pwsh: skipped: neither pwsh nor dotnet is installed (scripts/install-deps.sh --all installs pwsh where dotnet is)"
    fi
    summary
    exit
fi
if [ ! -f "$SHARED/reference/pwsh/cmdlets.json" ]; then
    echo "pwsh: skipped: $SHARED/reference/pwsh not found (a clone without ../shared)"
    summary
    exit
fi

# 1. the mock
export TMPDIR="$tmp"      # pwsh's temporary files, check-pwsh.py's sandbox
mock=$tmp/mock
home=$tmp/home             # pwsh's HOME: its caches stay in the sandbox
mkdir -p "$home"
if python3 "$tools/pwsh-mock.py" --shared "$SHARED" "$mock" >"$tmp/out" 2>&1 &&
    HOME=$home POWERSHELL_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 "$PWSH" -NoProfile -NonInteractive -Command \
        "Add-Type -LiteralPath '$mock/Models.cs' -OutputAssembly '$mock/Models.dll' -OutputType Library" \
        </dev/null >>"$tmp/out" 2>&1; then ok; else
    ko "the mock Az modules (pwsh-mock.py, Add-Type)"
    cat "$tmp/out"
    summary
    exit
fi

# 2. every script: goldens with their .bkp, examples and hostile files built
#    now, as "SCRIPT<tab>BKP<tab>POLICY<tab>hostile?" lines for check-pwsh.py,
#    which runs them all in one pwsh process.
: >"$tmp/pairs"
for g in tests/ps1/*.ps1; do
    [ -s "$g" ] && printf '%s\t%s\n' "$g" "${g%.ps1}.bkp" >>"$tmp/pairs"
done
build_all ps1 ps1 "$tmp/pairs"
tab=$(printf '\t')
while IFS=$tab read -r script bkp; do
    policy=$(sed -n 's/^# args: --policy //p' "$bkp" | head -n 1)
    hostile=
    case $bkp in tests/hostile/* | tests/ps1/hostile-*) hostile=hostile ;; esac
    printf '%s\t%s\t%s\t%s\n' "$script" "$bkp" "$policy" "$hostile"
done <"$tmp/pairs" >"$tmp/list"

# The tree but .git and the fuzzers' corpora (a `make fuzz` running beside
# the suite adds inputs there).
tree() {
    find . \( -path ./.git -o -path ./build/fuzz -o -path "./${BUILD:-build}/fuzz" \) -prune -o -print | sort
}
tree >"$tmp/tree-before"
touch "$tmp/stamp"
python3 "$tools/check-pwsh.py" --pwsh "$PWSH" --mock "$mock" --home "$home" --list "$tmp/list" "$BKPC" \
    </dev/null >"$tmp/out" 2>&1
rc=$?
while IFS= read -r line; do
    case $line in
    "ok "*) ok ;;
    "FAIL "*) ko "check-pwsh.py: ${line#FAIL }" ;;
    *) printf '%s\n' "$line" ;;
    esac
done <"$tmp/out"
[ $rc = 0 ] || [ "$fail" != 0 ] || ko "check-pwsh.py: exit $rc"

# 3. nothing outside the sandboxes
tree >"$tmp/tree-after"
if cmp -s "$tmp/tree-before" "$tmp/tree-after"; then ok; else
    ko "the runs changed the working tree:"
    diff "$tmp/tree-before" "$tmp/tree-after" | head -20
fi
no_payload_files "after the runs"
# (/tmp itself, not the temporary directories of other test runs, which may
# hold such files by design while this one runs.)
{
    find "$HOME" -xdev -path "$tmp" -prune -o -newer "$tmp/stamp" -name '*pwned*' -print
    find /tmp -maxdepth 1 -newer "$tmp/stamp" -name '*pwned*' -print
} 2>/dev/null >"$tmp/pwned"
find "$home" -name '*pwned*' -print >>"$tmp/pwned"
if [ -s "$tmp/pwned" ]; then ko "files named after a payload appeared in \$HOME or /tmp:"; cat "$tmp/pwned"; else ok; fi

summary
