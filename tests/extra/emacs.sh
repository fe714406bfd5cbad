#!/bin/sh
# editors/emacs/bkp-mode.el in a batch Emacs:
#  1. it byte-compiles without a warning;
#  2. tests/tools/emacs-check.el: the mode by name and content (a backup copy
#     nginx.conf.bkp is not a policy), font-lock faces at positions, the
#     compilation regexp on bkpc's real output (file, line, bkpc's character
#     column after a tab and a non-ASCII character, error or warning), the
#     Flymake backend, and the Eglot registration of `bkpc lsp` with the
#     server's diagnostics (their lines, UTF-16 columns and rule ids).
# env: BKPC. Runs from the repository root; ends with "N passed, N failed".
. "$(dirname "$0")/../lib.sh"
if ! command -v emacs >/dev/null 2>&1; then
    echo "emacs: skipped: emacs is not installed (scripts/install-deps.sh --all)"
    summary
    exit
fi
el=$(pwd)/editors/emacs/bkp-mode.el
check_el=$tools/emacs-check.el

# 1. byte-compile
mkdir -p "$tmp/el"
cp "$el" "$tmp/el/"
if emacs --batch -Q --eval '(setq byte-compile-error-on-warn t)' \
    -f batch-byte-compile "$tmp/el/bkp-mode.el" >"$tmp/out" 2>&1 && [ ! -s "$tmp/out" ]; then ok; else
    ko "bkp-mode.el byte-compiles without warnings:"; cat "$tmp/out"; fi

# 2. the checks, in a directory of test files, bkpc on the PATH.
editor_fixture "$tmp/work"
cd "$tmp/work" || exit 2
PATH=$tmp/bin:$PATH HOME=$tmp LC_ALL=C.UTF-8 timeout 120 emacs --batch -Q -L "$tmp/el" -l "$check_el" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
report "$tmp/out"
if [ $rc != 0 ] && ! grep -q '^FAIL' "$tmp/out"; then ko "emacs exited $rc:"; tail -20 "$tmp/err"; fi
cd "$OLDPWD" || exit 2
summary
