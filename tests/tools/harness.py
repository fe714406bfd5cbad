"""harness.py — what the script checkers check-azcli.py and check-pwsh.py
share: the bodies `bkpc build -t json` prints, the comparison of REST bodies
as Azure reads them, and throw-away directories."""
import importlib.util
import json
import os
import shutil
import subprocess
import tempfile

_spec = importlib.util.spec_from_file_location(
    "rest_equiv", os.path.join(os.path.dirname(os.path.abspath(__file__)), "rest-equiv.py"))
rest_equiv = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rest_equiv)


def expected_bodies(bkpc, bkp, only=None):
    """{policy name: body text} from `bkpc build -t json` (of policy `only`,
    or of every policy of the file)."""
    d = tempfile.mkdtemp(prefix="bkpc-json-")
    try:
        cwd = os.path.dirname(os.path.abspath(bkp))
        if only:
            p = subprocess.run([bkpc, "build", "-t", "json", "--policy", only, os.path.basename(bkp)],
                               cwd=cwd, capture_output=True, check=True)
            return {only: p.stdout.decode("utf-8")}
        subprocess.run([bkpc, "build", "-t", "json", "-o", d + "/", os.path.basename(bkp)], cwd=cwd,
                       capture_output=True, check=True)
        out = {}
        for f in sorted(os.listdir(d)):
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                out[f[:-len(".json")]] = fh.read()
        return out
    finally:
        shutil.rmtree(d, ignore_errors=True)


def canonical_properties(props):
    """A policy body's properties as Azure reads them: date-times as the time
    of day and nulls dropped (rest-equiv.py), policyType V1 when absent
    (reference/pwsh/models.json restJsonShape: "omitted/V1"), a tiering
    duration only with TierAfter (REST.md §7: "Used only if TieringMode is
    set to TierAfter"), and no date on a day that is the last of the month
    (PWSH.md §3(d): "Date is ignored when IsLast"), and no instantRPDetails
    when it names no resource group (REST.md §4: DOC sends {})."""
    p = rest_equiv.norm(props)
    p.setdefault("policyType", "V1")
    if p.get("instantRPDetails") == {}:
        del p["instantRPDetails"]
    for t in (p.get("tieringPolicy") or {}).values():
        if t.get("tieringMode") != "TierAfter":
            t.pop("duration", None)
            t.pop("durationType", None)
    for level in ("monthlySchedule", "yearlySchedule"):
        for day in ((p.get("retentionPolicy") or {}).get(level) or {}).get("retentionScheduleDaily", {}) \
                .get("daysOfTheMonth", []):
            if day.get("isLast"):
                day.pop("date", None)
    return p


def body_differences(want, got):
    """The differences between two policy bodies' properties as Azure reads
    them, one line each: `PATH: WANT -> GOT`."""
    out = []
    rest_equiv.walk(canonical_properties(want), canonical_properties(got), "properties", out)
    return sorted(out)


def leftovers(directory):
    """What a run left in its throw-away directory (dot files included)."""
    return sorted(os.listdir(directory))


def json_strings(x, out):
    """Adds every string inside the JSON value x to the set out."""
    if isinstance(x, dict):
        for v in x.values():
            json_strings(v, out)
    elif isinstance(x, list):
        for v in x:
            json_strings(v, out)
    elif isinstance(x, str):
        out.add(x)
    return out


def dumps(x):
    return json.dumps(x, ensure_ascii=False, sort_keys=True)
