# Document symbols (src/lsp/symbols.c): the vault, the policies with their
# clauses, the protects, in the file's order; a file of bare clauses is one
# policy named after the file.
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
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didOpen",
 "params": {
  "textDocument": {
   "uri": "file:///w/multi-policy.bkp",
   "languageId": "bkp",
   "version": 1,
   "text": "@file:examples/multi-policy.bkp"
  }
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {"uri": "file:///w/multi-policy.bkp", "version": 1, "diagnostics": []}
}
> {
 "jsonrpc": "2.0",
 "id": 2,
 "method": "textDocument/documentSymbol",
 "params": {"textDocument": {"uri": "file:///w/multi-policy.bkp"}}
}
< {
 "jsonrpc": "2.0",
 "id": 2,
 "result": [
  {
   "name": "rsv-prod-weu",
   "detail": "vault in resource group rg-backup-weu",
   "kind": 19,
   "range": {"start": {"line": 6, "character": 0}, "end": {"line": 6, "character": 99}},
   "selectionRange": {"start": {"line": 6, "character": 6}, "end": {"line": 6, "character": 18}}
  },
  {
   "name": "web-tier",
   "detail": "policy",
   "kind": 5,
   "range": {"start": {"line": 9, "character": 0}, "end": {"line": 14, "character": 1}},
   "selectionRange": {"start": {"line": 9, "character": 7}, "end": {"line": 9, "character": 15}},
   "children": [
    {
     "name": "timezone",
     "detail": "timezone \"W. Europe Standard Time\"",
     "kind": 7,
     "range": {"start": {"line": 10, "character": 4}, "end": {"line": 10, "character": 38}},
     "selectionRange": {"start": {"line": 10, "character": 4}, "end": {"line": 10, "character": 12}}
    },
    {
     "name": "schedule",
     "detail": "daily at 02:00",
     "kind": 7,
     "range": {"start": {"line": 11, "character": 4}, "end": {"line": 11, "character": 18}},
     "selectionRange": {"start": {"line": 11, "character": 4}, "end": {"line": 11, "character": 9}}
    },
    {
     "name": "keep snapshots",
     "detail": "keep snapshots 3d",
     "kind": 7,
     "range": {"start": {"line": 12, "character": 4}, "end": {"line": 12, "character": 21}},
     "selectionRange": {"start": {"line": 12, "character": 4}, "end": {"line": 12, "character": 18}}
    },
    {
     "name": "keep daily",
     "detail": "keep daily 14d",
     "kind": 7,
     "range": {"start": {"line": 13, "character": 4}, "end": {"line": 13, "character": 18}},
     "selectionRange": {"start": {"line": 13, "character": 4}, "end": {"line": 13, "character": 14}}
    }
   ]
  },
  {
   "name": "db-tier",
   "detail": "policy",
   "kind": 5,
   "range": {"start": {"line": 17, "character": 0}, "end": {"line": 25, "character": 1}},
   "selectionRange": {"start": {"line": 17, "character": 7}, "end": {"line": 17, "character": 14}},
   "children": [
    {
     "name": "policy type",
     "detail": "enhanced",
     "kind": 7,
     "range": {"start": {"line": 18, "character": 4}, "end": {"line": 18, "character": 12}},
     "selectionRange": {"start": {"line": 18, "character": 4}, "end": {"line": 18, "character": 12}}
    },
    {
     "name": "timezone",
     "detail": "timezone \"W. Europe Standard Time\"",
     "kind": 7,
     "range": {"start": {"line": 19, "character": 4}, "end": {"line": 19, "character": 38}},
     "selectionRange": {"start": {"line": 19, "character": 4}, "end": {"line": 19, "character": 12}}
    },
    {
     "name": "schedule",
     "detail": "every 4h from 00:00 for 24h",
     "kind": 7,
     "range": {"start": {"line": 20, "character": 4}, "end": {"line": 20, "character": 31}},
     "selectionRange": {"start": {"line": 20, "character": 4}, "end": {"line": 20, "character": 9}}
    },
    {
     "name": "keep snapshots",
     "detail": "keep snapshots 7d",
     "kind": 7,
     "range": {"start": {"line": 21, "character": 4}, "end": {"line": 21, "character": 21}},
     "selectionRange": {"start": {"line": 21, "character": 4}, "end": {"line": 21, "character": 18}}
    },
    {
     "name": "keep daily",
     "detail": "keep daily 90d",
     "kind": 7,
     "range": {"start": {"line": 22, "character": 4}, "end": {"line": 22, "character": 18}},
     "selectionRange": {"start": {"line": 22, "character": 4}, "end": {"line": 22, "character": 14}}
    },
    {
     "name": "keep monthly",
     "detail": "keep monthly 12m on day 1",
     "kind": 7,
     "range": {"start": {"line": 23, "character": 4}, "end": {"line": 23, "character": 29}},
     "selectionRange": {"start": {"line": 23, "character": 4}, "end": {"line": 23, "character": 16}}
    },
    {
     "name": "archive",
     "detail": "archive never",
     "kind": 7,
     "range": {"start": {"line": 24, "character": 4}, "end": {"line": 24, "character": 17}},
     "selectionRange": {"start": {"line": 24, "character": 4}, "end": {"line": 24, "character": 11}}
    }
   ]
  },
  {
   "name": "fileshare-weekly",
   "detail": "policy",
   "kind": 5,
   "range": {"start": {"line": 29, "character": 0}, "end": {"line": 34, "character": 1}},
   "selectionRange": {"start": {"line": 29, "character": 7}, "end": {"line": 29, "character": 25}},
   "children": [
    {
     "name": "timezone",
     "detail": "timezone \"W. Europe Standard Time\"",
     "kind": 7,
     "range": {"start": {"line": 30, "character": 4}, "end": {"line": 30, "character": 38}},
     "selectionRange": {"start": {"line": 30, "character": 4}, "end": {"line": 30, "character": 12}}
    },
    {
     "name": "schedule",
     "detail": "weekly on sun at 03:00",
     "kind": 7,
     "range": {"start": {"line": 31, "character": 4}, "end": {"line": 31, "character": 26}},
     "selectionRange": {"start": {"line": 31, "character": 4}, "end": {"line": 31, "character": 10}}
    },
    {
     "name": "keep weekly",
     "detail": "keep weekly 52w",
     "kind": 7,
     "range": {"start": {"line": 32, "character": 4}, "end": {"line": 32, "character": 19}},
     "selectionRange": {"start": {"line": 32, "character": 4}, "end": {"line": 32, "character": 15}}
    },
    {
     "name": "keep yearly",
     "detail": "keep yearly 5y in jan on first sun",
     "kind": 7,
     "range": {"start": {"line": 33, "character": 4}, "end": {"line": 33, "character": 38}},
     "selectionRange": {"start": {"line": 33, "character": 4}, "end": {"line": 33, "character": 15}}
    }
   ]
  },
  {
   "name": "web-01",
   "detail": "protect: resource group rg-web, with web-tier",
   "kind": 13,
   "range": {"start": {"line": 36, "character": 0}, "end": {"line": 36, "character": 53}},
   "selectionRange": {"start": {"line": 36, "character": 11}, "end": {"line": 36, "character": 17}}
  },
  {
   "name": "web-02",
   "detail": "protect: resource group rg-web, with web-tier",
   "kind": 13,
   "range": {"start": {"line": 37, "character": 0}, "end": {"line": 37, "character": 53}},
   "selectionRange": {"start": {"line": 37, "character": 11}, "end": {"line": 37, "character": 17}}
  },
  {
   "name": "web.03",
   "detail": "protect: resource group rg-web, with web-tier",
   "kind": 13,
   "range": {"start": {"line": 38, "character": 0}, "end": {"line": 38, "character": 55}},
   "selectionRange": {"start": {"line": 38, "character": 11}, "end": {"line": 38, "character": 19}}
  },
  {
   "name": "db-01",
   "detail": "protect: resource group rg-db, with db-tier",
   "kind": 13,
   "range": {"start": {"line": 41, "character": 0}, "end": {"line": 41, "character": 69}},
   "selectionRange": {"start": {"line": 41, "character": 11}, "end": {"line": 41, "character": 16}}
  },
  {
   "name": "db-02",
   "detail": "protect: resource group rg-db, with db-tier",
   "kind": 13,
   "range": {"start": {"line": 43, "character": 0}, "end": {"line": 43, "character": 66}},
   "selectionRange": {"start": {"line": 43, "character": 11}, "end": {"line": 43, "character": 16}}
  },
  {
   "name": "files-01",
   "detail": "protect: resource group rg-files, with fileshare-weekly",
   "kind": 13,
   "range": {"start": {"line": 45, "character": 0}, "end": {"line": 45, "character": 65}},
   "selectionRange": {"start": {"line": 45, "character": 11}, "end": {"line": 45, "character": 19}}
  }
 ]
}
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didOpen",
 "params": {
  "textDocument": {
   "uri": "file:///w/db-vms.bkp",
   "languageId": "bkp",
   "version": 1,
   "text": "# the file is the policy\ndaily at 02:00\n  keep daily 30d\nprotect vm db resource-group rg with db-vms\n"
  }
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {"uri": "file:///w/db-vms.bkp", "version": 1, "diagnostics": []}
}
> {
 "jsonrpc": "2.0",
 "id": 3,
 "method": "textDocument/documentSymbol",
 "params": {"textDocument": {"uri": "file:///w/db-vms.bkp"}}
}
< {
 "jsonrpc": "2.0",
 "id": 3,
 "result": [
  {
   "name": "db-vms",
   "detail": "policy (the file's clauses)",
   "kind": 5,
   "range": {"start": {"line": 1, "character": 0}, "end": {"line": 2, "character": 16}},
   "selectionRange": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 5}},
   "children": [
    {
     "name": "schedule",
     "detail": "daily at 02:00",
     "kind": 7,
     "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 14}},
     "selectionRange": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 5}}
    },
    {
     "name": "keep daily",
     "detail": "keep daily 30d",
     "kind": 7,
     "range": {"start": {"line": 2, "character": 2}, "end": {"line": 2, "character": 16}},
     "selectionRange": {"start": {"line": 2, "character": 2}, "end": {"line": 2, "character": 12}}
    }
   ]
  },
  {
   "name": "db",
   "detail": "protect: resource group rg, with db-vms",
   "kind": 13,
   "range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 43}},
   "selectionRange": {"start": {"line": 3, "character": 11}, "end": {"line": 3, "character": 13}}
  }
 ]
}
> {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
< {"jsonrpc": "2.0", "id": 99, "result": null}
> {"jsonrpc": "2.0", "method": "exit"}
= exit 0
