#!/usr/bin/env python3
"""Every fact of the interpreter's text output is in its JSON output.

usage: text-facts.py [--self-test] LIST

LIST has one case a line, tab-separated: NAME, the command (explain, next,
simulate or diff), the file of its text output and the file of its JSON
output.

The text is read closed-world: every statement of it (a labelled block of
`explain`, a line of `next` and `simulate`) must match one of the forms
below, and each form says which JSON values hold its facts (numbers, dates,
times, names, flags) and checks them. A statement no form knows is a
failure, so a fact added to the text and not to the JSON fails here until
both carry it. Prints `PASS NAME` or `FAIL NAME`, then the missing facts
indented, for each case; exit status 1 if a case failed, 2 on an unreadable
LIST.

--self-test alters each JSON in ways the text would show (a promise step
dropped, a count changed, a flag flipped, ...): a case passes if its
unaltered JSON passes and every alteration that applies to it is caught.
"""
import copy
import datetime
import json
import re
import sys

WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKS = ["first", "second", "third", "fourth", "last"]
MINUTES = {"minute": 1, "hour": 60, "day": 1440, "week": 10080}
WHY = ["snapshot", "daily", "weekly", "monthly", "yearly"]
NOUN = {"snapshots": "snapshot", "daily points": "daily", "weekly points": "weekly",
        "monthly points": "monthly", "yearly points": "yearly", "all backups": "snapshot"}
DST_NOTE = ("* daylight saving time is in force: Azure does not move backups for it "
            "(bkpc explain-rule A8), so they keep their UTC time and the clocks read the written "
            "time plus the DST amount. See docs/semantics.md.")
ARCHIVE_NOTE = ("archive recommended: every eligible point is shown in vault-archive; Azure moves "
                "only those its recommendation picks from the VM's churn (docs/semantics.md)")


class Check:
    """Collects the facts that are not in the JSON."""

    def __init__(self):
        self.missing = []

    def eq(self, what, got, want):
        if got != want:
            self.missing.append("%s: the text says %r, the JSON has %r" % (what, want, got))

    def true(self, what, cond):
        if not cond:
            self.missing.append(what)

    def unknown(self, what, text):
        self.missing.append("%s not understood: %r" % (what, text))


def get(d, *path):
    """d[path...], or None where a key or index is missing."""
    for k in path:
        if isinstance(d, dict):
            d = d.get(k)
        elif isinstance(d, list) and isinstance(k, int) and -len(d) <= k < len(d):
            d = d[k]
        else:
            return None
    return d


def span(text):
    """'4 hours' -> 240 (minutes)."""
    n, unit = text.split()
    return int(n) * MINUTES[unit.rstrip("s")]


def keep(text):
    """'60 months' -> {"count": 60, "unit": "months"}."""
    n, unit = text.split()
    return {"count": int(n), "unit": unit if unit.endswith("s") else unit + "s"}


def names(text, vocabulary):
    """'Sunday, Monday and Friday' (any spelling) -> ["Sunday", "Monday", "Friday"]."""
    out = []
    for word in re.split(r",\s*|\s+and\s+|\s+", text.strip()):
        if not word:
            continue
        hit = [v for v in vocabulary if v.lower() == word.lower() or v[:3].lower() == word.lower()]
        out.append(hit[0] if hit else "?" + word)
    return out


def clock(text):
    """'2026-03-15 08:00' -> '2026-03-15T08:00'."""
    return text.replace(" ", "T")


def weekday(date):
    y, m, d = (int(x) for x in date.split("-")[-3:])
    return WEEKDAYS[(datetime.date(y, m, d).weekday() + 1) % 7]


def squeeze(s):
    return re.sub(r" +", " ", s or "")


def fullmatch(c, what, pattern, text):
    m = re.fullmatch(pattern, text)
    if not m:
        c.unknown(what, text)
    return m


# --- explain ------------------------------------------------------------------------

def blocks(text):
    """The statements of explain: the policy line, then each label's block
    (its wrapped lines joined by single spaces)."""
    lines = text.rstrip("\n").split("\n")
    out = [("policy", lines[0])]
    for line in lines[1:]:
        if not line.strip():
            continue
        if line[:14].strip():
            out.append((line[:14].strip(), line[14:].strip()))
        elif len(out) > 1:
            out[-1] = (out[-1][0], out[-1][1] + " " + line.strip())
        else:
            out.append(("?", line))
    return [(k, re.sub(r" +", " ", v)) for k, v in out]


def ex_policy(c, j, t):
    m = fullmatch(c, "policy line", r"policy (\S+)( \(named after the file\))?", t)
    if m:
        c.eq("policy", j.get("policy"), m.group(1))
        c.eq("named_after_file", j.get("named_after_file"), bool(m.group(2)))


def ex_promise(c, j, t):
    m = fullmatch(c, "promise", r"Restore (.*)\.", t)
    if not m:
        return
    steps = re.split(r", | and (?=to within)", m.group(1))
    got = j.get("promise") or []
    c.eq("promise steps", len(got), len(steps))
    for i, s in enumerate(steps):
        p = fullmatch(c, "promise step", r"to within (\d+ \w+) for (\d+ \w+) \((snapshots|\w+ points)\)", s)
        if p:
            c.eq("promise[%d].worst_case_minutes" % i, get(got, i, "worst_case_minutes"), span(p.group(1)))
            c.eq("promise[%d].for" % i, get(got, i, "for"), keep(p.group(2)))
            c.eq("promise[%d].points" % i, get(got, i, "points"), NOUN[p.group(3)])


def ex_type(c, j, t):
    m = fullmatch(c, "type", r"(enhanced|standard) \((V1|V2)\)( \(default\))?", t)
    if m:
        c.eq("type.name", get(j, "type", "name"), m.group(1))
        c.eq("type.policyType", get(j, "type", "policyType"), m.group(2))
        c.eq("type.default", get(j, "type", "default"), bool(m.group(3)))


ZONE = (r"(?:UTC|(?P<win>.+?), UTC(?P<off>[+-]\d\d:\d\d))(?P<d> \(default\))?"
        r"(?: written \"(?P<written>.*)\", mapped to the Windows id Azure wants)?"
        r"(?: rules from the tz database zone (?P<iana>\S+))?"
        r"(?: no daylight saving time in the year from (?P<at>\S+ \S+)"
        r"| daylight saving time \(UTC(?P<dstoff>[+-]\d\d:\d\d)\)(?: (?P<sf>since|from) (?P<start>\S+ \S+))?"
        r"(?: until (?P<end>\S+ \S+))?: Azure does not move backups for it \(bkpc explain-rule A8\), so they keep"
        r" their UTC time and the clocks read (?P<amt>\d+ \w+) (?P<dir>later|earlier) than written while it"
        r" lasts\.)")


def ex_zone(c, j, t):
    m = fullmatch(c, "time zone", ZONE, t)
    if not m:
        return
    z = j.get("timezone") or {}
    c.eq("timezone.windows", z.get("windows"), m.group("win") or "UTC")
    if m.group("off"):
        c.eq("timezone.standard_offset", z.get("standard_offset"), m.group("off"))
    c.eq("timezone.default", z.get("default"), bool(m.group("d")))
    c.eq("timezone.mapped", z.get("mapped"), m.group("written") is not None)
    if m.group("written") is not None:
        c.eq("timezone.written", squeeze(z.get("written")), m.group("written"))
    if m.group("iana"):
        c.eq("timezone.iana", z.get("iana"), m.group("iana"))
    if m.group("at"):
        c.eq("timezone.dst", z.get("dst"), None)
        c.true("at.local %s" % m.group("at"), str(get(j, "at", "local")).startswith(clock(m.group("at"))))
        return
    dst = z.get("dst") or {}
    c.true("timezone.dst", bool(dst))
    amount = span(m.group("amt")) * (1 if m.group("dir") == "later" else -1)
    c.eq("dst.amount_minutes", dst.get("amount_minutes"), amount)
    c.true("dst offset UTC%s" % m.group("dstoff"), str(get(dst, "start", "local") or get(dst, "end", "local_before"))
           .endswith(m.group("dstoff")))
    for key in ("start", "end"):
        if m.group(key):
            c.true("dst.%s.local_before %s" % (key, m.group(key)),
                   str(get(dst, key, "local_before")).startswith(clock(m.group(key))))
        else:
            c.eq("dst.%s" % key, dst.get(key), None)
    if m.group("sf"):
        c.eq("dst start before --at (since)", get(dst, "start", "utc") <= get(j, "at", "utc"),
             m.group("sf") == "since")


def ex_snapshots(c, j, t):
    m = fullmatch(c, "snapshots",
                  r"(?:crash-consistent across all disks \((?P<c>\w+)\)|application-consistent(?P<cd> \(default\))?)"
                  r" (?:kept in resource groups named with the prefix \"(?P<pre>.*?)\""
                  r"(?: and the suffix \"(?P<suf>.*)\")?"
                  r"|in Azure's default resource group \(AzureBackupRG_\.\.\.\)(?P<rgd> \(default\))?)", t)
    if not m:
        return
    s = get(j, "retention", "snapshots") or {}
    c.eq("snapshots.consistency", s.get("consistency"), m.group("c") or "ApplicationConsistent")
    if not m.group("c"):
        c.eq("snapshots.consistency_default", s.get("consistency_default"), bool(m.group("cd")))
    rg = s.get("resource_group")
    if m.group("pre") is None:
        c.eq("snapshots.resource_group", rg, None)
        c.eq("snapshot resource group default", any(d.get("field") == "snapshot_resource_group"
                                                    for d in j.get("defaults") or []), bool(m.group("rgd")))
    else:
        c.eq("resource_group.prefix", squeeze(get(rg, "prefix")), m.group("pre"))
        if m.group("suf") is not None:
            c.eq("resource_group.suffix", squeeze(get(rg, "suffix")), m.group("suf"))


RUNS = r"(?:\d\d:\d\d(?:[+-]\d)?(?: |(?=$)))+"
SCHEDULE = (r"(?:every (?P<ih>\d+) hours from (?P<ws>\d\d:\d\d) for (?P<wh>\d+) hours|daily at (?P<t>\d\d:\d\d)"
            r"|weekly on (?P<days>.+?) at (?P<wt>\d\d:\d\d)): (?P<n>\d+) backups? a (?P<per>day|week)"
            r" local (?P<local>" + RUNS + r") ?UTC (?P<utc>" + RUNS + r")"
            r"(?: ?\((?P<legend>[^;)]*)(?:; in UTC: (?P<udays>[^)]+))?\))?"
            r" ?(?:The last backup of each window, (?P<vt>\d\d:\d\d)(?P<vn>\+1)?, is transferred to the vault;"
            r" the others stay snapshots only \(bkpc explain-rule B12\)\.(?P<cnt> Retention rules count it as the point"
            r" of the day its window opened\.)?|Each backup is a snapshot first, then transferred to the vault\.)")
LEGENDS = {"+1/+2: one/two days after the schedule's day": {1, 2}, "+1: the day after the schedule's day": {1},
           "-1: the day before the schedule's day": {-1},
           "+1/-1: the day after/before the schedule's day": {1, -1}}


def ex_schedule(c, j, t):
    m = fullmatch(c, "schedule", SCHEDULE, t)
    if not m:
        return
    s = j.get("schedule") or {}
    if m.group("ih"):
        c.eq("schedule.interval_hours", s.get("interval_hours"), int(m.group("ih")))
        c.eq("schedule.window_start", s.get("window_start"), m.group("ws"))
        c.eq("schedule.window_hours", s.get("window_hours"), int(m.group("wh")))
    else:
        c.eq("schedule.time", s.get("time"), m.group("t") or m.group("wt"))
    if m.group("days"):
        c.eq("schedule.days", s.get("days"), names(m.group("days"), WEEKDAYS))
    c.eq("schedule backups a " + m.group("per"),
         s.get("backup_days_per_week" if m.group("per") == "week" else "backups_per_day"), int(m.group("n")))
    runs = s.get("runs") or []
    local, utc = m.group("local").split(), m.group("utc").split()
    c.eq("schedule.runs", len(runs), len(local))
    shifts = set()
    for i, (lo, ut) in enumerate(zip(local, utc)):
        c.eq("runs[%d].local" % i, get(runs, i, "local"), lo[:5])
        c.eq("runs[%d].next_day" % i, get(runs, i, "next_day"), lo[5:] == "+1")
        c.eq("runs[%d].utc" % i, get(runs, i, "utc"), ut[:5])
        c.eq("runs[%d].utc_day" % i, get(runs, i, "utc_day"), int(ut[5:] or 0))
        shifts |= {int(x[5:]) for x in (lo, ut) if x[5:]}
    if m.group("legend") is not None:
        c.true("legend %r" % m.group("legend"), LEGENDS.get(m.group("legend")) == shifts)
    if m.group("udays"):
        c.eq("schedule.utc_days", s.get("utc_days"), names(m.group("udays"), WEEKDAYS))
    if m.group("vt"):
        vault = [r for r in runs if r.get("to_vault")]
        c.true("the vault run %s%s" % (m.group("vt"), m.group("vn") or ""),
               len(vault) == 1 and vault[0].get("local") == m.group("vt")
               and vault[0].get("next_day") == bool(m.group("vn")) == bool(m.group("cnt")))
    else:
        c.true("every backup to the vault", all(r.get("to_vault") for r in runs))


def longterm_on(c, what, rule, on):
    """'the first and third Saturday' / 'days 1, 15 and last'."""
    if on.startswith("the "):
        words = names(on[4:], [w.capitalize() for w in WEEKS] + WEEKDAYS)
        c.eq(what + ".weeks_of_month", rule.get("weeks_of_month"), [w for w in words if w.lower() in WEEKS])
        c.eq(what + ".days_of_week", rule.get("days_of_week"), [w for w in words if w in WEEKDAYS])
        return
    d = fullmatch(c, what + " days", r"days? (.+)", on)
    if d:
        c.eq(what + ".days_of_month", rule.get("days_of_month"),
             [int(x) if x.isdigit() else "Last" for x in re.split(r", | and ", d.group(1))])


def ex_retention(c, j, t):
    tail = " A point kept by several rules is one recovery point, kept until the last of them expires."
    if not t.endswith(tail):
        c.unknown("retention", t)
        return
    r = j.get("retention") or {}
    rows = re.split(r" (?=(?:daily|weekly|monthly|yearly) \d+ (?:days?|weeks?|months?|years?) )", t[:-len(tail)])
    for row in rows:
        m = fullmatch(c, "retention row", r"(snapshots|daily|weekly|monthly|yearly) (\d+) (\w+) (.*)", row)
        if not m:
            continue
        kind, n, unit, what = m.group(1), int(m.group(2)), m.group(3), m.group(4)
        x = r.get(kind) or {}
        c.eq("retention.%s count" % kind, x.get(unit if unit.endswith("s") else unit + "s"), n)
        if kind == "snapshots":
            w = fullmatch(c, "retention snapshots", r"every backup, in the snapshot tier( \(default\))?", what)
            c.eq("snapshots.default", x.get("default"), bool(w and w.group(1)))
        elif kind == "daily":
            w = fullmatch(c, "retention daily", r"every vault point( \(default\))?", what)
            c.eq("daily.default", x.get("default"), bool(w and w.group(1)))
        elif kind == "weekly":
            w = fullmatch(c, "retention weekly", r"the vault points of (.+?)( \(default\)| \(days: default\))?", what)
            if w:
                c.eq("weekly.days_of_week", x.get("days_of_week"), names(w.group(1), WEEKDAYS))
                c.eq("weekly.default", x.get("default"), w.group(2) == " (default)")
                c.eq("weekly.days_default", x.get("days_default"), w.group(2) is not None)
        elif kind == "monthly":
            w = fullmatch(c, "retention monthly", r"the vault points of (.+) of each month: (\d+) calendar months",
                          what)
            if w:
                longterm_on(c, "monthly", x, w.group(1))
                c.eq("monthly.kept_months", x.get("kept_months"), int(w.group(2)))
        else:
            w = fullmatch(c, "retention yearly", r"the vault points of (.+) in (.+): calendar years", what)
            if w:
                longterm_on(c, "yearly", x, w.group(1))
                c.eq("yearly.months_of_year", x.get("months_of_year"), names(w.group(2), MONTHS))


def ex_rpo(c, j, t):
    head = "worst-case data loss: the longest gap between two points of a kind"
    rows = re.findall(r" (all backups|\w+ points) (\d+ \w+) while kept, (\d+ \w+)", t[len(head):])
    if not t.startswith(head) or " ".join(["%s %s while kept, %s" % r for r in rows]) != t[len(head) + 1:]:
        c.unknown("RPO", t)
        return
    for what, gap, kept in rows:
        kind, k = NOUN[what], keep(kept)
        r = get(j, "rpo", kind) or {}
        c.eq("rpo.%s.worst_case_minutes" % kind, r.get("worst_case_minutes"), span(gap))
        if k["unit"] in ("months", "years"):
            c.eq("rpo.%s.kept_%s" % (kind, k["unit"]), r.get("kept_" + k["unit"]), k["count"])
        else:
            c.eq("rpo.%s.kept_days" % kind, r.get("kept_days"), k["count"] * (7 if k["unit"] == "weeks" else 1))


TIERING = (r"(?:archive after (?P<n>\d+) months \((?P<after>TierAfter)\): |archive recommended \((?P<rec>"
           r"TierRecommended)\): Azure moves the points its recommendation picks from the VM's churn, which bkpc"
           r" cannot know; it shows every eligible point as moved: )a monthly or yearly point moves to vault-archive"
           r" (?P<age>\d+) months after it is taken, once no daily or weekly rule keeps it, if (?P<left>\d+) months"
           r" of its retention are left then; else it stays in vault-standard\. Daily and weekly points are never"
           r" archived\.(?P<here>(?: Here .*)?)")
AGE = r"(?:(?P<m>\d+) months old|(?P<d>\d+) days old|(?P<mm>\d+) months or (?P<dd>\d+) days old, whichever is later)"
SOME = r"(?P<some>; those with less than 6 months of retention left then never move)?"


def age_ok(cls, m, g=""):
    """Whether class cls moves as the AGE match m (groups suffixed g) says."""
    if m.group("m" + g):
        return cls.get("when") == "age" and cls.get("age_months") == int(m.group("m" + g))
    if m.group("d" + g):
        return cls.get("when") == "release" and cls.get("release_days") == int(m.group("d" + g))
    return (cls.get("when") == "later" and cls.get("age_months") == int(m.group("mm" + g))
            and cls.get("release_days") == int(m.group("dd" + g)))


def archive_pred(c, classes, kind, pred):
    """One 'Here ... points PRED' sentence against the classes of kind."""
    cls = [x for x in classes if x.get("kind") == kind]
    plain = [x for x in cls if not x.get("weekly_keeps")]
    weekly = [x for x in cls if x.get("weekly_keeps")]
    what = "archive %s: %r" % (kind, pred)
    if pred == "never move: less than 6 months of retention would be left.":
        c.true(what, cls and all(x.get("moves") == "none" for x in cls))
        return
    m = re.fullmatch(r"move only if the weekly rule keeps them, when " + AGE + SOME + r"; the others never move\.",
                     pred)
    if m:
        c.true(what, plain and weekly and all(x.get("moves") == "none" for x in plain)
               and all(age_ok(x, m) and (x.get("moves") == "some") == bool(m.group("some")) for x in weekly))
        return
    m = re.fullmatch(r"move when " + AGE + r"(?P<rel>, once the (?P<by>daily|weekly) rule releases them)?"
                     r"(?P<except>, except those the weekly rule keeps, which never move)?"
                     r"(?: \((?:(?P<m2>\d+) months old|(?P<d2>\d+) days old|(?P<mm2>\d+) months or (?P<dd2>\d+) days"
                     r" old, whichever is later) if the weekly rule keeps them\))?" + SOME + r"\.", pred)
    if not m:
        c.unknown("archive sentence", pred)
        return
    first = plain or cls
    c.true(what, len(first) == 1 and age_ok(first[0], m) and first[0].get("moves") != "none")
    if m.group("by"):
        c.true(what + " (released by)", first and first[0].get("released_by") == m.group("by"))
    others = weekly if plain else []
    if m.group("except"):
        c.true(what + " (weekly: never)", others and all(x.get("moves") == "none" for x in others))
    elif m.group("m2") or m.group("d2") or m.group("mm2"):
        c.true(what + " (weekly)", others and all(age_ok(x, m, "2") for x in others))
    else:
        c.true(what + " (weekly: the same)", all(age_ok(x, m) for x in others))
    c.eq(what + " (some never move)", any(x.get("moves") == "some" for x in cls), bool(m.group("some")))


def ex_tiering(c, j, t):
    a = j.get("archive") or {}
    m = re.fullmatch(r"none: vault points stay in vault-standard \((DoNotTier|archive never)\)( \(default\))?", t)
    if m:
        c.eq("archive.mode", a.get("mode"), "DoNotTier")
        c.eq("archive.default", a.get("default"), bool(m.group(2)))
        c.eq("archive.default (DoNotTier)", a.get("default"), m.group(1) == "DoNotTier")
        return
    m = fullmatch(c, "tiering", TIERING, t)
    if not m:
        return
    c.eq("archive.mode", a.get("mode"), m.group("after") or m.group("rec"))
    if m.group("n"):
        c.eq("archive.months", a.get("months"), int(m.group("n")))
    c.eq("archive.min_age_months", a.get("min_age_months"), int(m.group("age")))
    c.eq("archive.min_left_months", a.get("min_left_months"), int(m.group("left")))
    classes = a.get("classes") or []
    said = set()
    for kinds, pred in re.findall(r" Here (monthly and yearly|monthly|yearly) points (.*?)(?= Here |$)",
                                  m.group("here")):
        for kind in kinds.split(" and "):
            said.add(kind)
            archive_pred(c, classes, kind, pred)
    c.eq("archive.classes kinds", sorted({x.get("kind") for x in classes}), sorted(said))


DEFAULTS = [
    (r"type (enhanced|standard)", "type", lambda d, m: d.get("name") == m.group(1)),
    (r"time zone (.+)", "timezone", lambda d, m: d.get("windows") == m.group(1)),
    (r"snapshots (\d+) days", "snapshots", lambda d, m: d.get("days") == int(m.group(1))),
    (r"daily (\d+) days", "daily", lambda d, m: d.get("days") == int(m.group(1))),
    (r"weekly (\d+) weeks on (.+)", "weekly",
     lambda d, m: d.get("weeks") == int(m.group(1)) and d.get("days_of_week") == names(m.group(2), WEEKDAYS)),
    (r"weekly on (.+)", "weekly_days", lambda d, m: d.get("days_of_week") == names(m.group(1), WEEKDAYS)),
    (r"no archive tiering", "archive", lambda d, m: d.get("mode") == "DoNotTier"),
    (r"application-consistent snapshots", "consistency",
     lambda d, m: d.get("consistency") == "ApplicationConsistent"),
    (r"the default snapshot resource group", "snapshot_resource_group",
     lambda d, m: "resource_group" in d and d["resource_group"] is None),
]


def ex_defaults(c, j, t):
    got = j.get("defaults")
    if t == "none: every value is written":
        c.eq("defaults", got, [])
        return
    items = t.split("; ")
    c.eq("defaults count", len(got or []), len(items))
    for item in items:
        for pattern, field, ok in DEFAULTS:
            m = re.fullmatch(pattern, item)
            if m:
                c.true("default %r" % item, any(d.get("field") == field and ok(d, m) for d in got or []))
                break
        else:
            c.unknown("default", item)


FIELD_KEYS = {"policy type": "type", "time zone": "timezone", "schedule": "schedule",
              "snapshot retention": "snapshots", "daily retention": "daily", "weekly retention": "weekly",
              "monthly retention": "monthly", "yearly retention": "yearly", "archive tiering": "archive",
              "snapshot resource group": "snapshot_resource_group", "snapshot consistency": "consistency"}


def ex_from(c, j, t):
    """made from template T; the policy: a, b; template U (FILE): c; defaults: d"""
    groups = t.split("; ")
    m = fullmatch(c, "from", r"made from template (\S+)", groups[0])
    if m:
        c.eq("template", j.get("template"), m.group(1))
    got = j.get("sources") or []
    seen = 0
    for g in groups[1:]:
        m = fullmatch(c, "from group", r"(the policy|defaults|template (\S+) \((.+)\)): (.+)", g)
        if not m:
            continue
        for name in m.group(4).split(", "):
            key = FIELD_KEYS.get(name)
            if key is None:
                c.unknown("field", name)
                continue
            seen += 1
            want = {"from": "policy"} if m.group(1) == "the policy" else {"from": "default"} \
                if m.group(1) == "defaults" else {"from": "template", "template": m.group(2), "file": m.group(3)}
            c.true("source of %s: %r" % (name, want),
                   any(x.get("field") == key and all(x.get(k) == v for k, v in want.items()) for x in got))
    c.eq("sources count", len(got), seen)


def ex_requires(c, j, t):
    """REQ [(template T)]; ...: each must hold at every moment (bkpc check proves it)"""
    m = fullmatch(c, "requires", r"(.+): each must hold at every moment \(bkpc check proves it\)", t)
    if not m:
        return
    got = j.get("requirements") or []
    items = m.group(1).split("; ")
    c.eq("requirements count", len(got), len(items))
    for i, item in enumerate(items):
        r = re.fullmatch(r"(.+?)(?: \(template (\S+)\))?", item)
        c.eq("requirements[%d].require" % i, get(got, i, "require"), r.group(1))
        c.eq("requirements[%d].template" % i, get(got, i, "template"), r.group(2))


def ex_storage(c, j, t):
    m = fullmatch(c, "storage", r"(\d+) snapshots? a (day|week); in steady state (\d+) points? in snapshot, (\d+) in "
                  r"vault-standard and (\d+) in vault-archive: what storage cost follows \(bkpc cost\)\.", t)
    if not m:
        return
    st = j.get("storage") or {}
    c.eq("storage.snapshots", st.get("snapshots"), int(m.group(1)))
    c.eq("storage.per", st.get("per"), m.group(2))
    for i, tier in enumerate(["snapshot", "vault-standard", "vault-archive"]):
        c.eq("storage.steady_points." + tier, get(st, "steady_points", tier), int(m.group(3 + i)))


EXPLAIN = {"policy": ex_policy, "promise": ex_promise, "type": ex_type, "time zone": ex_zone,
           "snapshots": ex_snapshots, "schedule": ex_schedule, "retention": ex_retention, "RPO": ex_rpo,
           "tiering": ex_tiering, "storage": ex_storage, "defaults": ex_defaults, "from": ex_from,
           "requires": ex_requires}


def explain(c, text, j):
    seen = []
    for label, body in blocks(text):
        seen.append(label)
        if label in EXPLAIN:
            EXPLAIN[label](c, j, body)
        else:
            c.unknown("explain block", "%s %s" % (label, body))
    # "from" (a policy made from a template) and "requires" come only when they apply
    want = [k for k in EXPLAIN if k in seen or k not in ("from", "requires")]
    c.true("the blocks of explain, once each, in order: %s" % seen, seen == want)
    c.eq("from (made from a template)", "from" in seen, "template" in j)
    c.eq("requires (requirements)", "requires" in seen, "requirements" in j)


# --- next and simulate ------------------------------------------------------------------

def kept(c, what, item, text):
    """'snapshot, daily, weekly (of Sun 03-29)'."""
    m = fullmatch(c, what + " kept as", r"([a-z, ]+?)(?: \(of (\w{3}) (\d\d-\d\d)\))?", text)
    if not m:
        return
    c.eq(what + ".kept_as", item.get("kept_as"), m.group(1).split(", "))
    day = item.get("schedule_day") or ""
    if m.group(2):
        c.true(what + " counted for %s %s" % (m.group(2), m.group(3)),
               day.endswith("-" + m.group(3)) and weekday(day)[:3] == m.group(2))
    elif item.get("to_vault") and set(item.get("kept_as") or []) - {"snapshot"}:
        c.true(what + " counted for its own date", str(get(item, "time", "local")).startswith(day))


def when(c, what, inst, local, offset, utc):
    """An instant: its local clock (and offset) and UTC."""
    c.true("%s.local %s %s" % (what, local, offset or ""), str(get(inst, "local")).startswith(clock(local))
           and str(get(inst, "local")).endswith(offset or ""))
    if utc:
        c.true("%s.utc %s" % (what, utc), str(get(inst, "utc")).startswith(clock(utc)))


CLOCK = r"(?P<l>\S+ \d\d:\d\d) \(UTC(?P<o>[+-]\d\d:\d\d)\) = (?P<u>\S+ \d\d:\d\d)Z"


def header(c, what, j, key, line, pattern):
    """A first line: the policy (if pattern has it) and an instant."""
    m = fullmatch(c, what, pattern, line)
    if m:
        if "policy" in m.groupdict():
            c.eq("policy", j.get("policy"), m.group("policy"))
        when(c, key, j.get(key), *m.group("l", "o", "u"))
    return m


def notes(c, lines, shifted, assumed=None):
    """The notes under a table: a DST note iff a row is shifted; simulate's
    archive note iff archive_assumed."""
    text = " ".join(squeeze(x.strip()) for x in lines if x.strip())
    if assumed is not None:
        c.eq("summary.archive_assumed", assumed, text.startswith(ARCHIVE_NOTE))
        if assumed and text.startswith(ARCHIVE_NOTE):
            text = text[len(ARCHIVE_NOTE):].strip()
    c.eq("a row shifted by DST", shifted, text == DST_NOTE)
    if text not in ("", DST_NOTE):
        c.unknown("note", text)


ROW = r"  (\w{3}) (\S+) (\d\d:\d\d)"


def next_(c, text, j):
    lines = text.rstrip("\n").split("\n")
    m = header(c, "next header", j, "from", lines[0], r"next (\d+) backups? of (?P<policy>\S+) from " + CLOCK)
    backups = j.get("backups") or []
    if m:
        c.eq("backups", len(backups), int(m.group(1)))
    h = fullmatch(c, "next table header", r"  local \((.+?)\) +UTC +vault +kept as",
                  lines[2] if len(lines) > 2 else "")
    if h:
        c.eq("timezone", j.get("timezone"), h.group(1))
    rows = lines[3:lines.index("", 3)] if "" in lines[3:] else lines[3:]
    c.eq("backup rows", len(backups), len(rows))
    for i, row in enumerate(rows):
        r = fullmatch(c, "next row", ROW + r" ([+-]\d\d:\d\d)( \*)? +(\S+ \S+)Z +(vault|-) +(.+)", row)
        b = get(backups, i) or {}
        if r:
            when(c, "backups[%d].time" % i, b.get("time"), r.group(2) + " " + r.group(3), r.group(4), r.group(6))
            c.eq("backups[%d] weekday" % i, weekday(r.group(2))[:3], r.group(1))
            c.eq("backups[%d].dst_shifted" % i, b.get("dst_shifted"), bool(r.group(5)))
            c.eq("backups[%d].to_vault" % i, b.get("to_vault"), r.group(7) == "vault")
            kept(c, "backups[%d]" % i, b, r.group(8))
            c.true("backups[%d].expires: one per rule" % i,
                   sorted(b.get("expires") or {}) == sorted(b.get("kept_as") or []))
    notes(c, lines[3 + len(rows):], any(b.get("dst_shifted") for b in backups))


def sim_rows(c, j, lines, i):
    """The table of points from lines[i] on; returns the index after it."""
    points = j.get("points") or []
    if lines[i] == "no recovery points":
        c.eq("points", points, [])
        return i + 1
    h = fullmatch(c, "simulate table header", r"  taken \((.+?)\) +UTC +tiers +expires \(local\) +kept as",
                  lines[i])
    if h:
        c.eq("timezone", j.get("timezone"), h.group(1))
    n = 0
    while i + 1 + n < len(lines) and lines[i + 1 + n].startswith("  "):
        r = fullmatch(c, "simulate row", ROW + r"( \*)? +(\S+ \S+)Z +(\S+) +(\S+ \d\d:\d\d) +(.+)", lines[i + 1 + n])
        p, what = get(points, n) or {}, "points[%d]" % n
        if r:
            when(c, what + ".time", p.get("time"), r.group(2) + " " + r.group(3), None, r.group(5))
            c.eq(what + " weekday", weekday(r.group(2))[:3], r.group(1))
            c.eq(what + ".dst_shifted", p.get("dst_shifted"), bool(r.group(4)))
            c.eq(what + ".tiers", p.get("tiers"), r.group(6).split("+"))
            when(c, what + ".expires", p.get("expires"), r.group(7), None, None)
            kept(c, what, p, r.group(8))
            c.true(what + ".rule_expires: one per rule",
                   sorted(p.get("rule_expires") or {}) == sorted(p.get("kept_as") or []))
        n += 1
    c.eq("point rows", len(points), n)
    return i + 1 + n


def simulate(c, text, j):
    lines = text.rstrip("\n").split("\n") + ["", "", "", ""]
    header(c, "simulate header", j, "at", lines[0], r"recovery points of (?P<policy>\S+) at " + CLOCK)
    m = header(c, "simulate since", j, "since", lines[1],
               r"if it has run since " + CLOCK + r"(?P<d>, long enough to fill every rule \(default\))?")
    if m:
        c.eq("since.default", get(j, "since", "default"), bool(m.group("d")))
    i = sim_rows(c, j, lines, 3)
    s = j.get("summary") or {}
    m = fullmatch(c, "simulate summary", r"(\d+) recovery points?: (\d+) in snapshot, (\d+) in vault-standard,"
                  r" (\d+) in vault-archive", lines[i + 1])
    if m:
        c.eq("summary.points", s.get("points"), int(m.group(1)))
        c.eq("summary.tiers", s.get("tiers"), dict(zip(["snapshot", "vault-standard", "vault-archive"],
                                                       (int(x) for x in m.group(2, 3, 4)))))
    k = fullmatch(c, "simulate kept as", r"kept as: (\d+) snapshot((?:, \d+ \w+)*)", lines[i + 2])
    if k:
        want = {w: 0 for w in WHY}
        want["snapshot"] = int(k.group(1))
        for n, w in re.findall(r", (\d+) (\w+)", k.group(2)):
            want[w] = int(n)
        c.eq("summary.kept_as", s.get("kept_as"), want)
    c.eq("the counting note", lines[i + 3], "(a point in two tiers, or kept for several reasons, counts in each)")
    notes(c, lines[i + 4:], s.get("dst_shifted", 0) > 0, s.get("archive_assumed"))


# --- diff ----------------------------------------------------------------------------------

DCLOCK = r"\d{4}-\d\d-\d\d \d\d:\d\d"
RANGE = r"(%s)(?: to (%s))?" % (DCLOCK, DCLOCK)
MOVES = {"move to vault-archive at once": "at_once", "move to vault-archive earlier": "earlier",
         "move to vault-archive later": "later", "no longer move to vault-archive": "no_longer",
         "newly move to vault-archive": "newly"}
DIFF_ASSUMED = ("archive recommended: every eligible point is counted as in or moving to vault-archive; "
                "Azure moves only those its recommendation picks from the VM's churn")
REFUSED = ("refused: Azure does not change a policy's type in place (A3); create the new policy under another "
           "name and move the VMs to it")
IRREVERSIBLE = "cannot be undone: a VM protected by an enhanced policy can never move to a standard one (A4)"
SHORTENS = "note: it shortens retention, which a vault with locked immutability refuses"


def local_is(c, what, inst, text):
    """An instant of the diff's text: its local clock."""
    c.true("%s %s" % (what, text), str(get(inst, "local")).startswith(clock(text)))


def dated(c, what, d, count, first, last):
    """A {count, first, last} set of the JSON against '..., A to B' of the text."""
    c.eq(what + ".count", get(d, "count"), count)
    local_is(c, what + ".first", get(d, "first"), first)
    local_is(c, what + ".last", get(d, "last"), last or first)


def diff_effect_line(c, e, line, seen):
    a = e.get("archive") or {}
    body = line.strip()
    m = re.fullmatch(r"deleted at once: (\d+) (\w+) points?, taken " + RANGE, body)
    if m:
        d = get(e, "deleted_by_kind", m.group(2))
        seen["kinds"].add(m.group(2))
        c.eq("deleted %s" % m.group(2), get(d, "count"), int(m.group(1)))
        local_is(c, "deleted oldest", get(d, "oldest"), m.group(3))
        local_is(c, "deleted newest", get(d, "newest"), m.group(4) or m.group(3))
        return
    m = re.fullmatch(r"deleted when their snapshots expire, by (%s): (\d+) more points? no rule keeps" % DCLOCK, body)
    if m:
        seen["deleted_with_snapshot"] = int(m.group(2))
        local_is(c, "deleted_with_snapshot_by", e.get("deleted_with_snapshot_by"), m.group(1))
        return
    m = re.fullmatch(r"snapshots removed at once: (\d+) \(those points stay in the vault\)", body)
    if m:
        seen["snapshots_dropped"] = int(m.group(1))
        return
    m = re.fullmatch(r"expire (earlier|later): (\d+) points?, by up to (\d+ \w+)", body)
    if m:
        seen["expire_" + m.group(1)] = int(m.group(2))
        c.eq("most_%s_seconds" % m.group(1), (e.get("most_%s_seconds" % m.group(1)) or 0) // 60,
             span(m.group(3)))
        return
    m = re.fullmatch(r"in vault-archive: (\d+) points?, which stay there \(Azure does not move points back to "
                     r"vault-standard\)(?:; (\d+) of them deleted at once)?", body)
    if m:
        seen["in_archive"] = int(m.group(1))
        seen["in_archive_deleted"] = int(m.group(2) or 0)
        return
    m = re.fullmatch(r"early deletion charged: (\d+) points? (deleted at once|now expire) less than 180 days after "
                     r"moving to vault-archive, moved " + RANGE, body)
    if m:
        key = "early_deletion_at_once" if m.group(2) == "deleted at once" else "early_deletion_later"
        seen[key] = 1
        dated(c, "archive." + key, a.get(key), int(m.group(1)), m.group(3), m.group(4))
        return
    m = re.fullmatch(r"(%s): (\d+) points?(?:, %s)?(?: \((?:was|were to move) %s\))?"
                     r"(?: \((\d+) were to move %s, (\d+) never\))?"
                     % ("|".join(MOVES), RANGE, RANGE, RANGE), body)
    if m:
        key = MOVES[m.group(1)]
        mv = get(a, "moves", key)
        seen["moves"].add(key)
        n = int(m.group(2))
        c.eq("moves.%s.count" % key, get(mv, "count"), n)
        if m.group(3):
            dated(c, "moves.%s.now" % key, get(mv, "now"), n, m.group(3), m.group(4))
        else:
            c.true("moves.%s: the text gives no new date" % key,
                   key == "at_once" or get(mv, "now", "count") == 0)
        if m.group(5):
            dated(c, "moves.%s.was" % key, get(mv, "was"), n, m.group(5), m.group(6))
        elif m.group(7):
            c.eq("moves.%s never" % key, n - (get(mv, "was", "count") or 0), int(m.group(10)))
            dated(c, "moves.%s.was" % key, get(mv, "was"), int(m.group(7)), m.group(8), m.group(9))
        else:
            c.eq("moves.%s.was.count" % key, get(mv, "was", "count"), 0)
        return
    if body == DIFF_ASSUMED:
        seen["assumed"] = True
        return
    if body == "none is deleted":
        seen["none"] = True
        return
    c.unknown("diff effect line", body)


def diff_effect(c, p, lines, i):
    """The effect block from lines[i] (its first line); returns the index after it."""
    e = p.get("effect") or {}
    m = fullmatch(c, "effect header", r"  the (\d+) recovery points? that exist at (%s) \((.+)\):" % DCLOCK, lines[i])
    if m:
        c.eq("effect.existing", e.get("existing"), int(m.group(1)))
        local_is(c, "at", p.get("at"), m.group(2))
    seen = {"kinds": set(), "moves": set()}
    i += 1
    while i < len(lines) and lines[i].startswith("    "):
        diff_effect_line(c, e, lines[i], seen)
        i += 1
    a = e.get("archive") or {}
    c.eq("effect.deleted_by_kind kinds", set(e.get("deleted_by_kind") or {}), seen["kinds"])
    c.eq("'none is deleted'", not e.get("deleted") and not e.get("deleted_with_snapshot"), "none" in seen)
    for k in ("deleted_with_snapshot", "snapshots_dropped", "expire_earlier", "expire_later"):
        c.eq("effect." + k, e.get(k), seen.get(k, 0))
    for k in ("in_archive", "in_archive_deleted"):
        c.eq("archive." + k, a.get(k), seen.get(k, 0))
    for k in ("early_deletion_at_once", "early_deletion_later"):
        if k not in seen:
            c.eq("archive.%s.count" % k, get(a, k, "count"), 0)
    c.eq("archive.moves kinds", set(a.get("moves") or {}), seen["moves"])
    c.eq("archive.moves_changed", a.get("moves_changed"),
         sum(get(a, "moves", k, "count") or 0 for k in seen["moves"]))
    c.eq("archive.assumed (shown)", bool(a.get("assumed")) and bool(a.get("in_archive") or a.get("moves_changed")),
         seen.get("assumed", False))
    m = fullmatch(c, "settled", r"  (?:fully in effect at (%s): the last point it changes expires or moves, and the "
                  r"rules it changed are full|in effect at once)" % DCLOCK, lines[i] if i < len(lines) else "")
    if m:
        settled = get(e, "settled", "utc") or ""
        if m.group(1):
            local_is(c, "settled", e.get("settled"), m.group(1))
            c.true("settled after at", settled > (get(p, "at", "utc") or ""))
        else:
            c.eq("settled at once", settled, get(p, "at", "utc"))
    return i + 1


VAULT_NOTE = ("note: Azure does not rename a vault or move it with its recovery points: if this names another "
              "vault, the points its VMs have so far stay in the old one")
UNPROTECTED = "its recovery points are kept or deleted as protection is stopped"
PROTECT_REFUSED = "refused: a VM protected by an enhanced policy can never move to a standard one (A4)"
UPGRADE = "cannot be undone: once protected by an enhanced policy, the VM can never go back to a standard one (A4)"
SAME_VALUES = "the two policies have the same values: its recovery points do not change"
VAULT_WORDS = {"name": "name", "resource group": "resource_group", "subscription": "subscription",
               "policies": "policies"}
VAULT_MOVE = ("note: Azure protects a VM in one vault at a time: its protection in the old vault must be stopped "
              "first, and the recovery points it has there stay there, kept or deleted as protection is stopped")


def diff_policy(c, p, m, lines, i):
    """A policy's block after its first line; returns the index after it."""
    c.eq("policy name", p.get("name"), m.group(1))
    c.eq("policy %s change" % m.group(1), p.get("change"), m.group(2))
    fields = p.get("fields") or []
    k = 0
    while i < len(lines) and re.match(r"  [a-z][^:]*: .* → ", lines[i]) and not lines[i].startswith("  note:"):
        f = fields[k] if k < len(fields) else {}
        c.eq("field line", "  %s: %s → %s" % (f.get("name"), f.get("old"), f.get("new")), lines[i])
        k += 1
        i += 1
    c.eq("fields of " + m.group(1), len(fields), k)
    for key, line in (("refused", REFUSED), ("irreversible", IRREVERSIBLE)):
        here = i < len(lines) and lines[i] == "  " + line
        c.eq(key, bool(p.get(key)), here)
        i += here
    if i < len(lines) and lines[i].startswith("  the "):
        i = diff_effect(c, p, lines, i)
    else:
        c.true("an effect the text does not show", "effect" not in p)
    here = i < len(lines) and lines[i] == "  " + SHORTENS
    c.eq("shortens_retention", bool(p.get("shortens_retention")), here)
    return i + here


def diff_vault(c, v, m, lines, i):
    side = v.get("new") if m.group(4) == "added" else v.get("old")
    c.eq("vault change", v.get("change"), m.group(4))
    c.eq("vault", [get(side, k) for k in ("name", "resource_group", "subscription")],
         [m.group(1), m.group(2), m.group(3)])
    seen = []
    while i < len(lines) and lines[i].startswith("  ") and not lines[i].startswith("  note:"):
        f = fullmatch(c, "vault field", r"  (name|resource group|subscription|policies): (.+) → (.+)", lines[i])
        if f:
            k = VAULT_WORDS[f.group(1)]
            seen.append(k)
            c.eq("vault %s old" % k, get(v, "old", k) or "none", f.group(2))
            c.eq("vault %s new" % k, get(v, "new", k) or "none", f.group(3))
        i += 1
    c.eq("vault fields", v.get("fields"), seen)
    here = i < len(lines) and lines[i] == "  " + VAULT_NOTE
    identity = set(v.get("fields") or []) & {"name", "resource_group", "subscription"}
    c.eq("vault note", v.get("change") == "changed" and bool(identity), here)
    return i + here


def diff_protect(c, p, m, lines, i):
    c.eq("protect", [p.get("vm"), p.get("resource_group"), p.get("change")], list(m.group(1, 2, 3)))
    rest = m.group(4) or ""
    if m.group(3) == "added":
        c.eq("newly protected by", get(p, "new", "policy"), re.sub(r"^: newly protected by ", "", rest))
    elif m.group(3) == "removed":
        c.eq("no longer protected", ": no longer protected (it was by %s); %s" % (get(p, "old", "policy"), UNPROTECTED),
             rest)
    else:
        c.eq("changed protect line", "", rest)
    seen = []
    while i < len(lines) and re.match(r"  (policy|disks|vault): ", lines[i]):
        f = fullmatch(c, "protect field", r"  (policy|disks|vault): (.+) → (.+)", lines[i])
        if f:
            seen.append(f.group(1))
            c.eq("protect %s" % f.group(1), [get(p, "old", f.group(1)) or "none", get(p, "new", f.group(1)) or "none"],
                 [f.group(2), f.group(3)])
        i += 1
    c.eq("protect fields", p.get("fields"), seen)
    here = i < len(lines) and lines[i] == "  " + VAULT_MOVE
    c.eq("protect vault note", "vault" in seen, here)
    i += here
    for key, line in (("refused", PROTECT_REFUSED), ("irreversible", UPGRADE)):
        here = i < len(lines) and lines[i] == "  " + line
        c.eq("protect " + key, bool(p.get(key)), here)
        i += here
    if i < len(lines) and lines[i].startswith("  the "):
        return diff_effect(c, p, lines, i)
    c.true("an effect the text does not show", "effect" not in p)
    here = i < len(lines) and lines[i] == "  " + SAME_VALUES
    fields = p.get("fields") or []
    c.eq("same values", "policy" in fields and "vault" not in fields and not p.get("refused"), here)
    return i + here


def diff(c, text, j):
    lines = text.rstrip("\n").split("\n") if text.strip() else []
    lists = {k: j.get(k) or [] for k in ("policies", "vaults", "protects")}
    c.eq("different", j.get("different"), any(lists.values()))
    n = {k: 0 for k in lists}
    forms = (("policies", r"policy (\S+): (added|removed|changed)", diff_policy),
             ("vaults", r"vault (\S+) \(resource group (\S+)(?:, subscription (\S+))?\): (added|removed|changed)",
              diff_vault),
             ("protects", r"protect vm (\S+) \(resource group (\S+)\): (added|removed|changed)(.*)", diff_protect))
    i = 0
    while i < len(lines):
        for key, pattern, fn in forms:
            m = re.fullmatch(pattern, lines[i])
            if m:
                item = lists[key][n[key]] if n[key] < len(lists[key]) else {}
                n[key] += 1
                i = fn(c, item, m, lines, i + 1)
                break
        else:
            c.unknown("diff line", lines[i])
            i += 1
    for k in lists:
        c.eq(k, len(lists[k]), n[k])


CHECKS = {"explain": explain, "next": next_, "simulate": simulate, "diff": diff}


def check(kind, text, doc):
    c = Check()
    try:
        CHECKS[kind](c, text, doc)
    except (IndexError, KeyError, TypeError, ValueError, AttributeError) as e:
        c.missing.append("cannot read the JSON where the text has a fact (%s: %s)" % (type(e).__name__, e))
    return c.missing


# --- alterations for --self-test ----------------------------------------------------------

def bump(d, key, by=1):
    d[key] += by


def flip(d, key):
    d[key] = not d.get(key)


def alterations(kind, doc):
    """(name, function that alters a copy) for the ones that apply to doc."""
    out = []

    def add(name, applies, fn):
        if applies:
            out.append((name, fn))

    if kind == "explain":
        runs = get(doc, "schedule", "runs") or []
        add("promise step dropped", doc.get("promise"), lambda d: d["promise"].pop())
        add("promise length", doc.get("promise"), lambda d: bump(d["promise"][0]["for"], "count"))
        add("named_after_file", True, lambda d: flip(d, "named_after_file"))
        add("mapped", True, lambda d: flip(d["timezone"], "mapped"))
        add("a default dropped", doc.get("defaults"), lambda d: d["defaults"].pop(0))
        add("utc_day", runs, lambda d: bump(d["schedule"]["runs"][-1], "utc_day", 3))
        add("utc_days", "utc_days" in doc["schedule"] and any(r["utc_day"] for r in runs),
            lambda d: d["schedule"].pop("utc_days"))
        add("dst local_before", get(doc, "timezone", "dst", "start"),
            lambda d: d["timezone"]["dst"]["start"].update(local_before="1999-01-01T00:00:00+00:00"))
        add("archive class moves", get(doc, "archive", "classes"),
            lambda d: d["archive"]["classes"][0].update(moves="none" if d["archive"]["classes"][0]["moves"] != "none"
                                                        else "all"))
        add("rpo", True, lambda d: bump(d["rpo"]["snapshot"], "worst_case_minutes", 60))
        add("a source's template", any(x.get("from") == "template" for x in doc.get("sources") or []),
            lambda d: [x.update(template="other") for x in d["sources"] if x.get("from") == "template"])
        add("a source dropped", doc.get("sources"), lambda d: d["sources"].pop())
        add("a requirement's template", doc.get("requirements"),
            lambda d: d["requirements"][0].update(template="other"))
        add("storage steady points", True, lambda d: bump(d["storage"]["steady_points"], "vault-standard"))
        add("storage snapshots", True, lambda d: bump(d["storage"], "snapshots"))
    elif kind == "next":
        add("kept_as", doc.get("backups"), lambda d: d["backups"][0]["kept_as"].pop())
        add("utc", doc.get("backups"), lambda d: d["backups"][-1]["time"].update(utc="1999-01-01T00:00:00Z"))
        add("schedule_day", any(b["to_vault"] and not b["time"]["local"].startswith(b["schedule_day"])
                                for b in doc.get("backups", [])),
            lambda d: [b.update(schedule_day="1999-01-01") for b in d["backups"]])
    elif kind == "diff":
        pols = [p for p in doc.get("policies", []) if "effect" in p]
        arch = [p["effect"]["archive"] for p in pols]
        add("a policy dropped", doc.get("policies"), lambda d: d["policies"].pop())
        add("change", doc.get("policies"), lambda d: d["policies"][0].update(change="renamed"))
        add("field value", any(p.get("fields") for p in doc.get("policies", [])),
            lambda d: [p["fields"][0].update(new="?") for p in d["policies"] if p.get("fields")])
        add("existing", pols, lambda d: [bump(p["effect"], "existing") for p in d["policies"] if "effect" in p])
        add("in_archive", any(a["in_archive"] for a in arch),
            lambda d: [bump(p["effect"]["archive"], "in_archive") for p in d["policies"] if "effect" in p])
        add("a move dropped", any(a["moves"] for a in arch),
            lambda d: [p["effect"]["archive"]["moves"].popitem() for p in d["policies"]
                       if "effect" in p and p["effect"]["archive"]["moves"]])
        add("a move's date", any(m["now"]["count"] for a in arch for m in a["moves"].values()),
            lambda d: [m["now"]["last"].update(local="1999-01-01T00:00:00+00:00") for p in d["policies"]
                       if "effect" in p for m in p["effect"]["archive"]["moves"].values() if m["now"]["count"]])
        add("early deletion", any(a["early_deletion_at_once"]["count"] for a in arch),
            lambda d: [bump(p["effect"]["archive"]["early_deletion_at_once"], "count") for p in d["policies"]
                       if "effect" in p])
        add("shortens", pols, lambda d: [flip(p, "shortens_retention") for p in d["policies"] if "effect" in p])
        add("a vault dropped", doc.get("vaults"), lambda d: d["vaults"].pop())
        add("a vault's field", doc.get("vaults"), lambda d: d["vaults"][0]["fields"].append("name"))
        add("a protect dropped", doc.get("protects"), lambda d: d["protects"].pop())
        add("a protect's policy", any(p["new"] for p in doc.get("protects", [])),
            lambda d: [p["new"].update(policy="?") for p in d["protects"] if p["new"]])
        add("a protect refused", doc.get("protects"), lambda d: [flip(p, "refused") for p in d["protects"]])
        add("a protect's effect", any("effect" in p for p in doc.get("protects", [])),
            lambda d: [bump(p["effect"], "expire_later") for p in d["protects"] if "effect" in p])
    else:
        add("summary tiers", True, lambda d: bump(d["summary"]["tiers"], "snapshot"))
        add("since default", True, lambda d: flip(d["since"], "default"))
        add("point tiers", doc.get("points"), lambda d: d["points"][0]["tiers"].append("vault-archive"))
        add("expires", doc.get("points"),
            lambda d: d["points"][-1]["expires"].update(local="1999-01-01T00:00:00+00:00"))
    return out


def run_case(kind, text, doc, self_test):
    """The failures of one case."""
    missing = check(kind, text, doc)
    if not self_test or missing:
        return missing
    if not alterations(kind, doc):
        return ["no alteration applies to this document"]
    for name, fn in alterations(kind, doc):
        d = copy.deepcopy(doc)
        fn(d)
        if not check(kind, text, d):
            missing.append("alteration not caught: %s" % name)
    return missing


def main(argv):
    self_test = argv[1:2] == ["--self-test"]
    args = argv[2:] if self_test else argv[1:]
    if len(args) != 1:
        sys.stderr.write(__doc__)
        return 2
    try:
        with open(args[0], encoding="utf-8") as f:
            cases = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    except OSError as e:
        sys.stderr.write("text-facts: %s\n" % e)
        return 2
    status = 0
    for case in cases:
        name, kind, text_file, json_file = case
        try:
            with open(text_file, encoding="utf-8") as f:
                text = f.read()
            with open(json_file, encoding="utf-8") as f:
                doc = json.load(f)
            missing = run_case(kind, text, doc, self_test) if kind in CHECKS else ["unknown command " + kind]
        except (OSError, ValueError) as e:
            missing = ["unreadable output: %s" % e]
        print("%s %s" % ("FAIL" if missing else "PASS", name))
        for m in missing[:20]:
            print("    " + m)
        status |= bool(missing)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
