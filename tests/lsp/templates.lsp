# Templates, `use` and `require` in the server (src/lsp/): a requirement a
# policy breaks with an override, with the template's lines in another file
# as related information; an error inside a used file, shown at its `use`;
# document symbols with templates and uses; completion of template names
# after `from`, of files after `use` and in its string, of what `require`
# takes, of vaults after `in`. The documents stand in tests/lsp/fleet/, where
# the files they use are.
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
@text app
use "standards.bkp"

template gold-late from gold {
    every 4h from 10:00 for 24h
}
policy web-vms from gold-late {
    keep monthly 6m on first sun
}
policy db-vms from silver { }
vault rsv-a resource-group rg-a with web-vms
vault rsv-b resource-group rg-b
protect vm db01 resource-group rg-db with db-vms in rsv-b
@end
@text typing
use "standards.bkp"
vault rsv-a resource-group rg-a
vault rsv-b resource-group rg-b
protect vm db01 resource-group rg-db with db-vms in 
template local from 
use ""
policy p {
    require monthly 
    require 
}
@end
# `keep monthly 6m` breaks the template's `require monthly points for 12m`
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didOpen",
 "params": {
  "textDocument": {
   "uri": "file://@ROOT@/tests/lsp/fleet/app.bkp",
   "languageId": "bkp",
   "version": 1,
   "text": "@text:app"
  }
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {
  "uri": "file://@ROOT@/tests/lsp/fleet/app.bkp",
  "version": 1,
  "diagnostics": [
   {
    "range": {"start": {"line": 5, "character": 15}, "end": {"line": 5, "character": 29}},
    "severity": 1,
    "code": "require",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/require.md"},
    "source": "bkpc",
    "message": "policy `web-vms` breaks `require monthly points for 12 months`: at Tue 2030-01-01 01:00 +01:00, February 2029 lies within the last 12 months and no point taken in it is left\nhint: its last point, taken Mon 2029-02-05 06:00 +01:00, was a monthly point, kept 6 months\nhint: it holds when monthly points are kept 12 months: `keep monthly 12m`\nhint: see it: `bkpc simulate --at 2030-01-01T00:00Z --policy web-vms @ROOT@/tests/lsp/fleet/app.bkp`",
    "relatedInformation": [
     {
      "location": {
       "uri": "file://@ROOT@/tests/lsp/fleet/standards.bkp",
       "range": {"start": {"line": 10, "character": 4}, "end": {"line": 10, "character": 34}}
      },
      "message": "required by template `gold`"
     },
     {
      "location": {
       "uri": "file://@ROOT@/tests/lsp/fleet/app.bkp",
       "range": {"start": {"line": 6, "character": 4}, "end": {"line": 6, "character": 32}}
      },
      "message": "keeps them 6 months"
     }
    ]
   }
  ]
 }
}
# the symbols: the use, templates and policies, vaults, the protect
> {
 "jsonrpc": "2.0",
 "id": 2,
 "method": "textDocument/documentSymbol",
 "params": {"textDocument": {"uri": "file://@ROOT@/tests/lsp/fleet/app.bkp"}}
}
< {
 "jsonrpc": "2.0",
 "id": 2,
 "result": [
  {
   "name": "standards.bkp",
   "detail": "use",
   "kind": 1,
   "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 19}},
   "selectionRange": {"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 19}}
  },
  {
   "name": "gold-late",
   "detail": "template from gold",
   "kind": 11,
   "range": {"start": {"line": 2, "character": 0}, "end": {"line": 4, "character": 1}},
   "selectionRange": {"start": {"line": 2, "character": 9}, "end": {"line": 2, "character": 18}},
   "children": [
    {
     "name": "schedule",
     "detail": "every 4h from 10:00 for 24h",
     "kind": 7,
     "range": {"start": {"line": 3, "character": 4}, "end": {"line": 3, "character": 31}},
     "selectionRange": {"start": {"line": 3, "character": 4}, "end": {"line": 3, "character": 9}}
    }
   ]
  },
  {
   "name": "web-vms",
   "detail": "policy from gold-late",
   "kind": 5,
   "range": {"start": {"line": 5, "character": 0}, "end": {"line": 7, "character": 1}},
   "selectionRange": {"start": {"line": 5, "character": 7}, "end": {"line": 5, "character": 14}},
   "children": [
    {
     "name": "keep monthly",
     "detail": "keep monthly 6m on first sun",
     "kind": 7,
     "range": {"start": {"line": 6, "character": 4}, "end": {"line": 6, "character": 32}},
     "selectionRange": {"start": {"line": 6, "character": 4}, "end": {"line": 6, "character": 16}}
    }
   ]
  },
  {
   "name": "db-vms",
   "detail": "policy from silver",
   "kind": 5,
   "range": {"start": {"line": 8, "character": 0}, "end": {"line": 8, "character": 29}},
   "selectionRange": {"start": {"line": 8, "character": 7}, "end": {"line": 8, "character": 13}},
   "children": []
  },
  {
   "name": "rsv-a",
   "detail": "vault in resource group rg-a, with web-vms",
   "kind": 19,
   "range": {"start": {"line": 9, "character": 0}, "end": {"line": 9, "character": 44}},
   "selectionRange": {"start": {"line": 9, "character": 6}, "end": {"line": 9, "character": 11}}
  },
  {
   "name": "rsv-b",
   "detail": "vault in resource group rg-b",
   "kind": 19,
   "range": {"start": {"line": 10, "character": 0}, "end": {"line": 10, "character": 31}},
   "selectionRange": {"start": {"line": 10, "character": 6}, "end": {"line": 10, "character": 11}}
  },
  {
   "name": "db01",
   "detail": "protect: resource group rg-db, with db-vms in rsv-b",
   "kind": 13,
   "range": {"start": {"line": 11, "character": 0}, "end": {"line": 11, "character": 57}},
   "selectionRange": {"start": {"line": 11, "character": 11}, "end": {"line": 11, "character": 15}}
  }
 ]
}
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didOpen",
 "params": {
  "textDocument": {
   "uri": "file://@ROOT@/tests/lsp/fleet/typing.bkp",
   "languageId": "bkp",
   "version": 1,
   "text": "@text:typing"
  }
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {
  "uri": "file://@ROOT@/tests/lsp/fleet/typing.bkp",
  "version": 1,
  "diagnostics": [
   {
    "range": {"start": {"line": 4, "character": 9}, "end": {"line": 4, "character": 14}},
    "severity": 1,
    "code": "syntax",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/syntax.md"},
    "source": "bkpc",
    "message": "unexpected word `local`; expected a clause, `policy`, `template`, `use`, `vault` or `protect`"
   },
   {
    "range": {"start": {"line": 5, "character": 4}, "end": {"line": 5, "character": 6}},
    "severity": 1,
    "code": "use",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/use.md"},
    "source": "bkpc",
    "message": "`` is a directory, not a .bkp file\nhint: a `use` path is relative to the directory of the file that says it: `@ROOT@/tests/lsp/fleet`"
   },
   {
    "range": {"start": {"line": 8, "character": 4}, "end": {"line": 8, "character": 11}},
    "severity": 1,
    "code": "syntax",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/syntax.md"},
    "source": "bkpc",
    "message": "unexpected `require`; expected `points`"
   },
   {
    "range": {"start": {"line": 9, "character": 0}, "end": {"line": 9, "character": 1}},
    "severity": 1,
    "code": "syntax",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/syntax.md"},
    "source": "bkpc",
    "message": "unexpected `}`; expected `daily`, `monthly`, `rpo`, `snapshots`, `weekly` or `yearly`"
   }
  ]
 }
}
# after `in` in a protect: the vaults
> {
 "jsonrpc": "2.0",
 "id": 3,
 "method": "textDocument/completion",
 "params": {
  "textDocument": {"uri": "file://@ROOT@/tests/lsp/fleet/typing.bkp"},
  "position": {"line": 3, "character": 52}
 }
}
< {
 "jsonrpc": "2.0",
 "id": 3,
 "result": {
  "isIncomplete": false,
  "items": [
   {
    "label": "rsv-a",
    "kind": 18,
    "detail": "vault",
    "textEdit": {
     "range": {"start": {"line": 3, "character": 52}, "end": {"line": 3, "character": 52}},
     "newText": "rsv-a"
    }
   },
   {
    "label": "rsv-b",
    "kind": 18,
    "detail": "vault",
    "textEdit": {
     "range": {"start": {"line": 3, "character": 52}, "end": {"line": 3, "character": 52}},
     "newText": "rsv-b"
    }
   }
  ]
 }
}
# after `template local from `: the templates of the files it uses
> {
 "jsonrpc": "2.0",
 "id": 4,
 "method": "textDocument/completion",
 "params": {
  "textDocument": {"uri": "file://@ROOT@/tests/lsp/fleet/typing.bkp"},
  "position": {"line": 4, "character": 20}
 }
}
< {
 "jsonrpc": "2.0",
 "id": 4,
 "result": {
  "isIncomplete": false,
  "items": [
   {
    "label": "gold",
    "kind": 18,
    "detail": "standards.bkp",
    "textEdit": {
     "range": {"start": {"line": 4, "character": 20}, "end": {"line": 4, "character": 20}},
     "newText": "gold"
    }
   },
   {
    "label": "silver",
    "kind": 18,
    "detail": "standards.bkp",
    "textEdit": {
     "range": {"start": {"line": 4, "character": 20}, "end": {"line": 4, "character": 20}},
     "newText": "silver"
    }
   }
  ]
 }
}
# in `use ""`: the files beside the document and in lib/
> {
 "jsonrpc": "2.0",
 "id": 5,
 "method": "textDocument/completion",
 "params": {
  "textDocument": {"uri": "file://@ROOT@/tests/lsp/fleet/typing.bkp"},
  "position": {"line": 5, "character": 5}
 }
}
< {
 "jsonrpc": "2.0",
 "id": 5,
 "result": {
  "isIncomplete": true,
  "items": [
   {
    "label": "standards.bkp",
    "kind": 17,
    "detail": "file",
    "textEdit": {
     "range": {"start": {"line": 5, "character": 5}, "end": {"line": 5, "character": 5}},
     "newText": "standards.bkp"
    }
   },
   {
    "label": "lib/broken.bkp",
    "kind": 17,
    "detail": "file",
    "textEdit": {
     "range": {"start": {"line": 5, "character": 5}, "end": {"line": 5, "character": 5}},
     "newText": "lib/broken.bkp"
    }
   }
  ]
 }
}
# after `require monthly `: `points`
> {
 "jsonrpc": "2.0",
 "id": 6,
 "method": "textDocument/completion",
 "params": {
  "textDocument": {"uri": "file://@ROOT@/tests/lsp/fleet/typing.bkp"},
  "position": {"line": 7, "character": 20}
 }
}
< {
 "jsonrpc": "2.0",
 "id": 6,
 "result": {
  "isIncomplete": false,
  "items": [
   {
    "label": "points",
    "kind": 14,
    "textEdit": {
     "range": {"start": {"line": 7, "character": 20}, "end": {"line": 7, "character": 20}},
     "newText": "points"
    }
   }
  ]
 }
}
# after `require `: what may be required
> {
 "jsonrpc": "2.0",
 "id": 7,
 "method": "textDocument/completion",
 "params": {
  "textDocument": {"uri": "file://@ROOT@/tests/lsp/fleet/typing.bkp"},
  "position": {"line": 8, "character": 12}
 }
}
< {
 "jsonrpc": "2.0",
 "id": 7,
 "result": {
  "isIncomplete": false,
  "items": [
   {
    "label": "daily",
    "kind": 14,
    "detail": "what is required",
    "textEdit": {
     "range": {"start": {"line": 8, "character": 12}, "end": {"line": 8, "character": 12}},
     "newText": "daily"
    }
   },
   {
    "label": "monthly",
    "kind": 14,
    "detail": "what is required",
    "textEdit": {
     "range": {"start": {"line": 8, "character": 12}, "end": {"line": 8, "character": 12}},
     "newText": "monthly"
    }
   },
   {
    "label": "snapshots",
    "kind": 14,
    "detail": "what is required",
    "textEdit": {
     "range": {"start": {"line": 8, "character": 12}, "end": {"line": 8, "character": 12}},
     "newText": "snapshots"
    }
   },
   {
    "label": "weekly",
    "kind": 14,
    "detail": "what is required",
    "textEdit": {
     "range": {"start": {"line": 8, "character": 12}, "end": {"line": 8, "character": 12}},
     "newText": "weekly"
    }
   },
   {
    "label": "yearly",
    "kind": 14,
    "detail": "what is required",
    "textEdit": {
     "range": {"start": {"line": 8, "character": 12}, "end": {"line": 8, "character": 12}},
     "newText": "yearly"
    }
   },
   {
    "label": "rpo",
    "kind": 14,
    "detail": "the longest gap between points",
    "textEdit": {
     "range": {"start": {"line": 8, "character": 12}, "end": {"line": 8, "character": 12}},
     "newText": "rpo"
    }
   }
  ]
 }
}
# an error inside a used file stands at the `use`, the place in the file as
# related information
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didOpen",
 "params": {
  "textDocument": {
   "uri": "file://@ROOT@/tests/lsp/fleet/team.bkp",
   "languageId": "bkp",
   "version": 1,
   "text": "use \"lib/broken.bkp\"\npolicy team-vms from broken { daily at 01:00 }\n"
  }
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {
  "uri": "file://@ROOT@/tests/lsp/fleet/team.bkp",
  "version": 1,
  "diagnostics": [
   {
    "range": {"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 20}},
    "severity": 1,
    "code": "unit",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/unit.md"},
    "source": "bkpc",
    "message": "in lib/broken.bkp: unknown unit `dayz`\nhint: did you mean `30 days`?",
    "relatedInformation": [
     {
      "location": {
       "uri": "file://@ROOT@/tests/lsp/fleet/lib/broken.bkp",
       "range": {"start": {"line": 2, "character": 18}, "end": {"line": 2, "character": 22}}
      },
      "message": "unknown unit `dayz`"
     }
    ]
   }
  ]
 }
}
> {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
< {"jsonrpc": "2.0", "id": 99, "result": null}
> {"jsonrpc": "2.0", "method": "exit"}
= exit 0
