#!/usr/bin/env python3
"""The CI recipes as data, for tests/extra/ci.sh.

  ci-steps.py check FILE        checks the shape of a GitHub Actions workflow
                                or an Azure Pipelines file; prints "ok ..." /
                                "FAIL ..." lines
  ci-steps.py script FILE STEP  prints the shell script of the step whose id
                                (GitHub) or name (Azure) is STEP, preceded by
                                `export` lines for the file's env/variables

The YAML is read with PyYAML (python3-yaml); GitHub's `on:` key reads as
True in YAML 1.1 and is looked up either way."""
import shlex
import sys

import yaml


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def is_github(doc):
    return "jobs" in doc


def steps_of(doc):
    if is_github(doc):
        return [s for job in doc["jobs"].values() for s in job.get("steps", [])]
    return doc.get("steps", [])


def step_key(step):
    return step.get("id") or step.get("name")


def script_of(step):
    return step.get("run") or step.get("bash") or step.get("script")


def variables(doc):
    v = doc.get("env") if is_github(doc) else doc.get("variables")
    if isinstance(v, list):      # Azure's list form: [{name:, value:}]
        v = {x["name"]: x["value"] for x in v if "name" in x}
    return {k: "" if val is None else str(val) for k, val in (v or {}).items()}


def check(path):
    doc = load(path)
    failed = 0

    def expect(name, cond, why=""):
        nonlocal failed
        print(f"ok {name}" if cond else f"FAIL {name}: {why}")
        failed += 0 if cond else 1

    steps = steps_of(doc)
    keys = [step_key(s) for s in steps]
    for k in ["install", "files", "sarif", "check", "fmt", "diff"]:
        expect(f"{path}: step {k}", k in keys, keys)
    if is_github(doc):
        on = doc.get("on", doc.get(True))
        expect(f"{path}: on push and pull_request", isinstance(on, dict) and "push" in on
               and "pull_request" in on, on)
        job = next(iter(doc["jobs"].values()))
        expect(f"{path}: security-events: write", job.get("permissions", {}).get("security-events") == "write",
               job.get("permissions"))
        checkout = next((s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@")), None)
        expect(f"{path}: checkout with the whole history",
               checkout is not None and checkout.get("with", {}).get("fetch-depth") == 0, checkout)
        up = next((s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")), None)
        sarif = next((s for s in steps if s.get("id") == "sarif"), {})
        expect(f"{path}: upload-sarif of the file the SARIF step writes",
               up is not None and up.get("with", {}).get("sarif_file", "") in script_of(sarif), up)
        expect(f"{path}: upload-sarif even when a check failed", up is not None and "cancelled()" in up.get("if", ""),
               up and up.get("if"))
        names = [s.get("name", "") for s in steps]
        for want in ["bkpc check", "bkpc fmt --check"]:
            expect(f"{path}: step {want}", want in names, names)
        diff = next((s for s in steps if "bkpc diff" in (script_of(s) or "")), None)
        expect(f"{path}: diff on pull requests only", diff is not None and "pull_request" in diff.get("if", ""),
               diff and diff.get("if"))
        expect(f"{path}: bash with -e and pipefail", doc.get("defaults", {}).get("run", {}).get("shell") == "bash",
               doc.get("defaults"))
    else:
        expect(f"{path}: trigger and pr", "trigger" in doc and "pr" in doc, list(doc))
        checkout = next((s for s in steps if "checkout" in s), None)
        expect(f"{path}: checkout with the whole history", checkout is not None and checkout.get("fetchDepth") == 0,
               checkout)
        pub = next((s for s in steps if str(s.get("task", "")).startswith("PublishBuildArtifacts@")), None)
        expect(f"{path}: SARIF published as CodeAnalysisLogs",
               pub is not None and pub["inputs"].get("ArtifactName") == "CodeAnalysisLogs"
               and pub.get("condition") == "succeededOrFailed()", pub)
        diff = next((s for s in steps if s.get("name") == "diff"), {})
        expect(f"{path}: diff on pull requests only", "PullRequest" in diff.get("condition", ""), diff)
        for s in steps:
            if script_of(s) and s.get("name") not in ("sarif", "diff"):
                expect(f"{path}: step {s.get('name')} stops at the first error", "set -euo pipefail" in script_of(s))
    return 1 if failed else 0


def script(path, key):
    doc = load(path)
    step = next((s for s in steps_of(doc) if step_key(s) == key), None)
    if step is None or not script_of(step):
        print(f"ci-steps.py: no step {key} with a script in {path}", file=sys.stderr)
        return 2
    for k, v in variables(doc).items():
        print(f"export {k}={shlex.quote(v)}")
    for k, v in (step.get("env") or {}).items():
        print(f"export {k}={shlex.quote(str(v))}")
    print(script_of(step))
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2]))
    if len(sys.argv) == 4 and sys.argv[1] == "script":
        sys.exit(script(sys.argv[2], sys.argv[3]))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
