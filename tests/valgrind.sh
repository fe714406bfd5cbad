#!/bin/sh
# The command-line suites with every bkpc run under valgrind's memcheck
# (`make valgrind-check`): the golden suites, then each runner named, from
# tests/extra/. bkpc runs through a wrapper that logs what memcheck finds to
# a file of its own per process (so standard error, which the goldens
# compare, stays bkpc's) and exits 86 on an error or a leak, a status no
# test expects. Each suite ends with its "N passed, N failed"; then one
# check that no log holds anything; the last line totals them.
#   tests/valgrind.sh RUNNER...       env: BKPC, SHARED, BUILD
set -u
here=$(cd "$(dirname "$0")" && pwd)
BKPC=${BKPC:-build/bkpc}
case $BKPC in /*) ;; *) BKPC=$(pwd)/$BKPC ;; esac
if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind-check: skipped: valgrind is not installed (scripts/install-deps.sh --all)"
    echo "0 passed, 0 failed"
    exit 0
fi
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT INT TERM
mkdir "$dir/logs"
cat >"$dir/bkpc" <<EOF
#!/bin/sh
exec valgrind -q --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect,possible \\
    --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=86 \\
    --log-file="$dir/logs/%p.log" "$BKPC" "\$@"
EOF
chmod +x "$dir/bkpc"

total_p=0 total_f=0
run() {     # run CMD...: show its output, add its last line to the totals
    "$@" >"$dir/out" 2>&1
    rc=$?
    cat "$dir/out"
    line=$(tail -n 1 "$dir/out")
    p=$(printf '%s\n' "$line" | sed -n 's/^\([0-9][0-9]*\) passed, [0-9][0-9]* failed$/\1/p')
    f=$(printf '%s\n' "$line" | sed -n 's/^[0-9][0-9]* passed, \([0-9][0-9]*\) failed$/\1/p')
    [ -n "$p" ] && [ -n "$f" ] || { p=0 f=1; echo "FAIL the last line is not \"N passed, N failed\""; }
    [ $rc = 0 ] || [ "$f" != 0 ] || { f=1; echo "FAIL exit $rc with no failure counted"; }
    total_p=$((total_p + p)) total_f=$((total_f + f))
}
echo "== golden tests (memcheck)"
BKPC=$dir/bkpc run "$here/run-golden.sh"
for r in "$@"; do
    echo "== $r (memcheck)"
    BKPC=$dir/bkpc run sh "$here/extra/$r.sh"
done
echo "== memcheck's logs"
runs=$(find "$dir/logs" -name '*.log' | wc -l)
bad=$(find "$dir/logs" -name '*.log' -size +0 | wc -l)
if [ "$runs" -gt 0 ] && [ "$bad" = 0 ]; then
    echo "$runs runs of bkpc under memcheck: no error, no leak"
    total_p=$((total_p + 1))
else
    echo "FAIL $bad of $runs runs of bkpc had memcheck errors or leaks:"
    find "$dir/logs" -name '*.log' -size +0 | head -5 | xargs -r head -40
    total_f=$((total_f + 1))
fi
echo "$total_p passed, $total_f failed"
[ "$total_f" = 0 ]
