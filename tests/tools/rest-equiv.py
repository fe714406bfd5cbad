#!/usr/bin/env python3
"""Compare two REST policy bodies as Azure reads them, and print every
difference, one per line, sorted: `PATH: EXAMPLE_VALUE -> BKPC_VALUE`.

usage: rest-equiv.py EXAMPLE.json BKPC.json

EXAMPLE may be an official example file (its request body is used). Before
comparing, date-times become the time of day they stand for ("08:00": Azure
reads only the time, REST.md §8), and null values are dropped (null = absent).
Exit status 0 (differences are the output; the test compares them with a
golden list), 2 on unreadable input.
"""
import json
import re
import sys

DT = re.compile(r"^\d{4}-\d{2}-\d{2}T(\d{2}):(\d{2}):\d{2}(\.\d+)?(Z|[+-]00:00)$")


def body(path):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    if "parameters" in d and "parameters" in d["parameters"]:
        return d["parameters"]["parameters"]
    return d


def norm(v):
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items() if x is not None}
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, str):
        m = DT.match(v)
        if m:
            return "%s:%s" % (m.group(1), m.group(2))
    return v


def walk(a, b, path, out):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            p = path + "." + k if path else k
            if k not in a:
                out.append("%s: (absent) -> %s" % (p, json.dumps(b[k], sort_keys=True)))
            elif k not in b:
                out.append("%s: %s -> (absent)" % (p, json.dumps(a[k], sort_keys=True)))
            else:
                walk(a[k], b[k], p, out)
    elif a != b:
        out.append("%s: %s -> %s" % (path, json.dumps(a, sort_keys=True), json.dumps(b, sort_keys=True)))


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        a, b = norm(body(sys.argv[1])), norm(body(sys.argv[2]))
    except (OSError, ValueError) as e:
        print("rest-equiv: %s" % e, file=sys.stderr)
        return 2
    out = []
    walk(a, b, "", out)
    for line in sorted(out):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
