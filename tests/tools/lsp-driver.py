#!/usr/bin/env python3
"""lsp-driver.py — drives `bkpc lsp` over its standard input and output.

  lsp-driver.py BKPC transcript [-g] FILE...
      Plays each transcript (tests/lsp/*.lsp) and compares what the server
      sends with what the transcript expects, message by message, as JSON
      values (key order and layout do not count). -g rewrites the expected
      messages with what the server sent (inspect the diff). Prints one
      "ok NAME" or "FAIL NAME: why" per transcript.

  lsp-driver.py BKPC edits N
      Opens examples/prod-vms.bkp, sends N incremental didChange
      notifications (each inserts and then removes a word, alternating, so
      the document stays small), reads every publishDiagnostics, shuts down,
      and prints "edits N peak-rss-kib KIB exit STATUS diagnostics M": the
      server's peak resident memory (VmHWM, read after shutdown) and how
      many publishDiagnostics it sent.

A transcript is a sequence of entries, each starting at the beginning of a
line (a JSON value may go on over the following lines):

  # ...              a comment
  > JSON             a message to send (framed with Content-Length)
  >body JSON-STRING  a body to send, framed, whatever it holds (not JSON, ...)
  >raw JSON-STRING   bytes to send as they are (the string, UTF-8 encoded)
  < JSON             the next message the server must send
  = exit N           the server must exit with status N (after the input
                     so far; the input is then closed)
  @text NAME         a text, up to a line "@end": a string "@text:NAME" in
                     a message stands for it ("@file:PATH" for a file of
                     the repository)

"@ROOT@" in a string of a message stands for the repository's absolute
path (file URIs of the repository's files: "file://@ROOT@/tests/..."), both
in what is sent and in what the server sends back.

After the last entry the input is closed; the server must have sent
nothing more than the transcript expects.
"""
import difflib
import json
import os
import queue
import subprocess
import sys
import threading

TIMEOUT = 20


class Server:
    def __init__(self, bkpc, env=None):
        self.proc = subprocess.Popen([bkpc, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env)
        self.inbox = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.status = None

    def _read(self):
        out = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        self.inbox.put(None)
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.decode("ascii").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                body = out.read(length)
                self.inbox.put(json.loads(body.decode("utf-8")))
        except Exception as e:     # a malformed message from the server
            self.inbox.put({"driver-error": repr(e)})
            self.inbox.put(None)

    def send_bytes(self, data):
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
            return True
        except (BrokenPipeError, ValueError):
            return False

    def send(self, msg):
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        return self.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def recv(self, timeout=TIMEOUT):
        """The next message; None at the end of the output; raises
        queue.Empty after `timeout` seconds."""
        return self.inbox.get(timeout=timeout)

    def close(self):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass

    def wait(self, timeout=TIMEOUT):
        """The exit status ("timeout" if it does not come)."""
        self.close()
        if self.status is None:
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                self.status = "timeout"
                return self.status
            self.status = self.proc.returncode
        return self.status


# ---- transcripts -----------------------------------------------------------------

def parse_transcript(path):
    entries, texts = [], {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line.startswith("@text "):
            name, body = line[6:].strip(), []
            while i < len(lines) and lines[i] != "@end":
                body.append(lines[i])
                i += 1
            i += 1
            texts[name] = "\n".join(body) + "\n"
            entries.append(("text", name, "\n".join([line] + body + ["@end"])))
            continue
        if not line or line.startswith("#"):
            entries.append(("comment", line))
            continue
        for mark in (">raw", ">body", ">", "<", "="):
            if line.startswith(mark):
                break
        else:
            raise SystemExit(f"{path}:{i}: an entry starts with >, >body, >raw, <, =, @text or #")
        rest = [line[len(mark):].strip()]
        while i < len(lines) and lines[i] and lines[i][0] not in "#><=@":
            rest.append(lines[i])
            i += 1
        text = "\n".join(rest)
        if mark == "=":
            entries.append(("exit", int(text.split()[1])))
        else:
            entries.append((mark, json.loads(text)))
    return entries, texts


def substitute(v, texts, root):
    if isinstance(v, str):
        if v.startswith("@text:"):
            return texts[v[6:]]
        if v.startswith("@file:"):
            with open(os.path.join(root, v[6:]), encoding="utf-8") as f:
                return f.read()
        return v.replace("@ROOT@", os.path.abspath(root))
    if isinstance(v, list):
        return [substitute(x, texts, root) for x in v]
    if isinstance(v, dict):
        return {k: substitute(x, texts, root) for k, x in v.items()}
    return v


def unroot(v, root):
    """A received message with the repository's path as "@ROOT@"."""
    if isinstance(v, str):
        return v.replace(os.path.abspath(root), "@ROOT@")
    if isinstance(v, list):
        return [unroot(x, root) for x in v]
    if isinstance(v, dict):
        return {k: unroot(x, root) for k, x in v.items()}
    return v


def show(msg):
    return json.dumps(msg, ensure_ascii=False, sort_keys=True)


def difference(want, got):
    """What differs between the expected message and the one received."""
    if got in ("timeout", None):
        return f"expected {show(want)}\n     got {'nothing (timeout)' if got else 'the end of the output'}"
    a = json.dumps(want, ensure_ascii=False, sort_keys=True, indent=1).split("\n")
    b = json.dumps(got, ensure_ascii=False, sort_keys=True, indent=1).split("\n")
    diff = list(difflib.unified_diff(a, b, "expected", "received", n=2, lineterm=""))
    return "the message differs:\n" + "\n".join(diff[:40])


def play(bkpc, path, root, generate):
    """Returns (ok, why, new entries)."""
    entries, texts = parse_transcript(path)
    srv = Server(bkpc)
    out, why = [], None

    def take(timeout):
        try:
            return unroot(srv.recv(timeout), root)
        except queue.Empty:
            return "timeout"

    def drain(timeout):      # -g: what the server sends after a message
        while True:
            m = take(timeout)
            if m in ("timeout", None):
                return
            out.append(("<", m))

    for e in entries:
        kind = e[0]
        if kind == "<":
            if generate:
                continue
            got = take(TIMEOUT)
            if got != e[1] and not why:
                why = difference(e[1], got)
            out.append(e)
            continue
        out.append(e)
        if kind == ">":
            srv.send(substitute(e[1], texts, root))
        elif kind == ">raw":
            srv.send_bytes(e[1].encode("utf-8"))
        elif kind == ">body":
            body = e[1].encode("utf-8")
            srv.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        elif kind == "exit":
            status = srv.wait()
            if status != e[1]:
                why = why or f"exit status {status}, expected {e[1]}"
        if generate and kind in (">", ">raw", ">body"):
            drain(0.5)
    status = srv.wait()
    rest = []
    while True:
        m = take(5)
        if m in ("timeout", None):
            break
        rest.append(m)
    if generate:
        out.extend(("<", m) for m in rest)
    elif rest:
        why = why or f"more than expected: {show(rest[0])}"
    if status == "timeout":
        why = why or "the server did not exit after its input was closed"
    err = srv.proc.stderr.read().decode("utf-8", "replace")
    if err:
        why = why or f"standard error: {err.strip()}"
    return why is None, why, out


def layout(v, indent=""):
    """JSON on one line when it fits in about 100 columns, else one member
    a line, each laid out the same way."""
    flat = json.dumps(v, ensure_ascii=False)
    if len(flat) + len(indent) <= 100 or not isinstance(v, (dict, list)) or not v:
        return flat
    inner = indent + " "
    if isinstance(v, dict):
        items = [f"{json.dumps(k, ensure_ascii=False)}: {layout(x, inner)}" for k, x in v.items()]
        return "{\n" + ",\n".join(inner + i for i in items) + "\n" + indent + "}"
    return "[\n" + ",\n".join(inner + layout(x, inner) for x in v) + "\n" + indent + "]"


def format_entry(e):
    kind = e[0]
    if kind == "comment":
        return e[1]
    if kind == "text":
        return e[2]
    if kind == "exit":
        return f"= exit {e[1]}"
    return f"{kind} {layout(e[1])}"


def transcripts(bkpc, args):
    generate = args and args[0] == "-g"
    files = args[1:] if generate else args
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    failed = 0
    for path in files:
        name = os.path.basename(path)
        ok, why, out = play(bkpc, path, root, generate)
        if generate:
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(format_entry(e) for e in out).rstrip("\n") + "\n")
            print(f"wrote {name}")
            continue
        print(f"ok {name}" if ok else f"FAIL {name}: {why}")
        failed += not ok
    return 1 if failed else 0


# ---- many edits ----------------------------------------------------------------------

def vm_hwm(pid):
    """A process's peak resident memory in KiB (VmHWM: since its exec, so
    the driver's own memory does not count)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def edits(bkpc, n):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with open(os.path.join(root, "examples/prod-vms.bkp"), encoding="utf-8") as f:
        text = f.read()
    uri = "file:///edits/prod-vms.bkp"
    srv = Server(bkpc)
    got = {"diagnostics": 0}
    shut = threading.Event()

    def count():             # read everything, so the server never blocks on its output
        while True:
            m = srv.recv(600)
            if m is None:
                return
            if m.get("method") == "textDocument/publishDiagnostics":
                got["diagnostics"] += 1
            if m.get("id") == 2:
                shut.set()

    reader = threading.Thread(target=count, daemon=True)
    reader.start()
    srv.send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
    srv.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    srv.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
              "params": {"textDocument": {"uri": uri, "languageId": "bkp", "version": 1, "text": text}}})
    # Line 6 (0-based) is `    keep daily 180d`: a clause goes in after the
    # indent, then comes out again.
    for i in range(n):
        if i % 2 == 0:
            change = {"range": {"start": {"line": 6, "character": 4}, "end": {"line": 6, "character": 4}},
                      "text": "keep weekly 8w "}
        else:
            change = {"range": {"start": {"line": 6, "character": 4}, "end": {"line": 6, "character": 19}},
                      "text": ""}
        srv.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                  "params": {"textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [change]}})
    srv.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    shut.wait(600)
    peak = vm_hwm(srv.proc.pid)
    srv.send({"jsonrpc": "2.0", "method": "exit"})
    status = srv.wait(600)
    reader.join(60)
    print(f"edits {n} peak-rss-kib {peak} exit {status} diagnostics {got['diagnostics']}")
    return 0


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    bkpc, cmd, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    if cmd == "transcript":
        return transcripts(bkpc, args)
    if cmd == "edits":
        return edits(bkpc, int(args[0]))
    raise SystemExit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
