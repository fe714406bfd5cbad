#!/bin/sh
# bkpc import, end to end:
#  1. round trips: build(import(x)) is byte for byte x for every JSON golden
#     of tests/build/; import(build(p)) then build gives the same bytes for
#     every policy of examples/, tests/build/, tests/twins/ and the hostile
#     names; importing the import's own output changes nothing;
#  2. every official example of ../shared/reference/rest/examples/ (request
#     and response bodies): build(import(x)) compared with x as Azure reads
#     it (tests/tools/rest-equiv.py); the differences, refusals and checker
#     errors are pinned in tests/import/examples.expected (see
#     tests/import/README.md); without ../shared, said and skipped;
#  3. the command: -o written whole or not at all, several files, standard
#     input, conflicts between files, inputs too large or too deep.
. "$(dirname "$0")/../lib.sh"

# run NAME STATUS [TEXT] -- CMD...: CMD exits STATUS, and its standard error
# holds TEXT (when not empty).
run() {
    name=$1 want=$2 text=$3
    shift 4
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" != "$want" ]; then
        ko "$name: exit $rc, expected $want"; head -8 "$tmp/err"
    elif [ -n "$text" ] && ! grep -qF -- "$text" "$tmp/err"; then
        ko "$name: no '$text' in its diagnostics"; head -8 "$tmp/err"
    else
        ok
    fi
}

# --- 1. round trips ------------------------------------------------------------------
for j in tests/build/*.json; do
    [ -s "$j" ] || continue
    base=$(basename "$j" .json)
    if "$BKPC" import -o "$tmp/$base.bkp" "$j" 2>"$tmp/err" && "$BKPC" build "$tmp/$base.bkp" >"$tmp/$base.json" 2>>"$tmp/err" &&
        cmp -s "$j" "$tmp/$base.json"; then ok; else
        ko "build(import($j)) differs from it"; cat "$tmp/err"; diff "$j" "$tmp/$base.json" | head -10; fi
done
mkdir -p "$tmp/rt"
for p in examples/*.bkp tests/build/*.bkp tests/twins/*.bkp tests/hostile/*.bkp; do
    d=$tmp/rt/$(basename "$(dirname "$p")")-$(basename "$p" .bkp)
    (cd "$(dirname "$p")" && "$BKPC" build -o "$d/" "$(basename "$p")") >/dev/null 2>&1 || continue
    for j in "$d"/*.json; do
        if "$BKPC" import -o "$j.bkp" "$j" 2>"$tmp/err" && "$BKPC" build "$j.bkp" >"$j.again" 2>>"$tmp/err" &&
            cmp -s "$j" "$j.again"; then ok; else
            ko "import(build($p)): $(basename "$j") differs when built again"; cat "$tmp/err"; fi
    done
done
# The import's own output, built and imported again, is the same text (less
# the vault, which REST bodies do not hold).
"$BKPC" import -o "$tmp/once.bkp" tests/import/az-list.json 2>/dev/null
"$BKPC" build -o "$tmp/once-json/" "$tmp/once.bkp" >/dev/null 2>&1
"$BKPC" import "$tmp"/once-json/*.json >"$tmp/twice.bkp" 2>/dev/null
if sed 1,2d "$tmp/once.bkp" | cmp -s - "$tmp/twice.bkp"; then ok; else ko "import(build(import(x))) is not import(x)"; fi

# --- 2. the official examples -----------------------------------------------------------
EX=$SHARED/reference/rest/examples
if [ ! -d "$EX" ]; then
    echo "import: the official examples skipped: $EX not found (a clone without ../shared)"
else
    : >"$tmp/results"
    find "$EX" -name '*.json' | LC_ALL=C sort | while read -r f; do
        rel=${f#"$EX"/}
        # The request body and the 200 response body, each as a file of its own
        # named after the example's policy.
        python3 - "$f" "$tmp/parts" <<'PY'
import json, os, shutil, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
out = sys.argv[2]
shutil.rmtree(out, ignore_errors=True)
name = d.get("parameters", {}).get("policyName", "policy")
req = d.get("parameters", {}).get("parameters")
resp = d.get("responses", {}).get("200", {}).get("body")
for part, body in (("request", req), ("response", resp)):
    if body:
        os.makedirs(os.path.join(out, part))
        json.dump(body, open(os.path.join(out, part, name + ".json"), "w"), indent=2)
PY
        for part in request response; do
            [ -d "$tmp/parts/$part" ] || continue
            body=$(ls "$tmp/parts/$part"/*.json)
            printf '== %s %s\n' "$rel" "$part"
            "$BKPC" import -o "$tmp/ex.bkp" "$body" >/dev/null 2>"$tmp/err"
            rc=$?
            case $rc in
            2) printf 'refused: %s\n' "$(grep -m1 'error\[' "$tmp/err" | sed 's/^[^ ]* //')" ;;
            1) printf 'imported, then: %s\n' "$(grep -m1 'error\[' "$tmp/err" | sed 's/^[^ ]* //')" ;;
            0)
                "$BKPC" build "$tmp/ex.bkp" >"$tmp/ex.json" 2>&1
                # Azure's response extras (REST.md §10) are not part of the policy.
                python3 -c '
import json, sys
b = json.load(open(sys.argv[1]))
p = b["properties"]
for k in ("protectedItemsCount", "resourceGuardOperationRequests"):
    p.pop(k, None)
if p.get("schedulePolicy", {}).get("scheduleWeeklyFrequency") == 0:
    del p["schedulePolicy"]["scheduleWeeklyFrequency"]
json.dump({"properties": p}, open(sys.argv[2], "w"))' "$body" "$tmp/ex-body.json"
                python3 tests/tools/rest-equiv.py "$tmp/ex-body.json" "$tmp/ex.json" ;;
            *) echo "exit $rc" ;;
            esac
        done
    done >"$tmp/results"
    if cmp -s "$tmp/results" tests/import/examples.expected; then ok; else
        ko "the official examples: import then build differs from tests/import/examples.expected"
        diff -u tests/import/examples.expected "$tmp/results"
    fi
    [ -n "${IMPORT_EXAMPLES_OUT:-}" ] && cp "$tmp/results" "$IMPORT_EXAMPLES_OUT"
fi

# --- 3. the command ---------------------------------------------------------------------
good=tests/import/rest-put-v1-daily.json rules=tests/import/rules-simple-d5.json
run help 0 "" -- "$BKPC" import --help
grep -q "usage: bkpc import" "$tmp/out" && ok || ko "import --help"
run no-file 2 "no input file" -- "$BKPC" import
run missing-file 2 "cannot read" -- "$BKPC" import "$tmp/nope.json"

# -o: whole or untouched; written (exit 1) when only the checker objects
run out-ok 0 "" -- "$BKPC" import -o "$tmp/a.bkp" "$good"
cmp -s "$tmp/a.bkp" tests/import/rest-put-v1-daily.bkp && ok || ko "out-ok: not the golden text"
cp "$tmp/a.bkp" "$tmp/a.keep"
run out-refused 2 "nothing written" -- "$BKPC" import -o "$tmp/a.bkp" tests/import/bad-types.json
cmp -s "$tmp/a.bkp" "$tmp/a.keep" && ok || ko "out-refused changed the file"
run out-refused-new 2 "" -- "$BKPC" import -o "$tmp/new.bkp" tests/import/bad-json-truncated.json
[ ! -e "$tmp/new.bkp" ] && ok || ko "out-refused-new created the file"
run out-rules 1 "$tmp/r.bkp:6:5: error[D5]" -- "$BKPC" import -o "$tmp/r.bkp" "$rules"
cmp -s "$tmp/r.bkp" tests/import/rules-simple-d5.bkp && ok || ko "out-rules: not written as it is"
[ -z "$(ls "$tmp" | grep -F '.bkp.')" ] && ok || ko "temporary files left"

# several files into one; one bad file: nothing written; the same policy twice
run many 0 "" -- "$BKPC" import -o "$tmp/many.bkp" tests/import/rest-list.json tests/import/ps-v2-daily.json
[ "$(grep -c '^policy ' "$tmp/many.bkp")" = 3 ] && ok || ko "many: not 3 policies"
run many-one-bad 2 "bad-types.json:" -- "$BKPC" import -o "$tmp/many2.bkp" "$good" tests/import/bad-types.json
[ ! -e "$tmp/many2.bkp" ] && ok || ko "many-one-bad wrote"
run twice 2 "a second policy named \`prod-vms\` (the first is in tests/import/rest-get-v2-hourly.json)" -- \
    "$BKPC" import tests/import/rest-get-v2-hourly.json tests/import/rest-get-v2-hourly.json
sed 's|/vaults/rsv-prod/|/vaults/rsv-dr/|' tests/import/rest-get-v2-hourly.json >"$tmp/other-vault.json"
run two-vaults 2 "is in vault \`rsv-dr\` (resource group \`rg-backup\`), but a policy read before it (from tests/import/rest-list.json)" -- \
    "$BKPC" import tests/import/rest-list.json tests/import/arm-bicep-nested.json "$tmp/other-vault.json"

# standard input: named <stdin>, its policy `stdin`
"$BKPC" import - <"$good" >"$tmp/out" 2>"$tmp/err" && grep -q '^policy stdin {' "$tmp/out" && ok || ko "stdin"

# too large, too deep, too many values, huge lists: a diagnostic, exit 2
python3 - "$tmp" <<'PY'
import json, sys
t = sys.argv[1]
open(t + "/many-values.json", "w").write("[" + ",".join(["0"] * 1000001) + "]")
open(t + "/deep.json", "w").write("[" * 100000 + "]" * 100000)
body = json.load(open("tests/import/rest-put-v1-daily.json"))
body["properties"]["retentionPolicy"]["weeklySchedule"]["daysOfTheWeek"] = ["Sunday"] * 200000
json.dump(body, open(t + "/huge-days.json", "w"))
many = json.load(open("tests/import/az-list.json"))
pols = []
for i in range(300):
    p = json.loads(json.dumps(many[i % 3]))
    p["name"] = "pol-%03d" % i
    p["id"] = p["id"].rsplit("/", 1)[0] + "/" + p["name"]
    pols.append(p)
json.dump(pols, open(t + "/big-list.json", "w"))
bad = [{"name": "p%d" % i, "properties": {"backupManagementType": "AzureWorkload"}} for i in range(5000)]
json.dump(bad, open(t + "/many-bad.json", "w"))
PY
run many-values 2 "more than 1000000 JSON values" -- "$BKPC" import "$tmp/many-values.json"
run deep 2 "error[json]" -- "$BKPC" import "$tmp/deep.json"
run huge-days 2 "daysOfTheWeek: a list of 200000: there are 7 weekdays" -- "$BKPC" import "$tmp/huge-days.json"
run big-list 0 "" -- "$BKPC" import "$tmp/big-list.json"
[ "$(grep -c '^policy ' "$tmp/out")" = 300 ] && ok || ko "big-list: not 300 policies"
run many-bad 2 "too many errors; stopping here" -- "$BKPC" import "$tmp/many-bad.json"
[ "$(grep -c 'error\[' "$tmp/err")" -le 52 ] && ok || ko "many-bad: more than 52 diagnostics"
head -c 70000000 /dev/zero | tr '\0' ' ' >"$tmp/too-large.json"
run too-large 2 "file too large" -- "$BKPC" import "$tmp/too-large.json"
printf '\377\376{\000' >"$tmp/bad-utf16.json"
run bad-utf16 2 "error[json]" -- "$BKPC" import "$tmp/bad-utf16.json"
head -c 4096 /dev/urandom >"$tmp/noise.json"
run noise 2 "error[json]" -- "$BKPC" import "$tmp/noise.json"
summary
