#!/bin/sh
# The rule reference (docs/rules/ID.md, `bkpc explain-rule`, `bkpc rules`):
#  1. a page for every id the checker can report, and no page that claims an
#     id it cannot (tests/tools/check-rule-pages.py reads the checker's source);
#  2. the binary prints every page as it is in docs/rules;
#  3. every example of a page gives the page's id or nothing, a reported
#     rule's page breaks the rule and fixes it, output excerpts are real;
#  4. every diagnostic of every test input and example links to a page
#     ("help" of the JSON output);
#  5. explain-rule and rules: usage errors and unknown ids.
# Runs from the repository root; ends with "N passed, N failed".
. "$(dirname "$0")/../lib.sh"

python3 "$tools/check-rule-pages.py" "$BKPC" "$tmp" >"$tmp/pages" 2>&1 || echo "FAIL check-rule-pages.py exited $?" >>"$tmp/pages"
while IFS= read -r line; do
    case $line in
    ok\ *) ok ;;
    FAIL\ *) ko "${line#FAIL }" ;;
    *) ko "check-rule-pages.py: $line" ;;
    esac
done <"$tmp/pages"

# 4. every id any test input gives has a page
for f in tests/*/*.bkp examples/*.bkp; do
    "$BKPC" check --format json "$f" 2>/dev/null
done >"$tmp/all.jsonl"
if [ -s "$tmp/all.jsonl" ]; then ok; else ko "no diagnostics from the test inputs"; fi
if python3 -c '
import json, sys
bad = {d["rule"] for d in map(json.loads, open(sys.argv[1])) if d["help"] is None}
print(" ".join(sorted(bad)))
sys.exit(1 if bad else 0)' "$tmp/all.jsonl" >"$tmp/nohelp"; then ok; else
    ko "ids without a page: $(cat "$tmp/nohelp")"; fi

# 5. the commands
t rules-alias 0 "$BKPC" rules B7;            has rules-alias "$tmp/out" "# B7: "
t explain-help 0 "$BKPC" explain-rule --help; has explain-help "$tmp/out" "usage: bkpc explain-rule ID"
t rules-help 0 "$BKPC" rules --help;          has rules-help "$tmp/out" "usage: bkpc rules [ID]"
t explain-none 2 "$BKPC" explain-rule;        has explain-none "$tmp/err" "which rule?"
t explain-two 2 "$BKPC" explain-rule B7 B6;   has explain-two "$tmp/err" "one rule id at a time"
t explain-unknown 2 "$BKPC" explain-rule synatx; has explain-unknown "$tmp/err" "did you mean 'syntax'?"
t explain-azure 2 "$BKPC" explain-rule F6;    has explain-azure "$tmp/err" "no rule 'F6' among those bkpc checks"
if grep -qF "did you mean" "$tmp/err"; then ko "explain-azure: suggests another id"; else ok; fi
t rules-list 0 "$BKPC" rules;                 has rules-list "$tmp/out" "B10        warning          "
has rules-list "$tmp/out" "syntax     error            "
summary
