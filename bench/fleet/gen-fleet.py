#!/usr/bin/env python3
"""gen-fleet.py — a fleet for bench/fleet/run.sh: a platform team's
standards (templates with requirements) and N app-team policies made from
them, each with three requirements, every one of which holds.

  gen-fleet.py OUTDIR [--policies N] [--seed S] [--same]

writes OUTDIR/standards.bkp and OUTDIR/fleet.bkp (it uses standards.bkp),
and OUTDIR/fleet-plain.bkp: the same policies without any requirement (the
checker's floor). Each policy overrides its template's time zone, schedule
time and some retentions (never below what the requirements need), so that
nearly every policy differs from the others: a proof is cached only for
equal policies and requirements, and a fleet of copies would measure the
cache. --same writes copies instead (every policy is its template).
"""
import argparse
import os
import random

STANDARDS = """\
# The platform team's standards: three tiers, each with what it must keep.
template gold {
    enhanced
    every 4h from 08:00 for 24h
    keep snapshots 10d
    keep daily 35d
    keep weekly 12w on sun
    keep monthly 12m on first sun
    keep yearly 7y in jan on first sun
    require daily points for 30d
    require monthly points for 12m
    require yearly points for 7y
}

template silver {
    enhanced
    daily at 22:00
    keep snapshots 5d
    keep daily 30d
    keep monthly 12m on last sun
    require daily points for 30d
    require monthly points for 12m
    require rpo 24h for 30d
}

template bronze {
    standard
    daily at 23:00
    keep snapshots 2d
    keep daily 14d
    keep weekly 8w on sat
    require daily points for 14d
    require weekly points for 8w
    require snapshots for 2d
}
"""

ZONES = ["UTC", "W. Europe Standard Time", "GMT Standard Time", "Eastern Standard Time",
         "Pacific Standard Time", "India Standard Time", "Tokyo Standard Time",
         "AUS Eastern Standard Time", "E. South America Standard Time", "Central Europe Standard Time"]
DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]


def policy(rng, i, same):
    tier = ("gold", "silver", "bronze")[i % 3]
    name = "app-%04d" % i
    if same:
        return "policy %s from %s { }\n" % (name, tier)
    lines = ['    timezone "%s"' % rng.choice(ZONES)]
    # 01:00 to 20:30: daylight saving time does not push a backup into
    # another day (bkpc explain-rule A8)
    hh, mm = rng.randrange(1, 21), rng.choice((0, 30))
    if tier == "gold":
        # the window's last backup, its vault point, at 01:00 to 15:30 the
        # next morning, for the same reason
        start = rng.randrange(5, 20)
        lines.append("    every 4h from %02d:%02d for 24h" % (start, mm))
        lines.append("    keep daily %dd" % rng.randrange(35, 90))
        # not `last`: a window that opens on a month's last day has its vault
        # point taken the next morning, in the next month
        lines.append("    keep monthly %dm on %s %s" % (rng.randrange(12, 25), rng.choice(("first", "second", "third")),
                                                      rng.choice(DAYS)))
    elif tier == "silver":
        lines.append("    daily at %02d:%02d" % (hh, mm))
        lines.append("    keep daily %dd" % rng.randrange(31, 60))
        lines.append("    keep monthly %dm on day %d" % (rng.randrange(12, 36), rng.randrange(1, 29)))
    else:
        lines.append("    daily at %02d:%02d" % (hh, mm))
        lines.append("    keep daily %dd" % rng.randrange(15, 30))
        lines.append("    keep weekly %dw on %s" % (rng.randrange(8, 20), rng.choice(DAYS)))
    return "policy %s from %s {\n%s\n}\n" % (name, tier, "\n".join(lines))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--policies", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--same", action="store_true")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "standards.bkp"), "w") as f:
        f.write(STANDARDS)
    body = "".join(policy(rng, i, a.same) for i in range(a.policies))
    with open(os.path.join(a.out, "fleet.bkp"), "w") as f:
        f.write('use "standards.bkp"\n\n' + body)
    # the floor: the same policies, the standards inlined without requirements
    plain = "\n".join(l for l in STANDARDS.split("\n") if not l.strip().startswith("require"))
    with open(os.path.join(a.out, "fleet-plain.bkp"), "w") as f:
        f.write(plain + "\n" + body)


if __name__ == "__main__":
    main()
