#!/usr/bin/env python3
"""check-pwsh.py — runs a script of `bkpc build -t ps1` in real PowerShell
against the mock Az modules of tests/tools/pwsh-mock.py, and checks what it
does.

    check-pwsh.py --pwsh PWSH --mock DIR [--home DIR] [--policy NAME] [--hostile]
                  BKPC FILE.bkp SCRIPT.ps1
    check-pwsh.py --pwsh PWSH --mock DIR [--home DIR] --list FILE BKPC

--list FILE names many scripts, one "SCRIPT<tab>BKP<tab>POLICY<tab>hostile"
line each (POLICY: the --policy the script was built with, or empty;
"hostile" or empty). DIR is tests/tools/pwsh-mock.py's output, Models.dll
compiled; --home the HOME pwsh gets (a throw-away one by default).

One pwsh process (tests/tools/pwsh-driver.ps1) runs every script, with
-WhatIf and for real, against a vault

  empty      holding neither the policies nor the VMs;
  existing   holding every policy (every value changed, a snapshot resource
             group the file may not name) and protecting every VM with its
             policy (other disks);
  other      protecting every VM with another policy;
  namesake   protecting a VM of the same name in another resource group;
and then for real
  again      against what the real run on the empty vault left;
  override   with -SubscriptionId naming another subscription, where the
             vault is (files that name a vault; the others always get
             -VaultName, -ResourceGroupName and -SubscriptionId).

A file of several vaults (or of one vault holding some policies only) gets
a script without parameters that works vault by vault: it runs against all
its vaults in those states (each vault in its subscription, one named
without a subscription in the context's), without "override"; then each
vault is selected in turn (Set-AzContext before its Get-…Vault whenever
some vault names a subscription, the start subscription read with
Get-AzContext for those that name none), gets exactly the policies it holds
and the VMs the file protects in it, and a vault the selection leaves out
is not touched.

When the vault is in a subscription the script must select, the Az
context's subscription holds a vault of the same name and resource group: a
script that does not select it would work on the wrong vault. Each run's
directory, HOME and TMPDIR are throw-away. It checks that

  * every run ends without an error;
  * -SubscriptionId selects the subscription (Set-AzContext -Subscription,
    -Scope Process, even with -WhatIf) before anything else, and only then;
  * the vault is looked up by its name and resource group, every call has its
    -VaultId;
  * a policy the vault lacks is created (New-…), one it has is updated
    (Set-…), no other policy is touched, and the body the mock built from the
    objects the script handed over (properties.schedulePolicy, retentionPolicy,
    tieringPolicy, instantRpRetentionRangeInDays, instantRPDetails,
    snapshotConsistencyType, timeZone, policyType) equals `bkpc build -t json`
    field by field, as Azure reads them (tests/tools/harness.py);
  * every VM of the file gets its policy and disks: a new one with
    Enable-…Protection -Name -ResourceGroupName (never the namesake), a
    protected one with -Item (moved), disks as -InclusionDisksList,
    -ExclusionDisksList or -ResetExclusionSettings; the vault then protects
    each VM with its policy and disks, and the namesake as before;
  * -WhatIf changes nothing: no New-, Set- or Enable- call, the state as it was;
  * no run leaves a file in its directory, runs a program (a `touch` on PATH
    that logs), or prints a payload's marker alone on a line;
  * with --hostile (the hostile-name corpus): every string of FILE.bkp
    reaches the mock intact, byte for byte (as a parameter, or inside a
    policy body);
  * no file named after a payload (pwned*) appears in the sandbox's TMPDIR
    or pwsh's HOME.

Prints `ok SCRIPT`, or `FAIL SCRIPT` and what failed, indented, for each
script; exit 0 when all is well, 1 otherwise. BKPC_KEEP=1 in the environment
keeps the sandbox (its path is printed) to look at the logs and states.
"""
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True          # no __pycache__ beside the checkers
from bkptext import bkp_deployment, bkp_strings, several_vaults, vault_of    # noqa: E402
import harness                                      # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CHANGES = {"New-AzRecoveryServicesBackupProtectionPolicy", "Set-AzRecoveryServicesBackupProtectionPolicy",
           "Enable-AzRecoveryServicesBackupProtection"}
LOCATION = "westeurope"
CURRENT_SUB = "sub-current"             # the Az context's subscription before a run
NAMESAKE_RG = "rg-someone-else"
RUNTIME = {"VaultName": "v-given", "ResourceGroupName": "rg-given", "SubscriptionId": "sub-given"}
FAKE_TOUCH = """#!/bin/sh
# A payload that ran `touch`: log it as a call.
printf '{"cmdlet":"touch (a payload ran)"}\\n' >>"$BKPC_MOCK_LOG"
"""
PRIOR_DISKS = {"setting": "exclude", "luns": ["9"]}    # the disks of an item before the run
LEGACY = {  # another policy of the vault: V1, daily at 01:30
    "name": "legacy-policy",
    "properties": {
        "backupManagementType": "AzureIaasVM", "policyType": "V1", "timeZone": "UTC",
        "instantRpRetentionRangeInDays": 2,
        "schedulePolicy": {"schedulePolicyType": "SimpleSchedulePolicy", "scheduleRunFrequency": "Daily",
                           "scheduleRunTimes": ["2024-01-01T01:30:00Z"]},
        "retentionPolicy": {"retentionPolicyType": "LongTermRetentionPolicy",
                            "dailySchedule": {"retentionTimes": ["2024-01-01T01:30:00Z"],
                                              "retentionDuration": {"count": 30, "durationType": "Days"}}},
    },
}


def vault_id(v):
    return "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.RecoveryServices/vaults/{}".format(
        v["subscription"], v["resourceGroup"], v["name"])


def vm_id(sub, rg, vm):
    return f"/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines/{vm}"


def changed(props):
    """A policy body with every value a script sets changed, as a vault might
    hold it before the update."""
    p = copy.deepcopy(props)
    p["timeZone"] = "UTC" if p.get("timeZone") != "UTC" else "Tokyo Standard Time"
    p["instantRpRetentionRangeInDays"] = p.get("instantRpRetentionRangeInDays", 2) + 1
    text = json.dumps(p)
    text = re.sub(r'"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"', '"2024-01-01T05:30:00Z"', text)
    p = json.loads(text)
    for level in (p.get("retentionPolicy") or {}).values():
        if isinstance(level, dict) and "retentionDuration" in level:
            level["retentionDuration"]["count"] += 1
    archived = (p.get("tieringPolicy") or {}).get("ArchivedRP")
    if archived:
        p["tieringPolicy"]["ArchivedRP"] = ({"tieringMode": "DoNotTier"} if archived["tieringMode"] != "DoNotTier"
                                            else {"tieringMode": "TierRecommended"})
    if p.get("policyType") == "V2":
        if p.pop("snapshotConsistencyType", None) is None:
            p["snapshotConsistencyType"] = "OnlyCrashConsistent"
    p["instantRPDetails"] = {"azureBackupRGNamePrefix": "rg-old-snapshots-", "azureBackupRGNameSuffix": "-old"}
    return p


class VaultPlan:
    """One vault of a file of several: where it is (its subscription in the
    states: the context's when the file names none), the bodies of the
    policies it holds and the VMs it protects, of the selection."""

    def __init__(self, v, bodies, protects):
        self.name, self.rg, self.named_sub, held = v
        self.sub = self.named_sub or CURRENT_SUB
        self.bodies = {n: b for n, b in bodies.items() if held is None or n in held}
        self.protects = protects
        self.deployed = bool(self.bodies or self.protects)

    def state(self):
        return {"subscription": self.sub, "resourceGroup": self.rg, "name": self.name, "location": LOCATION,
                "policies": [], "items": []}


class Plan:
    """The vault, the VMs and the states a script runs against."""

    def __init__(self, dep, bodies, only):
        self.bodies = bodies
        self.multi = several_vaults(dep)
        if self.multi:
            self.init_multi(dep, bodies, only)
            return
        self.protects = [p for p in dep["protects"] if only is None or p[2] == only]
        if dep["vault"]:
            self.name, self.rg, self.sub = dep["vault"]
            self.args = {}
        else:
            self.name, self.rg, self.sub = RUNTIME["VaultName"], RUNTIME["ResourceGroupName"], RUNTIME["SubscriptionId"]
            self.args = dict(RUNTIME)
        self.has_vault = dep["vault"] is not None

    def init_multi(self, dep, bodies, only):
        self.args = {}
        self.has_vault = True
        self.vaults = []
        for v in dep["vaults"]:
            prot = [p for k, p in enumerate(dep["protects"])
                    if (only is None or p[2] == only) and vault_of(dep, k) is v]
            self.vaults.append(VaultPlan(v, bodies, prot))
        self.protects = [p for vp in self.vaults for p in vp.protects]
        self.switching = any(vp.named_sub for vp in self.vaults if vp.deployed)

    def base_multi(self):
        """Every vault in its subscription; in the context's subscription, a
        namesake of each vault that is elsewhere."""
        vaults = [vp.state() for vp in self.vaults]
        keys = {(v["subscription"], v["resourceGroup"], v["name"]) for v in vaults}
        for vp in self.vaults:
            if (CURRENT_SUB, vp.rg, vp.name) not in keys:
                keys.add((CURRENT_SUB, vp.rg, vp.name))
                vaults.append(dict(vp.state(), subscription=CURRENT_SUB))
        vms = []
        for vp in self.vaults:
            for vm, rg, _, _, _ in vp.protects:
                for r in (rg, NAMESAKE_RG):
                    vms.append({"subscription": vp.sub, "resourceGroup": r, "name": vm, "location": LOCATION})
        subs = sorted({CURRENT_SUB} | {vp.sub for vp in self.vaults})
        return {"context": {"subscription": CURRENT_SUB}, "subscriptions": subs, "vms": vms, "vaults": vaults}

    def states_multi(self):
        def fill(s, policies, items):
            for k, vp in enumerate(self.vaults):
                s["vaults"][k]["policies"] = policies(vp)
                s["vaults"][k]["items"] = items(vp)
            return s

        def items(vp, policy=None, rg=None):
            return [{"subscription": vp.sub, "resourceGroup": rg or r, "vm": vm, "policy": policy or pol,
                     "disks": copy.deepcopy(PRIOR_DISKS)} for vm, r, pol, _, _ in vp.protects]
        return [
            ("empty", self.base_multi(), None, True),
            ("existing", fill(self.base_multi(),
                              lambda vp: [{"name": n, "properties": changed(b["properties"])}
                                          for n, b in vp.bodies.items()],
                              items), None, True),
            ("other", fill(self.base_multi(), lambda vp: [copy.deepcopy(LEGACY)],
                           lambda vp: items(vp, LEGACY["name"])), None, True),
            ("namesake", fill(self.base_multi(), lambda vp: [copy.deepcopy(LEGACY)],
                              lambda vp: items(vp, LEGACY["name"], NAMESAKE_RG)), None, True),
        ]

    def base(self, sub):
        """A state with the vault in subscription sub (the context's when
        None) and, in the context's subscription, a namesake vault."""
        vsub = sub or CURRENT_SUB
        vaults = [{"subscription": vsub, "resourceGroup": self.rg, "name": self.name, "location": LOCATION,
                   "policies": [], "items": []}]
        if vsub != CURRENT_SUB:
            vaults.append(dict(copy.deepcopy(vaults[0]), subscription=CURRENT_SUB))
        vms = []
        for vm, rg, _, _, _ in self.protects:
            for r in (rg, NAMESAKE_RG):
                vms.append({"subscription": vsub, "resourceGroup": r, "name": vm, "location": LOCATION})
        subs = sorted({CURRENT_SUB, vsub, self.sub or CURRENT_SUB, "sub-override"})
        return {"context": {"subscription": CURRENT_SUB}, "subscriptions": subs, "vms": vms, "vaults": vaults}

    def items(self, sub, policy=None, rg=None):
        return [{"subscription": sub or CURRENT_SUB, "resourceGroup": rg or r, "vm": vm, "policy": policy or pol,
                 "disks": copy.deepcopy(PRIOR_DISKS)} for vm, r, pol, _, _ in self.protects]

    def states(self):
        """[(name, state, runtime subscription, whatif too)]."""
        if self.multi:
            return self.states_multi()
        out = []
        s = self.base(self.sub)
        out.append(("empty", s, self.sub, True))
        s = self.base(self.sub)
        s["vaults"][0]["policies"] = [{"name": n, "properties": changed(b["properties"])}
                                      for n, b in self.bodies.items()]
        s["vaults"][0]["items"] = self.items(self.sub)
        out.append(("existing", s, self.sub, True))
        s = self.base(self.sub)
        s["vaults"][0]["policies"] = [copy.deepcopy(LEGACY)]
        s["vaults"][0]["items"] = self.items(self.sub, LEGACY["name"])
        out.append(("other", s, self.sub, True))
        s = self.base(self.sub)
        s["vaults"][0]["policies"] = [copy.deepcopy(LEGACY)]
        s["vaults"][0]["items"] = self.items(self.sub, LEGACY["name"], NAMESAKE_RG)
        out.append(("namesake", s, self.sub, True))
        if self.has_vault:
            out.append(("override", self.base("sub-override"), "sub-override", False))
        return out


class Run:
    def __init__(self, name, whatif, init, sub, sandbox):
        self.name, self.whatif, self.init, self.sub = name, whatif, init, sub
        self.tag = f"{name} vault" + (", -WhatIf" if whatif else "")
        d = os.path.join(sandbox, name + ("-whatif" if whatif else ""))
        os.mkdir(d)
        self.cwd = os.path.join(d, "cwd")
        os.mkdir(self.cwd)
        self.files = {k: os.path.join(d, k + ".json") for k in ("state", "log", "result")}

    def job(self, script, args):
        return {"script": os.path.abspath(script), "args": args, "whatif": self.whatif, "init": self.init,
                "cwd": self.cwd, **self.files}

    def load(self):
        with open(self.files["result"], encoding="utf-8") as f:
            self.result = json.load(f)
        with open(self.files["log"], encoding="utf-8") as f:
            self.calls = [json.loads(line) for line in f if line.strip()]
        with open(self.files["state"], encoding="utf-8") as f:
            self.state = json.load(f)
        with open(self.init, encoding="utf-8") as f:
            self.before = json.load(f)


def check_context(run, plan, err):
    sets = [c for c in run.calls if c["cmdlet"] == "Set-AzContext"]
    if run.sub is None:
        if sets:
            err(f"{run.tag}: Set-AzContext called with no subscription given: {sets[0]['params']}")
        return
    if len(sets) != 1 or run.calls[0] is not sets[0]:
        err(f"{run.tag}: Set-AzContext is not called once, first: {[c['cmdlet'] for c in run.calls[:3]]}")
        return
    c = sets[0]
    if c["set"] != "Subscription" or c["params"].get("Subscription") != run.sub or \
            c["params"].get("Scope") != "Process" or not c.get("applied"):
        err(f"{run.tag}: Set-AzContext {harness.dumps(c)}")


def check_vault_calls(run, vault, err):
    gets = [c for c in run.calls if c["cmdlet"] == "Get-AzRecoveryServicesVault"]
    want = {"Name": vault["name"], "ResourceGroupName": vault["resourceGroup"]}
    if not gets or any({k: c["params"].get(k) for k in want} != want for c in gets):
        err(f"{run.tag}: Get-AzRecoveryServicesVault calls {[c['params'] for c in gets]}, expected {want}")
    vid = vault_id(vault)
    for c in run.calls:
        if c["cmdlet"].startswith(("Get-AzRecoveryServicesBackupProtectionPolicy", "New-", "Set-AzRecoveryServices",
                                   "Enable-", "Get-AzRecoveryServicesBackupContainer",
                                   "Get-AzRecoveryServicesBackupItem")) and c["params"].get("VaultId") != vid:
            err(f"{run.tag}: {c['cmdlet']} -VaultId {c['params'].get('VaultId')!r}, expected {vid!r}")


def check_policies(run, plan, vault_after, err):
    creates = {}
    updates = {}
    for c in run.calls:
        name = c["params"].get("Name") if c["cmdlet"].startswith("New-") else \
            (c["params"].get("Policy") or {}).get("Name")
        if c["cmdlet"] == "New-AzRecoveryServicesBackupProtectionPolicy":
            creates[name] = creates.get(name, 0) + 1
        elif c["cmdlet"] == "Set-AzRecoveryServicesBackupProtectionPolicy":
            updates[name] = updates.get(name, 0) + 1
    for name in sorted(set(creates) | set(updates)):
        if name not in plan.bodies:
            err(f"{run.tag}: policy {name!r} is not the file's, yet created or updated")
    had = {p["name"] for p in run.before_vault["policies"]}
    for name in plan.bodies:
        if name in had and (creates.get(name) or not updates.get(name)):
            err(f"{run.tag}: policy {name!r} exists: {creates.get(name, 0)} New, {updates.get(name, 0)} Set")
        elif name not in had and creates.get(name) != 1:
            err(f"{run.tag}: policy {name!r} is new: {creates.get(name, 0)} New")
    stored = {p["name"]: p["properties"] for p in vault_after["policies"]}
    for name, body in plan.bodies.items():
        if name not in stored:
            err(f"{run.tag}: the vault has no policy {name!r} afterwards")
            continue
        for d in harness.body_differences(body["properties"], stored[name]):
            err(f"{run.tag}: policy {name!r}: `bkpc build -t json` -> what pwsh sent: {d}")


def check_protection(run, plan, vault_after, err):
    before = {(i["subscription"], i["resourceGroup"], i["vm"]): i for i in run.before_vault["items"]}
    enables = [c for c in run.calls if c["cmdlet"] == "Enable-AzRecoveryServicesBackupProtection"]
    if len(enables) != len(plan.protects):
        err(f"{run.tag}: {len(enables)} Enable-AzRecoveryServicesBackupProtection calls for {len(plan.protects)} VMs")
    sub = run.vault["subscription"]
    for k, (vm, rg, pol, setting, luns) in enumerate(plan.protects):
        if k >= len(enables):
            break
        p = enables[k]["params"]
        disks = {"include": {"InclusionDisksList": luns}, "exclude": {"ExclusionDisksList": luns}}.get(setting, {})
        if (sub, rg, vm) in before:
            want = dict(disks or {"ResetExclusionSettings": True}, Item=vm_id(sub, rg, vm))
            got = {k2: v for k2, v in p.items() if k2 not in ("Policy", "VaultId")}
            if isinstance(got.get("Item"), dict):
                got["Item"] = got["Item"].get("VirtualMachineId")
            wset = "ModifyProtection"
        else:
            want = dict(disks, Name=vm, ResourceGroupName=rg)
            got = {k2: v for k2, v in p.items() if k2 not in ("Policy", "VaultId")}
            wset = "AzureVMComputeEnableProtection"
        if enables[k]["set"] != wset or got != want or (p.get("Policy") or {}).get("Name") != pol:
            err(f"{run.tag}: VM {vm!r}: Enable {enables[k]['set']} {harness.dumps(p)}; "
                f"expected {wset} {harness.dumps(want)} with policy {pol!r}")
    after = {(i["subscription"], i["resourceGroup"], i["vm"]): i for i in vault_after["items"]}
    for vm, rg, pol, setting, luns in plan.protects:
        i = after.get((sub, rg, vm))
        want = {"policy": pol, "disks": {"setting": setting, "luns": luns}}
        if i is None or {"policy": i["policy"], "disks": i["disks"]} != want:
            err(f"{run.tag}: VM {vm!r} in {rg!r} afterwards: {harness.dumps(i)}, expected {harness.dumps(want)}")
    for key, i in before.items():
        if key[1] == NAMESAKE_RG and after.get(key) != i:
            err(f"{run.tag}: the namesake {key[2]!r} in {NAMESAKE_RG} changed: {harness.dumps(after.get(key))}")
    if len(after) != len(set(before) | {(sub, rg, vm) for vm, rg, _, _, _ in plan.protects}):
        err(f"{run.tag}: the vault protects {sorted(after)} afterwards")


def without_context(state):
    return {k: v for k, v in state.items() if k != "context"}


class VaultRun:
    """The part of a run that works on one vault of several: its calls (from
    its Get-…Vault to the next vault's), the vault before and after."""

    def __init__(self, run, calls, vp, before, after):
        self.tag = f"{run.tag}, vault {vp.name!r}"
        self.calls, self.vault, self.before_vault = calls, before, before
        self.after = after


def by_key(vaults):
    return {(v["subscription"], v["resourceGroup"], v["name"]): v for v in vaults}


def check_multi(run, plan, err):
    """A run of a script for several vaults: the context switches, then each
    vault's part."""
    deployed = [vp for vp in plan.vaults if vp.deployed]
    gets = [k for k, c in enumerate(run.calls) if c["cmdlet"] == "Get-AzRecoveryServicesVault"]
    if len(gets) != len(deployed):
        err(f"{run.tag}: {len(gets)} Get-AzRecoveryServicesVault calls for {len(deployed)} vaults")
        return
    sets = [c for c in run.calls if c["cmdlet"] == "Set-AzContext"]
    reads = [c for c in run.calls if c["cmdlet"] == "Get-AzContext"]
    need_start = plan.switching and any(not vp.named_sub for vp in deployed)
    if len(reads) != need_start or (reads and run.calls[0] is not reads[0]):
        err(f"{run.tag}: {len(reads)} Get-AzContext calls (expected {int(need_start)}, first)")
    if not plan.switching and sets:
        err(f"{run.tag}: Set-AzContext called though no vault names a subscription: {sets[0]['params']}")
    before, after = by_key(run.before["vaults"]), by_key(run.state["vaults"])
    ends = gets[1:] + [len(run.calls)]
    for k, vp in enumerate(deployed):
        calls = run.calls[gets[k]:ends[k]]
        if plan.switching:
            prev = run.calls[gets[k] - 1] if gets[k] else None
            if prev is None or prev["cmdlet"] != "Set-AzContext" or prev["set"] != "Subscription" or \
                    prev["params"].get("Subscription") != vp.sub or prev["params"].get("Scope") != "Process" or \
                    not prev.get("applied"):
                err(f"{run.tag}: before vault {vp.name!r}: {harness.dumps(prev)}, expected Set-AzContext "
                    f"-Subscription {vp.sub!r} -Scope Process")
        key = (vp.sub, vp.rg, vp.name)
        vr = VaultRun(run, calls, vp, before[key], after[key])
        check_vault_calls(vr, vr.vault, err)
        if not run.whatif:
            check_policies(vr, vp, vr.after, err)
            check_protection(vr, vp, vr.after, err)
    mine = {(vp.sub, vp.rg, vp.name) for vp in deployed}
    for key, v in before.items():
        if key not in mine and after.get(key) != v:
            err(f"{run.tag}: vault {key[2]!r} of {key[0]!r}, which the script does not work on, changed")


def check_run(run, plan, hostile_strings, err):
    r = run.result
    if not r["ok"]:
        err(f"{run.tag}: the script failed: {r['error']}")
        for line in r["output"][-8:]:
            err(f"{run.tag}:   | {line}")
        return
    if plan.multi:
        check_multi(run, plan, err)
        check_common(run, hostile_strings, err)
        return
    check_context(run, plan, err)
    # the vault the script should work on, before and after
    run.vault = next(v for v in run.before["vaults"] if v["subscription"] == (run.sub or CURRENT_SUB))
    run.before_vault = run.vault
    vid = vault_id(run.vault)
    vault_after = next(v for v in run.state["vaults"] if vault_id(v) == vid)
    check_vault_calls(run, run.vault, err)
    for v_before in run.before["vaults"]:
        if vault_id(v_before) != vid or v_before["subscription"] != run.vault["subscription"]:
            v_after = next(v for v in run.state["vaults"] if v["subscription"] == v_before["subscription"])
            if v_after != v_before:
                err(f"{run.tag}: the namesake vault in {v_before['subscription']} changed")
    if not run.whatif:
        check_policies(run, plan, vault_after, err)
        check_protection(run, plan, vault_after, err)
    check_common(run, hostile_strings, err)


def check_common(run, hostile_strings, err):
    """What every run must do: change nothing under -WhatIf, no errors, no
    payload, every hostile string intact."""
    if run.whatif:
        for c in run.calls:
            if c["cmdlet"] in CHANGES:
                err(f"{run.tag}: {c['cmdlet']} called under -WhatIf")
        if without_context(run.state) != without_context(run.before):
            err(f"{run.tag}: the vault changed under -WhatIf")
    for c in run.calls:
        if c.get("error"):
            err(f"{run.tag}: {c['cmdlet']} failed: {c['error']}")
        if c["cmdlet"].startswith("touch"):
            err(f"{run.tag}: a payload ran a program: {c['cmdlet']}")
    for line in run.result["output"]:
        if re.fullmatch(r"\s*pwn\d+\s*", line):
            err(f"{run.tag}: a payload printed {line!r}")
    if harness.leftovers(run.cwd):
        err(f"{run.tag}: files appeared in the run's directory: {harness.leftovers(run.cwd)}")
    if hostile_strings is not None and not run.whatif:
        seen = set()
        for c in run.calls:
            harness.json_strings(c["params"], seen)
            harness.json_strings(c.get("body"), seen)
        for s in hostile_strings:
            if s not in seen:
                err(f"{run.tag}: {s!r} never reached the mock intact")


def payload_names(root):
    """Paths under root named after a payload (`touch pwned-N`)."""
    out = []
    for d, dirs, files in os.walk(root):
        out += [os.path.join(d, x) for x in dirs + files if "pwned" in x]
    return out


class Entry:
    """One script to check: its runs and the jobs of the driver."""

    def __init__(self, bkpc, script, bkp, policy, hostile, sandbox):
        self.script, self.bkp, self.policy, self.hostile = script, bkp, policy, hostile
        self.errs = []
        self.runs, self.jobs = [], []
        bodies = {n: json.loads(b) for n, b in harness.expected_bodies(bkpc, bkp, policy).items()}
        self.plan = Plan(bkp_deployment(bkp), bodies, policy)
        os.mkdir(sandbox)
        os.mkdir(os.path.join(sandbox, "states"))
        for name, state, sub, whatif in self.plan.states():
            init = os.path.join(sandbox, "states", name + ".json")
            with open(init, "w", encoding="utf-8") as f:
                json.dump(state, f, ensure_ascii=False, indent=1)
            script_args = dict(self.plan.args)
            if name == "override":
                script_args["SubscriptionId"] = sub
            for w in ((True, False) if whatif else (False,)):
                self.add(Run(name, w, init, sub, sandbox), script_args)
            if name == "empty":     # then again, against what the real run left
                self.add(Run("again", False, self.runs[-1].files["state"], sub, sandbox), script_args)

    def add(self, run, script_args):
        self.runs.append(run)
        self.jobs.append(run.job(self.script, script_args))

    def check(self):
        strings = bkp_strings(self.bkp) if self.hostile else None
        for run in self.runs:
            try:
                run.load()
            except (OSError, ValueError) as e:
                self.errs.append(f"{run.tag}: no result ({e})")
                continue
            check_run(run, self.plan, strings if run.name != "override" else None, self.errs.append)


def run_driver(pwsh, mock, home, sandbox, jobs):
    """Runs every job in one pwsh process; "" or what went wrong."""
    with open(os.path.join(sandbox, "jobs.json"), "w", encoding="utf-8") as f:
        json.dump(jobs, f, ensure_ascii=False)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BKPC_MOCK", "PSModulePath"))}
    env.update(HOME=home, TMPDIR=os.path.join(sandbox, "tmp"),
               PATH=os.path.join(sandbox, "bin") + os.pathsep + env.get("PATH", ""),
               POWERSHELL_TELEMETRY_OPTOUT="1", POWERSHELL_UPDATECHECK="Off", DOTNET_CLI_TELEMETRY_OPTOUT="1",
               DOTNET_NOLOGO="1", BKPC_MOCK_LOG=os.path.join(sandbox, "driver.log"))
    p = subprocess.run([pwsh, "-NoProfile", "-NonInteractive", "-File", os.path.join(HERE, "pwsh-driver.ps1"),
                        "-Mock", mock, "-Jobs", os.path.join(sandbox, "jobs.json")],
                       cwd=os.path.join(sandbox, "tmp"), env=env, capture_output=True, timeout=900,
                       stdin=subprocess.DEVNULL)
    out = []
    if p.returncode != 0:
        out.append(f"pwsh exit {p.returncode}: {p.stderr.decode('utf-8', 'replace')[-800:]}")
    log = os.path.join(sandbox, "driver.log")
    if os.path.exists(log):
        with open(log, encoding="utf-8", errors="replace") as f:
            out.append(f"a call outside any run: {f.read()[:300]}")
    for path in payload_names(os.path.join(sandbox, "tmp")) + payload_names(home):
        out.append(f"a payload's file appeared: {path}")
    return out


def check(args, entries):
    """Checks every (SCRIPT, BKP, POLICY or None, HOSTILE) of entries; prints
    `ok SCRIPT` or `FAIL SCRIPT` and what failed, indented."""
    sandbox = tempfile.mkdtemp(prefix="bkpc-pwsh-")
    failed = 0
    try:
        for d in ("bin", "tmp", "home"):
            os.mkdir(os.path.join(sandbox, d))
        touch = os.path.join(sandbox, "bin", "touch")
        with open(touch, "w", encoding="utf-8") as f:
            f.write(FAKE_TOUCH)
        os.chmod(touch, 0o755)
        todo = [Entry(args.bkpc, s, b, p, h, os.path.join(sandbox, f"script-{k}"))
                for k, (s, b, p, h) in enumerate(entries)]
        trouble = run_driver(args.pwsh, args.mock, args.home or os.path.join(sandbox, "home"), sandbox,
                             [j for e in todo for j in e.jobs])
        for e in todo:
            e.check()
            if e.errs:
                failed += 1
                print(f"FAIL {e.script}")
                for x in e.errs:
                    print(f"  {x}")
            else:
                print(f"ok {e.script}")
        for x in trouble:
            failed += 1
            print(f"FAIL {x}")
    finally:
        if not os.environ.get("BKPC_KEEP"):
            shutil.rmtree(sandbox, ignore_errors=True)
        else:
            print("kept", sandbox)
    return failed


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(usage=__doc__.strip().split("\n\n")[1])
    ap.add_argument("--pwsh", required=True)
    ap.add_argument("--mock", required=True)
    ap.add_argument("--home")
    ap.add_argument("--list")
    ap.add_argument("--policy")
    ap.add_argument("--hostile", action="store_true")
    ap.add_argument("bkpc")
    ap.add_argument("bkp", nargs="?")
    ap.add_argument("script", nargs="?")
    args = ap.parse_args(argv)
    args.bkpc = os.path.abspath(args.bkpc)
    if not shutil.which(args.pwsh):
        ap.error(f"{args.pwsh}: not found")
    args.pwsh = shutil.which(args.pwsh)
    if args.list:
        entries = []
        with open(args.list, encoding="utf-8") as f:
            for line in f:
                script, bkp, policy, hostile = line.rstrip("\n").split("\t")
                entries.append((script, bkp, policy or None, hostile == "hostile"))
    elif args.bkp and args.script:
        entries = [(args.script, args.bkp, args.policy, args.hostile)]
    else:
        ap.error("give FILE.bkp SCRIPT.ps1, or --list")
    return 1 if check(args, entries) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
