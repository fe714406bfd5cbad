#!/bin/sh
# Rebuilds the committed seed corpora, tests/fuzz/corpus/NAME/, from the
# files of examples/ and tests/ (a developer's tool; tests/fuzz/README.md):
#
#   tests/fuzz/seeds.sh NAME...      (after make fuzz-bins)
#
# Candidates per harness:
#   compile, emit, fmt   every .bkp of examples/ and tests/*/
#   interp               the same, each with the instants of its golden test
#                        (`# args: --at T ...` of tests/explain, next,
#                        simulate) as a "#@" parameter line (fuzz.h)
#   import              every .json of tests/ (REST bodies, az, PowerShell, ARM)
#   diff                 the pairs of tests/diff (OLD, a `%%` line, NEW, the
#                        --at of the test first), and each .bkp and JSON alone
#   lsp                  the transcripts of tests/lsp, each as sessions (one
#                        body a line) and as a stream (tests/fuzz/lsp-seeds.py)
# are merged by the harness itself (libFuzzer -merge=1): only the inputs
# that add coverage are kept, named by their SHA-1. A finding's reproducer
# is added by hand (tests/fuzz/README.md), and a rebuild keeps it: the
# existing corpus is merged first.
set -eu
cd "$(dirname "$0")/../.."
out=${BUILD:-build}/fuzz
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# "#@ at=... since=... from=... n=..." from a `# args:` line, or nothing.
params() {
    sed -n 's/^# args: //p' "$1" | head -n 1 | awk '{
        line = ""
        for (i = 1; i < NF; i++) {
            if ($i == "--at") line = line " at=" $(i + 1)
            if ($i == "--since") line = line " since=" $(i + 1)
            if ($i == "--from") line = line " from=" $(i + 1)
            if ($i == "-n") line = line " n=" $(i + 1)
        }
        if (line != "") print "#@" line
    }'
}

candidates() {   # candidates NAME DIR
    n=0
    case $1 in
    compile | emit | fmt)
        for f in examples/*.bkp tests/*/*.bkp; do n=$((n + 1)); cp "$f" "$2/$n"; done ;;
    interp)
        for f in examples/*.bkp tests/*/*.bkp; do
            n=$((n + 1))
            { params "$f"; cat "$f"; } >"$2/$n"
        done ;;
    import)
        for f in tests/*/*.json; do n=$((n + 1)); cp "$f" "$2/$n"; done ;;
    diff)
        for f in tests/diff/*.bkp; do
            old=$(sed -n 's/^# args: .* \(old\/[^ ]*\)$/\1/p; s/^# args: \(old\/[^ ]*\)$/\1/p' "$f" | head -n 1)
            [ -n "$old" ] || continue
            n=$((n + 1))
            { params "$f"; cat "tests/diff/$old"; printf '%%%%\n'; cat "$f"; } >"$2/$n"
        done
        for f in examples/*.bkp tests/import/*.json; do n=$((n + 1)); cp "$f" "$2/$n"; done ;;
    lsp)
        python3 tests/fuzz/lsp-seeds.py "$2" tests/lsp/*.lsp ;;
    esac
}

for name in "$@"; do
    mkdir -p "$tmp/$name" "tests/fuzz/corpus/$name"
    candidates "$name" "$tmp/$name"
    # no seed longer than the harness reads (run.sh's -max_len)
    case $name in import | lsp) max=16384 ;; diff) max=8192 ;; *) max=4096 ;; esac
    find "$tmp/$name" -type f -size +"${max}"c -delete
    mkdir -p "$tmp/$name.new"
    "$out/fuzz-$name" -merge=1 "$tmp/$name.new" "tests/fuzz/corpus/$name" "$tmp/$name" >"$tmp/$name.log" 2>&1 ||
        { cat "$tmp/$name.log"; exit 1; }
    rm -f "tests/fuzz/corpus/$name"/*
    cp "$tmp/$name.new"/* "tests/fuzz/corpus/$name/"
    echo "$name: $(find "tests/fuzz/corpus/$name" -type f | wc -l) seeds of $(find "$tmp/$name" -type f | wc -l) candidates"
done
