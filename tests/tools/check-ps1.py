#!/usr/bin/env python3
"""check-ps1.py — static checks of the PowerShell scripts bkpc generates.

    check-ps1.py [--shared DIR] SCRIPT.ps1...
    check-ps1.py --hostile FILE.bkp SCRIPT.ps1...

Default mode: every cmdlet and parameter against reference/pwsh/cmdlets.json
(cmdlet names, parameter names, a parameter set that has every parameter
given and all of its mandatory ones, accepted values, switch vs value), every
property path against reference/pwsh/models.json (properties of the objects
the script builds, the enum values and ranges assigned to them, the element
type of each list), and the emission rules of reference/PWSH.md §3-4 (all
selectors explicit, lists cleared before they are filled, every
Is*ScheduleEnabled set, UTC-kind times on the hour or half hour, -VaultId
everywhere, every change inside $PSCmdlet.ShouldProcess, -SnapshotConsistencyType
only on Enhanced policies, the #Requires version covering the features used).
The metadata is read from $SHARED/reference/pwsh (or --shared); without it the
checks are skipped with a message.

--hostile: every double-quoted string of FILE.bkp (the names) must be the
value of a single-quoted literal of the script, and every marker `pwn<digits>`
must lie inside one. Literals are read with PowerShell's
own quoting rules, where U+2018..U+201B are single quotes too (tree-sitter's
grammar does not know them).

Exit status 0 when every script passes, 1 otherwise, 2 on usage errors.
"""
import json
import os
import re
import sys

sys.dont_write_bytecode = True          # no __pycache__ beside the checkers
from bkptext import bkp_strings        # noqa: E402  (tests/tools/bkptext.py)

SQ = "'\u2018\u2019\u201a\u201b"          # PowerShell's single quotes
DQ = '"\u201c\u201d\u201e'                 # and double quotes
DASH = "-\u2013\u2014\u2015"               # and dashes
DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
# Cmdlets outside Az.RecoveryServices the generated scripts may call.
OTHER_CMDLETS = {"Set-StrictMode", "New-Object", "Where-Object", "Select-Object", "Write-Host",
                 "Write-Verbose", "Write-Warning", "Set-AzContext", "Get-AzContext"}
# PWSH.md §1: the Az.RecoveryServices version each feature needs.
FEATURE_VERSION = {
    "ScheduleRunTimeZone on a Standard schedule": (6, 2, 0),
    "-BackupSnapshotResourceGroupSuffix": (6, 6, 0),
    "-SnapshotConsistencyType": (6, 8, 0),
    "-ContainerSubscriptionId": (7, 14, 0),
}
CHANGE_CMDLETS = {"New-AzRecoveryServicesBackupProtectionPolicy",
                  "Set-AzRecoveryServicesBackupProtectionPolicy",
                  "Enable-AzRecoveryServicesBackupProtection"}


# ---- a PowerShell tokenizer (enough for generated scripts) --------------------

class Tok:
    __slots__ = ("kind", "text", "value", "line", "start", "end")

    def __init__(self, kind, text, value, line, start, end):
        self.kind, self.text, self.value, self.line, self.start, self.end = kind, text, value, line, start, end

    def __repr__(self):
        return f"{self.kind}:{self.text!r}@{self.line}"


class LexError(Exception):
    pass


def tokenize(src):
    """Tokens of kinds: nl, comment, sq (single-quoted string, value decoded),
    dq (double-quoted), var, param (-Name), num, word, op. Backtick-newline
    continuations are dropped."""
    toks, i, n, line = [], 0, len(src), 1
    if src.startswith("\ufeff"):
        i = 1
    word_end = set(" \t\r\n(){}[],;|=+*/%<>!" + SQ + DQ)
    while i < n:
        c = src[i]
        if c == "`" and i + 1 < n and src[i + 1] in "\r\n":
            i += 2 if src[i + 1] == "\n" or src[i + 1:i + 3] != "\r\n" else 3
            line += 1
            continue
        if c in " \t\r":
            i += 1
            continue
        if c == "\n":
            toks.append(Tok("nl", c, None, line, i, i + 1))
            line += 1
            i += 1
            continue
        if src.startswith("<#", i):
            j = src.find("#>", i + 2)
            if j < 0:
                raise LexError(f"line {line}: unterminated <# comment")
            text = src[i:j + 2]
            toks.append(Tok("comment", text, None, line, i, j + 2))
            line += text.count("\n")
            i = j + 2
            continue
        if c == "#":
            j = src.find("\n", i)
            j = n if j < 0 else j
            toks.append(Tok("comment", src[i:j], None, line, i, j))
            i = j
            continue
        if c in SQ:
            j, val = i + 1, []
            while True:
                if j >= n:
                    raise LexError(f"line {line}: unterminated string")
                if src[j] in SQ:
                    if j + 1 < n and src[j + 1] in SQ:
                        val.append(src[j + 1])
                        j += 2
                        continue
                    break
                val.append(src[j])
                j += 1
            text = src[i:j + 1]
            toks.append(Tok("sq", text, "".join(val), line, i, j + 1))
            line += text.count("\n")
            i = j + 1
            continue
        if c in DQ:
            j = i + 1
            while j < n and src[j] not in DQ:
                j += 2 if src[j] == "`" else 1
            text = src[i:j + 1]
            toks.append(Tok("dq", text, text[1:-1], line, i, j + 1))
            line += text.count("\n")
            i = j + 1
            continue
        if c == "$":
            m = re.compile(r"\$(?:\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*(?::[A-Za-z_][A-Za-z0-9_]*)?|_|\?|\^)").match(src, i)
            if not m:
                raise LexError(f"line {line}: stray $")
            toks.append(Tok("var", m.group(0), m.group(0)[1:], line, i, m.end()))
            i = m.end()
            continue
        if c in DASH and i + 1 < n and (src[i + 1].isalpha()):
            m = re.compile(r"[" + DASH + r"]([A-Za-z][A-Za-z0-9]*)(:?)").match(src, i)
            toks.append(Tok("param", m.group(0), m.group(1), line, i, m.end()))
            i = m.end()
            continue
        if c.isdigit():
            m = re.compile(r"\d+").match(src, i)
            toks.append(Tok("num", m.group(0), int(m.group(0)), line, i, m.end()))
            i = m.end()
            continue
        for op in ("::", "@{", "@(", "(", ")", "{", "}", "[", "]", ",", ";", "|", "=", "."):
            if src.startswith(op, i):
                toks.append(Tok("op", op, op, line, i, i + len(op)))
                i += len(op)
                break
        else:
            j = i
            while j < n and src[j] not in word_end and not (src[j] == "." and j > i and
                                                              not src[i:j].startswith("Microsoft")):
                j += 1
            if j == i:
                j = i + 1
            toks.append(Tok("word", src[i:j], src[i:j], line, i, j))
            i = j
    return toks


# ---- metadata -------------------------------------------------------------------

class Meta:
    def __init__(self, shared):
        d = os.path.join(shared, "reference", "pwsh")
        with open(os.path.join(d, "cmdlets.json"), encoding="utf-8") as f:
            self.cmdlets = json.load(f)["cmdlets"]
        with open(os.path.join(d, "models.json"), encoding="utf-8") as f:
            self.models = json.load(f)
        self.enums = {k: [v for v in vals if not v.startswith("_")]
                      for k, vals in self.models["enums"].items() if isinstance(vals, dict)}
        self.enums["System.DayOfWeek"] = DAYS
        self.enums["DayOfWeek"] = DAYS
        self.day_type = self.models["Day"]["fullTypeName"]

    def cmdlet(self, name):
        for k, v in self.cmdlets.items():
            if k.lower() == name.lower():
                return k, v
        return None, None

    def model(self, name):
        m = self.models.get(name)
        return m if isinstance(m, dict) and "properties" in m else None


def element_type(t):
    m = re.match(r"List<(.+)>$", t)
    return m.group(1) if m else None


def base_type(t):
    """'int?' -> 'int'; 'DateTime?' -> 'DateTime'; a model or enum name as is."""
    t = t.strip()
    t = t[:-1] if t.endswith("?") else t
    return t.split(" ")[0]


# ---- the checker ----------------------------------------------------------------

class Checker:
    def __init__(self, meta, path, src):
        self.meta, self.path, self.src = meta, path, src
        self.errors = []
        self.vartype = {}         # variable -> model name
        self.cleared = set()      # list paths cleared since their root was assigned
        self.enabled = {}         # $retPol Is*ScheduleEnabled flags set
        self.sched = None         # (subtype, frequency) of the last schedule object
        self.features = set()
        self.requires = None

    def err(self, line, msg):
        self.errors.append(f"{self.path}:{line}: {msg}")

    # -- statements: split the token stream at newlines and ';' outside brackets
    def statements(self, toks):
        cur, stack = [], []
        for t in toks:
            if t.kind == "comment":
                continue
            if t.kind == "op" and t.text in ("(", "@(", "@{", "["):
                stack.append(t.text)
            elif t.kind == "op" and t.text in (")", "]") and stack:
                stack.pop()
            elif t.kind == "op" and t.text == "}" and stack and stack[-1] == "@{":
                stack.pop()
                cur.append(t)
                continue
            if not stack and (t.kind == "nl" or (t.kind == "op" and t.text in (";", "{", "}"))):
                if cur:
                    yield cur
                cur = []
                if t.kind == "op" and t.text in ("{", "}"):
                    yield [t]
                continue
            cur.append(t)
        if cur:
            yield cur

    def run(self):
        try:
            toks = tokenize(self.src)
        except LexError as e:
            self.err(0, str(e))
            return self.errors
        self.header_checks(toks)
        for t in toks:
            if t.kind == "dq":
                self.err(t.line, f"double-quoted (expandable) string {t.text[:40]!r}: use single quotes")
        blocks = []               # stack of booleans: inside a ShouldProcess block?
        pending_sp = False
        for st in self.statements(toks):
            if len(st) == 1 and st[0].kind == "op" and st[0].text == "{":
                blocks.append(pending_sp or (blocks[-1] if blocks else False))
                pending_sp = False
                continue
            if len(st) == 1 and st[0].kind == "op" and st[0].text == "}":
                if blocks:
                    blocks.pop()
                continue
            texts = [t.text for t in st]
            pending_sp = "$PSCmdlet" in texts and "ShouldProcess" in texts and st[0].text in ("if", "elseif")
            self.statement(st, bool(blocks and blocks[-1]))
        self.requires_check()
        return self.errors

    # -- the script's frame ---------------------------------------------------
    def header_checks(self, toks):
        comments = [t.text for t in toks if t.kind == "comment"]
        for c in comments:
            m = re.match(r"#Requires\s+-Modules\s+@\{\s*ModuleName\s*=\s*'Az\.RecoveryServices'\s*;"
                         r"\s*ModuleVersion\s*=\s*'(\d+)\.(\d+)\.(\d+)'\s*\}", c, re.I)
            if m:
                self.requires = tuple(int(x) for x in m.groups())
        if self.requires is None:
            self.err(1, "no #Requires -Modules @{ ModuleName = 'Az.RecoveryServices'; ModuleVersion = ... }")
        text = self.src
        if not re.search(r"\[CmdletBinding\(SupportsShouldProcess(\s*=\s*\$true)?\)\]", text):
            self.err(1, "no [CmdletBinding(SupportsShouldProcess)]")
        if not re.search(r"^Set-StrictMode -Version Latest$", text, re.M):
            self.err(1, "no Set-StrictMode -Version Latest")
        if not re.search(r"^\$ErrorActionPreference = 'Stop'$", text, re.M):
            self.err(1, "no $ErrorActionPreference = 'Stop'")

    def requires_check(self):
        if self.requires is None:
            return
        for f in sorted(self.features):
            need = FEATURE_VERSION[f]
            if self.requires < need:
                self.err(1, f"{f} needs Az.RecoveryServices {'.'.join(map(str, need))}, "
                            f"#Requires says {'.'.join(map(str, self.requires))}")

    # -- one statement --------------------------------------------------------
    def statement(self, st, in_sp):
        # $var = <command or expression>
        target = None
        if len(st) >= 2 and st[0].kind == "var" and st[1].kind == "op" and st[1].text == "=":
            target, st = st[0].value, st[2:]
        elif st and st[0].kind == "var" and any(t.kind == "op" and t.text == "=" for t in st):
            k = next(i for i, t in enumerate(st) if t.kind == "op" and t.text == "=")
            self.assignment(st[:k], st[k + 1:])
            self.expressions(st[k + 1:])
            return
        cmds = self.commands(st)
        for name, args, line in cmds:
            self.command(name, args, line, in_sp, target if (name, args, line) == cmds[0] else None)
        if target is not None:
            self.assign_var(target, st, cmds)
        self.expressions(st)

    def commands(self, st):
        """Commands in a statement: a Verb-Noun word at command position, with
        its arguments up to '|' or an unbalanced ')'."""
        out, i = [], 0
        while i < len(st):
            t = st[i]
            prev = st[i - 1] if i else None
            at_cmd = prev is None or (prev.kind == "op" and prev.text in ("(", "@(", "|", "=", "{"))
            if t.kind == "word" and at_cmd and re.match(r"^[A-Za-z]+-[A-Za-z]+$", t.text):
                args, depth, j = [], 0, i + 1
                while j < len(st):
                    u = st[j]
                    if u.kind == "op" and u.text in ("(", "@(", "@{", "["):
                        depth += 1
                    elif u.kind == "op" and u.text in (")", "]", "}"):
                        if depth == 0:
                            break
                        depth -= 1
                    elif u.kind == "op" and u.text == "|" and depth == 0:
                        break
                    args.append(u)
                    j += 1
                out.append((t.text, args, t.line))
                i = j
                continue
            i += 1
        return out

    def command(self, name, args, line, in_sp, target):
        canon, info = self.meta.cmdlet(name)
        if info is None:
            if "AzRecoveryServices" in name:
                self.err(line, f"unknown cmdlet {name}")
            elif name not in OTHER_CMDLETS:
                self.err(line, f"unexpected cmdlet {name}")
            return
        if canon != name:
            self.err(line, f"cmdlet {name} is spelled {canon}")
        if "deprecated" in info:
            self.err(line, f"{canon} is deprecated: {info['deprecated']}")
        if canon in CHANGE_CMDLETS and not in_sp:
            self.err(line, f"{canon} outside an if ($PSCmdlet.ShouldProcess(...)) block")
        params = self.bind(canon, info, args, line)
        if params is None:
            return
        if canon not in ("Get-AzRecoveryServicesVault", "Get-AzRecoveryServicesBackupSchedulePolicyObject",
                         "Get-AzRecoveryServicesBackupRetentionPolicyObject") and "VaultId" not in params:
            self.err(line, f"{canon} without -VaultId")
        self.semantics(canon, params, line)

    def bind(self, canon, info, args, line):
        """Parameter names and values; checks names, sets, mandatory, values."""
        every = {}
        for pset, plist in info["parameterSets"].items():
            for p in plist:
                every.setdefault(p["name"].lower(), p)
                for a in p.get("aliases", []):
                    every.setdefault(a.lower(), p)
        given, i = {}, 0
        while i < len(args):
            t = args[i]
            if t.kind != "param":
                self.err(t.line, f"{canon}: positional argument {t.text!r}: use named parameters")
                i += 1
                continue
            p = every.get(t.value.lower())
            if p is None:
                self.err(t.line, f"{canon} has no parameter -{t.value}")
                i += 1
                continue
            name = p["name"]
            if name in given:
                self.err(t.line, f"{canon}: -{name} given twice")
            if t.value != name:
                self.err(t.line, f"{canon}: write -{name}, not -{t.value}")
            i += 1
            if p["type"] == "SwitchParameter":
                if t.text.endswith(":"):
                    i += 1
                given[name] = (p, [])
                continue
            vals = []
            while i < len(args) and args[i].kind != "param":
                vals.append(args[i])
                i += 1
            if not vals:
                self.err(t.line, f"{canon}: -{name} needs a value")
            given[name] = (p, vals)
            self.value(canon, p, vals, t.line)
        # a parameter set with every given parameter and all its mandatory ones
        ok_sets, why = [], []
        for pset, plist in info["parameterSets"].items():
            names = {p["name"] for p in plist}
            if not set(given) <= names:
                continue
            missing = [p["name"] for p in plist if p["mandatory"] and p["name"] not in given]
            if missing:
                why.append(f"{pset} needs -{', -'.join(missing)}")
                continue
            ok_sets.append(pset)
        if not ok_sets:
            self.err(line, f"{canon}: no parameter set takes -{', -'.join(given) or '(nothing)'}"
                           + (f" ({'; '.join(why)})" if why else ""))
        return {k: v[1] for k, v in given.items()}

    def value(self, canon, p, vals, line):
        texts = [v for v in vals if not (v.kind == "op" and v.text == ",")]
        accepted = p.get("acceptedValues")
        if accepted:
            for v in texts:
                if v.kind in ("word", "sq") and v.value not in accepted:
                    self.err(line, f"{canon} -{p['name']} {v.value!r}: not one of {', '.join(accepted)}")
        if "Boolean" in p["type"]:
            if len(texts) != 1 or texts[0].text.lower() not in ("$true", "$false"):
                self.err(line, f"{canon} -{p['name']} wants $true or $false")
        if "Int32" in p["type"]:
            if len(texts) != 1 or texts[0].kind != "num":
                self.err(line, f"{canon} -{p['name']} wants a number")
        if p["type"] == "String[]":
            for v in texts:
                if v.kind not in ("sq", "var"):
                    self.err(line, f"{canon} -{p['name']}: {v.text!r} is not a string")

    # -- PWSH.md rules that need the values
    def semantics(self, canon, params, line):
        def word(name):
            v = params.get(name)
            return v[0].value if v and v[0].kind in ("word", "sq") else None

        if canon == "Get-AzRecoveryServicesBackupSchedulePolicyObject":
            for need in ("WorkloadType", "BackupManagementType", "PolicySubType", "ScheduleRunFrequency"):
                if need not in params:
                    self.err(line, f"{canon} without -{need} (PWSH.md §3: every selector explicit)")
            if word("WorkloadType") != "AzureVM" or word("BackupManagementType") != "AzureVM":
                self.err(line, f"{canon}: -WorkloadType and -BackupManagementType must be AzureVM")
            self.sched = (word("PolicySubType"), word("ScheduleRunFrequency"))
            if self.sched == ("Standard", "Hourly"):
                self.err(line, "a Standard schedule cannot be hourly (StandardHourlyScheduleNotSupported)")
        elif canon == "Get-AzRecoveryServicesBackupRetentionPolicyObject":
            for need in ("WorkloadType", "BackupManagementType", "ScheduleRunFrequency"):
                if need not in params:
                    self.err(line, f"{canon} without -{need}")
            if self.sched is None or word("ScheduleRunFrequency") != self.sched[1]:
                self.err(line, f"{canon}: -ScheduleRunFrequency must be the schedule object's")
        elif canon in ("New-AzRecoveryServicesBackupProtectionPolicy",
                       "Set-AzRecoveryServicesBackupProtectionPolicy"):
            if "SchedulePolicy" in params or "RetentionPolicy" in params:
                for flag in ("Daily", "Weekly", "Monthly", "Yearly"):
                    if flag not in self.enabled:
                        self.err(line, f"$retPol.Is{flag}ScheduleEnabled not set before {canon}")
            if "SnapshotConsistencyType" in params:
                self.features.add("-SnapshotConsistencyType")
                if self.sched and self.sched[0] != "Enhanced":
                    self.err(line, f"{canon}: -SnapshotConsistencyType with a Standard policy "
                                   "(SnapshotConsistencyTypeCantBeSetForStandardPolicy)")
            if "BackupSnapshotResourceGroupSuffix" in params:
                self.features.add("-BackupSnapshotResourceGroupSuffix")
                if "BackupSnapshotResourceGroup" not in params:
                    self.err(line, f"{canon}: -BackupSnapshotResourceGroupSuffix needs -BackupSnapshotResourceGroup")
            move = params.get("MoveToArchiveTier")
            mode = word("TieringMode")
            if move and move[0].text.lower() == "$false" and (mode or "TierAfterDuration" in params
                                                             or "TierAfterDurationType" in params):
                self.err(line, f"{canon}: -MoveToArchiveTier $false with -TieringMode/-TierAfter*")
            if mode == "TierAllEligible" and not ("TierAfterDuration" in params and "TierAfterDurationType" in params):
                self.err(line, f"{canon}: TierAllEligible needs -TierAfterDuration and -TierAfterDurationType")
            if mode == "TierRecommended" and ("TierAfterDuration" in params or "TierAfterDurationType" in params):
                self.err(line, f"{canon}: TierRecommended takes no -TierAfter*")
            if mode and not move:
                self.err(line, f"{canon}: -TieringMode without -MoveToArchiveTier $true")
        elif canon == "Enable-AzRecoveryServicesBackupProtection":
            disk = [p for p in ("InclusionDisksList", "ExclusionDisksList", "ExcludeAllDataDisks") if p in params]
            if len(disk) > 1:
                self.err(line, f"{canon}: -{' and -'.join(disk)} are mutually exclusive")
            if "ContainerSubscriptionId" in params:
                self.features.add("-ContainerSubscriptionId")

    # -- variables and property paths ------------------------------------------
    def assign_var(self, var, rhs, cmds):
        first = cmds[0][0] if cmds else None
        typ = None
        if first == "Get-AzRecoveryServicesBackupSchedulePolicyObject" and self.sched:
            typ = "SimpleSchedulePolicyV2" if self.sched[0] == "Enhanced" else "SimpleSchedulePolicy"
        elif first == "Get-AzRecoveryServicesBackupRetentionPolicyObject":
            typ = "LongTermRetentionPolicy"
            self.enabled = {}
        elif first in ("New-AzRecoveryServicesBackupProtectionPolicy", "Get-AzRecoveryServicesBackupProtectionPolicy"):
            typ = "AzureVmPolicy"
        elif first == "New-Object":
            names = [t.text for t in rhs if t.kind == "word"]
            if self.meta.day_type in names:
                typ = "Day"
            else:
                self.err(rhs[0].line, f"New-Object of an unknown type: {' '.join(names[1:])}")
        elif first == "Get-AzRecoveryServicesVault":
            typ = "ARSVault"
        elif var in ("pol",):
            typ = "AzureVmPolicy"
        if typ:
            self.vartype[var] = typ
            self.cleared = {p for p in self.cleared if not p.startswith("$" + var + ".")}

    def resolve(self, var, props, line):
        """The type at $var.P1.P2...; None (after an error) when a step is unknown."""
        typ = self.vartype.get(var)
        if var in ("_",):
            typ = "AzureVmPolicy"
        if var == "PSCmdlet":
            if props != ["ShouldProcess"]:
                self.err(line, f"$PSCmdlet.{'.'.join(props)}: only ShouldProcess is used")
            return "method"
        if typ is None:
            self.err(line, f"${var}.{'.'.join(props)}: ${var} is not an object of the policy model")
            return None
        if typ == "ARSVault":
            if props not in (["ID"], ["Name"]):
                self.err(line, f"$vault.{'.'.join(props)}: use $vault.ID")
            return "string"
        for k, p in enumerate(props):
            model = self.meta.model(typ)
            if model is None:
                self.err(line, f"${var}.{'.'.join(props[:k + 1])}: {typ} has no properties")
                return None
            if p not in model["properties"]:
                near = [q for q in model["properties"] if q.lower() == p.lower()]
                hint = f" (did you mean {near[0]}?)" if near else ""
                self.err(line, f"${var}.{'.'.join(props[:k + 1])}: {typ} has no property {p}{hint}")
                return None
            spec = model["properties"][p]
            typ = spec["type"]
            if k < len(props) - 1 and base_type(typ) not in self.meta.models:
                self.err(line, f"${var}.{'.'.join(props[:k + 1])} is a {typ}, not an object")
                return None
            if k == len(props) - 1:
                return (typ, spec)
            typ = base_type(typ)
        return None

    def path_of(self, toks, i):
        """$var.A.B(...) starting at toks[i]: (var, [A, B], method or None, next index)."""
        var, props, j = toks[i].value, [], i + 1
        while j + 1 < len(toks) and toks[j].kind == "op" and toks[j].text == "." and toks[j + 1].kind == "word":
            props.append(toks[j + 1].text)
            j += 2
        method = None
        if props and j < len(toks) and toks[j].kind == "op" and toks[j].text == "(" and \
                props[-1] in ("Clear", "Add", "ShouldProcess"):
            method = props.pop()
        return var, props, method, j

    def assignment(self, lhs, rhs):
        if not lhs or lhs[0].kind != "var":
            return
        var, props, method, _ = self.path_of(lhs, 0)
        if not props:
            return
        line = lhs[0].line
        r = self.resolve(var, props, line)
        if not isinstance(r, tuple):
            return
        typ, spec = r
        path = "$" + var + "." + ".".join(props)
        if var == "retPol" and re.match(r"Is(Daily|Weekly|Monthly|Yearly)ScheduleEnabled$", props[-1]):
            self.enabled[props[-1][2:-15]] = True
        if var == "schPol" and props == ["ScheduleRunTimeZone"] and self.vartype.get("schPol") == "SimpleSchedulePolicy":
            self.features.add("ScheduleRunTimeZone on a Standard schedule")
        self.check_value(path, typ, spec, rhs, line)

    def check_value(self, path, typ, spec, rhs, line):
        bt = base_type(typ)
        vals = [t for t in rhs if t.kind != "comment"]
        if bt in self.meta.enums or "values" in spec:
            allowed = spec.get("values") or self.meta.enums.get(bt)
            allowed = [a for a in allowed if a is not None]
            if len(vals) != 1 or vals[0].kind != "sq" or vals[0].value not in allowed:
                self.err(line, f"{path} = {' '.join(t.text for t in vals)}: wants one of {', '.join(allowed)}")
            return
        if bt == "bool":
            if len(vals) != 1 or vals[0].text.lower() not in ("$true", "$false"):
                self.err(line, f"{path} wants $true or $false")
            return
        if bt == "int":
            if len(vals) != 1 or vals[0].kind != "num":
                self.err(line, f"{path} wants a number")
                return
            self.check_range(path, spec, vals[0].value, line)
            return
        if bt == "string":
            # a string, or none: [NullString]::Value ($null would set '')
            if "".join(t.text for t in vals) != "[NullString]::Value" and (len(vals) != 1 or vals[0].kind != "sq"):
                self.err(line, f"{path} wants a single-quoted string or [NullString]::Value")
            return
        if bt == "DateTime":
            self.check_datetime(path, vals, line)
            return
        self.err(line, f"{path} is a {typ}: not assigned by generated scripts")

    def check_range(self, path, spec, v, line):
        text = spec.get("range") or spec.get("allowed") or ""
        m = re.match(r"\s*(\d+)\.\.(\d+)", text)
        if m and not int(m.group(1)) <= v <= int(m.group(2)):
            self.err(line, f"{path} = {v}: outside {m.group(1)}..{m.group(2)}")
        m = re.match(r"\s*(\d+(?:, \d+)+)", text)
        if m and path.endswith(".Interval") and v not in [int(x) for x in m.group(1).split(", ")]:
            self.err(line, f"{path} = {v}: not one of {m.group(1)}")

    def check_datetime(self, path, vals, line):
        text = "".join(t.text for t in vals)
        m = re.fullmatch(r"\[DateTime\]::new\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+),\[DateTimeKind\]::Utc\)", text)
        if not m:
            self.err(line, f"{path}: times are written [DateTime]::new(y, m, d, H, M, 0, [DateTimeKind]::Utc)")
            return
        h, mi, s = int(m.group(4)), int(m.group(5)), int(m.group(6))
        if h > 23 or mi not in (0, 30) or s != 0:
            self.err(line, f"{path}: {h}:{mi}:{s} is not on the hour or half hour")

    def expressions(self, st):
        """Member accesses and list method calls anywhere in a statement."""
        i = 0
        while i < len(st):
            t = st[i]
            if t.kind != "var":
                i += 1
                continue
            var, props, method, j = self.path_of(st, i)
            if props or method:
                line = t.line
                if var == "PSCmdlet":
                    self.resolve(var, [method or ""] if method else props, line)
                elif method in ("Clear", "Add"):
                    r = self.resolve(var, props, line)
                    if isinstance(r, tuple):
                        self.list_call(var, props, method, r[0], st[j + 1:], line)
                elif props:
                    self.resolve(var, props, line)
            i = max(j, i + 1)

    def list_call(self, var, props, method, typ, args, line):
        path = "$" + var + "." + ".".join(props)
        el = element_type(typ)
        if el is None:
            self.err(line, f"{path} is a {typ}, not a list")
            return
        if method == "Clear":
            self.cleared.add(path)
            return
        if path not in self.cleared:
            self.err(line, f"{path}.Add() without {path}.Clear() first (PWSH.md §3)")
        depth, vals = 0, []
        for t in args:
            if t.kind == "op" and t.text == "(":
                depth += 1
            if t.kind == "op" and t.text == ")":
                if depth == 0:
                    break
                depth -= 1
            vals.append(t)
        el = base_type(el)
        if el in self.meta.enums:
            if len(vals) != 1 or vals[0].kind != "sq" or vals[0].value not in self.meta.enums[el]:
                self.err(line, f"{path}.Add({''.join(v.text for v in vals)}): wants one of "
                               f"{', '.join(self.meta.enums[el])}")
        elif el == "DateTime":
            self.check_datetime(path, vals, line)
        elif el == "Day":
            if len(vals) != 1 or vals[0].kind != "var" or self.vartype.get(vals[0].value) != "Day":
                self.err(line, f"{path}.Add() wants a Day object")
        else:
            self.err(line, f"{path}: a list of {el}")


# ---- --hostile --------------------------------------------------------------------

def hostile(bkp, script):
    names = bkp_strings(bkp)
    with open(script, encoding="utf-8", newline="") as f:
        src = f.read()
    try:
        toks = tokenize(src)
    except LexError as e:
        print(f"{script}: {e}")
        return 1
    literals = {t.value for t in toks if t.kind == "sq"}
    bad = 0
    for name in names:
        if name not in literals:
            print(f"{script}: no single-quoted literal holds {name!r}")
            bad += 1
    inside = [(t.start, t.end) for t in toks if t.kind == "sq"]
    for m in re.finditer(r"pwn\d+", src, re.I):
        if not any(a < m.start() and m.end() < b for a, b in inside):
            line = src.count("\n", 0, m.start()) + 1
            print(f"{script}:{line}: marker {m.group(0)} outside a single-quoted literal")
            bad += 1
    return 1 if bad else 0


def main(argv):
    shared = os.environ.get("SHARED", "../shared")
    if len(argv) >= 3 and argv[0] == "--hostile":
        return max(hostile(argv[1], s) for s in argv[2:])
    if len(argv) >= 2 and argv[0] == "--shared":
        shared, argv = argv[1], argv[2:]
    if not argv:
        print(__doc__.strip().split("\n\n")[0], file=sys.stderr)
        return 2
    if not os.path.isfile(os.path.join(shared, "reference", "pwsh", "cmdlets.json")):
        print(f"check-ps1: skipped: {shared}/reference/pwsh not found")
        return 0
    meta = Meta(shared)
    bad = 0
    for path in argv:
        with open(path, encoding="utf-8", newline="") as f:
            src = f.read()
        errors = Checker(meta, path, src).run()
        for e in errors:
            print(e)
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
