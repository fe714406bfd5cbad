#!/bin/sh
# Golden tests: every tests/SUITE/ with a suite.conf.
#
#   tests/run-golden.sh [-g] [SUITE...]      (-g regenerates the expected files)
#
# suite.conf sets ARGS (the bkpc arguments before the file), EXT (the
# extension of the expected standard output; empty = stdout must be empty)
# and IN (the extension of the inputs; default bkp).
# For every SUITE/NAME.$IN the runner does, inside SUITE/,
#     $BKPC $ARGS [ARGS from a '# args: ...' line of NAME.$IN] NAME.$IN
# and compares standard output with NAME.$EXT, standard error with NAME.err
# (absent: must be empty) and the exit status with NAME.exit (absent: 1 if
# NAME.err holds an "error[", else 0). Ends with "N passed, N failed".
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
gen=0
if [ "${1:-}" = "-g" ]; then gen=1; shift; fi
if [ $# -gt 0 ]; then suites=$*; else
    suites=$(for c in "$here"/*/suite.conf; do basename "$(dirname "$c")"; done)
fi
for suite in $suites; do
    dir=$here/$suite
    [ -f "$dir/suite.conf" ] || { ko "no suite $suite"; continue; }
    ARGS= EXT= IN=bkp
    . "$dir/suite.conf"
    for f in "$dir"/*."$IN"; do
        [ -e "$f" ] || continue
        name=$(basename "$f" ."$IN")
        extra=$(sed -n 's/^# args: //p' "$f" | head -n 1)
        # shellcheck disable=SC2086
        (cd "$dir" && "$BKPC" $ARGS $extra "$name.$IN" >"$tmp/out" 2>"$tmp/err")
        rc=$?
        if [ $gen = 1 ]; then
            [ -n "$EXT" ] && cp "$tmp/out" "$dir/$name.$EXT"
            if [ -s "$tmp/err" ]; then cp "$tmp/err" "$dir/$name.err"; else rm -f "$dir/$name.err"; fi
            want=0; grep -q 'error\[' "$tmp/err" && want=1
            if [ $rc != $want ]; then echo $rc >"$dir/$name.exit"; else rm -f "$dir/$name.exit"; fi
        fi
        good=1 why=
        if [ -n "$EXT" ]; then
            if [ -f "$dir/$name.$EXT" ]; then
                cmp -s "$tmp/out" "$dir/$name.$EXT" || { good=0; why="stdout differs"; diff -u "$dir/$name.$EXT" "$tmp/out" | head -40; }
            else good=0; why="no $name.$EXT"; fi
        elif [ -s "$tmp/out" ]; then good=0; why="unexpected stdout"; fi
        if [ -f "$dir/$name.err" ]; then
            cmp -s "$tmp/err" "$dir/$name.err" || { good=0; why="$why stderr differs"; diff -u "$dir/$name.err" "$tmp/err" | head -40; }
        elif [ -s "$tmp/err" ]; then good=0; why="$why unexpected stderr:"; head -20 "$tmp/err"; fi
        want=0
        if [ -f "$dir/$name.exit" ]; then want=$(cat "$dir/$name.exit");
        elif [ -f "$dir/$name.err" ] && grep -q 'error\[' "$dir/$name.err"; then want=1; fi
        [ "$rc" = "$want" ] || { good=0; why="$why exit $rc, expected $want"; }
        if [ $good = 1 ]; then ok; else ko "$suite/$name:$why"; fi
    done
done
summary
