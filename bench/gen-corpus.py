#!/usr/bin/env python3
"""gen-corpus.py — a deterministic corpus of realistic, valid .bkp policies.

    bench/gen-corpus.py [-n 20000] [--seed 1] [-o corpus.bkp] [--one one.bkp]
                        [--one-tz one-tz.bkp] [--full]

Writes N `policy NAME { ... }` blocks (about 250 bytes each, so 20,000 make
about 5 MB) that satisfy every rule of reference/RULES.md A-E without a
warning, so `bkpc check` must print nothing for them. The mix is what a
fleet of VM backup policies looks like: mostly enhanced, hourly / daily /
weekly schedules, Windows and IANA time-zone ids, the usual retention
ladders, archive tiering, comments, and indentation of several styles.

The same seed gives the same bytes, and the first K policies of an N-policy
corpus are the K-policy corpus (the linearity runs rely on it).

--one writes a one-policy file in UTC (no time-zone data needed);
--one-tz the same policy in "India Standard Time" (needs the zone tables).
--full writes full policies instead of the mix: every one enhanced (hourly or
daily), with snapshots, daily, weekly, monthly and yearly retention and
archive tiering, and about 95% of them in a zone other than UTC.
Python 3 standard library only.
"""
import argparse
import random
import sys

DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
DAYS_LONG = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
MONTHS_LONG = ["january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december"]
WEEKS = ["first", "second", "third", "fourth", "last"]

# (zone id, weight). Windows ids as Azure spells them, plus IANA ids that map
# to one. None = no `timezone` clause (UTC by default).
ZONES = [
    (None, 14), ("UTC", 10),
    ("India Standard Time", 9), ("W. Europe Standard Time", 8),
    ("Pacific Standard Time", 7), ("Eastern Standard Time", 7),
    ("Central Standard Time", 4), ("GMT Standard Time", 5),
    ("Romance Standard Time", 3), ("Central Europe Standard Time", 2),
    ("Tokyo Standard Time", 3), ("AUS Eastern Standard Time", 3),
    ("Singapore Standard Time", 3), ("China Standard Time", 2),
    ("E. South America Standard Time", 2), ("South Africa Standard Time", 1),
    ("Arabian Standard Time", 1), ("Korea Standard Time", 1),
    ("Mountain Standard Time", 1), ("New Zealand Standard Time", 1),
    ("Europe/Berlin", 3), ("America/New_York", 2), ("Asia/Kolkata", 2),
    ("Europe/London", 2), ("Australia/Sydney", 1), ("Asia/Tokyo", 1),
    ("America/Los_Angeles", 1), ("Europe/Paris", 1),
]

ENV = ["prod", "dev", "test", "stage", "qa", "dr", "uat", "shared", "corp", "edge"]
ROLE = ["vms", "web", "sql", "db", "app", "api", "files", "dc", "sap", "k8s", "citrix",
        "erp", "crm", "jump", "build", "cache", "mq", "etl", "bi", "mail"]
REGION = ["weu", "neu", "eus", "eus2", "wus2", "cin", "sea", "jpe", "aue", "uks", "brs", "gwc"]

HEADERS = [
    "# {env} {role} in {region}: owned by the platform team",
    "# Tier {tier} workloads; change ticket CHG{num:07d}",
    "# {role} servers ({env}), reviewed {year}-{month:02d}",
    "# backup policy for {env}-{role}",
    "# DO NOT EDIT by hand: generated from the CMDB export",
    "# RPO {rpo}, retention per the {year} data-retention standard",
]
TRAILING = {
    "enhanced": ["# V2: hourly backups, 30-day snapshots", "# policy type", "# enhanced (V2)"],
    "standard": ["# V1", "# policy type", "# standard (V1): cheaper"],
    "tz": ["# local business hours", "# the region's zone", "# Azure wants a Windows id"],
    "sched": ["# outside the maintenance window", "# RPO", "# after the nightly batch",
              "# off-peak"],
    "snap": ["# instant restore", "# operational tier", "# snapshot tier"],
    "daily": ["# 6 months", "# audit requirement", "# vault tier"],
    "weekly": ["# weekly fulls", "# per the standard"],
    "monthly": ["# month-end", "# finance close"],
    "yearly": ["# legal hold", "# 7-year retention", "# regulators"],
    "archive": ["# cheaper tier", "# vault-archive", "# TierAfter"],
}


def wchoice(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.uniform(0, total)
    for v, w in pairs:
        x -= w
        if x <= 0:
            return v
    return pairs[-1][0]


class Style:
    """How one policy is laid out: indentation, spelling, comments."""

    def __init__(self, rng):
        self.oneline = rng.random() < 0.06
        self.indent = wchoice(rng, [("    ", 60), ("  ", 25), ("\t", 12), ("      ", 3)])
        self.trailing = rng.random() < 0.35     # end-of-line comments on some clauses
        self.header = rng.random() < 0.6        # a comment above the block
        self.long_units = rng.random() < 0.08    # `180 days` rather than `180d`
        self.long_words = rng.random() < 0.05    # `sunday`, `january`
        self.crlf = rng.random() < 0.02
        self.align = rng.random() < 0.3          # trailing comments aligned in a column
        self.blank = rng.random() < 0.1          # a blank line between schedule and retention


def dur(st, n, unit):
    if not st.long_units:
        return f"{n}{unit}"
    word = {"h": "hour", "d": "day", "w": "week", "m": "month", "y": "year"}[unit]
    return f"{n} {word}{'' if n == 1 else 's'}"


def days_text(st, days):
    names = DAYS_LONG if st.long_words else DAYS
    return ", ".join(names[d] for d in sorted(days))


def months_text(st, months):
    names = MONTHS_LONG if st.long_words else MONTHS
    return ", ".join(names[m] for m in sorted(months))


def time_text(rng, lo_h=0, hi_h=23, hi_minutes=None):
    while True:
        h = rng.randint(lo_h, hi_h)
        m = rng.choice([0, 0, 0, 30])
        if hi_minutes is None or h * 60 + m <= hi_minutes:
            return f"{h:02d}:{m:02d}"


def on_weeks_days(rng, st, allowed_days):
    """`on first sun` / `on first, third sat` with weekdays from allowed_days."""
    if rng.random() < 0.8:
        weeks = [rng.choice([0, 0, 0, 4, 1])]
    else:
        weeks = sorted(rng.sample(range(5), 2))
    allowed = sorted(allowed_days)
    ndays = 1 if rng.random() < 0.85 or len(allowed) == 1 else 2
    days = rng.sample(allowed, ndays)
    return f"on {', '.join(WEEKS[w] for w in weeks)} {days_text(st, days)}"


def on_day_of_month(rng):
    shapes = [["1"], ["1", "15"], ["1", "15", "last"], ["last"], ["1", "last"],
              [str(rng.randint(1, 28))]]
    return "on day " + ", ".join(rng.choice(shapes))


def policy(rng, idx, full=False):
    """One valid policy: (name, list of (clause text, comment key)). A full
    one (--full) is enhanced and has every tier: snapshots, daily, weekly,
    monthly and yearly retention and archive tiering, and is mostly in a
    zone other than UTC."""
    st = Style(rng)
    env, role, region = rng.choice(ENV), rng.choice(ROLE), rng.choice(REGION)
    sep = rng.choice(["-", "-", "-", "_"])
    name = f"{env}{sep}{role}{sep}{region}{sep}{idx:05d}"
    if rng.random() < 0.01:
        name = name + "!"
    quoted = rng.random() < 0.03

    enhanced = full or rng.random() < 0.72
    freq = wchoice(rng, [("hourly", 60), ("daily", 40)] if full else
                   [("hourly", 35), ("daily", 45), ("weekly", 20)] if enhanced
                   else [("daily", 75), ("weekly", 25)])
    clauses = []

    # policy type: often written, sometimes left to the default (enhanced)
    if not enhanced:
        clauses.append(("standard", "standard"))
    elif rng.random() < 0.75:
        clauses.append(("enhanced", "enhanced"))

    zone = wchoice(rng, ZONES)
    while full and zone in (None, "UTC") and rng.random() < 0.85:
        zone = wchoice(rng, ZONES)
    if zone is not None:
        clauses.append((f'timezone "{zone}"', "tz"))

    # schedule
    sched_days = None
    interval = window = None
    if freq == "hourly":
        interval = wchoice(rng, [(4, 45), (6, 20), (8, 15), (12, 20)])
        windows = [k * interval for k in range(1, 24 // interval + 1)]
        window = 24 if rng.random() < 0.6 else rng.choice(windows)
        # start between 00:00 and 19:30 (rule B10's documented range)
        start = time_text(rng, 0, 19, 19 * 60 + 30)
        clauses.append((f"every {dur(st, interval, 'h')} from {start} for {dur(st, window, 'h')}", "sched"))
    elif freq == "daily":
        clauses.append((f"daily at {time_text(rng, 0, 23)}", "sched"))
    else:
        n = wchoice(rng, [(1, 60), (2, 25), (3, 10), (5, 5)])
        sched_days = set(rng.sample(range(7), n)) if n != 5 else {1, 2, 3, 4, 5}
        clauses.append((f"weekly on {days_text(st, sched_days)} at {time_text(rng, 0, 23)}", "sched"))

    # vault retention first: snapshots are bounded by it (rule C6)
    daily_days = None
    if freq != "weekly":
        daily_days = rng.choice([7, 14, 30, 30, 35, 60, 90, 180, 180, 180, 365, 730, 2555, 3650, 9999])
    weekly_weeks = None
    weekly_on = None
    if freq == "weekly":
        weekly_weeks = rng.choice([4, 8, 12, 12, 26, 52, 104, 260, 520])
        weekly_on = sched_days
    elif full or rng.random() < 0.6:
        weekly_weeks = rng.choice([4, 5, 8, 12, 12, 26, 52, 104])
        weekly_on = set(rng.sample(range(7), 1 if rng.random() < 0.9 else 2))

    # snapshots (instant restore)
    snap = None
    if full or rng.random() < 0.85:
        if not enhanced:
            snap = rng.randint(1, 5) if freq == "daily" else 5
        else:
            hi = 30
            if freq == "hourly" and window == 24:
                hi = {4: 17, 6: 22, 8: 17, 12: 30}[interval]     # rule C5's documented maxima
            if freq == "weekly":
                hi = min(hi, 7 * weekly_weeks)
                snap = rng.choice([5, 5, 7, 10, 14, 30])
            else:
                hi = min(hi, daily_days)
                snap = rng.choice([1, 2, 3, 5, 7, 7, 10, 14, 17, 30])
            snap = min(snap, hi)
    if snap is not None:
        clauses.append((f"keep snapshots {dur(st, snap, 'd')}", "snap"))

    if daily_days is not None and (full or freq == "hourly" or rng.random() < 0.93):
        if daily_days % 7 == 0 and daily_days <= 28 and rng.random() < 0.2:
            d = dur(st, daily_days // 7, "w")       # an exact conversion: 2w = 14 days
        else:
            d = dur(st, daily_days, "d")
        clauses.append((f"keep daily {d}", "daily"))
    # else: no `keep daily` on a daily schedule: Azure's default, 180 days
    # (snapshots were bounded by a value <= 180 or by 30, so C6 still holds)

    if weekly_weeks is not None:
        text = f"keep weekly {dur(st, weekly_weeks, 'w')}"
        if freq != "weekly" or rng.random() < 0.7:
            text += f" on {days_text(st, weekly_on)}"
        clauses.append((text, "weekly"))

    monthly = None
    if full or rng.random() < 0.6:
        monthly = rng.choice([6, 12, 12, 13, 24, 36, 60, 60, 84, 120])
        if sched_days is not None or rng.random() < 0.5:
            on = on_weeks_days(rng, st, sched_days if sched_days is not None else range(7))
        else:
            on = on_day_of_month(rng)
        clauses.append((f"keep monthly {dur(st, monthly, 'm')} {on}", "monthly"))

    yearly = None
    if full or rng.random() < 0.45:
        yearly = rng.choice([1, 3, 5, 7, 7, 10, 10, 10, 25, 99])
        months = [0] if rng.random() < 0.7 else sorted(rng.sample(range(12), 2))
        if sched_days is not None or rng.random() < 0.6:
            on = on_weeks_days(rng, st, sched_days if sched_days is not None else range(7))
        else:
            on = on_day_of_month(rng)
        clauses.append((f"keep yearly {dur(st, yearly, 'y')} in {months_text(st, months)} {on}", "yearly"))

    # archive tiering (rules E2, E3, E5)
    longest = max(monthly or 0, 12 * (yearly or 0))
    if longest and (full or rng.random() < 0.5):
        kinds = [] if full else ["never"]
        if longest >= 9:
            kinds.append("recommended")
        if longest >= 9:
            kinds += ["after", "after"]
        kind = rng.choice(kinds)
        if kind == "after":
            n = rng.choice([3, 3, 3, 6, 12, 24])
            while n + 6 > longest:
                n //= 2
            n = max(n, 3)
            clauses.append((f"archive after {dur(st, n, 'm')}", "archive"))
        else:
            clauses.append((f"archive {kind}", "archive"))
    elif rng.random() < 0.05:
        clauses.append(("archive never", "archive"))

    if rng.random() < 0.04:
        sfx = f' suffix "-{region}"' if rng.random() < 0.5 else ""
        clauses.append((f'snapshot resource-group "rg-{env}-snap-"{sfx}', None))
    if enhanced and rng.random() < 0.03:
        clauses.append(("consistency crash", None))

    head = None
    if st.header:
        head = rng.choice(HEADERS).format(env=env, role=role, region=region, tier=rng.randint(0, 3),
                                          num=rng.randint(0, 9999999), year=rng.randint(2021, 2025),
                                          month=rng.randint(1, 12), rpo=rng.choice(["4h", "12h", "24h"]))
    return st, name, quoted, head, clauses


def render(rng, st, name, quoted, head, clauses):
    nl = "\r\n" if st.crlf else "\n"
    title = f'"{name}"' if quoted else name
    out = []
    if head:
        out.append(head + nl)
    if st.oneline:
        out.append(f"policy {title} {{ " + " ".join(c for c, _ in clauses) + " }" + nl)
        return "".join(out)
    out.append(f"policy {title} {{" + nl)
    width = max(len(c) for c, _ in clauses) + 2 if st.align else 0
    for i, (c, key) in enumerate(clauses):
        line = st.indent + c
        if st.trailing and key in TRAILING and rng.random() < 0.5:
            cm = rng.choice(TRAILING[key])
            pad = " " * (width - len(c)) if st.align else "  "
            line += pad + cm
        out.append(line + nl)
        if st.blank and key == "sched" and i + 1 < len(clauses):
            out.append(nl)
    out.append("}" + nl)
    return "".join(out)


ONE = """# prod-vms.bkp — one policy, as a user writes it
policy prod-vms {{
    enhanced
{tz}    every 4h from 08:00 for 24h
    keep snapshots 10d
    keep daily 180d
    keep weekly 12w on sun
    keep monthly 60m on first sun
    keep yearly 10y in jan on first sun
    archive after 3m
}}
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", "--count", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--one", help="also write a one-policy file (UTC)")
    ap.add_argument("--one-tz", help='also write a one-policy file in "India Standard Time"')
    ap.add_argument("--full", action="store_true",
                    help="full policies: enhanced, every tier, archive, mostly not in UTC")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    parts = [f"# bkpc benchmark corpus, seed {args.seed} (bench/gen-corpus.py)\n\n"]
    for i in range(1, args.count + 1):
        st, name, quoted, head, clauses = policy(rng, i, args.full)
        parts.append(render(rng, st, name, quoted, head, clauses))
        if rng.random() < 0.5:
            parts.append("\n")
    data = "".join(parts).encode("utf-8")
    if args.output == "-":
        sys.stdout.buffer.write(data)
    else:
        with open(args.output, "wb") as f:
            f.write(data)
    if args.one:
        with open(args.one, "w", encoding="utf-8") as f:
            f.write(ONE.format(tz=""))
    if args.one_tz:
        with open(args.one_tz, "w", encoding="utf-8") as f:
            f.write(ONE.format(tz='    timezone "India Standard Time"\n'))
    print(f"gen-corpus: {args.count} policies, {len(data)} bytes "
          f"({len(data) / args.count:.0f} bytes each)", file=sys.stderr)


if __name__ == "__main__":
    main()
