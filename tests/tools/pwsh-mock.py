#!/usr/bin/env python3
"""pwsh-mock.py — writes a mock of the Az PowerShell modules the scripts of
`bkpc build -t ps1` use, for tests/extra/pwsh.sh to run them in real pwsh.

    pwsh-mock.py --shared DIR OUT

From DIR/reference/pwsh/cmdlets.json and models.json it writes into OUT:

  OUT/Models.cs   the object model as C# (tests/extra/pwsh.sh compiles it
                  into OUT/Models.dll with Add-Type): every enum, every class
                  of models.json with its typed properties, typed lists and
                  the defaults the reference gives (a Day is {Date 1, IsLast
                  false}; a day list of a fresh object is [Sunday]), plus the
                  few types the cmdlets take that models.json does not
                  describe (the vault, containers, items, Az.Accounts' context);
  OUT/Modules/Az.RecoveryServices/7.14.0/  and  OUT/Modules/Az.Accounts/5.3.0/
                  script modules whose functions have the real cmdlets'
                  parameter sets, mandatory parameters, types, aliases,
                  accepted values ([ValidateSet]) and pipeline bindings, and
                  support -WhatIf where the cmdlet does; each function hands
                  its bound parameters to the behaviour written by hand in
                  tests/tools/pwsh-mock.ps1 (copied beside them), which keeps
                  the vault state and logs every call;
  OUT/defaults.json
                  the defaults of the objects Get-AzRecoveryServicesBackup*
                  PolicyObject return, read from models.json (its prose
                  defaults such as "DurationCountInDays=180 (null when …)"
                  included), for pwsh-mock.ps1.

Parameters are bound by name only (PositionalBinding off): the help's
positions for New-* contradict its syntax block (reference/PWSH.md §4.15),
and the generated scripts must name every parameter.

Nothing it writes is committed. Exit status 0, 1 when the reference holds
something this generator does not understand (it says what), 2 on usage.
"""
import hashlib
import json
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RS_VERSION = "7.14.0"     # Az.RecoveryServices of Az 16.2.0, the reference's help (cmdlets.json _about)
ACCOUNTS_VERSION = "5.3.0"  # an Az.Accounts of the Az 16 line (Az.RecoveryServices requires it)

# Az.Accounts is not in reference/pwsh; the scripts call Set-AzContext, and
# Get-AzContext (a script for several vaults, some named without a
# subscription, reads the one it starts in). Their parameter sets, in
# cmdlets.json's shape, from Azure/azure-powershell
# src/Accounts/Accounts/help/{Set,Get}-AzContext.md.
_COMMON = [
    {"name": "ExtendedProperty", "type": "IDictionary[String,String]", "mandatory": False},
    {"name": "Name", "type": "String", "mandatory": False},
    {"name": "Force", "type": "SwitchParameter", "mandatory": False},
    {"name": "Scope", "type": "ContextModificationScope", "mandatory": False,
     "acceptedValues": ["Process", "CurrentUser"]},
    {"name": "DefaultProfile", "type": "IAzureContextContainer", "mandatory": False,
     "aliases": ["AzContext", "AzureRmContext", "AzureCredential"]},
]
ACCOUNTS_CMDLETS = {
    "Get-AzContext": {
        "parameterSets": {
            "GetSingleContext (Default)": [
                {"name": "RefreshContextFromTokenCache", "type": "SwitchParameter", "mandatory": False},
                _COMMON[-1]],
            "ListAllContexts": [
                {"name": "ListAvailable", "type": "SwitchParameter", "mandatory": True},
                {"name": "RefreshContextFromTokenCache", "type": "SwitchParameter", "mandatory": False},
                _COMMON[-1]],
            "GetContextByName": [
                {"name": "Name", "type": "String", "mandatory": True},
                _COMMON[-1]],
        },
    },
    "Set-AzContext": {
        "supportsShouldProcess": True,
        "parameterSets": {
            "Context (Default)": [{"name": "Context", "type": "PSAzureContext", "mandatory": True,
                                   "pipeline": "ByValue"}] + _COMMON,
            "TenantObject": [{"name": "TenantObject", "type": "PSAzureTenant", "mandatory": True,
                              "pipeline": "ByValue"}] + _COMMON,
            "SubscriptionObject": [{"name": "SubscriptionObject", "type": "PSAzureSubscription",
                                    "mandatory": True, "pipeline": "ByValue"}] + _COMMON,
            "Subscription": [{"name": "Subscription", "type": "String", "mandatory": True,
                              "aliases": ["SubscriptionId", "SubscriptionName"]},
                             {"name": "Tenant", "type": "String", "mandatory": False,
                              "aliases": ["Domain", "TenantId"]}] + _COMMON,
            "TenantNameOnly": [{"name": "Tenant", "type": "String", "mandatory": True,
                                "aliases": ["Domain", "TenantId"]}] + _COMMON,
        },
    },
}

# Types the cmdlets take that models.json does not describe: the mock's own
# minimal versions (namespace, name, base, {property: type}).
OWN_CLASSES = [
    ("Microsoft.Azure.Commands.RecoveryServices", "ARSVault", None,
     {"ID": "string", "Name": "string", "Type": "string", "Location": "string",
      "ResourceGroupName": "string", "SubscriptionId": "string"}),
    (None, "ContainerBase", None,
     {"Name": "string", "FriendlyName": "string", "ResourceGroupName": "string",
      "ContainerType": "ContainerType", "BackupManagementType": "BackupManagementType"}),
    (None, "AzureVmContainer", "ContainerBase", {"VirtualMachineId": "string"}),
    (None, "ItemBase", None,
     {"Name": "string", "ContainerName": "string", "WorkloadType": "WorkloadType",
      "BackupManagementType": "BackupManagementType", "ProtectionPolicyName": "string"}),
    (None, "AzureVmItem", "ItemBase", {"VirtualMachineId": "string", "PolicyId": "string"}),
    (None, "ProtectableItemBase", None, {"Name": "string"}),
    ("Microsoft.Azure.Commands.Profile.Models", "PSAzureTenant", None, {"Id": "string"}),
    ("Microsoft.Azure.Commands.Profile.Models", "PSAzureSubscription", None,
     {"Id": "string", "Name": "string", "TenantId": "string"}),
    ("Microsoft.Azure.Commands.Profile.Models.Core", "PSAzureContext", None,
     {"Name": "string", "Subscription": "PSAzureSubscription", "Tenant": "PSAzureTenant"}),
]
OWN_ENUMS = [("Microsoft.Azure.Commands.Profile.Common", "ContextModificationScope",
              {"Process": 0, "CurrentUser": 1})]
OWN_INTERFACES = [("Microsoft.Azure.Commands.Common.Authentication.Abstractions.Core", "IAzureContextContainer")]

# Where models.json's "from" puts a property of AzureVmPolicy, the classes
# from the most derived down (AzureVmPolicy.cs, AzurePolicy.cs, BaseObjects.cs
# of its _source).
POLICY_CHAIN = ["AzureVmPolicy", "AzurePolicy", "PolicyBase", "ManagementContext"]

# The parts of models.json's prose defaults that are not values, and what
# they mean. None: pwsh-mock.ps1 does it by hand (named in the comment);
# a dict: the values it stands for.
PROSE = {
    "(null when Weekly frequency requested)": None,            # New-MockRetentionPolicy
    "unless -ScheduleRunFrequency Weekly": None,                # New-MockRetentionPolicy
    "(DateTimeKind.Utc.ToString().ToUpper())": None,            # an explanation of 'UTC'
    "=> service gets 'UTC'": None,                              # ConvertTo-MockRestPolicy
    # YearlySchedule: "weekly {Sunday, First}", the weekly format of
    # MonthlySchedule's default; both formats are filled (PWSH.md §2, WPH
    # GetDailyRetentionFormat / GetWeeklyRetentionFormat).
    "weekly {Sunday, First}": {
        "RetentionScheduleWeekly": {"DaysOfTheWeek": ["Sunday"], "WeeksOfTheMonth": ["First"]},
        "RetentionScheduleDaily": {"DaysOfTheMonth": [{"Date": 1, "IsLast": False}]},
    },
}


class RefError(Exception):
    pass


# ---- documented defaults ------------------------------------------------------

class _Prose:
    """A reader of the value notation of models.json's default strings:
    `K=V, K=V`, `{K:V,…}`, `[a, b]`, numbers, true/false/null, 'quoted',
    identifiers."""

    def __init__(self, text):
        self.s, self.i = text, 0

    def ws(self):
        while self.i < len(self.s) and self.s[self.i] == " ":
            self.i += 1

    def value(self):
        self.ws()
        s, i = self.s, self.i
        if i >= len(s):
            raise ValueError("end")
        if s[i] == "[":
            self.i += 1
            items = []
            self.ws()
            if self.s[self.i:self.i + 1] == "]":
                self.i += 1
                return items
            while True:
                items.append(self.value())
                self.ws()
                c = self.s[self.i:self.i + 1]
                self.i += 1
                if c == "]":
                    return items
                if c != ",":
                    raise ValueError("list")
        if s[i] == "{":
            self.i += 1
            out = self.pairs("}")
            self.ws()
            if self.s[self.i:self.i + 1] != "}":
                raise ValueError("object")
            self.i += 1
            return out
        if s[i] == "'":
            j = s.index("'", i + 1)
            self.i = j + 1
            return s[i + 1:j]
        m = re.compile(r"-?\d+\b|[A-Za-z_]\w*").match(s, i)
        if not m:
            raise ValueError("value")
        self.i = m.end()
        w = m.group(0)
        if re.fullmatch(r"-?\d+", w):
            return int(w)
        return {"true": True, "false": False, "null": None}.get(w, w)

    def pairs(self, closer=None):
        out = {}
        while True:
            save = self.i
            self.ws()
            m = re.compile(r"([A-Za-z_]\w*)\s*[=:]").match(self.s, self.i)
            if not m:
                self.i = save
                return out
            self.i = m.end()
            try:
                out[m.group(1)] = self.value()
            except ValueError:
                self.i = save
                return out
            save = self.i
            self.ws()
            if self.s[self.i:self.i + 1] != ",":
                self.i = save
                return out
            self.i += 1


def parse_default(text):
    """(value, rest): the documented default, and the prose after it."""
    if not isinstance(text, str):
        return text, ""
    m = re.match(r"(?:one random time today|today (\d{2}:\d{2}))", text)
    if m:   # a time today (Kind Utc): {"$today": "HH:MM"} or "random"
        return {"$today": m.group(1) or "random"}, ""
    r = _Prose(text)
    v = r.pairs()
    if not v:
        r.i = 0
        v = r.value()
    rest = text[r.i:].strip().lstrip(",").strip()
    return v, rest


# ---- the type model -------------------------------------------------------------

class Model:
    """Every type the mock defines: {name: (namespace, kind, info)}."""

    def __init__(self, models, cmdlet_sets):
        self.ns = models["namespace"]
        self.types = {}
        self._base = {}         # class -> its base, from "Base (A or B)" types
        self.defaults = {}      # class -> {property: default} (all documented)
        for name, vals in models["enums"].items():
            if name.startswith("_") or not isinstance(vals, dict):
                continue
            self.types[name] = (self.ns, "enum", {k: v for k, v in vals.items() if not k.startswith("_")})
        for ns, name, vals in OWN_ENUMS:
            self.types[name] = (ns, "enum", vals)
        for ns, name in OWN_INTERFACES:
            self.types[name] = (ns, "interface", None)
        self._classes(models)
        for ns, name, base, props in OWN_CLASSES:
            self.types[name] = (ns or self.ns, "class", {"base": base, "props": props, "fields": {}})
        # enums only the cmdlets name, with their accepted values
        for params in cmdlet_sets:
            for p in params:
                t = re.sub(r"^Nullable\[(\w+)\]$", r"\1", p["type"])
                if t in self.types or t in PS_BUILTIN or not p.get("acceptedValues"):
                    continue
                self.types[t] = (self.ns, "enum", {v: i + 1 for i, v in enumerate(p["acceptedValues"])})
        self._check()

    def _classes(self, models):
        for name, spec in models.items():
            props = spec.get("properties") if isinstance(spec, dict) else None
            if not isinstance(props, dict) or not all(isinstance(p, dict) and "type" in p for p in props.values()):
                continue
            chain = POLICY_CHAIN if name == POLICY_CHAIN[0] else [name]
            for i, cls in enumerate(chain):
                base = chain[i + 1] if i + 1 < len(chain) else None
                self.types.setdefault(cls, (self.ns, "class", {"base": base, "props": {}, "fields": {}}))
            for pname, p in props.items():
                owner = p.get("from", name) if name == POLICY_CHAIN[0] else name
                if owner not in chain:
                    raise RefError(f"{name}.{pname}: 'from' {owner} is not one of {chain}")
                t = p["type"]
                m = re.fullmatch(r"(\w+) \(([\w ]+)\)", t)
                if m and m.group(2) == "public field":
                    self.types[owner][2]["fields"][pname] = m.group(1)
                    t = None
                elif m:     # "SchedulePolicyBase (SimpleSchedulePolicy or SimpleSchedulePolicyV2)"
                    for sub in m.group(2).split(" or "):
                        self.types.setdefault(m.group(1), (self.ns, "class", {"base": None, "props": {}, "fields": {}}))
                        self._base[sub] = m.group(1)
                    t = m.group(1)
                if t:
                    self.types[owner][2]["props"][pname] = t
                if "default" in p:
                    v, rest = parse_default(p["default"])
                    if rest:
                        if rest not in PROSE:
                            raise RefError(f"{name}.{pname}: default {p['default']!r}: "
                                           f"do not know what {rest!r} means (pwsh-mock.py PROSE)")
                        if PROSE[rest]:
                            v = dict(v, **PROSE[rest])
                    self.defaults.setdefault(name, {})[pname] = v

    def _check(self):
        for sub, base in self._base.items():
            if sub not in self.types:
                raise RefError(f"{base}: subclass {sub} is not described")
            self.types[sub][2]["base"] = base
        for name, (_, kind, info) in self.types.items():
            if kind != "class":
                continue
            for pname, t in list(info["props"].items()) + list(info["fields"].items()):
                self.cs_type(t)     # raises on an unknown type
            for pname, v in self.defaults.get(name, {}).items():
                if pname not in self.all_props(name):
                    raise RefError(f"default for unknown property {name}.{pname}")

    def all_props(self, name):
        out = {}
        while name:
            info = self.types[name][2]
            out.update(info["props"])
            out.update(info["fields"])
            name = info["base"]
        return out

    def full(self, name):
        if name not in self.types:
            raise RefError(f"unknown type {name}")
        return self.types[name][0] + "." + name

    def cs_type(self, t):
        m = re.fullmatch(r"List<([\w.]+)>", t)
        if m:
            return f"System.Collections.Generic.List<{self.cs_type(m.group(1))}>"
        m = re.fullmatch(r"(\w+)\?", t)
        if m:
            return self.cs_type(m.group(1)) + "?"
        simple = {"string": "string", "bool": "bool", "int": "int", "DateTime": "System.DateTime",
                  "System.DayOfWeek": "System.DayOfWeek"}
        if t in simple:
            return simple[t]
        return "global::" + self.full(t)

    def enum_of(self, t):
        """The enum type of a property type or list element, or None."""
        m = re.fullmatch(r"List<([\w.]+)>|(\w+)\??", t)
        inner = m.group(1) or m.group(2)
        if inner == "System.DayOfWeek":
            return "System.DayOfWeek"
        if inner in self.types and self.types[inner][1] == "enum":
            return self.full(inner)
        return None


PS_BUILTIN = {
    "String": "string", "String[]": "string[]", "SwitchParameter": "switch", "Hashtable": "hashtable",
    "SecureString": "securestring", "Boolean": "bool", "Int32": "int",
    "IDictionary[String,String]": "System.Collections.Generic.IDictionary[string,string]",
}


# ---- C# ------------------------------------------------------------------------

def cs_literal(model, t, v):
    """A C# initializer for the documented default v of a property of type t,
    or None when it is not a plain value (pwsh-mock.ps1 builds those)."""
    if v is None or isinstance(v, dict):
        return None
    e = model.enum_of(t)
    if isinstance(v, list):
        if any(isinstance(x, (dict, list)) for x in v):
            return None
        el = model.cs_type(re.fullmatch(r"List<([\w.]+)>", t).group(1))
        items = ", ".join(f"global::{e}.{x}" if e else json.dumps(x) for x in v)
        return f"new System.Collections.Generic.List<{el}> {{ {items} }}"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if e:
        return f"global::{e}.{v}"
    return json.dumps(v)


def write_cs(model):
    out = ["// Generated by tests/tools/pwsh-mock.py from reference/pwsh/models.json: do not edit.",
           "#pragma warning disable CS0108"]
    for name, (ns, kind, info) in sorted(model.types.items(), key=lambda x: (x[1][0], x[0])):
        out.append(f"namespace {ns} {{")
        if kind == "enum":
            vals = ", ".join(f"{k} = {v}" for k, v in info.items())
            out.append(f"    public enum {name} {{ {vals} }}")
        elif kind == "interface":
            out.append(f"    public interface {name} {{ }}")
        else:
            base = f" : global::{model.full(info['base'])}" if info["base"] else ""
            out.append(f"    public class {name}{base} {{")
            defaults = model.defaults.get(name, {})
            for pname, t in info["props"].items():
                init = cs_literal(model, t, defaults.get(pname)) if pname in defaults else None
                if init is None and t.startswith("List<"):
                    init = f"new {model.cs_type(t)}()"
                tail = f" = {init};" if init else ""
                out.append(f"        public {model.cs_type(t)} {pname} {{ get; set; }}{tail}")
            for pname, t in info["fields"].items():
                init = cs_literal(model, t, defaults.get(pname))
                tail = f" = {init}" if init else ""
                out.append(f"        public {model.cs_type(t)} {pname}{tail};")
            out.append("    }")
        out.append("}")
    return "\n".join(out) + "\n"


# ---- PowerShell ---------------------------------------------------------------------

def ps_quote(s):
    return "'" + s.replace("'", "''") + "'"


def ps_type(model, t):
    m = re.fullmatch(r"Nullable\[(\w+)\]", t)
    if m:
        return f"[System.Nullable[{ps_type(model, m.group(1))[1:-1]}]]"
    if t in PS_BUILTIN:
        return f"[{PS_BUILTIN[t]}]"
    return f"[{model.full(t)}]"


def function_for(model, name, spec):
    """The advanced function of one cmdlet."""
    sets = {}
    default = None
    for key, params in spec["parameterSets"].items():
        set_name = key.replace(" (Default)", "")
        if key.endswith("(Default)"):
            default = set_name
        sets[set_name] = params
    single = list(sets) == ["(single)"]
    params = {}     # name -> {"type", "aliases", "accepted", "in": {set: (mandatory, pipeline)}}
    for set_name, plist in sets.items():
        for p in plist:
            if p["name"] in ("WhatIf", "Confirm"):
                continue        # SupportsShouldProcess adds them
            q = params.setdefault(p["name"], {"type": p["type"], "aliases": [], "accepted": [], "in": {}})
            if q["type"] != p["type"]:
                raise RefError(f"{name} -{p['name']}: type {q['type']} in one set, {p['type']} in another")
            for a in p.get("aliases", []):
                if a not in q["aliases"]:
                    q["aliases"].append(a)
            for v in p.get("acceptedValues", []):
                if v not in q["accepted"]:
                    q["accepted"].append(v)
            q["in"][set_name] = (bool(p.get("mandatory")), p.get("pipeline"))
    binding = ["PositionalBinding = $false"]
    if spec.get("supportsShouldProcess"):
        binding.append("SupportsShouldProcess = $true")
    if default and not single:
        binding.append(f"DefaultParameterSetName = {ps_quote(default)}")
    lines = [f"function {name} {{", f"    [CmdletBinding({', '.join(binding)})]", "    param("]
    decls = []
    for pname, q in params.items():
        attrs = []
        uniform = len(set(q["in"].values())) == 1 and len(q["in"]) == len(sets)
        for set_name, (mandatory, pipeline) in q["in"].items():
            args = []
            if mandatory:
                args.append("Mandatory = $true")
            if not (single or uniform):
                args.append(f"ParameterSetName = {ps_quote(set_name)}")
            if pipeline == "ByValue":
                args.append("ValueFromPipeline = $true")
            elif pipeline == "ByPropertyName":
                args.append("ValueFromPipelineByPropertyName = $true")
            attrs.append(f"        [Parameter({', '.join(args)})]")
            if single or uniform:
                break
        if q["aliases"]:
            attrs.append(f"        [Alias({', '.join(map(ps_quote, q['aliases']))})]")
        if q["accepted"]:
            attrs.append(f"        [ValidateSet({', '.join(map(ps_quote, q['accepted']))})]")
        attrs.append(f"        {ps_type(model, q['type'])} ${pname}")
        decls.append("\n".join(attrs))
    lines.append(",\n\n".join(decls))
    lines += ["    )", "    process { Invoke-BkpcMock $PSCmdlet $PSBoundParameters }", "}", ""]
    return "\n".join(lines)


def write_module(root, name, version, cmdlets, model, required=None):
    d = os.path.join(root, "Modules", name, version)
    os.makedirs(d)
    body = ["# Generated by tests/tools/pwsh-mock.py from reference/pwsh/cmdlets.json: do not edit.",
            "Set-StrictMode -Version Latest",
            ". (Join-Path $PSScriptRoot 'pwsh-mock.ps1')",
            ""]
    for cname in sorted(cmdlets):
        body.append(function_for(model, cname, cmdlets[cname]))
    body.append("Export-ModuleMember -Function " + ", ".join(sorted(cmdlets)))
    with open(os.path.join(d, name + ".psm1"), "w", encoding="utf-8") as f:
        f.write("\n".join(body) + "\n")
    shutil.copy(os.path.join(HERE, "pwsh-mock.ps1"), d)
    req = ""
    if required:
        req = "    RequiredModules = @(@{ ModuleName = %s; ModuleVersion = %s })\n" % tuple(map(ps_quote, required))
    with open(os.path.join(d, name + ".psd1"), "w", encoding="utf-8") as f:
        f.write("@{\n"
                f"    ModuleVersion = {ps_quote(version)}\n"
                "    GUID = '00000000-0000-4000-8000-%s'\n" % hashlib.sha1(name.encode()).hexdigest()[:12] +
                f"    RootModule = {ps_quote(name + '.psm1')}\n"
                f"{req}"
                f"    FunctionsToExport = @({', '.join(map(ps_quote, sorted(cmdlets)))})\n"
                "    CmdletsToExport = @()\n    VariablesToExport = @()\n    AliasesToExport = @()\n"
                "}\n")


def main(argv):
    if len(argv) != 3 or argv[0] != "--shared":
        print(__doc__.strip().split("\n\n")[0], file=sys.stderr)
        return 2
    shared, out = argv[1], argv[2]
    ref = os.path.join(shared, "reference", "pwsh")
    with open(os.path.join(ref, "cmdlets.json"), encoding="utf-8") as f:
        cmdlets = json.load(f)["cmdlets"]
    with open(os.path.join(ref, "models.json"), encoding="utf-8") as f:
        models = json.load(f)
    all_sets = [ps for c in list(cmdlets.values()) + list(ACCOUNTS_CMDLETS.values())
                for ps in c["parameterSets"].values()]
    try:
        model = Model(models, all_sets)
        cs = write_cs(model)
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, "Models.cs"), "w", encoding="utf-8") as f:
            f.write(cs)
        write_module(out, "Az.Accounts", ACCOUNTS_VERSION, ACCOUNTS_CMDLETS, model)
        write_module(out, "Az.RecoveryServices", RS_VERSION, cmdlets, model,
                     required=("Az.Accounts", ACCOUNTS_VERSION))
    except RefError as e:
        print(f"pwsh-mock.py: {ref}: {e}", file=sys.stderr)
        return 1
    with open(os.path.join(out, "defaults.json"), "w", encoding="utf-8") as f:
        json.dump({"namespace": model.ns, "classes": model.defaults,
                   "types": {c: model.all_props(c) for c, (_, k, _i) in model.types.items() if k == "class"}},
                  f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
