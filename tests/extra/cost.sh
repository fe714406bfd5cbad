#!/bin/sh
# bkpc cost beyond its golden suites (tests/cost*):
#  1. impossible inputs and bad combinations of options: exit 2, one clear
#     message, nothing on standard output;
#  2. price tables: each kind of mistake named by its JSON path (exit 2);
#  3. --chart: a well-formed SVG (python3's xml.etree) with one series per
#     tier whose areas stack up to the months' totals, the steady state
#     marked; written atomically (an error leaves an existing file as it
#     was, and no temporary file behind);
#  4. where Debian's chromium is installed, the chart rendered headless to a
#     PNG of its size, with each tier's colour on it (else: skipped).
# env: BKPC. Runs from the repository root.
. "$(dirname "$0")/../lib.sh"
ex=examples/prod-vms.bkp

# bad NAME MESSAGE ARGS...: exit 2, MESSAGE on standard error, no output.
bad() {
    _name=$1 _msg=$2
    shift 2
    t "$_name" 2 "$BKPC" cost "$@"
    has "$_name" "$tmp/err" "$_msg"
    if [ -s "$tmp/out" ]; then ko "$_name: standard output is not empty"; else ok; fi
}

# --- 1. inputs ------------------------------------------------------------------------
bad "negative size" "--used -5G: a size cannot be negative" $ex --used -5G --churn 2%
bad "negative size, --used=" "--used -1T: a size cannot be negative" $ex --used=-1T --churn 2%
bad "zero size" "--used 0G: the used size must be more than 0" $ex --used 0G --churn 2%
bad "size without unit" "--used wants a size such as 512G or 2T" $ex --used 512 --churn 2%
bad "size with a bad unit" "--used wants a size such as 512G or 2T" $ex --used 5P --churn 2%
bad "size in hex" "--used wants a size such as 512G or 2T" $ex --used 0x10G --churn 2%
bad "size with an exponent" "--used wants a size such as 512G or 2T" $ex --used 1e3G --churn 2%
bad "size with two points" "--used wants a size such as 512G or 2T" $ex --used 1.2.3G --churn 2%
bad "size too large" "--used 5000T: at most 4096T" $ex --used 5000T --churn 2%
bad "churn over 100%" "--churn 120%: over 100% is impossible" $ex --used 512G --churn 120%
bad "negative churn" "--churn -1%: a churn cannot be negative" $ex --used 512G --churn -1%
bad "churn with an exponent" "--churn wants the share of the used data written each day" $ex --used 1G --churn 1e1%
bad "churn without %" "--churn wants the share of the used data written each day, such as 2%" \
    $ex --used 512G --churn 0.02
bad "no --used" "--used SIZE is required" $ex --churn 2%
bad "no --churn" "--churn RATE is required" $ex --used 512G
bad "zero months" "--months wants a number from 1 to 1200, not '0'" $ex --used 512G --churn 2% --months 0
bad "too many months" "--months wants a number from 1 to 1200" $ex --used 512G --churn 2% --months 1201
bad "bad start" "--start wants a date YYYY-MM-DD" $ex --used 512G --churn 2% --start 2027-02-30
bad "bad redundancy" "unknown redundancy 'GRZ' (LRS, ZRS, GRS or RA-GRS); did you mean 'GRS'?" \
    $ex --used 512G --churn 2% --redundancy grz
bad "bad format" "unknown format 'xml' (text, json or csv)" $ex --used 512G --churn 2% --format xml
bad "--used and --vm" "--used and --vm exclude each other" $ex --used 512G --vm x --disk os=1G --churn 2%
bad "--disk without --vm" "--disk needs --vm NAME" $ex --disk os=30G --churn 2%
bad "--vm without --disk" "--vm needs the used size of each disk" examples/multi-policy.bkp --vm db-01 --churn 2%
bad "bad --disk" "--disk wants os=SIZE or LUN=SIZE with a LUN from 0 to 63" \
    examples/multi-policy.bkp --vm db-01 --disk 64=1G --churn 2%
bad "negative --disk" "--disk -3G: a size cannot be negative" \
    examples/multi-policy.bkp --vm db-01 --disk os=-3G --churn 2%
bad "no OS disk" "the OS disk's used size is needed" examples/multi-policy.bkp --vm db-02 --disk 0=10G --churn 2%
bad "--chart -" "--chart wants a file name" $ex --used 512G --churn 2% --chart -
bad "no file" "no input file" --used 512G --churn 2%
bad "a misspelt option" "unknown option '--chrun'; did you mean '--churn'?" $ex --used 512G --chrun 2%
# A file with errors: its diagnostics, exit 1.
printf 'policy broken { daily at 25:00 }\n' >"$tmp/broken.bkp"
t "errors in FILE" 1 "$BKPC" cost "$tmp/broken.bkp" --used 10G --churn 1%
has "errors in FILE" "$tmp/err" "error["
# Accepted edge values.
t "churn 0%" 0 "$BKPC" cost $ex --used 1T --churn 0% --start 2027-01-01
t "churn 100%, 1.5T, ra-grs" 0 "$BKPC" cost $ex --used 1.5T --churn 100% --start 2027-01-01 --redundancy ra-grs
t "--used in M" 0 "$BKPC" cost $ex --used 750MB --churn 1.5% --start 2027-01-01 --months 1
has "--used in M" "$tmp/out" "0.73 GB of used data"

# Hostile names (tests/hostile/names.bkp): a VM's name full of shell
# syntax reaches the text and the JSON as it is; a --vm with a carriage
# return and a tab, which no file can protect (Azure's naming rules), is
# named in the error with `?`s, never as control characters.
vm='$PWN19$(touch${IFS}pwned-21){pwn20}'
t "hostile VM name" 0 "$BKPC" cost tests/hostile/names.bkp --vm "$vm" --disk os=30G --disk 0=10G --disk 2=5G \
    --churn 1% --months 1 --start 2027-01-01
has "hostile VM name: text" "$tmp/out" 'vm $PWN19$(touch${IFS}pwned-21){pwn20}: OS disk 30 GB, LUN 0 10'
"$BKPC" cost tests/hostile/names.bkp --vm "$vm" --disk os=30G --disk 0=10G --disk 2=5G --churn 1% --months 1 \
    --start 2027-01-01 --format json >"$tmp/h.json" 2>&1
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["inputs"]["vm"]["name"] == sys.argv[2]' \
    "$tmp/h.json" "$vm"; then ok; else ko "hostile VM name: JSON"; head -5 "$tmp/h.json"; fi
bad "hostile VM names in an error" "protects no VM named \`vm?pwn17?x\` (it protects vm'\$(touch\${IFS}pwned-11)'pwn11, vm\`touch" \
    tests/hostile/names.bkp --vm "$(printf 'vm\rpwn17\tx')" --disk os=1G --churn 1%
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$tmp/err"; then ko "hostile VM name: a control character in the error"; else ok; fi
# A price table altered at random: a diagnostic and exit 2, or an estimate;
# never a crash (exit 86 under make asan-check).
python3 - "$tmp" data/prices.json <<'PY'
import random, sys
data = open(sys.argv[2], "rb").read()
rnd = random.Random(20261201)
for n in range(40):
    b = bytearray(data)
    for _ in range(rnd.randint(1, 4)):
        i = rnd.randrange(len(b))
        op = rnd.randrange(3)
        if op == 0: del b[i:i + rnd.randint(1, 6)]
        elif op == 1: b[i] = rnd.choice(b'{}[]",:0-.9eE \x00\xff')
        else: b[i:i] = b[i:i + rnd.randint(1, 10)]
    open("%s/mut%02d.json" % (sys.argv[1], n), "wb").write(b)
PY
for f in "$tmp"/mut*.json; do
    "$BKPC" cost $ex --used 512G --churn 2% --months 1 --start 2027-01-01 --prices "$f" >/dev/null 2>"$tmp/err"
    rc=$?
    if [ $rc = 0 ] || { [ $rc = 2 ] && grep -q "^bkpc cost: $f: " "$tmp/err"; }; then ok; else
        ko "$(basename "$f"): exit $rc"; head -3 "$tmp/err"; fi
done

# --- 2. price tables ---------------------------------------------------------------------
# prices NAME MESSAGE SED: the bundled table altered by SED, as --prices.
prices() {
    sed "$3" data/prices.json >"$tmp/prices.json"
    bad "prices: $1" "bkpc cost: $tmp/prices.json: $2" $ex --used 512G --churn 2% --prices "$tmp/prices.json"
}
prices "a missing tier" "\$.per_gb_month['vault-archive']: missing: the price of a GB-month in each tier" \
    '/"vault-archive"/d; s/"RA-GRS": 0.056},/"RA-GRS": 0.056}/'
prices "a misspelt tier" "\$.per_gb_month['vault-standart']: unknown key; did you mean 'vault-standard'?" \
    's/"vault-standard"/"vault-standart"/'
prices "a missing redundancy" "\$.per_gb_month['vault-standard'].GRS: missing: the price of a GB-month in vault-standard for GRS storage" \
    's/"GRS": 0.0448, //'
prices "a negative price" "\$.per_gb_month.snapshot: must be a number of at least 0, not -0.05" \
    's/"snapshot": 0.05/"snapshot": -0.05/'
prices "a price as text" "\$.per_gb_month['vault-archive'].LRS: must be a number" \
    's/"LRS": 0.0025/"LRS": "0.0025"/'
prices "no currency" "\$.currency: missing: the currency of every price" '/"currency"/d'
prices "bands not rising" "\$.protected_instance.bands[1].up_to_gb: must be a number above 50, not 40" \
    's/"up_to_gb": 500/"up_to_gb": 40/'
prices "no bands" "\$.protected_instance.bands: must be an array of 1 to 16 bands" \
    '/"up_to_gb": 50,/d; s/"up_to_gb": 500, "per_month": 10}/X/; s/"bands": \[/"bands": [/; /X/d'
prices "not JSON" "line 4, column 18: not valid JSON" 's/"currency": "USD",/"currency" "USD",/'
bad "prices: no such file" "bkpc: cannot read $tmp/none.json" $ex --used 512G --churn 2% --prices "$tmp/none.json"
# A table without the redundancy asked for is fine for the others.
sed 's/"RA-GRS": 0.056//; s/"GRS": 0.0448, /"GRS": 0.0448/' data/prices.json >"$tmp/no-ragrs.json"
t "prices: without RA-GRS, GRS works" 0 "$BKPC" cost $ex --used 512G --churn 2% --start 2027-01-01 --months 1 --prices "$tmp/no-ragrs.json"
has "prices: which table" "$tmp/out" "($tmp/no-ragrs.json)"
bad "prices: without RA-GRS, RA-GRS fails" "\$.per_gb_month['vault-standard']['RA-GRS']: missing" \
    $ex --used 512G --churn 2% --prices "$tmp/no-ragrs.json" --redundancy RA-GRS
# Every output names the table and says it is an estimate (the text's
# sentences are wrapped: read as one line).
t "text: bundled" 0 "$BKPC" cost $ex --used 512G --churn 2% --start 2027-01-01 --months 1
tr -s '\n ' '  ' <"$tmp/out" >"$tmp/flat"
has "text: estimate" "$tmp/flat" "an estimate from a model (docs/cost.md), not a quote"
has "text: bundled table" "$tmp/flat" "bkpc illustrative list prices (bundled): East US, USD, as of 2026-12-01"
has "text: illustrative" "$tmp/flat" "These prices are illustrative"
has "text: what is ignored" "$tmp/flat" "not modelled compression; deduplication; block granularity"
t "json: bundled" 0 "$BKPC" cost $ex --used 512G --churn 2% --start 2027-01-01 --months 1 --format json
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
assert d["estimate"] is True and d["prices"]["file"] is None and d["prices"]["illustrative"] is True
assert d["prices"]["region"] == "East US" and len(d["months"]) == 1 and d["steady_month"] == 120' "$tmp/out"
then ok; else ko "json: estimate, bundled table, illustrative"; fi

# The three formats carry the same figures: every month of the CSV is the
# JSON's, and the text's steady state is the JSON's.
for f in examples/gfs-archive.bkp tests/cost-vm/enhanced-exclude.bkp; do
    case $f in
    *vm*) set -- --vm db-01 --disk os=64G --disk 0=512G --disk 1=200G --disk 2=100G ;;
    *) set -- --used 300G ;;
    esac
    "$BKPC" cost "$f" "$@" --churn 1% --start 2027-03-15 --format json >"$tmp/f.json" &&
        "$BKPC" cost "$f" "$@" --churn 1% --start 2027-03-15 --format csv >"$tmp/f.csv" &&
        "$BKPC" cost "$f" "$@" --churn 1% --start 2027-03-15 >"$tmp/f.txt"
    if python3 - "$tmp/f.json" "$tmp/f.csv" "$tmp/f.txt" >"$tmp/same" 2>&1 <<'PY'
import csv, json, re, sys
doc = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2])))
assert len(rows) == len(doc["months"]) == doc["steady_month"], (len(rows), len(doc["months"]))
for row, m in zip(rows, doc["months"]):
    assert int(row["month"]) == m["month"] and row["end"] == m["end"]
    for t in ("snapshot", "vault-standard", "vault-archive"):
        k = t.replace("-", "_")
        assert int(row[k + "_points"]) == m["tiers"][t]["points"]
        assert abs(float(row[k + "_gb"]) - m["tiers"][t]["gb"]) < 0.001
        assert abs(float(row[k + "_cost"]) - m["tiers"][t]["cost"]) < 0.0001
    assert abs(float(row["estimated_total"]) - m["total"]) < 0.0001
    assert row["steady"] == ("1" if m["month"] >= doc["steady_month"] else "0")
text = open(sys.argv[3]).read()
st = doc["steady_state"]
for t in ("snapshot", "vault-standard", "vault-archive"):
    m = re.search(r"^ +%s +(\d+) points? +([\d.]+) GB x [\d.]+ += +([\d.]+)$" % t, text, re.M)
    assert m, t
    assert int(m.group(1)) == st["tiers"][t]["points"]
    assert abs(float(m.group(2)) - st["tiers"][t]["gb"]) <= 0.0501
    assert abs(float(m.group(3)) - st["tiers"][t]["cost"]) <= 0.00501
m = re.search(r"total, (\w+) a month += +([\d.]+)$", text, re.M)
assert m and m.group(1) == doc["prices"]["currency"] and abs(float(m.group(2)) - st["total"]) <= 0.00501
print("ok")
PY
    then ok; else ko "$f: text, JSON and CSV differ"; cat "$tmp/same"; fi
done

# --- 3. the chart -------------------------------------------------------------------------
svg="$tmp/prod vms.svg"
t "chart" 0 "$BKPC" cost $ex --used 512G --churn 2% --start 2027-01-01 --format json --chart "$svg"
cp "$tmp/out" "$tmp/chart.json"
if python3 - "$svg" "$tmp/chart.json" >"$tmp/svg" 2>&1 <<'PY'
import json, re, sys
import xml.etree.ElementTree as ET
NS = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
doc = json.load(open(sys.argv[2]))
assert root.tag == NS + "svg", root.tag
assert root.find(NS + "title").text.startswith("Estimated storage of prod-vms")
paths = {p.get("id"): p for p in root.iter(NS + "path")}
tiers = ["snapshot", "vault-standard", "vault-archive"]
assert sorted(paths) == sorted("tier-" + t for t in tiers), sorted(paths)
# Each area: months 0..N along the top, back along the bottom. The tops of
# the last tier, read back through the axis, are the months' totals.
d = paths["tier-vault-archive"].get("d")
pts = [tuple(map(float, p.split(","))) for p in re.findall(r"-?[\d.]+,-?[\d.]+", d)]
n = len(doc["months"])
assert len(pts) == 2 * (n + 1), (len(pts), n)
labels = [(float(t.get("y")), float(t.text)) for t in root.iter(NS + "text")
          if t.get("text-anchor") == "end" and re.fullmatch(r"\d+(\.\d+)?", t.text or "")]
(y0, v0), (y1, v1) = labels[0], labels[-1]      # a label stands 4 px below its line
per_px = (v1 - v0) / (y1 - y0)
for m in range(1, n + 1):
    total = sum(doc["months"][m - 1]["tiers"][t]["gb"] for t in tiers)
    got = v0 + (pts[m][1] + 4 - y0) * per_px
    assert abs(got - total) <= abs(per_px) * 0.06 + total * 1e-6, (m, got, total)
steady = root.find(".//*[@id='steady-state']")
assert steady is not None and "month %d" % doc["steady_month"] in "".join(steady.itertext())
print("ok")
PY
then ok; else ko "chart: a well-formed SVG with the three tiers stacked and the steady state"; cat "$tmp/svg"; fi
# Atomic: an error after the chart leaves the old file and no temporary one.
printf 'old\n' >"$tmp/keep.svg"
t "chart: no file on error" 2 "$BKPC" cost $ex --used 512G --churn 2% --chart "$tmp/keep.svg" --prices "$tmp/none.json"
if [ "$(cat "$tmp/keep.svg")" = old ]; then ok; else ko "chart: the old file was changed"; fi
t "chart: unwritable directory" 2 "$BKPC" cost $ex --used 512G --churn 2% --start 2027-01-01 --chart "$tmp/no/dir/c.svg"
has "chart: unwritable directory" "$tmp/err" "cannot write $tmp/no/dir/c.svg"
if [ "$(find "$tmp" -name '*.svg.*' | wc -l)" = 0 ]; then ok; else ko "chart: a temporary file is left"; fi
# Standard output full: no chart either.
if [ -w /dev/full ]; then
    "$BKPC" cost $ex --used 512G --churn 2% --start 2027-01-01 --chart "$tmp/full.svg" >/dev/full 2>"$tmp/err"
    if [ $? = 2 ] && [ ! -e "$tmp/full.svg" ]; then ok; else ko "chart: written although standard output failed"; fi
fi

# --- 4. the chart in a browser ----------------------------------------------------------------
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$browser" ]; then
    (cd "$tmp" && timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --window-size=940,480 --screenshot="$tmp/chart.png" "file://$svg" >"$tmp/chromium.log" 2>&1)
    # The legend's squares in each tier's colour, and the two large areas
    # (85% opaque on white) of the vault tiers.
    if python3 "$tools/png-colours.py" "$tmp/chart.png" 940 480 e69f00:150 0072b2:150 009e73:150 \
        0072b2@0.85:5000 009e73@0.85:50000 >"$tmp/png" 2>&1; then ok; else
        ko "chart: rendered by chromium with each tier's colour"; cat "$tmp/png"; tail -3 "$tmp/chromium.log"; fi
else
    echo "cost: the chart was not rendered in a browser: chromium is not installed (apt-get install chromium)"
fi
summary
