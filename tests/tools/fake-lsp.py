#!/usr/bin/env python3
"""A stand-in for `bkpc lsp`, for testing the editors' LSP configurations
before and apart from the real server: speaks just enough LSP over stdio.

It answers `initialize` (full-document sync), publishes one diagnostic
(code B3, line 0, characters 0-6, message "fake diagnostic") for every
opened document, answers `shutdown`, and ends on `exit` or end of input.
Each message received is appended to the file $FAKE_LSP_LOG as
"METHOD PARAMS-JSON", one a line."""
import json
import os
import sys

log_path = os.environ.get("FAKE_LSP_LOG")


def log(method, params):
    if log_path:
        with open(log_path, "a", encoding="utf-8") as f:
            f.write(f"{method} {json.dumps(params, sort_keys=True)}\n")


def read_message(inp):
    length = None
    while True:
        line = inp.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    if length is None:
        return None
    return json.loads(inp.read(length))


def send(out, msg):
    body = json.dumps(msg).encode("utf-8")
    out.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    out.flush()


def main():
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    while True:
        msg = read_message(inp)
        if msg is None:
            return 0
        method = msg.get("method", "")
        log(method, msg.get("params"))
        if method == "initialize":
            send(out, {"jsonrpc": "2.0", "id": msg["id"],
                       "result": {"capabilities": {"textDocumentSync": 1},
                                  "serverInfo": {"name": "fake-bkpc"}}})
        elif method == "textDocument/didOpen":
            uri = msg["params"]["textDocument"]["uri"]
            send(out, {"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
                       "params": {"uri": uri, "diagnostics": [{
                           "range": {"start": {"line": 0, "character": 0},
                                     "end": {"line": 0, "character": 6}},
                           "severity": 1, "code": "B3", "source": "bkpc",
                           "message": "fake diagnostic"}]}})
        elif method == "shutdown":
            send(out, {"jsonrpc": "2.0", "id": msg["id"], "result": None})
        elif method == "exit":
            return 0
        elif "id" in msg:
            send(out, {"jsonrpc": "2.0", "id": msg["id"],
                       "error": {"code": -32601, "message": "method not found"}})


if __name__ == "__main__":
    sys.exit(main())
