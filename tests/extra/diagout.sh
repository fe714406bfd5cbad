#!/bin/sh
# Diagnostics for machines and CI, beyond the golden JSON lines of tests/json/:
#  1. SARIF: every log bkpc writes (each test input, all of them in one log,
#     examples, a build, an unreadable file) is valid against the official
#     SARIF 2.1.0 JSON schema that Microsoft's SARIF SDK ships in its npm
#     package (@microsoft/sarif-multitool; validated with ajv, installed into
#     tests/tools/node_modules with npm ci), and the SDK's own validator
#     (Sarif.Multitool validate, with its SARIF and GitHub-ingestion rules)
#     finds no error or warning in it; the schema check does reject a broken
#     log; the log says what the tests expect (columns, rules, fixes, ...);
#  2. --format for check and build: where each stream goes, exit statuses;
#  3. --color: SGR sequences exactly when asked for or when standard error is
#     a terminal, NO_COLOR honoured, and the text between them unchanged;
#  4. --werror;
#  5. "did you mean" for commands, options, choices and policy names.
# Runs from the repository root; ends with "N passed, N failed".
. "$(dirname "$0")/../lib.sh"

empty() { # empty NAME FILE
    if [ -s "$2" ]; then ko "$1: $(basename "$2") is not empty"; head -5 "$2"; else ok; fi
}

bad=$tmp/bad.bkp warn=$tmp/warn.bkp good=$tmp/good.bkp two=$tmp/two.bkp
printf 'policy bad-vms { daily at 02:15 }\n' >"$bad"
printf 'policy warn-vms { every 4h from 20:00 for 4h }\n' >"$warn"
printf 'policy good-vms { daily at 02:00 }\n' >"$good"
printf 'policy db-tier { daily at 01:00 }\npolicy web-tier { daily at 02:00 }\n' >"$two"

# ---- 1. SARIF ---------------------------------------------------------------
mkdir -p "$tmp/sarif"
for f in tests/check/*.bkp tests/json/*.bkp tests/hostile/*.bkp examples/*.bkp; do
    n=$(basename "$(dirname "$f")")-$(basename "$f" .bkp)
    (cd "$(dirname "$f")" && "$BKPC" check --format sarif "$(basename "$f")") >"$tmp/sarif/$n.sarif" 2>/dev/null
done
(cd tests/check && "$BKPC" check --format sarif ./*.bkp) >"$tmp/sarif/all.sarif" 2>/dev/null
(cd tests/json && "$BKPC" check --format sarif ./*.bkp) >"$tmp/sarif/json-all.sarif" 2>/dev/null
# one log of everything, and of a file that cannot be read, for the SDK's validator
"$BKPC" check --format sarif tests/check/*.bkp tests/json/*.bkp "$tmp/nope.bkp" >"$tmp/sarif/combined.sarif" 2>/dev/null
t sarif-io 2 "$BKPC" check --format sarif "$bad" "$tmp/nope.bkp"
cp "$tmp/out" "$tmp/sarif/io.sarif"
has sarif-io "$tmp/err" "cannot read"
t sarif-build 1 "$BKPC" build --format sarif -o "$tmp/b.json" "$bad"
cp "$tmp/out" "$tmp/sarif/build.sarif"
if [ ! -e "$tmp/b.json" ]; then ok; else ko "sarif-build wrote its output"; fi

have_tools=0
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    ko "node and npm are needed for the SARIF schema (scripts/install-deps.sh --all)"
elif npm_tools ajv ajv-formats @microsoft/sarif-multitool; then
    have_tools=1
else
    ko "npm ci in tests/tools (ajv, ajv-formats, @microsoft/sarif-multitool)"
    tail -20 "$tmp/npm"
fi
if [ $have_tools = 1 ]; then
    node "$tools/sarif-validate.mjs" "$tmp"/sarif/*.sarif >"$tmp/valid" 2>&1
    while IFS= read -r line; do
        case $line in ok\ *) ok ;; *) ko "SARIF schema: $line" ;; esac
    done <"$tmp/valid"
    [ "$(grep -c '^ok ' "$tmp/valid")" = "$(ls "$tmp"/sarif/*.sarif | wc -l)" ] && ok || ko "SARIF schema: not every log was checked"
    # the schema check can fail: a log without tool.driver, a region with column 0
    python3 -c '
import json, sys
log = json.load(open(sys.argv[1]))
del log["runs"][0]["tool"]["driver"]
json.dump(log, open(sys.argv[2], "w"))
log = json.load(open(sys.argv[1]))
log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
json.dump(log, open(sys.argv[3], "w"))' "$tmp/sarif/all.sarif" "$tmp/broken1.json" "$tmp/broken2.json"
    for b in broken1 broken2; do
        if node "$tools/sarif-validate.mjs" "$tmp/$b.json" >/dev/null 2>&1; then ko "SARIF schema accepts $b"; else ok; fi
    done
    # the SDK's validator: no error or warning (notes are style advice); it
    # takes seconds a log, so it reads the one that holds everything
    multitool=$(dirname "$(cd "$tools" && node -p 'require.resolve("@microsoft/sarif-multitool-" + process.platform + "/package.json")')")/Sarif.Multitool
    for s in combined; do
        rm -f "$tmp/v-$s.sarif"
        if "$multitool" validate "$tmp/sarif/$s.sarif" -o "$tmp/v-$s.sarif" --rule-kind "Sarif;Ghas" \
            --level "Error;Warning" >"$tmp/mt" 2>&1 && [ -s "$tmp/v-$s.sarif" ]; then
            n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"][0].get("results", [])))' "$tmp/v-$s.sarif")
            if [ "$n" = 0 ]; then ok; else ko "Sarif.Multitool validate $s.sarif: $n findings"; grep -E "error|warning" "$tmp/mt" | head -10; fi
        else
            ko "Sarif.Multitool validate $s.sarif did not run"; tail -5 "$tmp/mt"
        fi
    done
fi

# what the logs say
python3 - "$tmp/sarif" >"$tmp/facts" 2>&1 <<'EOF'
import json, sys
d = sys.argv[1]
def load(n): return json.load(open(f"{d}/{n}.sarif"))["runs"][0]
def check(cond, what): print(("ok " if cond else "FAIL ") + what)
url = "https://github.com/bkpc/bkpc/blob/main/docs/rules/"
run = load("all")
rules = run["tool"]["driver"]["rules"]
check(run["columnKind"] == "utf16CodeUnits", "columnKind")
check(run["tool"]["driver"]["name"] == "bkpc" and run["tool"]["driver"]["informationUri"].startswith("https://"), "driver")
check(all(r["helpUri"] == url + r["id"] + ".md" and r["shortDescription"]["text"] and r["help"]["markdown"].startswith("# " + r["id"] + ": ") for r in rules), "rules: helpUri, descriptions, help")
check(all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"]), "ruleIndex")
check(len({r["id"] for r in rules}) == len(rules), "rules listed once")
check(any(r["id"] == "B10" and r["defaultConfiguration"]["level"] == "warning" for r in rules), "B10 is a warning")
check(all(r.get("relatedLocations") for r in run["results"] if r["ruleId"] == "duplicate"), "duplicates have related locations")
uni = {r["ruleId"]: r for r in load("json-unicode")["results"]}
reg = uni["B3"]["locations"][0]["physicalLocation"]["region"]
check((reg["startLine"], reg["startColumn"], reg["endColumn"]) == (3, 35, 40), f"UTF-16 columns after an emoji: {reg}")
card = load("json-design-card")["results"][0]
fix = card["fixes"][0]["artifactChanges"][0]["replacements"][0]
check(fix["insertedContent"]["text"] == "24h" and fix["deletedRegion"]["startColumn"] == 25 and fix["deletedRegion"]["endColumn"] == 28, "fix of the design card")
check(card["fixes"][0]["description"]["text"] == "replace `23h` with `24h`", "fix description")
check(card["message"]["text"].endswith("\nhint: `for 24h` gives the same six backups a day"), "hints in the message")
check(card["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"] == 7, "secondary span")
check(card["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "design-card.bkp", "relative uri")
ex = load("examples-prod-vms")
check(ex["results"] == [] and ex["invocations"][0]["executionSuccessful"], "a clean file: no results")
io = load("io")
check(not io["invocations"][0]["executionSuccessful"] and "cannot read" in io["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
      and io["results"][0]["ruleId"] == "B3", "an unreadable file: a notification, and the other file's results")
check(load("build")["results"][0]["ruleId"] == "B3", "build --format sarif")
EOF
while IFS= read -r line; do
    case $line in ok\ *) ok ;; FAIL\ *) ko "SARIF content: ${line#FAIL }" ;; *) ko "SARIF content: $line" ;; esac
done <"$tmp/facts"

# ---- 2. --format: streams and statuses ------------------------------------------
t json-check 1 "$BKPC" check --format json "$bad"
has json-check "$tmp/out" '"rule":"B3"'
has json-check-summary "$tmp/err" "bkpc: 1 error, 0 warnings"
t json-quiet 1 "$BKPC" check --format=json -q "$bad"; empty json-quiet "$tmp/err"
t json-clean 0 "$BKPC" check --format json "$good"; empty json-clean "$tmp/out"
t text-default 1 "$BKPC" check "$bad"; empty text-default "$tmp/out"; has text-default "$tmp/err" "error[B3]"
t build-json-needs-o 2 "$BKPC" build --format json "$good"; has build-json-needs-o "$tmp/err" "-o OUT"
t build-json-stdout-o 2 "$BKPC" build --format sarif -o - "$good"
t build-json-ok 0 "$BKPC" build --format json -o "$tmp/g.json" "$good"; empty build-json-ok "$tmp/out"
has build-json-ok "$tmp/g.json" '"policyType": "V2"'
t build-json-warn 0 "$BKPC" build --format json -o "$tmp/w.json" "$warn"
has build-json-warn "$tmp/out" '"severity":"warning"'; has build-json-warn "$tmp/err" "bkpc: 1 warning"
t build-json-error 1 "$BKPC" build --format json -o "$tmp/e.json" "$bad"
has build-json-error "$tmp/out" '"rule":"B3"'; has build-json-error "$tmp/err" "nothing written"
if [ ! -e "$tmp/e.json" ]; then ok; else ko "build-json-error wrote its output"; fi
t format-full 2 sh -c "'$BKPC' check --format json '$bad' >/dev/full"
has format-full "$tmp/err" "cannot write the diagnostics"

# ---- 3. --color -----------------------------------------------------------------
esc=$(printf '\033[')
"$BKPC" check "$bad" "$warn" 2>"$tmp/plain"
t color-always 1 "$BKPC" check --color=always "$bad" "$warn"
has color-always "$tmp/err" "${esc}1;31merror[B3]"
has color-always-warning "$tmp/err" "${esc}1;33mwarning[B10]"
has color-always-hint "$tmp/err" "${esc}1;36mhint:"
sed 's/\x1b\[[0-9;]*m//g' "$tmp/err" >"$tmp/stripped"
if cmp -s "$tmp/stripped" "$tmp/plain"; then ok; else ko "color: the text differs from the plain text"; diff "$tmp/plain" "$tmp/stripped" | head; fi
t color-never 1 "$BKPC" check --color never "$bad"; hasnt color-never "$tmp/err" "$esc"
t color-auto-file 1 "$BKPC" check --color auto "$bad"; hasnt color-auto-file "$tmp/err" "$esc"
t color-always-nocolor 1 env NO_COLOR=1 "$BKPC" check --color always "$bad"; has color-always-nocolor "$tmp/err" "$esc"
if command -v script >/dev/null 2>&1; then
    # a terminal: coloured by default, not with NO_COLOR or TERM=dumb; an empty NO_COLOR does not count
    script -qec "env NO_COLOR= TERM=xterm '$BKPC' check '$bad'" /dev/null >"$tmp/tty" 2>&1
    has color-tty "$tmp/tty" "${esc}1;31merror[B3]"
    script -qec "env NO_COLOR=1 TERM=xterm '$BKPC' check '$bad'" /dev/null >"$tmp/tty" 2>&1
    hasnt color-tty-nocolor "$tmp/tty" "$esc"
    script -qec "env -u NO_COLOR TERM=dumb '$BKPC' check '$bad'" /dev/null >"$tmp/tty" 2>&1
    hasnt color-tty-dumb "$tmp/tty" "$esc"
    script -qec "env -u NO_COLOR TERM=xterm '$BKPC' check --color never '$bad'" /dev/null >"$tmp/tty" 2>&1
    hasnt color-tty-never "$tmp/tty" "$esc"
else
    ko "script (util-linux) is needed for the terminal tests"
fi
t color-bad 2 "$BKPC" check --color sometimes "$bad"

# ---- 4. --werror ------------------------------------------------------------------
t warn-passes 0 "$BKPC" check "$warn"
t werror-fails 1 "$BKPC" check --werror "$warn"; has werror-fails "$tmp/err" "(--werror: warnings fail)"
t werror-clean 0 "$BKPC" check --werror "$good"
t werror-json 1 "$BKPC" check --werror --format json "$warn"
t werror-build 1 "$BKPC" build --werror -o "$tmp/wb.json" "$warn"; has werror-build "$tmp/err" "nothing written"
if [ ! -e "$tmp/wb.json" ]; then ok; else ko "werror-build wrote its output"; fi
t werror-build-ok 0 "$BKPC" build --werror -o "$tmp/gb.json" "$good"

# ---- 5. did you mean ----------------------------------------------------------------
t near-command 2 "$BKPC" chek "$good";          has near-command "$tmp/err" "did you mean 'check'?"
t near-command-none 2 "$BKPC" frobnicate;       hasnt near-command-none "$tmp/err" "did you mean"
t near-option 2 "$BKPC" check --werorr "$good"; has near-option "$tmp/err" "did you mean '--werror'?"
t near-format 2 "$BKPC" check --format sarf "$good"; has near-format "$tmp/err" "did you mean 'sarif'?"
t near-target 2 "$BKPC" build -t jsno "$good";  has near-target "$tmp/err" "did you mean 'json'?"
t near-policy 2 "$BKPC" build --policy db-tir "$two"; has near-policy "$tmp/err" "did you mean \`db-tier\`?"
t near-policy-none 2 "$BKPC" build --policy zzzzzz "$two"; hasnt near-policy-none "$tmp/err" "did you mean"
summary
