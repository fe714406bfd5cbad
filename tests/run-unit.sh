#!/bin/sh
# Runs the cmocka unit-test binaries given as arguments; each prints cmocka's
# own summary. Ends with "N passed, N failed" (counting test cases).
set -u
pass=0 fail=0 status=0
for t in "$@"; do
    out=$("$t" 2>&1)
    rc=$?
    printf '%s\n' "$out"
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    pass=$((pass + ${p:-0}))
    fail=$((fail + ${f:-0}))
    if [ $rc != 0 ]; then
        status=1
        [ -z "$f" ] && fail=$((fail + 1)) && echo "FAIL $t (exit $rc)"
    fi
done
echo "$pass passed, $fail failed"
exit $status
