#!/bin/sh
# bench/lsp/run.sh — `bkpc lsp` over many edits of one document (issue 10).
#
#   bench/lsp/run.sh [BKPC]          BKPC defaults to build/bkpc
#
# Opens examples/prod-vms.bkp in the language server and sends 100, 1,000,
# 10,000 and 100,000 incremental didChange notifications (a clause typed in,
# then taken out, in turn); each version is compiled and its diagnostics
# published. Prints, for each run, the server's peak resident memory (VmHWM,
# read after shutdown, so the driver's own memory does not count) and the
# wall time. Memory must not grow with the edits: each version's compilation
# is freed when the next replaces it. Needs python3
# (tests/tools/lsp-driver.py).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bkpc=${1:-$root/build/bkpc}
if [ ! -x "$bkpc" ]; then
    echo "bench/lsp: $bkpc is missing: run make first" >&2
    exit 2
fi
printf '%8s  %13s  %8s\n' edits "peak RSS KiB" "seconds"
for n in 100 1000 10000 100000; do
    start=$(date +%s.%N)
    line=$(python3 "$root/tests/tools/lsp-driver.py" "$bkpc" edits "$n")
    end=$(date +%s.%N)
    set -- $line
    [ "$6" = 0 ] || { echo "bench/lsp: the server exited $6 after $n edits" >&2; exit 1; }
    awk -v n="$n" -v kib="$4" -v a="$start" -v b="$end" 'BEGIN { printf "%8s  %13s  %8.2f\n", n, kib, b - a }'
done
