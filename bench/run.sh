#!/bin/sh
# bench/run.sh — the compiler benchmark (issues 2 and 12). `make bench` runs it.
#
#   bench/run.sh [BKPC [bench.py options...]]      BKPC defaults to build/bkpc
#
# Builds the floor (bench/floor.l: a bare flex scanner of the language, flex
# %option fast, cc -O2), bkpc's own scanner alone (bench/tokenize.c, against
# the libbkpc.a beside BKPC) and the launcher that measures runs
# (bench/measure.c), makes sure jq is there (installing it with apt-get when
# it can, skipping that floor when it cannot), then runs bench/bench.py,
# which generates the corpora and prints the results table. Everything it writes goes
# to bench/out/ (git-ignored; BENCH_OUT overrides). Not part of `make check`.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
bkpc=${1:-$root/build/bkpc}
[ $# -gt 0 ] && shift
build=$(dirname "$bkpc")
out=${BENCH_OUT:-$here/out}
CC=${CC:-cc}

if [ ! -x "$bkpc" ] || [ ! -f "$build/libbkpc.a" ] || [ ! -f "$build/gen/parser.h" ]; then
    echo "bench: $bkpc, $build/libbkpc.a or $build/gen/parser.h is missing: run make first" >&2
    exit 2
fi
mkdir -p "$out"

# The floor: a bare flex scanner of the language (see bench/floor.l).
flex -o "$out/floor.c" "$here/floor.l"
$CC -O2 -o "$out/floor" "$out/floor.c"

# bkpc's own scanner alone, linked exactly as bkpc links it.
# shellcheck disable=SC2046
$CC -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -g -Wall -Wextra \
    -I"$root/include" -I"$root/src" -I"$build/gen" $(pkg-config --cflags jansson icu-i18n icu-uc) \
    -o "$out/tokenize" "$here/tokenize.c" "$build/libbkpc.a" \
    $(pkg-config --libs jansson icu-i18n icu-uc) -lm

# The launcher that times runs and reads their peak RSS.
$CC -std=c11 -O2 -Wall -Wextra -o "$out/measure" "$here/measure.c"

# The JSON baseline needs jq.
if ! command -v jq >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
    if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; }; then
        echo "bench: installing jq" >&2
        { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
            $SUDO apt-get install -y -qq --no-install-recommends jq; } >&2 || true
    fi
fi
jq=$(command -v jq 2>/dev/null || true)
[ -n "$jq" ] || echo "bench: jq is not installed and cannot be installed here: the jq baseline is skipped" >&2

exec python3 "$here/bench.py" --bkpc "$bkpc" --floor "$out/floor" --tokenize "$out/tokenize" --measure "$out/measure" --jq "$jq" --out "$out" "$@"
