# Code actions (src/lsp/symbols.c): each diagnostic's machine-applicable fix
# in the requested range, as a quickfix with its WorkspaceEdit.
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
@text fixes
policy late-vms { every 4h from 08:00 for 23h }
policy web-vms {
    daily at 02:00
    keep weekly 12w on sunn
    keep snapshots 40d
    timezone "india standard time"
}
@end
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didOpen",
 "params": {
  "textDocument": {"uri": "file:///w/fixes.bkp", "languageId": "bkp", "version": 1, "text": "@text:fixes"}
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {
  "uri": "file:///w/fixes.bkp",
  "version": 1,
  "diagnostics": [
   {
    "range": {"start": {"line": 0, "character": 42}, "end": {"line": 0, "character": 45}},
    "severity": 1,
    "code": "B7",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/B7.md"},
    "source": "bkpc",
    "message": "the 23h window is not a multiple of the 4h interval\nhint: `for 24h` gives the same six backups a day",
    "relatedInformation": [
     {
      "location": {
       "uri": "file:///w/fixes.bkp",
       "range": {"start": {"line": 0, "character": 24}, "end": {"line": 0, "character": 26}}
      },
      "message": "the 23h window is not a multiple of the 4h interval"
     }
    ]
   },
   {
    "range": {"start": {"line": 3, "character": 23}, "end": {"line": 3, "character": 27}},
    "severity": 1,
    "code": "value",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/value.md"},
    "source": "bkpc",
    "message": "`sunn` is not a weekday\nhint: did you mean `sun`?"
   },
   {
    "range": {"start": {"line": 4, "character": 4}, "end": {"line": 4, "character": 22}},
    "severity": 1,
    "code": "C3",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/C3.md"},
    "source": "bkpc",
    "message": "an enhanced policy keeps snapshots 1 to 30 days, not 40\nhint: write `keep snapshots 30d`"
   },
   {
    "range": {"start": {"line": 5, "character": 13}, "end": {"line": 5, "character": 34}},
    "severity": 1,
    "code": "A7",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/A7.md"},
    "source": "bkpc",
    "message": "unknown time zone \"india standard time\"\nhint: did you mean \"India Standard Time\"?\nhint: Azure wants a Windows time-zone id such as \"W. Europe Standard Time\"; IANA ids such as \"Europe/Berlin\" are mapped to one"
   }
  ]
 }
}
# the whole file: `for 23h` -> `for 24h`, a misspelt weekday, the snapshots'
# range, the zone's case
> {
 "jsonrpc": "2.0",
 "id": 2,
 "method": "textDocument/codeAction",
 "params": {
  "textDocument": {"uri": "file:///w/fixes.bkp"},
  "range": {"start": {"line": 0, "character": 0}, "end": {"line": 7, "character": 0}},
  "context": {"diagnostics": []}
 }
}
< {
 "jsonrpc": "2.0",
 "id": 2,
 "result": [
  {
   "title": "Change `23h` to `24h`",
   "kind": "quickfix",
   "diagnostics": [
    {
     "range": {"start": {"line": 0, "character": 42}, "end": {"line": 0, "character": 45}},
     "severity": 1,
     "code": "B7",
     "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/B7.md"},
     "source": "bkpc",
     "message": "the 23h window is not a multiple of the 4h interval\nhint: `for 24h` gives the same six backups a day",
     "relatedInformation": [
      {
       "location": {
        "uri": "file:///w/fixes.bkp",
        "range": {"start": {"line": 0, "character": 24}, "end": {"line": 0, "character": 26}}
       },
       "message": "the 23h window is not a multiple of the 4h interval"
      }
     ]
    }
   ],
   "isPreferred": true,
   "edit": {
    "changes": {
     "file:///w/fixes.bkp": [
      {
       "range": {"start": {"line": 0, "character": 42}, "end": {"line": 0, "character": 45}},
       "newText": "24h"
      }
     ]
    }
   }
  },
  {
   "title": "Change `sunn` to `sun`",
   "kind": "quickfix",
   "diagnostics": [
    {
     "range": {"start": {"line": 3, "character": 23}, "end": {"line": 3, "character": 27}},
     "severity": 1,
     "code": "value",
     "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/value.md"},
     "source": "bkpc",
     "message": "`sunn` is not a weekday\nhint: did you mean `sun`?"
    }
   ],
   "isPreferred": true,
   "edit": {
    "changes": {
     "file:///w/fixes.bkp": [
      {
       "range": {"start": {"line": 3, "character": 23}, "end": {"line": 3, "character": 27}},
       "newText": "sun"
      }
     ]
    }
   }
  },
  {
   "title": "Change `40d` to `30d`",
   "kind": "quickfix",
   "diagnostics": [
    {
     "range": {"start": {"line": 4, "character": 4}, "end": {"line": 4, "character": 22}},
     "severity": 1,
     "code": "C3",
     "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/C3.md"},
     "source": "bkpc",
     "message": "an enhanced policy keeps snapshots 1 to 30 days, not 40\nhint: write `keep snapshots 30d`"
    }
   ],
   "isPreferred": true,
   "edit": {
    "changes": {
     "file:///w/fixes.bkp": [
      {
       "range": {"start": {"line": 4, "character": 19}, "end": {"line": 4, "character": 22}},
       "newText": "30d"
      }
     ]
    }
   }
  },
  {
   "title": "Change `\"india standard time\"` to `\"India Standard Time\"`",
   "kind": "quickfix",
   "diagnostics": [
    {
     "range": {"start": {"line": 5, "character": 13}, "end": {"line": 5, "character": 34}},
     "severity": 1,
     "code": "A7",
     "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/A7.md"},
     "source": "bkpc",
     "message": "unknown time zone \"india standard time\"\nhint: did you mean \"India Standard Time\"?\nhint: Azure wants a Windows time-zone id such as \"W. Europe Standard Time\"; IANA ids such as \"Europe/Berlin\" are mapped to one"
    }
   ],
   "isPreferred": true,
   "edit": {
    "changes": {
     "file:///w/fixes.bkp": [
      {
       "range": {"start": {"line": 5, "character": 13}, "end": {"line": 5, "character": 34}},
       "newText": "\"India Standard Time\""
      }
     ]
    }
   }
  }
 ]
}
# the cursor on `sunn`
> {
 "jsonrpc": "2.0",
 "id": 3,
 "method": "textDocument/codeAction",
 "params": {
  "textDocument": {"uri": "file:///w/fixes.bkp"},
  "range": {"start": {"line": 3, "character": 24}, "end": {"line": 3, "character": 24}},
  "context": {"diagnostics": []}
 }
}
< {
 "jsonrpc": "2.0",
 "id": 3,
 "result": [
  {
   "title": "Change `sunn` to `sun`",
   "kind": "quickfix",
   "diagnostics": [
    {
     "range": {"start": {"line": 3, "character": 23}, "end": {"line": 3, "character": 27}},
     "severity": 1,
     "code": "value",
     "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/value.md"},
     "source": "bkpc",
     "message": "`sunn` is not a weekday\nhint: did you mean `sun`?"
    }
   ],
   "isPreferred": true,
   "edit": {
    "changes": {
     "file:///w/fixes.bkp": [
      {
       "range": {"start": {"line": 3, "character": 23}, "end": {"line": 3, "character": 27}},
       "newText": "sun"
      }
     ]
    }
   }
  }
 ]
}
# no fix there; and only refactorings asked for
> {
 "jsonrpc": "2.0",
 "id": 4,
 "method": "textDocument/codeAction",
 "params": {
  "textDocument": {"uri": "file:///w/fixes.bkp"},
  "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 5}},
  "context": {"diagnostics": []}
 }
}
< {"jsonrpc": "2.0", "id": 4, "result": []}
> {
 "jsonrpc": "2.0",
 "id": 5,
 "method": "textDocument/codeAction",
 "params": {
  "textDocument": {"uri": "file:///w/fixes.bkp"},
  "range": {"start": {"line": 0, "character": 0}, "end": {"line": 7, "character": 0}},
  "context": {"diagnostics": [], "only": ["refactor"]}
 }
}
< {"jsonrpc": "2.0", "id": 5, "result": []}
# applied (as the client would), the file is clean
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didChange",
 "params": {
  "textDocument": {"uri": "file:///w/fixes.bkp", "version": 2},
  "contentChanges": [
   {
    "range": {"start": {"line": 5, "character": 13}, "end": {"line": 5, "character": 34}},
    "text": "\"India Standard Time\""
   },
   {
    "range": {"start": {"line": 4, "character": 19}, "end": {"line": 4, "character": 22}},
    "text": "30d"
   },
   {
    "range": {"start": {"line": 3, "character": 23}, "end": {"line": 3, "character": 27}},
    "text": "sun"
   },
   {
    "range": {"start": {"line": 0, "character": 42}, "end": {"line": 0, "character": 45}},
    "text": "24h"
   }
  ]
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {"uri": "file:///w/fixes.bkp", "version": 2, "diagnostics": []}
}
> {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
< {"jsonrpc": "2.0", "id": 99, "result": null}
> {"jsonrpc": "2.0", "method": "exit"}
= exit 0
