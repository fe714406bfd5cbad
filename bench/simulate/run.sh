#!/bin/sh
# bench/simulate/run.sh — `bkpc simulate` over 99 years (issue 4).
#
#   bench/simulate/run.sh [BKPC]          BKPC defaults to build/bkpc
#
# Simulates a 4-hourly policy with every rule and every tier (snapshot,
# vault-standard, vault-archive) that has run for 10 and for 99 years, and a
# policy with Azure's maximum retentions, and prints for each run the
# backups ever taken, the recovery points kept, the wall time and the peak
# resident set size (from getrusage(RUSAGE_CHILDREN), python3 stdlib). The
# baseline row is `bkpc check` of the same file: the process's own floor
# (ICU's zone data, the compiler). Memory follows the points kept, not the
# backups taken: the 99-year run takes ten times the backups of the 10-year
# run with nearly the same memory. Writes only to $BENCH_OUT (default
# bench/simulate/out/, git-ignored by bench/out's rule or removable).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bkpc=${1:-$root/build/bkpc}
out=${BENCH_OUT:-$here/out}
if [ ! -x "$bkpc" ]; then
    echo "bench/simulate: $bkpc is missing: run make first" >&2
    exit 2
fi
command -v python3 >/dev/null || { echo "bench/simulate: python3 is needed" >&2; exit 2; }
mkdir -p "$out"

cat >"$out/hourly-all-tiers.bkp" <<'BKP'
# 4-hourly, every rule, archive: what a production VM might use.
policy hourly-all-tiers {
    enhanced
    timezone "W. Europe Standard Time"
    every 4h from 00:00 for 24h
    keep snapshots 17d
    keep daily 180d
    keep weekly 104w on sun
    keep monthly 120m on first sun
    keep yearly 99y in jan on first sun
    archive after 3m
}
BKP
cat >"$out/hourly-max.bkp" <<'BKP'
# 4-hourly with Azure's longest retentions (RULES.md D5-D8): the most points
# a policy can keep.
policy hourly-max {
    enhanced
    timezone "W. Europe Standard Time"
    every 4h from 00:00 for 24h
    keep snapshots 17d
    keep daily 9999d
    keep weekly 5163w on sun, wed
    keep monthly 1188m on day 1, 15, last
    keep yearly 99y in jan, jul on first sun
    archive after 3m
}
BKP

BKPC=$bkpc OUT=$out python3 - <<'PY'
import json, os, resource, subprocess, sys, time

bkpc, out = os.environ["BKPC"], os.environ["OUT"]
AT = "2125-06-15T12:00"

def run(args):
    """Runs bkpc in a fresh child; returns (seconds, peak RSS KiB, stdout)."""
    # A fresh python child per run, so RUSAGE_CHILDREN's max is this run's.
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE)\n"
        "dt = time.perf_counter() - t\n"
        "ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "sys.stderr.write('%f %d %d\\n' % (dt, ru.ru_maxrss, p.returncode))\n"
        "sys.stdout.buffer.write(p.stdout)\n")
    p = subprocess.run([sys.executable, "-c", code, bkpc] + args, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, check=True)
    dt, rss, rc = p.stderr.decode().split()[-3:]
    if int(rc) != 0:
        sys.exit("bench/simulate: bkpc %s failed (exit %s)" % (" ".join(args), rc))
    return float(dt), int(rss), p.stdout

rows = []
for name in ("hourly-all-tiers", "hourly-max"):
    f = os.path.join(out, name + ".bkp")
    dt, rss, _ = run(["check", f])
    rows.append(dict(policy=name, run="check (the floor)", taken=None, dt=dt, rss=rss))
    for years, fmt in ((10, "text"), (99, "text"), (10, "json"), (99, "json")):
        since = "%04d-06-15T12:00" % (2125 - years)
        args = ["simulate", "--at", AT, "--since", since, "--format", fmt, f]
        best = min((run(args) for _ in range(3)), key=lambda r: r[0])
        s = json.loads(run(args[:-3] + ["--format", "json", f])[2])["summary"]
        t = s["tiers"]
        rows.append(dict(policy=name, run="simulate %d years, %s" % (years, fmt), years=years, fmt=fmt,
                         taken=int(years * 365.2425 * 6), kept=s["points"], examined=s["backups_examined"],
                         tiers="%d/%d/%d" % (t["snapshot"], t["vault-standard"], t["vault-archive"]),
                         dt=best[0], rss=best[1]))

print("bkpc simulate --at %s --since (10 or 99 years before), best of 3 runs;" % AT)
print("each run reads and checks the file and writes the whole table or document.")
print()
cols = [("policy", "policy", "%s"), ("run", "run", "%s"), ("backups taken", "taken", "%s"),
        ("examined", "examined", "%s"), ("points kept", "kept", "%s"), ("snap/std/archive", "tiers", "%s"),
        ("seconds", "dt", "%.3f"), ("peak RSS KiB", "rss", "%d")]
cell = lambda r, k, f: "-" if r.get(k) is None else f % r[k]
w = [max(len(h), max(len(cell(r, k, f)) for r in rows)) for h, k, f in cols]
print("  ".join(h.ljust(w[i]) if i < 6 else h.rjust(w[i]) for i, (h, k, f) in enumerate(cols)))
for r in rows:
    print("  ".join(cell(r, k, f).ljust(w[i]) if i < 6 else cell(r, k, f).rjust(w[i])
                    for i, (h, k, f) in enumerate(cols)))
print()
for name in ("hourly-all-tiers", "hourly-max"):
    floor = [r for r in rows if r["policy"] == name and r["taken"] is None][0]["rss"]
    for fmt in ("text", "json"):
        a, b = [r for r in rows if r["policy"] == name and r.get("fmt") == fmt]
        print("%-16s %s, 10 -> 99 years: backups taken x%.1f, examined x%.2f, points kept x%.2f, "
              "peak RSS %+d KiB (floor %d KiB)" % (name, fmt, b["taken"] / a["taken"], b["examined"] / a["examined"],
                                               b["kept"] / a["kept"], b["rss"] - a["rss"], floor))
print()
print("A simulator that kept every backup taken in 99 years (216,954) would hold ~25 MB of")
print("points (120 bytes each); bkpc examines only the backups some rule could still keep.")
slow = [r for r in rows if r["taken"] is not None and r["dt"] >= 1.0]
if slow:
    sys.exit("bench/simulate: a run took a second or more")
PY
