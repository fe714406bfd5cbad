#!/bin/sh
# REST bodies against Azure's swagger and the official examples:
#  1. every golden JSON body in tests/ and every body built from examples/
#     passes ../shared/tools/validate-rest;
#  2. every twin in tests/twins/ of an official create-or-update example
#     builds to a body equivalent to the example's, up to the differences
#     pinned in NAME.diff (or fails with the diagnostic pinned in NAME.err).
# Needs ../shared (CI has it); without it, says so and checks nothing.
. "$(dirname "$0")/../lib.sh"
VALIDATE=$SHARED/tools/validate-rest
if [ ! -f "$VALIDATE" ]; then
    echo "rest: skipped: $SHARED/tools/validate-rest not found (a clone without ../shared)"
    summary
    exit
fi

for j in tests/*/*.json; do
    # golden outputs only (not the inputs of a suite of JSON, IN=json)
    grep -qx 'EXT=json' "$(dirname "$j")/suite.conf" 2>/dev/null || continue
    [ -s "$j" ] || continue     # empty: a case whose output must be empty
    if python3 "$VALIDATE" "$j" >"$tmp/v" 2>&1; then ok; else ko "validate-rest $j"; cat "$tmp/v"; fi
done
for e in examples/*.bkp; do
    [ -e "$e" ] || continue
    d=$tmp/$(basename "$e" .bkp)
    if ! "$BKPC" build -o "$d/" "$e" >"$tmp/v" 2>&1; then ko "build $e"; cat "$tmp/v"; continue; fi
    for j in "$d"/*.json; do
        if python3 "$VALIDATE" "$j" >"$tmp/v" 2>&1; then ok; else ko "validate-rest $e: $(basename "$j")"; cat "$tmp/v"; fi
    done
done
for t in tests/twins/*.bkp; do
    name=${t%.bkp}
    example=$SHARED/reference/rest/examples/$(cat "$name.example")
    if [ -f "$name.err" ]; then
        (cd tests/twins && "$BKPC" check "$(basename "$t")") >/dev/null 2>"$tmp/err"
        rc=$?
        if [ $rc = 1 ] && cmp -s "$tmp/err" "$name.err"; then ok; else
            ko "twin $t: expected exit 1 and $name.err"; diff -u "$name.err" "$tmp/err"; fi
        continue
    fi
    if ! "$BKPC" build "$t" >"$tmp/body.json" 2>"$tmp/err"; then ko "build $t"; cat "$tmp/err"; continue; fi
    if python3 "$VALIDATE" "$tmp/body.json" >"$tmp/v" 2>&1; then ok; else ko "validate-rest $t"; cat "$tmp/v"; fi
    python3 tests/tools/rest-equiv.py "$example" "$tmp/body.json" >"$tmp/diff" 2>&1
    if cmp -s "$tmp/diff" "$name.diff"; then ok; else
        ko "twin $t differs from $(cat "$name.example") beyond $name.diff"; diff -u "$name.diff" "$tmp/diff"; fi
done
summary
