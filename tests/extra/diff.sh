#!/bin/sh
# bkpc diff beyond its golden suite (tests/diff/):
#  1. drift: every JSON of tests/import/ that imports cleanly, compared with
#     the .bkp it imports to, is the same (exit 0, no output), in both
#     directions; so is every example against its policies built to JSON
#     and imported back;
#  2. a drift that is there is found: a deployed body against a file that
#     changed it (exit 1), and --fail-on-loss tells a loss from a gain;
#  3. the hand-computed figures of tests/diff/ read back from --format json;
#  4. usage and input errors: exit 2.
. "$(dirname "$0")/../lib.sh"

# expect NAME STATUS CMD...: exactly that status; the output stays in $tmp/out.
expect() {
    name=$1 want=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" = "$want" ]; then ok; else ko "$name: exit $rc, expected $want"; head -8 "$tmp/err" "$tmp/out"; fi
}

# --- 1. no drift ------------------------------------------------------------------------
for j in tests/import/*.json; do
    b=${j%.json}.bkp
    [ -s "$b" ] || continue
    "$BKPC" check "$b" >/dev/null 2>&1 || continue      # imported with rule errors: nothing to compare
    expect "drift $j" 0 "$BKPC" diff "$j" "$b"
    [ -s "$tmp/out" ] && ko "drift $j: output" || ok
    expect "drift $b" 0 "$BKPC" diff "$b" "$j"
done
for e in examples/*.bkp; do
    d=$tmp/ex-$(basename "$e" .bkp)
    "$BKPC" build -o "$d/" "$e" >/dev/null 2>&1 || continue
    # the bodies, named after their files, imported into one file
    "$BKPC" import -o "$d/all.bkp" "$d"/*.json 2>/dev/null || { ko "import of $e's bodies"; continue; }
    expect "drift $e" 0 "$BKPC" diff "$d/all.bkp" "$e"
    expect "drift $e, reversed" 0 "$BKPC" diff "$e" "$d/all.bkp"
done

# --- 2. drift found -------------------------------------------------------------------------
deployed=tests/import/rest-get-v2-hourly.json
sed 's/keep daily 180d/keep daily 30d/' tests/import/rest-get-v2-hourly.bkp >"$tmp/shorter.bkp"
sed 's/keep daily 180d/keep daily 365d/' tests/import/rest-get-v2-hourly.bkp >"$tmp/longer.bkp"
expect drift-shorter 1 "$BKPC" diff --at 2026-06-15 "$deployed" "$tmp/shorter.bkp"
grep -q "daily retention: 180 days → 30 days" "$tmp/out" && ok || ko "drift-shorter: no field line"
expect loss 1 "$BKPC" diff --at 2026-06-15 --fail-on-loss "$deployed" "$tmp/shorter.bkp"
expect gain 0 "$BKPC" diff --at 2026-06-15 --fail-on-loss "$deployed" "$tmp/longer.bkp"
expect gain-differs 1 "$BKPC" diff --at 2026-06-15 "$deployed" "$tmp/longer.bkp"
expect same-fail-on-loss 0 "$BKPC" diff --fail-on-loss "$deployed" "$deployed"

# --- 3. the figures, from the JSON --------------------------------------------------------------
deleted() {   # deleted OLD NEW KIND: how many points of KIND the change deletes at once
    "$BKPC" diff --at 2026-06-15T12:00 --format json "tests/diff/$1" "tests/diff/$2" 2>/dev/null |
        python3 -c 'import json, sys
d = json.load(sys.stdin)["policies"][0]["effect"]["deleted_by_kind"]
print(d.get(sys.argv[1], {}).get("count", 0))' "$3"
}
later() {     # later OLD NEW: how many points go when their snapshots expire
    "$BKPC" diff --at 2026-06-15T12:00 --format json "tests/diff/$1" "tests/diff/$2" 2>/dev/null |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["policies"][0]["effect"]["deleted_with_snapshot"])' 
}
figure() {    # figure OLD NEW KIND WANT
    got=$(deleted "$1" "$2" "$3")
    [ "$got" = "$4" ] && ok || ko "$2: $got $3 points deleted, hand-computed $4"
}
figure old/daily-180.bkp daily-180-to-30.bkp daily 150
figure old/gfs-180.bkp gfs-180-to-30.bkp daily 140
figure old/daily-with-weekly.bkp daily-to-weekly.bkp daily 19     # + 6 with their snapshots: 25
[ "$(later old/daily-with-weekly.bkp daily-to-weekly.bkp)" = 6 ] && ok || ko "daily-to-weekly: not 6 with their snapshots"
figure old/hourly-10.bkp snapshots-10-to-5.bkp snapshot 25
figure old/daily-30.bkp daily-30-to-180.bkp daily 0

# --- 4. errors --------------------------------------------------------------------------------
expect one-file 2 "$BKPC" diff tests/diff/old/daily-30.bkp
expect three-files 2 "$BKPC" diff tests/diff/old/daily-30.bkp tests/diff/old/daily-30.bkp tests/diff/old/daily-30.bkp
expect bad-format 2 "$BKPC" diff --format yaml tests/diff/old/daily-30.bkp tests/diff/old/daily-30.bkp
expect bad-at 2 "$BKPC" diff --at yesterday tests/diff/old/daily-30.bkp tests/diff/daily-30-to-180.bkp
expect missing 2 "$BKPC" diff "$tmp/nope.bkp" tests/diff/old/daily-30.bkp
expect bad-json-side 2 "$BKPC" diff tests/import/bad-types.json tests/diff/old/daily-30.bkp
grep -q "bad-types.json" "$tmp/err" && ok || ko "bad-json-side: no diagnostic"
expect rules-json-side 2 "$BKPC" diff tests/import/rules-simple-d5.json tests/diff/old/daily-30.bkp
grep -q "rules-simple-d5.json (as .bkp):6:5: error\[D5\]" "$tmp/err" && ok || ko "rules-json-side: no diagnostic in the imported text"
expect help 0 "$BKPC" diff --help
grep -q "usage: bkpc diff" "$tmp/out" && ok || ko "diff --help"
summary
