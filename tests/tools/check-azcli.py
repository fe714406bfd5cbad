#!/usr/bin/env python3
"""check-azcli.py — checks of the bash scripts `bkpc build -t azcli` writes.

    check-azcli.py BKPC FILE.bkp SCRIPT.sh [--policy NAME] [--hostile]

Runs SCRIPT.sh three times, in an empty directory, with a fake `az` first on
PATH that records every call: once against an empty vault, once against a
vault that already has every policy and protects every VM, once with
--dry-run. It checks that

  * the script exits 0 and calls az only with options the real commands take;
  * every `az backup policy create|set` gets --policy with exactly the body
    `BKPC build -t json --policy NAME FILE.bkp` prints (the three backends
    cannot disagree), for every policy of the file (or NAME) and no other;
  * every VM of the file is protected with its policy and its disks:
    enable-for-vm for a new VM, item set-policy + protection update-for-vm
    for a protected one;
  * with several vaults: each policy is applied once in each vault that
    holds it (--vault-name, --resource-group and --subscription the
    vault's), and each VM protected in its vault;
  * --dry-run changes nothing (no create, set, enable or update call);
  * with --hostile: every double-quoted string of FILE.bkp reaches az intact
    as one argument (or as a JSON string of a body), no payload ran (no file
    appears in the directory), and every marker `pwn<digits>` of the script
    lies inside a single-quoted word or the quoted JSON heredoc.

Prints what fails; exit 0 when all is well, 1 otherwise.
"""
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True          # no __pycache__ beside the checkers
from bkptext import bkp_deployment, bkp_strings, several_vaults, vault_of   # noqa: E402  (tests/tools/bkptext.py)
import harness                          # noqa: E402  (tests/tools/harness.py)

FAKE_AZ = r'''#!/usr/bin/env bash
# The fake az: records each call (NUL-separated: CALL, the arguments, the body
# of --policy=FILE after BODY, END) and answers as FAKE_AZ_EXISTING says.
log=$FAKE_AZ_LOG
{
    printf 'CALL\0'
    printf '%s\0' "$@"
    for a in "$@"; do
        case $a in --policy=*) printf 'BODY\0'; cat -- "${a#--policy=}"; printf '\0' ;; esac
    done
    printf 'END\0'
} >>"$log"
words=() name= rg= container=
for a in "$@"; do
    case $a in
        --name=*) name=${a#--name=} ;;
        --resource-group=*) rg=${a#--resource-group=} ;;
        --container-name=*) container=${a#--container-name=} ;;
        -*) ;;
        *) [ ${#words[@]} -lt 3 ] && words+=("$a") ;;
    esac
done
key() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }
vm_id() { printf '/subscriptions/sub/resourceGroups/%s/providers/Microsoft.Compute/virtualMachines/%s\n' "$1" "$2"; }
existing=${FAKE_AZ_EXISTING:-0}
case "${words[*]} " in
    "backup policy show "*)
        if [ "$existing" = 0 ]; then echo ResourceNotFound >&2; exit 3; fi ;;
    "backup item show "*)
        if [ "$existing" = 0 ]; then echo ResourceNotFound >&2; exit 3; fi
        if [ "$existing" = 1 ]; then
            # this VM's item, the id upper-cased (ASCII) as Azure may spell it
            vm_id "$(cat "$log.vm-$(key "$container")")" "$container" | LC_ALL=C tr '[:lower:]' '[:upper:]'
        else
            vm_id rg-someone-else "$container"    # a namesake's
        fi ;;
    "vm show "*)
        printf '%s' "$rg" >"$log.vm-$(key "$name")"
        vm_id "$rg" "$name" ;;
esac
exit 0
'''

# The options each az command the scripts use takes (Azure CLI _params.py),
# beyond the global ones (--subscription, --output, --query).
AZ_OPTIONS = {
    ("backup", "policy", "show"): {"--resource-group", "--vault-name", "--name"},
    ("backup", "policy", "create"): {"--resource-group", "--vault-name", "--name", "--policy",
                                     "--backup-management-type", "--workload-type"},
    ("backup", "policy", "set"): {"--resource-group", "--vault-name", "--name", "--policy",
                                  "--backup-management-type", "--fix-for-inconsistent-items"},
    ("backup", "item", "show"): {"--resource-group", "--vault-name", "--container-name", "--name",
                                 "--backup-management-type", "--workload-type"},
    ("backup", "item", "set-policy"): {"--resource-group", "--vault-name", "--container-name", "--name",
                                       "--policy-name", "--backup-management-type", "--workload-type"},
    ("backup", "protection", "enable-for-vm"): {"--resource-group", "--vault-name", "--vm", "--policy-name",
                                                "--diskslist", "--disk-list-setting",
                                                "--exclude-all-data-disks"},
    ("backup", "protection", "update-for-vm"): {"--resource-group", "--vault-name", "--container-name",
                                                "--item-name", "--backup-management-type", "--workload-type",
                                                "--diskslist", "--disk-list-setting",
                                                "--exclude-all-data-disks"},
    ("vm", "show"): {"--resource-group", "--name"},
}
GLOBAL = {"--subscription", "--output", "--query"}
CHANGES = {("backup", "policy", "create"), ("backup", "policy", "set"), ("backup", "item", "set-policy"),
           ("backup", "protection", "enable-for-vm"), ("backup", "protection", "update-for-vm")}


def parse_call(argv):
    """(command words, {option: [values]})."""
    words, i = [], 0
    while i < len(argv) and not argv[i].startswith("-"):
        words.append(argv[i])
        i += 1
    opts = {}
    while i < len(argv):
        a = argv[i]
        if not a.startswith("--"):
            raise ValueError(f"stray argument {a!r}")
        if "=" in a:
            k, v = a.split("=", 1)
            opts.setdefault(k, []).append(v)
            i += 1
            continue
        vals, i = [], i + 1
        while i < len(argv) and not argv[i].startswith("--"):
            vals.append(argv[i])
            i += 1
        opts.setdefault(a, []).extend(vals)
    return tuple(words), opts


def quoted_regions(src):
    """Spans of single-quoted words and of quoted-delimiter heredoc bodies."""
    spans, i, n, heredocs = [], 0, len(src), []
    while i < n:
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "'":
            j = src.index("'", i + 1)
            spans.append((i, j + 1))
            i = j + 1
            continue
        if c == '"':
            j = i + 1
            while src[j] != '"':
                j += 2 if src[j] == "\\" else 1
            i = j + 1
            continue
        if c == "#" and (i == 0 or src[i - 1] in " \t\n;"):
            i = src.index("\n", i)
            continue
        m = re.compile(r"<<-?'([A-Za-z_]+)'").match(src, i)
        if m:
            heredocs.append(m.group(1))
            i = m.end()
            continue
        if c == "\n" and heredocs:
            delim = heredocs.pop(0)
            end = src.index("\n" + delim + "\n", i)
            spans.append((i + 1, end + 1))
            i = end + 1 + len(delim)
            continue
        i += 1
    return spans


class Run:
    def __init__(self, script, existing="0", dry=False):
        self.dir = tempfile.mkdtemp(prefix="bkpc-azcli-")
        bindir = os.path.join(self.dir, ".bin")
        os.mkdir(bindir)
        az = os.path.join(bindir, "az")
        with open(az, "w", encoding="utf-8") as f:
            f.write(FAKE_AZ)
        os.chmod(az, stat.S_IRWXU)
        self.log = os.path.join(self.dir, ".log")
        open(self.log, "w").close()
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""), FAKE_AZ_LOG=self.log,
                   FAKE_AZ_EXISTING=existing, TMPDIR=self.dir)
        for v in ("VAULT", "RESOURCE_GROUP", "SUBSCRIPTION", "DRY_RUN"):
            env.pop(v, None)
        args = ["bash", os.path.abspath(script)]
        if dry:
            args.append("--dry-run")
        if "no vault" in open(script, encoding="utf-8").read():
            args += ["--vault", "v-given", "--resource-group", "rg-given"]
        p = subprocess.run(args, cwd=self.dir, env=env, capture_output=True, timeout=60)
        self.rc, self.stdout, self.stderr = p.returncode, p.stdout, p.stderr
        with open(self.log, "rb") as f:
            fields = f.read().split(b"\0")
        self.calls, call = [], None
        for i, x in enumerate(fields):
            if x == b"CALL":
                call = {"argv": []}
            elif x == b"END":
                self.calls.append(call)
                call = None
            elif call is not None and fields[i - 1] == b"BODY" and "body" not in call:
                call["body"] = x.decode("utf-8")
            elif call is not None and x != b"BODY":
                call["argv"].append(x.decode("utf-8"))
        self.leftovers = sorted(x for x in os.listdir(self.dir) if not x.startswith("."))

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def protect_lines(script, err):
    """The arguments of each protect_vm call of the script, split by bash in
    a throw-away directory (a line that runs a payload leaves a file there,
    reported through err)."""
    out = []
    sandbox = tempfile.mkdtemp(prefix="bkpc-azcli-lines-")
    try:
        for line in open(script, encoding="utf-8", newline="").read().split("\n"):
            if line.startswith("protect_vm "):
                p = subprocess.run(["bash", "-c", "protect_vm() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done; }; "
                                    "eval \"$1\"", "x", line], cwd=sandbox, capture_output=True,
                                   env=dict(os.environ, HOME=sandbox, TMPDIR=sandbox))
                out.append(p.stdout.decode("utf-8").split("\0")[:-1])
        if harness.leftovers(sandbox):
            err(f"protect_vm lines: files appeared: {harness.leftovers(sandbox)}")
    finally:
        shutil.rmtree(sandbox, ignore_errors=True)
    return out


def vault_key(opts):
    """(vault, resource group, subscription or None) of an az call."""
    return ((opts.get("--vault-name") or [None])[0], (opts.get("--resource-group") or [None])[0],
            (opts.get("--subscription") or [None])[0])


def check(bkpc, bkp, script, only=None, hostile_mode=False):
    errs = []
    err = errs.append
    bodies = harness.expected_bodies(bkpc, bkp, only)
    protects = protect_lines(script, err)
    dep = bkp_deployment(bkp)
    multi = several_vaults(dep)
    # what is applied where: policy names, or (vault, policy) with several vaults
    expected = set(bodies) if not multi else {
        ((v[0], v[1], v[2]), n) for v in dep["vaults"] for n in bodies if v[3] is None or n in v[3]}
    where = {(p[0], p[1]): vault_of(dep, k) for k, p in enumerate(dep["protects"])}

    for mode in ("0", "1", "other"):
        run = Run(script, existing=mode)
        existing = mode == "1"
        tag = {"0": "empty vault", "1": "existing vault", "other": "vault with a namesake VM"}[mode]
        try:
            if run.rc != 0:
                err(f"{tag}: exit {run.rc}: {run.stderr.decode('utf-8', 'replace')[-500:]}")
                continue
            if run.leftovers:
                err(f"{tag}: files appeared: {run.leftovers}")
            applied, enabled, moved, updated = {}, [], [], []
            for c in run.calls:
                try:
                    words, opts = parse_call(c["argv"])
                except ValueError as e:
                    err(f"{tag}: az {' '.join(c['argv'])}: {e}")
                    continue
                allowed = AZ_OPTIONS.get(words)
                if allowed is None:
                    err(f"{tag}: unexpected az {' '.join(words)}")
                    continue
                for o in opts:
                    if o not in allowed | GLOBAL:
                        err(f"{tag}: az {' '.join(words)} has no option {o}")
                if words in (("backup", "policy", "create"), ("backup", "policy", "set")):
                    name = opts["--name"][0]
                    key = (vault_key(opts), name) if multi else name
                    if key in applied:
                        err(f"{tag}: policy {name!r} applied twice")
                    applied[key] = c.get("body")
                    want = "create" if mode == "0" else "set"
                    if words[2] != want:
                        err(f"{tag}: policy {name!r}: {words[2]}, expected {want}")
                    if opts.get("--backup-management-type") != ["AzureIaasVM"]:
                        err(f"{tag}: policy {name!r}: --backup-management-type is not AzureIaasVM")
                elif words == ("backup", "protection", "enable-for-vm"):
                    enabled.append(opts)
                elif words == ("backup", "item", "set-policy"):
                    moved.append(opts)
                elif words == ("backup", "protection", "update-for-vm"):
                    updated.append(opts)
            if set(applied) != expected:
                err(f"{tag}: policies applied {sorted(applied, key=str)}, expected {sorted(expected, key=str)}")
            for key, body in applied.items():
                name = key[1] if multi else key
                if name in bodies and body != bodies[name]:
                    err(f"{tag}: policy {name!r}: the body differs from `bkpc build -t json`")
            # every protect_vm VM RG POLICY [include|exclude LUN...]
            for k, words in enumerate(protects):
                vm, rg, pol, disks = words[0], words[1], words[2], words[3:]
                if multi:
                    v = where.get((vm, rg))
                    calls = enabled if not existing else moved
                    if v and k < len(calls) and vault_key(calls[k]) != (v[0], v[1], v[2]):
                        err(f"{tag}: VM {vm!r} protected in {vault_key(calls[k])}, expected {v[:3]}")
                if not existing:
                    if k >= len(enabled):
                        err(f"{tag}: VM {vm!r} not enabled")
                        continue
                    o = enabled[k]
                    ok = (o.get("--vm") == [f"/subscriptions/sub/resourceGroups/{rg}/providers/"
                                            f"Microsoft.Compute/virtualMachines/{vm}"]
                          and o.get("--policy-name") == [pol]
                          and (o.get("--disk-list-setting", []) + o.get("--diskslist", [])) == disks)
                    if not ok:
                        err(f"{tag}: VM {vm!r}: enable-for-vm {o}")
                else:
                    if k >= len(moved) or k >= len(updated):
                        err(f"{tag}: VM {vm!r} not moved")
                        continue
                    o, u = moved[k], updated[k]
                    if o.get("--container-name") != [vm] or o.get("--name") != [vm] or \
                            o.get("--policy-name") != [pol]:
                        err(f"{tag}: VM {vm!r}: set-policy {o}")
                    want = disks if disks else ["resetexclusionsettings"]
                    if (u.get("--disk-list-setting", []) + u.get("--diskslist", [])) != want or \
                            u.get("--item-name") != [vm]:
                        err(f"{tag}: VM {vm!r}: update-for-vm {u}")
            n = len(protects)
            if (not existing and len(enabled) != n) or (existing and (len(moved) != n or len(updated) != n)):
                err(f"{tag}: {len(enabled)} enabled, {len(moved)} moved, {len(updated)} updated; {n} VMs")
            if hostile_mode:
                values = set()
                for c in run.calls:
                    for a in c["argv"]:
                        values.add(a.split("=", 1)[1] if a.startswith("--") and "=" in a else a)
                    if c.get("body"):
                        harness.json_strings(json.loads(c["body"]), values)
                for s in bkp_strings(bkp):
                    if s not in values:
                        err(f"{tag}: {s!r} never reached az intact")
        finally:
            run.close()

    run = Run(script, dry=True)
    try:
        if run.rc != 0:
            err(f"--dry-run: exit {run.rc}: {run.stderr.decode('utf-8', 'replace')[-300:]}")
        for c in run.calls:
            try:
                words, _ = parse_call(c["argv"])
            except ValueError as e:
                err(f"--dry-run: az {' '.join(c['argv'])}: {e}")
                continue
            if words in CHANGES:
                err(f"--dry-run ran az {' '.join(words)}")
        if run.leftovers:
            err(f"--dry-run: files appeared: {run.leftovers}")
    finally:
        run.close()

    if hostile_mode:
        src = open(script, encoding="utf-8", newline="").read()
        spans = quoted_regions(src)
        for m in re.finditer(r"pwn\d+", src, re.I):
            if not any(a < m.start() and m.end() <= b for a, b in spans):
                line = src.count("\n", 0, m.start()) + 1
                err(f"line {line}: marker {m.group(0)} outside a single-quoted word")
    return errs


def main(argv):
    args, only, hostile_mode = [], None, False
    i = 0
    while i < len(argv):
        if argv[i] == "--policy":
            only = argv[i + 1]
            i += 2
        elif argv[i] == "--hostile":
            hostile_mode = True
            i += 1
        else:
            args.append(argv[i])
            i += 1
    if len(args) != 3:
        print(__doc__.strip().split("\n\n")[0], file=sys.stderr)
        return 2
    bkpc, bkp, script = args
    errs = check(os.path.abspath(bkpc), bkp, script, only, hostile_mode)
    for e in errs:
        print(f"{script}: {e}")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
