#!/bin/sh
# bkpc lsp, the language server:
#  1. its command line (--help, --stdio, no arguments);
#  2. the transcripts tests/lsp/*.lsp, played by tests/tools/lsp-driver.py:
#     exact messages for diagnostics, hover, completion, code actions,
#     symbols, protocol errors and framing (regenerate them with
#     `python3 tests/tools/lsp-driver.py BKPC transcript -g tests/lsp/X.lsp`
#     and inspect the diff);
#  3. memory stays flat over edits: the server's peak resident memory after
#     10,000 incremental changes of a document is within twice that after
#     100 (each version's compilation is freed when the next replaces it);
#  4. a real client: Neovim headless, its built-in LSP client started by
#     editors/vim/lua/bkpc/lsp.lua (tests/tools/nvim-lsp.lua): diagnostics,
#     hover, completion, code actions, symbols, formatting.
# env: BKPC. Runs from the repository root; ends with "N passed, N failed".
. "$(dirname "$0")/../lib.sh"
driver=$tools/lsp-driver.py

# 1. the command line
t "lsp --help" 0 "$BKPC" lsp --help
has "lsp --help names the protocol" "$tmp/out" "Language Server Protocol"
t "lsp FILE is a usage error" 2 "$BKPC" lsp prod-vms.bkp
printf '' | "$BKPC" lsp --stdio >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 1 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]; then ok; else
    ko "lsp --stdio with no input: exit $rc (want 1), output or errors:"; cat "$tmp/out" "$tmp/err"; fi

# 2. the transcripts
python3 "$driver" "$BKPC" transcript tests/lsp/*.lsp >"$tmp/transcripts" 2>&1
report "$tmp/transcripts"
[ -s "$tmp/transcripts" ] || ko "the transcripts printed nothing"

# 3. memory over 10,000 edits. (Under AddressSanitizer, freed memory waits in
# a quarantine of up to 256 MiB before reuse: it is turned off here, so that
# the figure is the server's, not the quarantine's.)
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0"
export ASAN_OPTIONS
for n in 100 10000; do
    python3 "$driver" "$BKPC" edits $n >"$tmp/edits-$n" 2>&1
done
read -r _ _ _ small _ rc1 _ d1 <"$tmp/edits-100"
read -r _ _ _ big _ rc2 _ d2 <"$tmp/edits-10000"
if [ "${rc1:-}" = 0 ] && [ "${rc2:-}" = 0 ] && [ "${d1:-}" = 101 ] && [ "${d2:-}" = 10001 ]; then ok; else
    ko "edits: want exit 0 and a publishDiagnostics per version:"; cat "$tmp/edits-100" "$tmp/edits-10000"; fi
if [ -n "${small:-}" ] && [ -n "${big:-}" ] && [ "$small" -gt 0 ] && [ "$big" -le $((2 * small)) ]; then ok; else
    ko "memory grows with edits: peak ${small:-?} KiB after 100, ${big:-?} KiB after 10,000"; fi
echo "lsp: peak resident memory ${small:-?} KiB after 100 edits, ${big:-?} KiB after 10,000"

# 4. Neovim
if command -v nvim >/dev/null 2>&1; then
    work=$tmp/nvim
    editor_fixture "$work"
    printf 'policy late-vms { every 4h from 08:00 for 23h }\n' >"$work/fix.bkp"
    printf '# tidy\npolicy   tidy-vms{daily at 02:00\n  keep daily 30d}\n\n\nprotect vm t resource-group rg with tidy-vms' \
        >"$work/unformatted.bkp"
    mkdir -p "$work/.git"
    rtp=$(pwd)/editors/vim
    (cd "$work" && PATH=$tmp/bin:$PATH HOME=$tmp timeout 120 nvim --headless -u NONE -i NONE \
        --cmd "set rtp^=$rtp" --cmd 'filetype plugin on' \
        -c "luafile $tools/nvim-lsp.lua" </dev/null >"$tmp/nvim.out" 2>&1)
    rc=$?
    tr -d '\r' <"$tmp/nvim.out" >"$tmp/nvim.lines"
    report "$tmp/nvim.lines"
    grep -q '^ok ' "$tmp/nvim.lines" || ko "Neovim ran no check (exit $rc)"
else
    echo "lsp: Neovim checks skipped: nvim is not installed (scripts/install-deps.sh --all)"
fi
summary
