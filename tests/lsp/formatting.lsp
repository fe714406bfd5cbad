# Formatting (src/lsp/format.c): `bkpc fmt`'s text as the line edits that
# make it; nothing for a formatted file; null for a file with syntax errors.
> {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
< {
 "jsonrpc": "2.0",
 "id": 1,
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
@text messy
# db policy
policy   db-vms{daily at 02:00
keep snapshots 5d   # short
  timezone "UTC"
}

protect vm db resource-group rg with db-vms
@end
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didOpen",
 "params": {
  "textDocument": {"uri": "file:///w/messy.bkp", "languageId": "bkp", "version": 1, "text": "@text:messy"}
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {"uri": "file:///w/messy.bkp", "version": 1, "diagnostics": []}
}
> {
 "jsonrpc": "2.0",
 "id": 2,
 "method": "textDocument/formatting",
 "params": {"textDocument": {"uri": "file:///w/messy.bkp"}, "options": {"tabSize": 8, "insertSpaces": false}}
}
< {
 "jsonrpc": "2.0",
 "id": 2,
 "result": [
  {
   "range": {"start": {"line": 1, "character": 0}, "end": {"line": 4, "character": 0}},
   "newText": "policy db-vms {\n    timezone \"UTC\"\n    daily at 02:00\n    keep snapshots 5d  # short\n"
  }
 ]
}
# the last line without its newline: the edit reaches the end of the file
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didChange",
 "params": {
  "textDocument": {"uri": "file:///w/messy.bkp", "version": 2},
  "contentChanges": [
   {
    "text": "# db policy\npolicy db-vms {\n    timezone \"UTC\"\n    daily at 02:00\n    keep snapshots 5d  # short\n}\n\nprotect vm db resource-group rg with db-vms"
   }
  ]
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {"uri": "file:///w/messy.bkp", "version": 2, "diagnostics": []}
}
> {
 "jsonrpc": "2.0",
 "id": 3,
 "method": "textDocument/formatting",
 "params": {"textDocument": {"uri": "file:///w/messy.bkp"}, "options": {"tabSize": 4, "insertSpaces": true}}
}
< {
 "jsonrpc": "2.0",
 "id": 3,
 "result": [
  {
   "range": {"start": {"line": 7, "character": 0}, "end": {"line": 7, "character": 43}},
   "newText": "protect vm db resource-group rg with db-vms\n"
  }
 ]
}
# formatted: no edits
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didOpen",
 "params": {
  "textDocument": {
   "uri": "file:///w/prod-vms.bkp",
   "languageId": "bkp",
   "version": 1,
   "text": "@file:examples/prod-vms.bkp"
  }
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {"uri": "file:///w/prod-vms.bkp", "version": 1, "diagnostics": []}
}
> {
 "jsonrpc": "2.0",
 "id": 4,
 "method": "textDocument/formatting",
 "params": {
  "textDocument": {"uri": "file:///w/prod-vms.bkp"},
  "options": {"tabSize": 4, "insertSpaces": true}
 }
}
< {"jsonrpc": "2.0", "id": 4, "result": []}
# syntax errors: not formatted
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didOpen",
 "params": {
  "textDocument": {
   "uri": "file:///w/broken.bkp",
   "languageId": "bkp",
   "version": 1,
   "text": "policy x-vms { daily at }\n"
  }
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {
  "uri": "file:///w/broken.bkp",
  "version": 1,
  "diagnostics": [
   {
    "range": {"start": {"line": 0, "character": 24}, "end": {"line": 0, "character": 25}},
    "severity": 1,
    "code": "syntax",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/syntax.md"},
    "source": "bkpc",
    "message": "unexpected `}`; expected a time such as `08:00`"
   }
  ]
 }
}
> {
 "jsonrpc": "2.0",
 "id": 5,
 "method": "textDocument/formatting",
 "params": {"textDocument": {"uri": "file:///w/broken.bkp"}, "options": {"tabSize": 4, "insertSpaces": true}}
}
< {"jsonrpc": "2.0", "id": 5, "result": null}
> {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
< {"jsonrpc": "2.0", "id": 99, "result": null}
> {"jsonrpc": "2.0", "method": "exit"}
= exit 0
