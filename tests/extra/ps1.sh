#!/bin/sh
# The PowerShell backend (bkpc build -t ps1), beyond the golden files:
#  1. every generated script -- the goldens of tests/ps1/, a build of every
#     file in examples/ and of the hostile-name corpus tests/hostile/ -- parses
#     without error with the tree-sitter-powershell grammar (reference/PWSH.md
#     §6; installed here into tests/tools/node_modules with npm ci);
#  2. tests/tools/check-ps1.py checks every cmdlet, parameter, parameter set,
#     mandatory parameter, accepted value and property path of each script
#     against $SHARED/reference/pwsh/{cmdlets,models}.json, and PWSH.md's
#     emission rules;
#  3. in the scripts built from tests/hostile/*.bkp every name is the value of
#     a single-quoted literal and every marker pwnN is inside one, read both
#     with PowerShell's quoting rules (check-ps1.py --hostile) and with the
#     tree-sitter grammar (ps-parse.mjs --mask);
#  4. the output is the same from one run to the next.
# env: BKPC (the binary), SHARED (../shared; without it check 2 is skipped).
# Runs from the repository root; ends with "N passed, N failed".
. "$(dirname "$0")/../lib.sh"

# The scripts: goldens as they are, examples and hostile files built now.
scripts=""
for g in tests/ps1/*.ps1; do
    [ -s "$g" ] || continue
    scripts="$scripts $g"
done
: >"$tmp/built"
build_all ps1 ps1 "$tmp/built"
scripts="$scripts $(cut -f1 "$tmp/built" | tr '\n' ' ')"

# 1. tree-sitter
have_parser=0
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "ps1: tree-sitter checks skipped: node and npm are not installed (scripts/install-deps.sh --all)"
elif npm_tools tree-sitter tree-sitter-powershell; then
    have_parser=1
else
    ko "npm ci in tests/tools (tree-sitter, tree-sitter-powershell)"
    tail -20 "$tmp/npm"
fi
if [ $have_parser = 1 ]; then
    for s in $scripts; do
        if node --no-deprecation "$tools/ps-parse.mjs" "$s" >"$tmp/out" 2>&1; then ok; else
            ko "tree-sitter-powershell: $s does not parse"
            head -20 "$tmp/out"
        fi
    done
fi

# 2. metadata
if [ -f "$SHARED/reference/pwsh/cmdlets.json" ]; then
    for s in $scripts; do
        if python3 "$tools/check-ps1.py" --shared "$SHARED" "$s" >"$tmp/out" 2>&1; then ok; else
            ko "check-ps1.py $s"
            head -30 "$tmp/out"
        fi
    done
else
    echo "ps1: shared-dependent checks skipped: $SHARED/reference/pwsh not found"
fi

# 3. hostile names
for h in tests/hostile/*.bkp; do
    [ -e "$h" ] || continue
    s=$tmp/ps1/hostile-$(basename "$h" .bkp).ps1
    [ -s "$s" ] || continue
    if python3 "$tools/check-ps1.py" --hostile "$h" "$s" >"$tmp/out" 2>&1; then ok; else
        ko "names of $h outside literals in its script (PowerShell quoting rules)"
        head -30 "$tmp/out"
    fi
    if [ $have_parser = 1 ]; then
        if ! node --no-deprecation "$tools/ps-parse.mjs" --mask "$s" >"$tmp/masked" 2>&1; then
            ko "tree-sitter-powershell --mask $s failed (crash or syntax error)"
            tail -20 "$tmp/masked"
        elif grep -n 'pwn[0-9]' "$tmp/masked" >"$tmp/out"; then
            ko "names of $h outside literals in its script (tree-sitter)"
            head -20 "$tmp/out"
        else ok; fi
    fi
done

summary
