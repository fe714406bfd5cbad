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


def vault_of(dep, k):
    """The vault (NAME, RG, SUB, POLICIES) protect k of a deployment is in:
    its `in VAULT`, or the one vault holding its policy; None without vaults."""
    pol, named = dep["protects"][k][2], dep["protect_vaults"][k]
    for v in dep["vaults"]:
        if (named and v[0] == named) or (not named and (v[3] is None or pol in v[3])):
            return v
    return None


def several_vaults(dep):
    """Whether the scripts work vault by vault: more than one vault, or one
    that holds some policies only."""
    return len(dep["vaults"]) > 1 or (len(dep["vaults"]) == 1 and dep["vaults"][0][3] is not None)


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
    or None (the first), "vaults": [(NAME, RG, SUB or None, [POLICY, ...] or
    None for every policy), ...], "protects": [(VM, RG, POLICY,
    "all"|"include"|"exclude", [LUN, ...]), ...], "protect_vaults": [VAULT
    or None (no `in`), ...]}, LUNs as decimal strings, in file order."""
    with open(path, encoding="utf-8", newline="") as f:
        toks = list(_tokens(f.read()))
    out = {"vault": None, "vaults": [], "protects": [], "protect_vaults": []}
    depth, i = 0, 0

    def word(k, w):
        return k < len(toks) and not toks[k][0] and toks[k][1] == w

    while i < len(toks):
        is_str, t = toks[i]
        if not is_str and t in "{}":
            depth += 1 if t == "{" else -1
        elif depth == 0 and word(i, "vault") and word(i + 2, "resource-group"):
            sub = toks[i + 5][1] if word(i + 4, "subscription") else None
            v = (toks[i + 1][1], toks[i + 3][1], sub)
            out["vault"] = out["vault"] or v
            i += 6 if sub is not None else 4
            policies = None
            if word(i, "with"):
                policies = [toks[i + 1][1]]
                i += 2
                while word(i, ","):
                    policies.append(toks[i + 1][1])
                    i += 2
            out["vaults"].append(v + (policies,))
            continue
        elif depth == 0 and word(i, "protect") and word(i + 1, "vm"):
            vm, rg, pol = toks[i + 2][1], toks[i + 4][1], toks[i + 6][1]
            i += 7
            vault = None
            if word(i, "in"):
                vault = toks[i + 1][1]
                i += 2
            out["protect_vaults"].append(vault)
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
