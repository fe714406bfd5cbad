# Diagnostics on open and on every change: severity, the rule id as code,
# its page as codeDescription, secondary spans as relatedInformation, hints
# after the message, positions in UTF-16 code units (line 2 has an é and an
# emoji, which counts two, before the B3 span); incremental changes by
# UTF-16 ranges, several in one notification, a whole text, and close.
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
> {"jsonrpc": "2.0", "method": "initialized", "params": {}}
@text bad
policy tab-vms {   # é
	timezone "Zürich 😀" daily at 02:15
    keep daily 1y
}
policy late-vms { every 4h from 20:00 for 23h }
protect vm web resource-group rg with nope
@end
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didOpen",
 "params": {
  "textDocument": {"uri": "file:///w/bad.bkp", "languageId": "bkp", "version": 1, "text": "@text:bad"}
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {
  "uri": "file:///w/bad.bkp",
  "version": 1,
  "diagnostics": [
   {
    "range": {"start": {"line": 1, "character": 10}, "end": {"line": 1, "character": 21}},
    "severity": 1,
    "code": "A7",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/A7.md"},
    "source": "bkpc",
    "message": "unknown time zone \"Zürich 😀\"\nhint: Azure wants a Windows time-zone id such as \"W. Europe Standard Time\"; IANA ids such as \"Europe/Berlin\" are mapped to one"
   },
   {
    "range": {"start": {"line": 1, "character": 31}, "end": {"line": 1, "character": 36}},
    "severity": 1,
    "code": "B3",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/B3.md"},
    "source": "bkpc",
    "message": "backups start on the hour or the half hour, not at 02:15\nhint: use `02:00` or `02:30`"
   },
   {
    "range": {"start": {"line": 2, "character": 15}, "end": {"line": 2, "character": 17}},
    "severity": 1,
    "code": "unit",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/unit.md"},
    "source": "bkpc",
    "message": "`keep daily` counts days, and 1y is not a whole number of days\nhint: write `365d` (the nearest whole number of days)\nhint: to keep points for months or years, add `keep monthly` or `keep yearly`",
    "relatedInformation": [
     {
      "location": {
       "uri": "file:///w/bad.bkp",
       "range": {"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 14}}
      },
      "message": "counts days"
     }
    ]
   },
   {
    "range": {"start": {"line": 4, "character": 32}, "end": {"line": 4, "character": 37}},
    "severity": 2,
    "code": "B10",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/B10.md"},
    "source": "bkpc",
    "message": "Azure documents hourly windows starting between 00:00 and 19:30\nhint: the portal and the documentation may reject 20:00; an earlier start is safe"
   },
   {
    "range": {"start": {"line": 4, "character": 42}, "end": {"line": 4, "character": 45}},
    "severity": 1,
    "code": "B7",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/B7.md"},
    "source": "bkpc",
    "message": "the 23h window is not a multiple of the 4h interval\nhint: `for 24h` gives the same six backups a day",
    "relatedInformation": [
     {
      "location": {
       "uri": "file:///w/bad.bkp",
       "range": {"start": {"line": 4, "character": 24}, "end": {"line": 4, "character": 26}}
      },
      "message": "the 23h window is not a multiple of the 4h interval"
     }
    ]
   },
   {
    "range": {"start": {"line": 5, "character": 38}, "end": {"line": 5, "character": 42}},
    "severity": 1,
    "code": "name",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/name.md"},
    "source": "bkpc",
    "message": "no policy named `nope` in this file\nhint: `protect` names a policy defined in the same file"
   }
  ]
 }
}
# 02:15 -> 02:30: `15` is line 1, characters 34-36 (a tab, `timezone "Zürich `
# of 17 characters, the emoji of 2 UTF-16 units, `" daily at 02:`)
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didChange",
 "params": {
  "textDocument": {"uri": "file:///w/bad.bkp", "version": 2},
  "contentChanges": [
   {
    "range": {"start": {"line": 1, "character": 34}, "end": {"line": 1, "character": 36}},
    "text": "30"
   }
  ]
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {
  "uri": "file:///w/bad.bkp",
  "version": 2,
  "diagnostics": [
   {
    "range": {"start": {"line": 1, "character": 10}, "end": {"line": 1, "character": 21}},
    "severity": 1,
    "code": "A7",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/A7.md"},
    "source": "bkpc",
    "message": "unknown time zone \"Zürich 😀\"\nhint: Azure wants a Windows time-zone id such as \"W. Europe Standard Time\"; IANA ids such as \"Europe/Berlin\" are mapped to one"
   },
   {
    "range": {"start": {"line": 2, "character": 15}, "end": {"line": 2, "character": 17}},
    "severity": 1,
    "code": "unit",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/unit.md"},
    "source": "bkpc",
    "message": "`keep daily` counts days, and 1y is not a whole number of days\nhint: write `365d` (the nearest whole number of days)\nhint: to keep points for months or years, add `keep monthly` or `keep yearly`",
    "relatedInformation": [
     {
      "location": {
       "uri": "file:///w/bad.bkp",
       "range": {"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 14}}
      },
      "message": "counts days"
     }
    ]
   },
   {
    "range": {"start": {"line": 4, "character": 32}, "end": {"line": 4, "character": 37}},
    "severity": 2,
    "code": "B10",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/B10.md"},
    "source": "bkpc",
    "message": "Azure documents hourly windows starting between 00:00 and 19:30\nhint: the portal and the documentation may reject 20:00; an earlier start is safe"
   },
   {
    "range": {"start": {"line": 4, "character": 42}, "end": {"line": 4, "character": 45}},
    "severity": 1,
    "code": "B7",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/B7.md"},
    "source": "bkpc",
    "message": "the 23h window is not a multiple of the 4h interval\nhint: `for 24h` gives the same six backups a day",
    "relatedInformation": [
     {
      "location": {
       "uri": "file:///w/bad.bkp",
       "range": {"start": {"line": 4, "character": 24}, "end": {"line": 4, "character": 26}}
      },
      "message": "the 23h window is not a multiple of the 4h interval"
     }
    ]
   },
   {
    "range": {"start": {"line": 5, "character": 38}, "end": {"line": 5, "character": 42}},
    "severity": 1,
    "code": "name",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/name.md"},
    "source": "bkpc",
    "message": "no policy named `nope` in this file\nhint: `protect` names a policy defined in the same file"
   }
  ]
 }
}
# Two changes in one notification, the second on the text the first made:
# the zone, then `1y` -> `365d` (the fix's text)
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didChange",
 "params": {
  "textDocument": {"uri": "file:///w/bad.bkp", "version": 3},
  "contentChanges": [
   {
    "range": {"start": {"line": 1, "character": 10}, "end": {"line": 1, "character": 21}},
    "text": "\"UTC\""
   },
   {
    "range": {"start": {"line": 2, "character": 15}, "end": {"line": 2, "character": 17}},
    "text": "365d"
   }
  ]
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {
  "uri": "file:///w/bad.bkp",
  "version": 3,
  "diagnostics": [
   {
    "range": {"start": {"line": 4, "character": 32}, "end": {"line": 4, "character": 37}},
    "severity": 2,
    "code": "B10",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/B10.md"},
    "source": "bkpc",
    "message": "Azure documents hourly windows starting between 00:00 and 19:30\nhint: the portal and the documentation may reject 20:00; an earlier start is safe"
   },
   {
    "range": {"start": {"line": 4, "character": 42}, "end": {"line": 4, "character": 45}},
    "severity": 1,
    "code": "B7",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/B7.md"},
    "source": "bkpc",
    "message": "the 23h window is not a multiple of the 4h interval\nhint: `for 24h` gives the same six backups a day",
    "relatedInformation": [
     {
      "location": {
       "uri": "file:///w/bad.bkp",
       "range": {"start": {"line": 4, "character": 24}, "end": {"line": 4, "character": 26}}
      },
      "message": "the 23h window is not a multiple of the 4h interval"
     }
    ]
   },
   {
    "range": {"start": {"line": 5, "character": 38}, "end": {"line": 5, "character": 42}},
    "severity": 1,
    "code": "name",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/name.md"},
    "source": "bkpc",
    "message": "no policy named `nope` in this file\nhint: `protect` names a policy defined in the same file"
   }
  ]
 }
}
# A range past the end of a line is the line's end; an insertion across lines
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didChange",
 "params": {
  "textDocument": {"uri": "file:///w/bad.bkp", "version": 4},
  "contentChanges": [
   {
    "range": {"start": {"line": 4, "character": 42}, "end": {"line": 4, "character": 99}},
    "text": "24h\n    keep daily 7d }"
   }
  ]
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {
  "uri": "file:///w/bad.bkp",
  "version": 4,
  "diagnostics": [
   {
    "range": {"start": {"line": 4, "character": 32}, "end": {"line": 4, "character": 37}},
    "severity": 2,
    "code": "B10",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/B10.md"},
    "source": "bkpc",
    "message": "Azure documents hourly windows starting between 00:00 and 19:30\nhint: the portal and the documentation may reject 20:00; an earlier start is safe"
   },
   {
    "range": {"start": {"line": 6, "character": 38}, "end": {"line": 6, "character": 42}},
    "severity": 1,
    "code": "name",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/name.md"},
    "source": "bkpc",
    "message": "no policy named `nope` in this file\nhint: `protect` names a policy defined in the same file"
   }
  ]
 }
}
# The whole text
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didChange",
 "params": {
  "textDocument": {"uri": "file:///w/bad.bkp", "version": 5},
  "contentChanges": [{"text": "policy ok-vms { daily at 02:00 }\n"}]
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {"uri": "file:///w/bad.bkp", "version": 5, "diagnostics": []}
}
# An empty change list changes nothing: no diagnostics are published
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didChange",
 "params": {"textDocument": {"uri": "file:///w/bad.bkp", "version": 6}, "contentChanges": []}
}
# A file of bare clauses is named after the URI's path, percent-decoded
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didOpen",
 "params": {
  "textDocument": {"uri": "file:///w/a%20b.bkp", "languageId": "bkp", "version": 1, "text": "daily at 02:00\n"}
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {
  "uri": "file:///w/a%20b.bkp",
  "version": 1,
  "diagnostics": [
   {
    "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
    "severity": 1,
    "code": "A6",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/A6.md"},
    "source": "bkpc",
    "message": "policy name `a b` is not one Azure accepts\nhint: a policy name has 3 to 150 characters: a letter, then letters, digits, `-`, `_` or `!`\nhint: did you mean `a-b`?\nhint: the name comes from the file name; or wrap the clauses in `policy NAME { ... }`"
   }
  ]
 }
}
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didClose",
 "params": {"textDocument": {"uri": "file:///w/bad.bkp"}}
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {"uri": "file:///w/bad.bkp", "diagnostics": []}
}
> {
 "jsonrpc": "2.0",
 "id": 2,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/bad.bkp"}, "position": {"line": 0, "character": 0}}
}
< {
 "jsonrpc": "2.0",
 "id": 2,
 "error": {"code": -32602, "message": "params.textDocument.uri: file:///w/bad.bkp is not open"}
}
> {"jsonrpc": "2.0", "id": 3, "method": "shutdown"}
< {"jsonrpc": "2.0", "id": 3, "result": null}
> {"jsonrpc": "2.0", "method": "exit"}
= exit 0
