#!/usr/bin/env python3
"""Checks the rule reference docs/rules/ID.md against the checker and the binary.

    check-rule-pages.py BKPC TMPDIR

Run from the repository root. Prints one line per check, "ok WHAT" or
"FAIL WHAT: why"; tests/extra/rules.sh counts them.

1. The ids the checker can report, read from its source (every quoted id
   of Azure's rules, A1..F99, in src/front, src/check, src/prove,
   src/compile.c (`use`) and grammar/, and every lowercase id a bkp_error
   or bkp_warning call names there and in src/import), are exactly
   the pages that say "Reported as: error." or "warning."; a page of a rule
   enforced by construction or of a note names an id the checker never
   reports.
2. The binary carries every page as it is in docs/rules (`bkpc explain-rule
   ID`, also in lower case), and `bkpc rules` lists each page once.
3. Every ```bkp block of a page is checked: it is clean, or every diagnostic
   it gives has the page's id; every ```json block (the pages of `bkpc
   import`'s ids) likewise through `bkpc import`, where "clean" means
   without the page's id. A page of a reported rule has a block that
   breaks the rule and a clean one (the fix), except for the rules that
   the defaults make impossible to break. Each line of a ```text block that
   follows a ```bkp block appears in bkpc's output for that block.
4. A page is the project's own: it does not send the reader to RULES.md,
   which a user's clone does not have; it names its source.
"""
import glob
import json
import os
import re
import subprocess
import sys

BKPC, TMP = sys.argv[1], sys.argv[2]

# Reported rules whose defaults leave no way to break them in a .bkp file
# (docs/language.md §11): their pages explain the default instead. And
# `encoding`: a page is UTF-8 text, so its examples cannot be a file in
# another encoding (tests/check/encoding-*.bkp are).
UNBREAKABLE = {"D1", "D2", "D3", "encoding"}


def report(good, what, why=""):
    print(f"ok {what}" if good else f"FAIL {what}: {why}")


def source_ids():
    ids = set()
    files = glob.glob("src/front/*.[ch]") + glob.glob("src/check/*.[ch]") + glob.glob("grammar/*") + \
        glob.glob("src/prove/*.[ch]") + ["src/compile.c"]
    # import names Azure's rules only inside its own messages (its id is `import`)
    importer = glob.glob("src/import/*.[ch]")
    for path in files + importer:
        text = open(path, encoding="utf-8").read()
        if path not in importer:
            ids |= set(re.findall(r'"([A-F][0-9]{1,2})"', text))
        for call in re.finditer(r"\bbkp_(?:error|warning)\s*\(", text):
            lit = re.search(r'"([^"\\]*)"', text[call.end():call.end() + 200])
            if lit and re.fullmatch(r"[a-z]+", lit.group(1)):
                ids.add(lit.group(1))
    return ids


def pages():
    out = {}
    for path in sorted(glob.glob("docs/rules/*.md")):
        ident = os.path.basename(path)[:-3]
        text = open(path, encoding="utf-8").read()
        kind = text.split("\n")[2] if text.count("\n") > 2 else ""
        out[ident] = (path, text, kind)
    return out


def blocks(text):
    """(info, body) of each fenced block, in order."""
    return re.findall(r"^```([a-z]*)\n(.*?)^```$", text, re.S | re.M)


def check(body, n):
    path = os.path.join(TMP, f"example{n}.bkp")
    with open(path, "w", encoding="utf-8") as f:
        f.write(body)
    js = subprocess.run([BKPC, "check", "--format", "json", path], capture_output=True, text=True)
    tx = subprocess.run([BKPC, "check", "--color", "never", path], capture_output=True, text=True)
    rules = [json.loads(line)["rule"] for line in js.stdout.splitlines()]
    return rules, tx.stderr


def check_json(body, n):
    """The rule ids `bkpc import` gives a JSON example, and its text output."""
    path = os.path.join(TMP, f"example{n}.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write(body)
    out = os.path.join(TMP, f"example{n}.bkp")
    js = subprocess.run([BKPC, "import", "--format", "json", "-o", out, path], capture_output=True, text=True)
    tx = subprocess.run([BKPC, "import", "--color", "never", path], capture_output=True, text=True)
    rules = [json.loads(line)["rule"] for line in js.stdout.splitlines()]
    return rules, tx.stderr


def check_examples(ident, path, text, reported):
    # A ```bkp example is clean without diagnostics; a ```json one (through
    # bkpc import) without the page's id, since JSON that is fixed may
    # still be a policy import refuses for another reason.
    run = {"bkp": (check, lambda rules: not rules), "json": (check_json, lambda rules: ident not in rules)}
    n_break = n_clean = 0
    last_output = None
    for k, (info, body) in enumerate(blocks(text)):
        if info in run:
            rules, last_output = run[info][0](body, k)
            if run[info][1](rules):
                n_clean += 1
            elif set(rules) == {ident}:
                n_break += 1
            else:
                report(False, f"{path} example {k + 1}", f"gives {sorted(set(rules))}, not only {ident}")
                continue
            report(True, f"{path} example {k + 1}")
        elif info == "text" and last_output is not None:
            missing = [l for l in body.splitlines() if l.strip() and l not in last_output]
            report(not missing, f"{path} output excerpt {k + 1}", f"not in bkpc's output: {missing}")
    if reported:
        report(n_break > 0 or ident in UNBREAKABLE, f"{path} breaks the rule", "no ```bkp or ```json block gives it")
        report(n_clean > 0, f"{path} fix", "no clean ```bkp or ```json block")


def main():
    ids, docs = source_ids(), pages()
    reported = {i for i, (_, _, kind) in docs.items() if kind in ("Reported as: error.", "Reported as: warning.")}
    for i in sorted(ids):
        report(i in docs, f"id {i} has a page", f"docs/rules/{i}.md is missing")
        if i in docs:
            report(i in reported, f"docs/rules/{i}.md says how it is reported", "the checker reports it")
    for i in sorted(reported - ids):
        report(False, f"docs/rules/{i}.md", "says it is reported, but the checker has no such id")

    listed = subprocess.run([BKPC, "rules"], capture_output=True, text=True).stdout.split("\n")
    listed_ids = [line.split()[0] for line in listed if line.strip()]
    report(sorted(listed_ids) == sorted(docs), "bkpc rules lists every page once",
           f"{sorted(set(listed_ids) ^ set(docs))}")

    for ident, (path, text, _) in docs.items():
        for arg in (ident, ident.lower()):
            r = subprocess.run([BKPC, "explain-rule", arg], capture_output=True, text=True)
            report(r.returncode == 0 and r.stdout == text, f"bkpc explain-rule {arg}",
                   "differs from the page (rebuild?)")
        report("RULES.md" not in text, f"{path} is self-contained", "mentions RULES.md")
        report("\n## Source" in text, f"{path} names its source", "no `## Source` section")
        check_examples(ident, path, text, ident in reported)


main()
