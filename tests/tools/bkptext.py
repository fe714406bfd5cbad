"""bkptext.py — reading .bkp source text, for the checkers in tests/tools/
(check-azcli.py and check-ps1.py --hostile)."""
import re


def bkp_strings(path):
    """The double-quoted strings of a .bkp file, unescaped (\\" and \\\\), in
    order; a # outside a string comments out the rest of its line."""
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    out = []
    for line in text.split("\n"):
        for m in re.finditer(r'#.*|"((?:[^"\\]|\\.)*)"', line):
            if m.group(0).startswith("#"):
                break
            out.append(re.sub(r'\\(["\\])', r"\1", m.group(1)))
    return out
