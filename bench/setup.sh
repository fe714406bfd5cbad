# bench/setup.sh — sourced by the benchmarks' run.sh scripts (bench/simulate,
# bench/fleet): `bench_setup NAME BKPC` checks that BKPC and python3 are
# there, sets $out (BENCH_OUT, or a temporary directory removed at the end)
# and builds bench/measure.c into it as $out/measure.
bench_setup() {
    if [ -n "${BENCH_OUT:-}" ]; then
        out=$BENCH_OUT
    else
        out=$(mktemp -d) || exit 2
        trap 'rm -rf "$out"' EXIT INT TERM
    fi
    if [ ! -x "$2" ]; then
        echo "bench/$1: $2 is missing: run make first" >&2
        exit 2
    fi
    command -v python3 >/dev/null || { echo "bench/$1: python3 is needed" >&2; exit 2; }
    mkdir -p "$out"
    # bench/measure.c measures each run: a child forked from python would
    # inherit python's resident pages into its peak RSS; one forked from this
    # small launcher inherits about a megabyte.
    ${CC:-cc} -std=c11 -O2 -Wall -Wextra -o "$out/measure" "$(dirname "$0")/../measure.c"
}
