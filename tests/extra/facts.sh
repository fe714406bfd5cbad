#!/bin/sh
# The text and the JSON of explain, next, simulate and diff carry the same
# facts: for every policy of examples/, tests/hostile/ and the interpreter's
# golden suites, at instants in winter and summer, and every change of
# tests/diff/, tests/tools/text-facts.py finds every fact of the text in the
# JSON, and fails on a statement of the text it does not know. Then, on a
# few documents of each command, it must catch alterations of the JSON that
# the text would show (--self-test).
. "$(dirname "$0")/../lib.sh"
facts=$tools/text-facts.py
n=0

# case NAME CMD ARGS...: the text and the JSON of one command, into the list.
case_() {
    _name=$1 _cmd=$2
    shift 2
    n=$((n + 1))
    if "$BKPC" "$_cmd" "$@" >"$tmp/$n.text" 2>"$tmp/err" &&
        "$BKPC" "$_cmd" --format json "$@" >"$tmp/$n.json" 2>>"$tmp/err"; then
        printf '%s\t%s\t%s\t%s\n' "$_name: $_cmd $*" "$_cmd" "$tmp/$n.text" "$tmp/$n.json" >>"$list"
    else
        ko "$_name: $_cmd $*"
        head -5 "$tmp/err"
    fi
}

# diff_case NAME: the text and the JSON of the change tests/diff/NAME.bkp
# (its `# args:` line, without --format), run in tests/diff/.
diff_case() {
    _args=$(sed -n 's/^# args: //p' "tests/diff/$1.bkp" | head -n 1 | sed 's/--format json//')
    n=$((n + 1))
    # shellcheck disable=SC2086
    (cd tests/diff && "$BKPC" diff $_args "$1.bkp" >"$tmp/$n.text" 2>"$tmp/err"
     [ $? -le 1 ] && "$BKPC" diff --format json $_args "$1.bkp" >"$tmp/$n.json" 2>>"$tmp/err"
     [ $? -le 1 ]) || return 1
    printf '%s\t%s\t%s\t%s\n' "tests/diff/$1.bkp" diff "$tmp/$n.text" "$tmp/$n.json" >>"$list"
}

# check [--self-test] LIST: counts text-facts.py's PASS and FAIL lines.
check() {
    python3 "$facts" "$@" >"$tmp/out" 2>&1
    while IFS= read -r line; do
        case $line in
        "PASS "*) ok ;;
        "FAIL "*) ko "${line#FAIL }" ;;
        *) echo "$line" ;;
        esac
    done <"$tmp/out"
}

list=$tmp/cases
: >"$list"
: >"$tmp/seen"
for f in examples/*.bkp tests/hostile/*.bkp tests/explain/*.bkp tests/next/*.bkp tests/simulate/*.bkp; do
    [ -e "$f" ] || continue
    "$BKPC" check "$f" >/dev/null 2>&1 || continue      # the suites' error cases
    sum=$(sed '/^#/d' "$f" | cksum)                      # the suites copy the examples
    grep -qxF "$sum" "$tmp/seen" && continue
    echo "$sum" >>"$tmp/seen"
    # Each policy of the file (a file of several needs --policy).
    pols=$("$BKPC" explain "$f" 2>&1 >/dev/null | sed -n 's/.*policies (\(.*\)); choose.*/\1/p' | tr -d ',')
    for p in ${pols:--}; do
        set -- "$f"
        [ "$p" = - ] || set -- --policy "$p" "$f"
        case_ "$f" explain --at 2026-01-15 "$@"
        case_ "$f" explain --at 2026-07-04T12:00 "$@"
        case_ "$f" next --from 2026-03-26T12:00 -n 40 "$@"
        case_ "$f" simulate --at 2026-10-25T00:30Z "$@"
        case_ "$f" simulate --at 2026-11-02T03:00 --since 2026-03-01 "$@"
    done
done
for f in tests/diff/*.bkp; do
    [ -f "${f%.bkp}.err" ] && continue                 # the suite's error cases
    diff_case "$(basename "$f" .bkp)" || { ko "diff $f"; head -5 "$tmp/err"; }
done
check "$list"

# The check can fail: alterations of the JSON are caught.
: >"$list"
case_ self-test explain --at 2026-07-04 tests/explain/json.bkp
case_ self-test explain --at 2026-01-15 examples/weekly.bkp
case_ self-test explain --at 2026-06-15 tests/explain/archive-weekly-hold.bkp
case_ self-test explain --at 2026-06-15 tests/explain/utc-two-days-on.bkp
case_ self-test explain --at 2026-06-15 tests/explain/defaults.bkp
case_ self-test explain --at 2026-06-15 tests/explain/templates.bkp
case_ self-test next --from 2026-03-27T00:00 -n 12 tests/next/dst-europe-gap.bkp
case_ self-test next --from 2026-03-27T00:00 -n 12 examples/prod-vms.bkp
case_ self-test simulate --at 2026-04-01T12:00 examples/gfs-archive.bkp
for c in fields archive-early-deletion archive-newly daily-to-weekly deploy; do diff_case "$c" || ko "diff $c"; done
check --self-test "$list"
summary
