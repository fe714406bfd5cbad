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
# vault-archive (the hand counts are in the comments of tests/diff/archive-*.bkp)
archive() {   # archive OLD NEW KEY.PATH WANT: a value of effect.archive
    got=$("$BKPC" diff --at 2026-06-15T12:00 --format json "tests/diff/$1" "tests/diff/$2" 2>/dev/null |
        python3 -c 'import json, sys
v = json.load(sys.stdin)["policies"][0]["effect"]["archive"]
for k in sys.argv[1].split("."):
    v = v.get(k, {}) if isinstance(v, dict) else {}
print(v if v != {} else 0)' "$3")
    [ "$got" = "$4" ] && ok || ko "$2: archive.$3 is $got, hand-computed $4"
}
archive old/monthly-archive-3m.bkp archive-3m-to-6m.bkp in_archive 57
archive old/monthly-archive-3m.bkp archive-3m-to-6m.bkp moves.later.count 3
archive old/monthly-archive-3m.bkp archive-3m-to-6m.bkp moves.later.now.first.utc 2026-10-05T02:00:00Z
archive old/monthly-archive-3m.bkp archive-3m-to-6m.bkp moves.later.was.last.utc 2026-09-07T02:00:00Z
archive old/monthly-archive-3m.bkp archive-early-deletion.bkp in_archive_deleted 54
archive old/monthly-archive-3m.bkp archive-early-deletion.bkp early_deletion_at_once.count 3
archive old/monthly-archive-3m.bkp archive-early-deletion.bkp early_deletion_later.count 3
archive old/monthly-archive-3m.bkp archive-early-deletion.bkp moves.no_longer.count 3
archive old/monthly-no-archive.bkp archive-newly.bkp moves.at_once.count 51
archive old/monthly-no-archive.bkp archive-newly.bkp moves.newly.count 3
archive old/monthly-no-archive.bkp archive-newly.bkp in_archive 0

# --- vaults and protects ----------------------------------------------------------------------
# a VM no longer protected is a loss; one newly protected is not
sed '/old-01/d' tests/diff/old/deploy.bkp >"$tmp/unprotect.bkp"
expect unprotected 1 "$BKPC" diff --at 2026-06-15 --fail-on-loss tests/diff/old/deploy.bkp "$tmp/unprotect.bkp"
grep -q "protect vm old-01 (resource group rg-old): removed: no longer protected" "$tmp/out" && ok || ko "unprotected: no line"
{ cat tests/diff/old/deploy.bkp; echo "protect vm new-01 resource-group rg-new with db-tier"; } >"$tmp/protect.bkp"
expect newly-protected 0 "$BKPC" diff --at 2026-06-15 --fail-on-loss tests/diff/old/deploy.bkp "$tmp/protect.bkp"
expect newly-protected-differs 1 "$BKPC" diff --at 2026-06-15 tests/diff/old/deploy.bkp "$tmp/protect.bkp"
# moved to an enhanced policy from a standard one is allowed; back is refused, a loss
sed 's/app-01 resource-group rg-app with std-tier/app-01 resource-group rg-app with web-tier/' \
    tests/diff/old/deploy.bkp >"$tmp/upgrade.bkp"
expect upgrade 0 "$BKPC" diff --at 2026-06-15 --fail-on-loss tests/diff/old/deploy.bkp "$tmp/upgrade.bkp"
expect downgrade 1 "$BKPC" diff --at 2026-06-15 --fail-on-loss "$tmp/upgrade.bkp" tests/diff/old/deploy.bkp
# a JSON side says nothing of protects: a deployed body against a file that protects VMs is no drift
{ cat tests/import/rest-get-v2-hourly.bkp; echo "protect vm vm-01 resource-group rg-vm with $(sed -n 's/^policy \([^ ]*\).*/\1/p' tests/import/rest-get-v2-hourly.bkp | head -1)"; } >"$tmp/protects.bkp"
if "$BKPC" check "$tmp/protects.bkp" >/dev/null 2>&1; then
    expect json-side-protects 0 "$BKPC" diff tests/import/rest-get-v2-hourly.json "$tmp/protects.bkp"
    "$BKPC" diff --format json tests/import/rest-get-v2-hourly.json "$tmp/protects.bkp" |
        python3 -c 'import json, sys; sys.exit(json.load(sys.stdin)["compared"]["protects"])' && ok || ko "json side: protects compared"
else
    ko "protects.bkp does not check"; "$BKPC" check "$tmp/protects.bkp"
fi

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
