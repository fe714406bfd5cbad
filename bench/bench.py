#!/usr/bin/env python3
"""bench.py — the compiler benchmark (issues 2 and 12); bench/run.sh calls it.

    bench.py --bkpc build/bkpc --floor bench/out/floor --tokenize bench/out/tokenize
             --measure bench/out/measure --jq jq [--out bench/out] [--runs 7]
             [--one-runs 41] [--count 20000] [--seed 1] [--no-callgrind]

Every figure is set beside a floor, measured side by side in the same run:
the command and its floor are run in turn (A B A B ...), and the ratio is
the median of the ratios of each pair, so a machine that speeds up or slows
down during the run moves both. The floors:

  /bin/true     process start-up (one-policy checks, the interpreter, errors)
  cat FILE      reading the file (context for the scanner floor)
  floor FILE    a bare flex scanner of the language (bench/floor.l)
  jq . FILE     reformatting the same REST bodies as JSON (build)

Times are CPU seconds (user + system, from wait4) of the whole process,
start-up included; wall seconds are in results.json. Instruction counts are
callgrind's (valgrind), one run each, beside the times: they do not depend
on the machine's load. Peak memory is the process's maximum RSS (wait4).
Prints the table and writes it to OUT/results.txt (and OUT/results.json).
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MEASURE = None     # bench/measure.c, built by run.sh


def runs_of(argv, n, stdout=os.devnull, stderr=os.devnull):
    """Runs argv n times under `measure`: [(wall seconds, peak RSS MiB, exit)]."""
    return [r[:3] for r in runs_cpu(argv, n, stdout, stderr)]


def runs_cpu(argv, n, stdout=os.devnull, stderr=os.devnull):
    """Runs argv n times under `measure`: [(wall s, peak MiB, exit, cpu s)]."""
    r = subprocess.run([MEASURE, "-n", str(n), "-o", stdout, "-e", stderr, "--", *argv],
                       capture_output=True, text=True, check=True)
    res = []
    for line in r.stdout.split("\n"):
        if line.strip():
            w, kib, code, cpu = line.split()
            res.append((float(w), int(kib) / 1024.0, int(code), float(cpu)))
    return res


def head(path, n=30):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[:n])
    except OSError:
        return ""


def machine():
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Linux {platform.release()}"


def revision():
    try:
        rev = subprocess.run(["git", "-C", HERE, "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", HERE, "status", "--porcelain", "--", "src", "grammar", "include"],
                               capture_output=True, text=True).stdout.strip()
        return (rev or "no commit") + (" + uncommitted changes" if dirty else "")
    except OSError:
        return "?"


class Bench:
    def __init__(self, a, out):
        self.a, self.out = a, out
        self.rows, self.problems, self.results = [], [], {}

    def log(self, *m):
        print("bench:", *m, file=sys.stderr, flush=True)

    def paired(self, A, B, n, a_out=os.devnull, b_out=os.devnull):
        """A and B run in turn n times: medians of each's CPU seconds, the
        median of the pairwise ratios A/B, each's largest peak MiB."""
        ra, rb = [], []
        err = os.path.join(self.out, "stderr.txt")
        for _ in range(n):
            ra += runs_cpu(A, 1, a_out, err)
            rb += runs_cpu(B, 1, b_out, os.devnull)
        codes = sorted({r[2] for r in ra})
        ratio = statistics.median(x[3] / max(y[3], 1e-6) for x, y in zip(ra, rb))
        med = lambda rs, k: statistics.median(r[k] for r in rs)
        return dict(a_cpu=med(ra, 3), b_cpu=med(rb, 3), a_wall=med(ra, 0), b_wall=med(rb, 0),
                    ratio=ratio, a_mib=max(r[1] for r in ra), b_mib=max(r[1] for r in rb),
                    a_codes=codes, b_codes=sorted({r[2] for r in rb}))

    def instructions(self, argv, stdout=os.devnull):
        """callgrind's count of the instructions argv executes (None: skipped)."""
        if not self.a.callgrind:
            return None
        r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
                           stdout=open(stdout, "wb"), stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        m = re.search(rb"Collected : (\d+)", r.stderr)
        return int(m.group(1)) if m else None

    def row(self, name, A, fname, B, n, target=None, a_out=os.devnull, b_out=os.devnull,
            expect=(0,), ir=None):
        """One measurement beside its floor; target(res) -> (text, verdict).
        ir: other (A, B) commands to count instructions on (a smaller input)."""
        self.log(name)
        r = self.paired(A, B, n, a_out, b_out)
        if any(c not in expect for c in r["a_codes"]):
            self.problems.append(f"{name}: exit {r['a_codes']}: {head(os.path.join(self.out, 'stderr.txt'), 5)}")
        ia, ib = ir or (A, B)
        r["a_ir"] = self.instructions(ia, a_out)
        r["b_ir"] = self.instructions(ib, b_out)
        r["ir_small"] = ir is not None
        r["ir_ratio"] = r["a_ir"] / r["b_ir"] if r["a_ir"] and r["b_ir"] else None
        ttext, verdict = target(r) if target else ("", "")
        r.update(name=name, floor=fname, target=ttext, verdict=verdict)
        self.rows.append(r)
        self.results[name] = r
        return r


def ms(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.3f} s"


def mcount(n):
    return "-" if n is None else f"{n / 1e6:.1f}M"


def verdict(ok):
    return "met" if ok else "NOT MET"


def write_inputs(out, a):
    """The corpora and the small files."""
    gen = lambda path, n, *extra: subprocess.run(
        [sys.executable, os.path.join(HERE, "gen-corpus.py"), "-n", str(n), "--seed", str(a.seed),
         "-o", path, *extra], check=True)
    files = {k: os.path.join(out, v) for k, v in dict(
        mix="corpus.bkp", full="full.bkp", one="one.bkp", one_tz="one-tz.bkp",
        err_line="errors-one-line.bkp", err_lines="errors-lines.bkp", err_line10="errors-one-line-10k.bkp",
        err_lines10="errors-lines-10k.bkp").items()}
    gen(files["mix"], a.count, "--one", files["one"], "--one-tz", files["one_tz"])
    gen(files["full"], a.count, "--full")
    for n in (a.count // 4, a.count // 2):
        gen(os.path.join(out, f"corpus-{n}.bkp"), n)
    # jq under callgrind would take minutes: the build rows count instructions
    # on the first tenth of each corpus (the same policies, the same mix)
    files["mix_small"] = os.path.join(out, "corpus-small.bkp")
    files["full_small"] = os.path.join(out, "full-small.bkp")
    gen(files["mix_small"], a.count // 10)
    gen(files["full_small"], a.count // 10, "--full")
    files["hmax"] = os.path.join(HERE, "hourly-max.bkp")     # Azure's longest retentions
    head = "policy errors-here { enhanced every 4h from 08:00 for 24h keep weekly 4w on"
    for key, n, sep in (("err_line", 100000, ", "), ("err_lines", 100000, ",\n"),
                        ("err_line10", 10000, ", "), ("err_lines10", 10000, ",\n")):
        with open(files[key], "w") as f:
            f.write(head + " " + sep.join(["sonday"] * n) + " }\n")
    return files




def bodies(bkpc, corpus, path):
    """The corpus's REST bodies, one JSON document after the other (jq's input)."""
    with open(path, "wb") as w:
        subprocess.run([bkpc, "build", "--all", corpus], stdout=w, check=True)
    return os.path.getsize(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bkpc", required=True)
    ap.add_argument("--floor", required=True)
    ap.add_argument("--tokenize", required=True)
    ap.add_argument("--measure", required=True)
    ap.add_argument("--jq", default="")
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--one-runs", type=int, default=41)
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-callgrind", dest="callgrind", action="store_false",
                    help="no instruction counts (valgrind is slow: about 3 minutes)")
    a = ap.parse_args()
    global MEASURE
    MEASURE = os.path.abspath(a.measure)
    if a.callgrind and not shutil.which("valgrind"):
        print("bench: valgrind is not installed: no instruction counts", file=sys.stderr)
        a.callgrind = False
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    # A copy: every measurement uses one binary, even if the tree is rebuilt.
    bkpc = os.path.join(out, "bkpc")
    shutil.copy2(os.path.abspath(a.bkpc), bkpc)
    floor, tok = os.path.abspath(a.floor), os.path.abspath(a.tokenize)
    true = shutil.which("true") or "/bin/true"
    cat = shutil.which("cat") or "/bin/cat"
    B = Bench(a, out)
    B.log(f"generating the corpora ({a.count} policies each, seed {a.seed})")
    f = write_inputs(out, a)
    size = {k: os.path.getsize(v) for k, v in f.items()}

    for k in ("mix", "full"):
        err = os.path.join(out, "stderr.txt")
        rc = runs_of([bkpc, "check", f[k]], 1, stderr=err)[0][2]
        if rc != 0 or os.path.getsize(err):
            B.problems.append(f"`bkpc check` of the {k} corpus is not clean (exit {rc}):\n{head(err)}")
    json_of = {k: os.path.join(out, f"{k}.json") for k in ("mix", "full", "mix_small", "full_small")}
    jsize = {k: bodies(bkpc, f[k], json_of[k]) for k in json_of}
    N, N1 = a.runs, a.one_runs

    # --- the floors themselves, for the record ---------------------------------
    B.row("bare flex scanner (the floor), mix", [floor, f["mix"]], "cat", [cat, f["mix"]], N)
    B.row("bkpc's own scanner alone, mix", [tok, f["mix"]], "flex floor", [floor, f["mix"]], N)

    # --- check -------------------------------------------------------------------
    def within(limit):
        return lambda r: (f"<= {limit:g}x", verdict(r["ratio"] <= limit))
    for k in ("mix", "full"):
        B.row(f"check, {k} corpus", [bkpc, "check", f[k]], "flex floor", [floor, f[k]], N, within(3))

    # --- build --------------------------------------------------------------------
    if a.jq:
        for k in ("mix", "full"):
            B.row(f"build --all, {k} corpus", [bkpc, "build", "--all", f[k]], "jq .",
                  [a.jq, ".", json_of[k]], N,
                  lambda r: (">= 8x faster (<= 0.125x)", verdict(1 / r["ratio"] >= 8)),
                  ir=([bkpc, "build", "--all", f[k + "_small"]], [a.jq, ".", json_of[k + "_small"]]))
    else:
        B.problems.append("jq is not installed: the build rows have no floor")
    for t in ("ps1", "azcli"):
        B.row(f"build -t {t}, mix corpus", [bkpc, "build", "-t", t, f["mix"]], "build --all",
              [bkpc, "build", "--all", f["mix"]], N, within(1.5),
              ir=([bkpc, "build", "-t", t, f["mix_small"]], [bkpc, "build", "--all", f["mix_small"]]))

    # --- one policy -----------------------------------------------------------------
    def above(limit_ms):
        return lambda r: (f"<= +{limit_ms:g} ms", verdict((r["a_cpu"] - r["b_cpu"]) * 1000 <= limit_ms))
    B.row("check one policy, UTC", [bkpc, "check", f["one"]], "/bin/true", [true], N1, above(1))
    B.row("check one policy, India ST", [bkpc, "check", f["one_tz"]], "/bin/true", [true], N1, above(2))

    # --- interpreter ------------------------------------------------------------------
    def under(limit_s):
        return lambda r: (f"<= {ms(limit_s)}", verdict(r["a_cpu"] <= limit_s))
    B.row("simulate --format json, max retention", [bkpc, "simulate", "--at", "2125-06-15T12:00",
          "--format", "json", f["hmax"]], "/bin/true", [true], N, under(0.020))
    for n in (100, 10000):
        B.row(f"next -n {n} --format json", [bkpc, "next", "-n", str(n), "--from", "2026-01-01",
              "--format", "json", f["hmax"]], "/bin/true", [true], N, under(0.015) if n == 10000 else None)

    # --- errors ------------------------------------------------------------------------
    for key, what in (("err_line10", "10,000 errors on one line"), ("err_line", "100,000 errors on one line"),
                      ("err_lines10", "10,000 lines, an error each"), ("err_lines", "100,000 lines, an error each")):
        B.row(f"check, {what}", [bkpc, "check", f[key]], "/bin/true", [true], N,
              under(1.0) if "100,000" in what else None, expect=(1,))

    # --- memory ----------------------------------------------------------------------------
    B.log("memory")
    fixed = B.results["check one policy, India ST"]["a_mib"]
    mem = []
    for k in ("mix", "full"):
        mib = B.results[f"check, {k} corpus"]["a_mib"]
        mem.append((f"check, {k} corpus", k, size[k], mib, fixed))
    lin = []
    for n in (a.count // 4, a.count // 2, a.count):
        path = f["mix"] if n == a.count else os.path.join(out, f"corpus-{n}.bkp")
        lin.append((n, os.path.getsize(path), max(r[1] for r in runs_of([bkpc, "check", path], 3))))
    nx = [B.results[f"next -n {n} --format json"]["a_mib"] for n in (100, 10000)]

    # --- the table ------------------------------------------------------------------------
    hdr = ("measurement", "floor", "time", "floor time", "ratio", "instr", "floor instr", "instr ratio",
           "peak MiB", "target", "result")
    T = []
    for r in B.rows:
        T.append((r["name"], r["floor"], ms(r["a_cpu"]), ms(r["b_cpu"]), f"{r['ratio']:.2f}x",
                  mcount(r["a_ir"]) + ("*" if r["ir_small"] else ""), mcount(r["b_ir"]),
                  "-" if r["ir_ratio"] is None else f"{r['ir_ratio']:.2f}x",
                  f"{r['a_mib']:.1f}", r["target"], r["verdict"]))
    widths = [max(len(str(x[i])) for x in T + [hdr]) for i in range(len(hdr))]
    fmt = lambda x: "  ".join(str(c).ljust(widths[i]) if i in (0, 1, 9, 10) else str(c).rjust(widths[i])
                              for i, c in enumerate(x)).rstrip()
    L = [f"bkpc benchmark — {time.strftime('%Y-%m-%d %H:%M %Z')}",
         f"machine: {machine()}",
         f"bkpc:    {a.bkpc} (source {revision()})",
         f"corpora: mix {size['mix']:,} bytes, full {size['full']:,} bytes ({a.count} policies each, seed "
         f"{a.seed}); REST bodies for jq: {jsize['mix']:,} and {jsize['full']:,} bytes",
         f"timing:  CPU seconds (user + system), median of {N} runs ({N1} for one policy), each run "
         f"beside a run of its floor; ratio = median of the pairwise ratios; instr = callgrind",
         "", fmt(hdr), fmt(["-" * w for w in widths])] + [fmt(x) for x in T]
    L += ["* instructions counted on the first tenth of the corpus (and its bodies): a build of the whole "
          "corpus, or jq, under callgrind takes minutes"]
    L += ["", "peak memory (max RSS) against the source; fixed = a one-policy check with zone data "
          f"({fixed:.1f} MiB); target: peak <= 2 x source + fixed"]
    for name, k, sz, mib, fx in mem:
        src = sz / 2 ** 20
        ok = mib <= 2 * src + fx
        L.append(f"  {name:<22} source {src:5.1f} MiB  peak {mib:5.1f} MiB  "
                 f"(peak - fixed) / source = {(mib - fx) / src:4.1f}x   {verdict(ok)}")
    # The source is read whole (diagnostics quote it); what grows beyond it
    # with the count is what a policy leaves behind once checked.
    beyond = [(n, m - sz / 2 ** 20) for n, sz, m in lin]
    per = (beyond[-1][1] - beyond[0][1]) * 2 ** 20 / (lin[-1][0] - lin[0][0])
    L.append("  check's peak less the source, against the number of policies (mix): " + ", ".join(
        f"{n} -> {m:.1f} MiB" for n, m in beyond)
        + f"   {verdict(beyond[-1][1] <= 1.25 * beyond[0][1])} (independent of the count: within 25%)")
    L.append(f"    what a policy leaves behind once checked: {per:.0f} bytes (its name, for `with` and `protect`)")
    L.append(f"  next --format json: -n 100 -> {nx[0]:.1f} MiB, -n 10000 -> {nx[1]:.1f} MiB   "
             f"{verdict(nx[1] <= nx[0] + 0.5)} (independent of N: within 0.5 MiB)")
    e = B.results
    lin_ir = [(e[f"check, {b}"]["a_ir"], e[f"check, {c}"]["a_ir"]) for b, c in
              (("10,000 errors on one line", "100,000 errors on one line"),
               ("10,000 lines, an error each", "100,000 lines, an error each"))]
    if all(x and y for x, y in lin_ir):
        L.append("  errors, 10,000 -> 100,000 (instructions): one line x%.1f, lines x%.1f   %s (linear: <= x11)"
                 % (lin_ir[0][1] / lin_ir[0][0], lin_ir[1][1] / lin_ir[1][0],
                    verdict(all(y / x <= 11 for x, y in lin_ir))))
    if B.problems:
        L += ["", "problems:"] + ["  " + p.replace("\n", "\n    ") for p in B.problems]
    text = "\n".join(L) + "\n"
    sys.stdout.write(text)
    with open(os.path.join(out, "results.txt"), "w") as fh:
        fh.write(text)
    with open(os.path.join(out, "results.json"), "w") as fh:
        json.dump(dict(rows=B.rows, memory=mem, linearity=lin, next_mib=nx), fh, indent=2)
    return 1 if B.problems else 0


if __name__ == "__main__":
    sys.exit(main())
