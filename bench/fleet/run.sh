#!/bin/sh
# bench/fleet/run.sh — `bkpc check` of a fleet: 1,000 policies made from a
# platform team's templates, each with 3 requirements that hold, every one
# proved over a whole 400-year cycle (issue 13).
#
#   bench/fleet/run.sh [BKPC] [--policies N] [--runs R]
#
# Generates the fleet (gen-fleet.py: nearly every policy different from the
# others, so that each requirement is a proof of its own), then measures,
# best of R runs (default 3) under bench/measure.c (wall time and peak RSS):
#   - the fleet without its requirements (the checker alone);
#   - the fleet (3 requirements a policy: 3,000 proofs);
#   - a fleet of 1,000 copies of the templates (9 distinct proofs, the others
#     the prover's cache);
#   - the floor, no bkpc: dayscan.c, a bare pass over the 146,097 days of a
#     400-year cycle for each of the 3,000 requirements (the least a proof
#     that looks at every day once must do).
# Prints the table. Its files go to $BENCH_OUT (default: a temporary
# directory, removed at the end). Exits 1 when the fleet does not check
# clean. Needs cc and python3. Not part of `make check`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bkpc=$root/build/bkpc
case ${1:-} in -*|'') ;; *) bkpc=$1; shift ;; esac
. "$here/../setup.sh"
bench_setup fleet "$bkpc"
${CC:-cc} -std=c11 -O2 -Wall -Wextra -o "$out/dayscan" "$here/dayscan.c"

BKPC=$bkpc OUT=$out HERE=$here BENCH=$here/.. PYTHONDONTWRITEBYTECODE=1 python3 - "$@" <<'PY'
import argparse, os, subprocess, sys

ap = argparse.ArgumentParser(prog="bench/fleet/run.sh")
ap.add_argument("--policies", type=int, default=1000)
ap.add_argument("--runs", type=int, default=3)
a = ap.parse_args()
bkpc, out, here = os.environ["BKPC"], os.environ["OUT"], os.environ["HERE"]
sys.path.insert(0, os.environ["BENCH"])
import bench                                    # bench/bench.py: runs_of, the launcher's driver
bench.MEASURE = os.path.join(out, "measure")

gen = os.path.join(here, "gen-fleet.py")
fleet, same = os.path.join(out, "fleet"), os.path.join(out, "same")
subprocess.run([sys.executable, gen, fleet, "--policies", str(a.policies)], check=True)
subprocess.run([sys.executable, gen, same, "--policies", str(a.policies), "--same"], check=True)
proofs = 3 * a.policies

def run(argv, want=0):
    so, se = os.path.join(out, "stdout"), os.path.join(out, "stderr")
    res = bench.runs_of(argv, a.runs, stdout=so, stderr=se)
    for _, _, rc in res:
        if rc != want:
            sys.stderr.write(bench.head(se))
            sys.exit("bench/fleet: %s exited %d" % (" ".join(argv), rc))
    if want == 0 and os.path.getsize(se):
        sys.stderr.write(bench.head(se))
        sys.exit("bench/fleet: %s printed diagnostics: the fleet must check clean" % " ".join(argv))
    return min(r[0] for r in res), max(r[1] for r in res)

rows = [
    ("process spawn (/bin/true)", run(["/bin/true"]), "the launcher's floor"),
    ("bkpc check, no requirements", run([bkpc, "check", os.path.join(fleet, "fleet-plain.bkp")]),
     "%d policies: the checker alone" % a.policies),
    ("bkpc check, the fleet", run([bkpc, "check", os.path.join(fleet, "fleet.bkp")]),
     "%d policies x 3 requirements: %d proofs" % (a.policies, proofs)),
    ("bkpc check, copies of the templates", run([bkpc, "check", os.path.join(same, "fleet.bkp")]),
     "%d policies x 3: 9 proofs, the rest cached" % a.policies),
    ("floor: dayscan (no bkpc)", run([os.path.join(out, "dayscan"), str(proofs)]),
     "%d passes over the 146,097 days of a cycle" % proofs),
]
print("best of %d runs; wall time includes process start-up" % a.runs)
print()
print("%-38s %9s %9s  %s" % ("measurement", "seconds", "peak MiB", "what"))
print("-" * 100)
for name, (dt, mib), what in rows:
    print("%-38s %9.3f %9.1f  %s" % (name, dt, mib, what))
print()
plain, full, floor = rows[1][1][0], rows[2][1][0], rows[4][1][0]
print("per requirement: %.2f ms of proof ((fleet - no requirements) / %d), against %.2f ms for one"
      % ((full - plain) * 1000.0 / proofs, proofs, floor * 1000.0 / proofs))
print("bare pass over a cycle's days: the proofs take %.2fx the floor" % ((full - plain) / floor))
PY
