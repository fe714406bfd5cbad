#!/usr/bin/env python3
"""lsp-seeds.py — the candidate seeds of fuzz-lsp from the transcripts of
tests/lsp/ (called by tests/fuzz/seeds.sh; tests/fuzz/README.md):

  lsp-seeds.py OUTDIR TRANSCRIPT...

For each transcript, three inputs of the harness's two kinds: its messages
as a session, one compact JSON body a line (">" and ">body" entries, texts
substituted), once with an even and once with an odd size (framed and fed,
or given unframed); and all of its bytes as one stream (each message framed
as the driver sends it, ">raw" entries as they are). An initialize without
the "at" option gets one, so hover's facts do not depend on the day the
fuzzer runs.
"""
import importlib.util
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
spec = importlib.util.spec_from_file_location("driver", os.path.join(root, "tests/tools/lsp-driver.py"))
driver = importlib.util.module_from_spec(spec)
spec.loader.exec_module(driver)


def fixed_instant(msg):
    if isinstance(msg, dict) and msg.get("method") == "initialize" and isinstance(msg.get("params"), dict):
        opts = msg["params"].setdefault("initializationOptions", {})
        if isinstance(opts, dict):
            opts.setdefault("at", "2026-03-08")
    return msg


def main():
    out, paths = sys.argv[1], sys.argv[2:]
    n = 0
    for path in paths:
        entries, texts = driver.parse_transcript(path)
        lines, stream = [], b""
        for e in entries:
            if e[0] == ">":
                body = json.dumps(fixed_instant(driver.substitute(e[1], texts, root)), separators=(",", ":"))
                lines.append(body)
                data = body.encode("utf-8")
            elif e[0] in (">body", ">raw"):
                data = e[1].encode("utf-8")
                if e[0] == ">body" and "\n" not in e[1]:
                    lines.append(e[1])
                if e[0] == ">raw":
                    stream += data
                    continue
            else:
                continue
            stream += b"Content-Length: %d\r\n\r\n" % len(data) + data
        session = ("\n".join(lines) + "\n").encode("utf-8")
        if not session.startswith(b"{"):
            session = b"{}\n" + session
        for data in (session, session + b"\n"):      # one byte more: the other parity
            n += 1
            with open(os.path.join(out, str(n)), "wb") as f:
                f.write(data)
        if stream and not stream.startswith(b"{"):
            n += 1
            with open(os.path.join(out, str(n)), "wb") as f:
                f.write(stream)


main()
