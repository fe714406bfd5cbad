#!/bin/sh
# bench/profile.sh — where the time goes: perf over the benchmark's runs.
#
#   bench/profile.sh [BKPC]        after bench/run.sh (it uses bench/out/)
#
# For the tokenizer, `bkpc check` and `bkpc build --all` over the corpus:
# perf stat (task clock, page faults), then the top symbols by shared object
# and by function. Needs perf (linux-perf); reports go to bench/out/profile/.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bkpc=${1:-$here/out/bkpc}
out=${BENCH_OUT:-$here/out}
corpus=$out/corpus.bkp
prof=$out/profile

if ! command -v perf >/dev/null 2>&1; then
    echo "profile: perf is not installed (apt-get install linux-perf)" >&2
    exit 2
fi
if [ ! -f "$corpus" ] || [ ! -x "$out/tokenize" ]; then
    echo "profile: run bench/run.sh first (no $corpus or $out/tokenize)" >&2
    exit 2
fi
mkdir -p "$prof"

one() {    # $1 = label, then the command
    label=$1
    shift
    echo "== $label: $*"
    perf stat -r 5 -e task-clock,page-faults "$@" 2>&1 >/dev/null |
        grep -E 'task-clock|page-faults|elapsed' | sed 's/^ */   /'
    perf record -q -F 9999 -o "$prof/$label.data" "$@" >/dev/null 2>&1 || true
    echo "   by object:"
    perf report -i "$prof/$label.data" --sort dso --stdio 2>/dev/null |
        grep -E '^ +[0-9]' | head -6 | sed 's/^ */     /'
    echo "   top functions:"
    perf report -i "$prof/$label.data" --sort dso,sym --stdio 2>/dev/null |
        grep -E '^ +[0-9]' | head -15 | sed 's/^ */     /'
    echo
}

{
    one tokenize "$out/tokenize" "$corpus"
    one check "$bkpc" check "$corpus"
    one build-all "$bkpc" build --all "$corpus"
} | tee "$prof/report.txt"
