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


_TOKEN = re.compile(r'#[^\n]*|"((?:[^"\\\n]|\\.)*)"|[{},]|[^\s{},"#]+')


def _tokens(text):
    """(is_string, text) of each token; comments dropped, strings unescaped."""
    for m in _TOKEN.finditer(text):
        t = m.group(0)
        if t.startswith("#"):
            continue
        if t.startswith('"'):
            yield True, re.sub(r'\\(["\\])', r"\1", m.group(1))
        else:
            yield False, t


def bkp_deployment(path):
    """What the `vault` and `protect` statements of a .bkp file say (§7 of
    docs/language.md), read from its text: {"vault": (NAME, RG, SUB or None)
    or None, "protects": [(VM, RG, POLICY, "all"|"include"|"exclude",
    [LUN, ...]), ...]}, LUNs as decimal strings, in file order."""
    with open(path, encoding="utf-8", newline="") as f:
        toks = list(_tokens(f.read()))
    out = {"vault": None, "protects": []}
    depth, i = 0, 0

    def word(k, w):
        return k < len(toks) and not toks[k][0] and toks[k][1] == w

    while i < len(toks):
        is_str, t = toks[i]
        if not is_str and t in "{}":
            depth += 1 if t == "{" else -1
        elif depth == 0 and word(i, "vault") and word(i + 2, "resource-group"):
            sub = toks[i + 5][1] if word(i + 4, "subscription") else None
            out["vault"] = (toks[i + 1][1], toks[i + 3][1], sub)
            i += 6 if sub is not None else 4
            continue
        elif depth == 0 and word(i, "protect") and word(i + 1, "vm"):
            vm, rg, pol = toks[i + 2][1], toks[i + 4][1], toks[i + 6][1]
            i += 7
            setting, luns = "all", []
            if (word(i, "include") or word(i, "exclude")) and word(i + 1, "disks"):
                setting = toks[i][1]
                i += 2
                while i < len(toks):
                    luns.append(str(int(toks[i][1])))
                    if not word(i + 1, ","):
                        break
                    i += 2
                i += 1
            out["protects"].append((vm, rg, pol, setting, luns))
            continue
        i += 1
    return out
