#!/bin/sh
# Every test: cmocka units (the binaries given as arguments), the golden
# suites, and each tests/extra/*.sh (validators, script checkers). Each part
# ends with its own "N passed, N failed"; the last line totals them.
#   env: BKPC (the binary), SHARED (../shared; optional), BUILD
set -u
here=$(cd "$(dirname "$0")" && pwd)
export BKPC=${BKPC:-build/bkpc} SHARED=${SHARED:-../shared} BUILD=${BUILD:-build}
tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp"' EXIT INT TERM
total_p=0 total_f=0 status=0
count() {   # adds the last line of $tmp, "N passed, N failed", to the totals
    line=$(tail -n 1 "$tmp")
    p=$(printf '%s\n' "$line" | sed -n 's/^\([0-9][0-9]*\) passed, [0-9][0-9]* failed$/\1/p')
    f=$(printf '%s\n' "$line" | sed -n 's/^[0-9][0-9]* passed, \([0-9][0-9]*\) failed$/\1/p')
    if [ -z "$p" ] || [ -z "$f" ]; then
        echo "FAIL the last line is not \"N passed, N failed\": counted as 1 failure"
        p=0 f=1
    fi
    total_p=$((total_p + p))
    total_f=$((total_f + f))
}
run() {     # run CMD...: show its output, count it, remember a failure
    "$@" >"$tmp" 2>&1
    rc=$?
    cat "$tmp"
    count
    if [ $rc != 0 ]; then   # a failure even if it did not count one
        status=1
        [ "$f" != 0 ] || { echo "FAIL exit $rc with no failure counted"; total_f=$((total_f + 1)); }
    fi
}
echo "== unit tests"
run "$here/run-unit.sh" "$@"
echo "== golden tests"
run "$here/run-golden.sh"
for x in "$here"/extra/*.sh; do
    [ -e "$x" ] || continue
    echo "== $(basename "$x" .sh)"
    run sh "$x"
done
[ "$total_f" = 0 ] || status=1     # a runner that counted failures but exited 0
echo "$total_p passed, $total_f failed"
exit $status
