#!/bin/sh
# bench/run.sh — the compiler benchmark (issue 2). `make bench` runs it.
#
#   bench/run.sh [BKPC [bench.py options...]]      BKPC defaults to build/bkpc
#
# Builds the bare-tokenizer driver (bench/tokenize.c) against the libbkpc.a
# beside BKPC and the launcher that measures runs (bench/measure.c), makes
# sure jq is there (installing it with apt-get when it can, skipping that
# baseline when it cannot), then runs bench/bench.py, which generates the
# corpus and prints the results table. Everything it writes goes
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

# The floor: the project's own scanner, linked exactly as bkpc links it.
# shellcheck disable=SC2046
$CC -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -g -Wall -Wextra \
    -I"$root/include" -I"$root/src" -I"$build/gen" $(pkg-config --cflags jansson icu-i18n icu-uc) \
    -o "$out/tokenize" "$here/tokenize.c" "$build/libbkpc.a" \
    $(pkg-config --libs jansson icu-i18n icu-uc) -lm

# The launcher that times runs and reads their peak RSS.
$CC -std=c11 -O2 -Wall -Wextra -o "$out/measure" "$here/measure.c"
# What writing one file per body costs on this disk, without compiling.
$CC -std=c11 -O2 -Wall -Wextra -o "$out/fsfloor" "$here/fsfloor.c"

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

exec python3 "$here/bench.py" --bkpc "$bkpc" --tokenize "$out/tokenize" --measure "$out/measure" --fsfloor "$out/fsfloor" --jq "$jq" --out "$out" "$@"
