#!/bin/sh
# editors/vscode without VS Code (tests/tools/vscode-check.mjs): the TextMate
# grammar through vscode-textmate with vscode-oniguruma (scopes at
# positions), the problem matcher on bkpc's real output, extension.js's
# language client (command `bkpc lsp`, the language bkp, the settings), and
# package.json's files. npm packages go into tests/tools/node_modules.
# env: BKPC. Runs from the repository root; ends with "N passed, N failed".
. "$(dirname "$0")/../lib.sh"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "vscode: skipped: node and npm are not installed (scripts/install-deps.sh --all)"
    summary
    exit
fi
if [ ! -d "$tools/node_modules/vscode-textmate" ] || [ ! -d "$tools/node_modules/vscode-oniguruma" ]; then
    if ! (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >"$tmp/npm" 2>&1); then
        ko "npm ci in tests/tools (vscode-textmate, vscode-oniguruma)"
        tail -20 "$tmp/npm"
        summary
        exit
    fi
fi
# bkpc's diagnostics: errors and a warning, a tab, non-ASCII, a quote and a
# space in a file name, plus the check suite's files.
editor_fixture "$tmp/work"
"$BKPC" check "$tmp/work/it's bad.bkp" "$tmp/work/late.bkp" tests/check/*.bkp >/dev/null 2>"$tmp/diags"
node --no-deprecation "$tools/vscode-check.mjs" editors/vscode "$tmp/diags" >"$tmp/out" 2>&1
rc=$?
report "$tmp/out"
if [ $rc != 0 ] && ! grep -q '^FAIL' "$tmp/out"; then ko "vscode-check.mjs exited $rc"; fi
summary
