#!/bin/sh
# The libFuzzer harnesses of tests/fuzz/: built and run by `make fuzz` and
# `make fuzz-smoke` (which call this script; see tests/fuzz/README.md).
#
#   run.sh fuzz NAME...        build, then fuzz each NAME (or only
#                              $FUZZ_TARGET) for $FUZZ_SECONDS seconds
#   run.sh smoke NAME...       build, then run each harness over its seed
#                              corpus and fuzz it for $FUZZ_SMOKE_SECONDS
#                              (default 4) into a fresh corpus; ends with
#                              "N passed, N failed"
#
# env: MAKE, BUILD (build), FUZZ_CC (clang), FUZZ_SECONDS (60), FUZZ_TARGET,
# FUZZ_JOBS (1: more runs that many fuzzing processes per harness, sharing
# its corpus), FUZZ_ARGS (more libFuzzer flags).
# New inputs go to $BUILD/fuzz/corpus/NAME (never into the committed seeds);
# a crash, leak, timeout or out-of-memory input to $BUILD/fuzz/artifacts/.
# Without a clang that has libFuzzer, says so and exits 0.
set -u
cd "$(dirname "$0")/../.." || exit 2
mode=$1
shift
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
out=$BUILD/fuzz
cc=${FUZZ_CC:-clang}

# Whether $cc links a libFuzzer harness with the sanitizers.
probe() {
    command -v "$cc" >/dev/null 2>&1 || return 1
    dir=$(mktemp -d) || return 1
    printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
        'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' >"$dir/p.c"
    "$cc" -fsanitize=fuzzer,address,undefined -o "$dir/p" "$dir/p.c" >/dev/null 2>&1
    rc=$?
    rm -rf "$dir"
    return $rc
}
if ! probe; then
    echo "fuzz: skipped: no $cc with libFuzzer (scripts/install-deps.sh --all installs clang and its runtime)"
    [ "$mode" = smoke ] && echo "0 passed, 0 failed"
    exit 0
fi
echo "fuzz: building the harnesses with $cc into $out/" >&2
$MAKE --no-print-directory FUZZ_CC="$cc" fuzz-bins >&2 || exit 2

# The flags of harness $1: its longest input and its dictionary.
flags() {
    case $1 in
    import) echo "-max_len=16384 -dict=tests/fuzz/json.dict" ;;
    diff) echo "-max_len=8192 -dict=tests/fuzz/bkp.dict" ;;
    lsp) echo "-max_len=16384 -dict=tests/fuzz/lsp.dict" ;;
    *) echo "-max_len=4096 -dict=tests/fuzz/bkp.dict" ;;
    esac
}
common="-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 -print_final_stats=1"

# run NAME SECONDS [FLAGS]: fuzz NAME from its seeds and what earlier runs
# found (in $FUZZ_CORPUS/NAME, where new inputs go); its status.
run() {
    name=$1 secs=$2
    shift 2
    corpus=${FUZZ_CORPUS:-$out/corpus}/$name
    mkdir -p "$corpus" "$out/artifacts"
    # shellcheck disable=SC2046,SC2086  # the flags split on purpose
    "$out/fuzz-$name" $(flags "$name") $common -max_total_time="$secs" \
        -artifact_prefix="$out/artifacts/$name-" ${FUZZ_ARGS:-} "$@" \
        "$corpus" "tests/fuzz/corpus/$name"
}

case $mode in
fuzz)
    status=0
    for name in "$@"; do
        [ -z "${FUZZ_TARGET:-}" ] || [ "$FUZZ_TARGET" = "$name" ] || continue
        echo "fuzz: $name for ${FUZZ_SECONDS:-60} s" >&2
        jobs=${FUZZ_JOBS:-1}
        if [ "$jobs" -gt 1 ]; then
            run "$name" "${FUZZ_SECONDS:-60}" -jobs="$jobs" -workers="$jobs" || status=1
        else
            run "$name" "${FUZZ_SECONDS:-60}" || status=1
        fi
    done
    exit $status
    ;;
smoke)
    # Each harness over its committed seeds (the findings' reproducers among
    # them), then a few seconds of fuzzing from there, into a fresh corpus.
    pass=0 fail=0
    secs=${FUZZ_SMOKE_SECONDS:-4}
    for name in "$@"; do
        rm -rf "$out/smoke/$name"
        if FUZZ_CORPUS=$out/smoke run "$name" "$secs" >"$out/$name.smoke.log" 2>&1; then
            pass=$((pass + 1))
            sed -n "s/^stat::number_of_executed_units: */fuzz-$name: /p" "$out/$name.smoke.log" |
                sed "s/\$/ inputs in $secs s/"
        else
            fail=$((fail + 1))
            echo "FAIL fuzz-$name (the input is in $out/artifacts/):"
            grep -v '^#' "$out/$name.smoke.log" | tail -n 40
        fi
    done
    echo "$pass passed, $fail failed"
    [ "$fail" = 0 ]
    ;;
*)
    echo "usage: run.sh fuzz|smoke NAME..." >&2
    exit 2
    ;;
esac
