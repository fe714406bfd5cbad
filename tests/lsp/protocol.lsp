# JSON-RPC errors (src/lsp/rpc.c): every malformed message gets its error
# (ParseError -32700, InvalidRequest -32600, MethodNotFound -32601,
# InvalidParams -32602, ServerNotInitialized -32002), never a crash;
# notifications nobody handles are ignored; after shutdown only exit.
# before initialize: requests are refused, notifications dropped
> {"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}}
< {
 "jsonrpc": "2.0",
 "id": 1,
 "error": {"code": -32002, "message": "the server is not initialized yet"}
}
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didOpen",
 "params": {"textDocument": {"uri": "file:///w/a.bkp", "version": 1, "text": "daily at 02:15\n"}}
}
> {
 "jsonrpc": "2.0",
 "id": 2,
 "method": "initialize",
 "params": {"capabilities": {}, "processId": null}
}
< {
 "jsonrpc": "2.0",
 "id": 2,
 "result": {
  "capabilities": {
   "positionEncoding": "utf-16",
   "textDocumentSync": {"openClose": true, "change": 2},
   "hoverProvider": true,
   "completionProvider": {"triggerCharacters": ["\""]},
   "documentSymbolProvider": true,
   "documentFormattingProvider": true,
   "codeActionProvider": {"codeActionKinds": ["quickfix"]}
  },
  "serverInfo": {"name": "bkpc", "version": "0.1.0"}
 }
}
> {"jsonrpc": "2.0", "id": 3, "method": "initialize", "params": {}}
< {
 "jsonrpc": "2.0",
 "id": 3,
 "error": {"code": -32600, "message": "initialize: the server is initialized already"}
}
# bodies that are not JSON, or not a message
>body "{\"id\": 4"
< {
 "jsonrpc": "2.0",
 "id": null,
 "error": {"code": -32700, "message": "not JSON: '}' expected near end of file (at byte 8)"}
}
>body "[]"
< {"jsonrpc": "2.0", "id": null, "error": {"code": -32600, "message": "batches are not supported"}}
>body "42"
< {"jsonrpc": "2.0", "id": null, "error": {"code": -32600, "message": "a message is a JSON object"}}
>body "{\"jsonrpc\": \"2.0\", \"id\": 5, \"method\": \"shutdown\"} trailing"
< {
 "jsonrpc": "2.0",
 "id": null,
 "error": {"code": -32700, "message": "not JSON: end of file expected near 'trailing' (at byte 58)"}
}
> {"id": 5, "method": "shutdown"}
< {"jsonrpc": "2.0", "id": 5, "error": {"code": -32600, "message": "jsonrpc: expected \"2.0\""}}
> {"jsonrpc": "1.0", "id": 6, "method": "shutdown"}
< {"jsonrpc": "2.0", "id": 6, "error": {"code": -32600, "message": "jsonrpc: expected \"2.0\""}}
> {"jsonrpc": "2.0", "id": 7}
< {"jsonrpc": "2.0", "id": 7, "error": {"code": -32600, "message": "method: missing"}}
> {"jsonrpc": "2.0", "id": 8, "method": 17}
< {"jsonrpc": "2.0", "id": 8, "error": {"code": -32600, "message": "method: expected a string"}}
> {"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"}
< {
 "jsonrpc": "2.0",
 "id": null,
 "error": {"code": -32600, "message": "id: expected an integer or a string"}
}
> {"jsonrpc": "2.0", "id": 1.5, "method": "shutdown"}
< {
 "jsonrpc": "2.0",
 "id": null,
 "error": {"code": -32600, "message": "id: expected an integer or a string"}
}
> {"jsonrpc": "2.0", "id": 9, "method": "textDocument/hover", "params": "file:///w/a.bkp"}
< {
 "jsonrpc": "2.0",
 "id": 9,
 "error": {"code": -32600, "message": "params: expected an object or an array"}
}
# unknown methods: a request gets MethodNotFound, a notification nothing
> {"jsonrpc": "2.0", "id": 10, "method": "textDocument/rename", "params": {}}
< {
 "jsonrpc": "2.0",
 "id": 10,
 "error": {"code": -32601, "message": "unknown method: textDocument/rename"}
}
> {"jsonrpc": "2.0", "method": "$/setTrace", "params": {"value": "off"}}
> {"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {}}}
> {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 10}}
> {"jsonrpc": "2.0", "id": 11, "method": "textDocument/didOpen", "params": {}}
< {
 "jsonrpc": "2.0",
 "id": 11,
 "error": {"code": -32600, "message": "textDocument/didOpen is a notification, not a request"}
}
# a response (the server asks nothing): ignored
> {"jsonrpc": "2.0", "id": 12, "result": null}
# parameters missing (null is taken as missing: Eglot sends it) or of the
# wrong type
> {"jsonrpc": "2.0", "id": 13, "method": "textDocument/hover"}
< {
 "jsonrpc": "2.0",
 "id": 13,
 "error": {"code": -32602, "message": "params.textDocument.uri: missing"}
}
> {"jsonrpc": "2.0", "id": 130, "method": "textDocument/hover", "params": null}
< {
 "jsonrpc": "2.0",
 "id": 130,
 "error": {"code": -32602, "message": "params.textDocument.uri: missing"}
}
> {"jsonrpc": "2.0", "id": 14, "method": "textDocument/hover", "params": []}
< {
 "jsonrpc": "2.0",
 "id": 14,
 "error": {"code": -32602, "message": "params: expected an object, not an array"}
}
> {
 "jsonrpc": "2.0",
 "id": 15,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": 7}, "position": {"line": 0, "character": 0}}
}
< {
 "jsonrpc": "2.0",
 "id": 15,
 "error": {"code": -32602, "message": "params.textDocument.uri: expected a string, not an integer"}
}
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didOpen",
 "params": {"textDocument": {"uri": "file:///w/a.bkp", "version": 1, "text": "daily at 02:15\n"}}
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {
  "uri": "file:///w/a.bkp",
  "version": 1,
  "diagnostics": [
   {
    "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
    "severity": 1,
    "code": "A6",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/A6.md"},
    "source": "bkpc",
    "message": "policy name `a` is not one Azure accepts\nhint: a policy name has 3 to 150 characters: a letter, then letters, digits, `-`, `_` or `!`\nhint: the name comes from the file name; or wrap the clauses in `policy NAME { ... }`"
   },
   {
    "range": {"start": {"line": 0, "character": 9}, "end": {"line": 0, "character": 14}},
    "severity": 1,
    "code": "B3",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/B3.md"},
    "source": "bkpc",
    "message": "backups start on the hour or the half hour, not at 02:15\nhint: use `02:00` or `02:30`"
   }
  ]
 }
}
> {
 "jsonrpc": "2.0",
 "id": 16,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/a.bkp"}, "position": "0:0"}
}
< {
 "jsonrpc": "2.0",
 "id": 16,
 "error": {"code": -32602, "message": "params.position: expected an object, not a string"}
}
> {
 "jsonrpc": "2.0",
 "id": 17,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/a.bkp"}, "position": {"line": -1, "character": 0}}
}
< {
 "jsonrpc": "2.0",
 "id": 17,
 "error": {"code": -32602, "message": "params.position: expected {line, character}, integers >= 0"}
}
> {
 "jsonrpc": "2.0",
 "id": 18,
 "method": "textDocument/completion",
 "params": {"textDocument": {"uri": "file:///w/a.bkp"}, "position": {"line": 0, "character": true}}
}
< {
 "jsonrpc": "2.0",
 "id": 18,
 "error": {"code": -32602, "message": "params.position: expected {line, character}, integers >= 0"}
}
> {
 "jsonrpc": "2.0",
 "id": 19,
 "method": "textDocument/codeAction",
 "params": {"textDocument": {"uri": "file:///w/a.bkp"}, "range": {"start": {"line": 0, "character": 0}}}
}
< {"jsonrpc": "2.0", "id": 19, "error": {"code": -32602, "message": "params.range.end: missing"}}
> {
 "jsonrpc": "2.0",
 "id": 20,
 "method": "textDocument/documentSymbol",
 "params": {"textDocument": {"uri": "file:///w/nowhere.bkp"}}
}
< {
 "jsonrpc": "2.0",
 "id": 20,
 "error": {"code": -32602, "message": "params.textDocument.uri: file:///w/nowhere.bkp is not open"}
}
# huge positions are clamped to the document
> {
 "jsonrpc": "2.0",
 "id": 21,
 "method": "textDocument/hover",
 "params": {
  "textDocument": {"uri": "file:///w/a.bkp"},
  "position": {"line": 1099511627776, "character": 1099511627776}
 }
}
< {"jsonrpc": "2.0", "id": 21, "result": null}
> {
 "jsonrpc": "2.0",
 "id": 22,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/a.bkp"}, "position": {"line": 0, "character": 4294967295}}
}
< {"jsonrpc": "2.0", "id": 22, "result": null}
# notifications with bad parameters change nothing and get no answer
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didChange",
 "params": {
  "textDocument": {"uri": "file:///w/a.bkp"},
  "contentChanges": [{"range": {"start": {"line": 0}}, "text": "x"}]
 }
}
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didChange",
 "params": {"textDocument": {"uri": "file:///w/a.bkp"}, "contentChanges": "x"}
}
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didOpen",
 "params": {"textDocument": {"uri": "file:///w/b.bkp", "text": 5}}
}
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didClose",
 "params": {"textDocument": {"uri": "file:///w/nowhere.bkp"}}
}
> {
 "jsonrpc": "2.0",
 "id": 23,
 "method": "textDocument/documentSymbol",
 "params": {"textDocument": {"uri": "file:///w/b.bkp"}}
}
< {
 "jsonrpc": "2.0",
 "id": 23,
 "error": {"code": -32602, "message": "params.textDocument.uri: file:///w/b.bkp is not open"}
}
# a string id is echoed
> {"jsonrpc": "2.0", "id": "s-24", "method": "shutdown"}
< {"jsonrpc": "2.0", "id": "s-24", "result": null}
> {
 "jsonrpc": "2.0",
 "id": 25,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/a.bkp"}, "position": {"line": 0, "character": 0}}
}
< {
 "jsonrpc": "2.0",
 "id": 25,
 "error": {"code": -32600, "message": "the server is shutting down: only exit is expected"}
}
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didChange",
 "params": {
  "textDocument": {"uri": "file:///w/a.bkp", "version": 2},
  "contentChanges": [{"text": "weekly on sun at 02:00\n"}]
 }
}
> {"jsonrpc": "2.0", "method": "exit"}
= exit 0
