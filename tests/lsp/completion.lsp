# Completion in context (src/lsp/complete.c): each request's position and
# what it tests in a comment before it.
> {
 "jsonrpc": "2.0",
 "id": 1,
 "method": "initialize",
 "params": {"capabilities": {}, "initializationOptions": {"at": "2026-01-15"}}
}
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
@text doc
policy web-vms {
    ke
    timezone "Ind
    keep 
    keep monthly 60
    keep monthly 60m on 
    keep monthly 60m on first 
    keep yearly 10y in jan, 
    weekly on mon, 
    archive 
    keep daily 30 
    # keep 
}

protect vm web resource-group rg with 
policy b-vms { timezone "Pacific S" }
@end
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didOpen",
 "params": {
  "textDocument": {"uri": "file:///w/c.bkp", "languageId": "bkp", "version": 1, "text": "@text:doc"}
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {
  "uri": "file:///w/c.bkp",
  "version": 1,
  "diagnostics": [
   {
    "range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 6}},
    "severity": 1,
    "code": "syntax",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/syntax.md"},
    "source": "bkpc",
    "message": "unexpected word `ke`; expected a clause or `}`"
   },
   {
    "range": {"start": {"line": 2, "character": 13}, "end": {"line": 2, "character": 17}},
    "severity": 1,
    "code": "syntax",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/syntax.md"},
    "source": "bkpc",
    "message": "unterminated string\nhint: a string ends with `\"` on the same line"
   },
   {
    "range": {"start": {"line": 2, "character": 13}, "end": {"line": 2, "character": 17}},
    "severity": 1,
    "code": "A7",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/A7.md"},
    "source": "bkpc",
    "message": "unknown time zone \"Ind\"\nhint: abbreviations such as \"Ind\" are ambiguous; write the zone's full id\nhint: Azure wants a Windows time-zone id such as \"W. Europe Standard Time\"; IANA ids such as \"Europe/Berlin\" are mapped to one"
   },
   {
    "range": {"start": {"line": 4, "character": 4}, "end": {"line": 4, "character": 8}},
    "severity": 1,
    "code": "syntax",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/syntax.md"},
    "source": "bkpc",
    "message": "unexpected `keep`; expected `daily`, `monthly`, `snapshots`, `weekly` or `yearly`"
   },
   {
    "range": {"start": {"line": 5, "character": 4}, "end": {"line": 5, "character": 8}},
    "severity": 1,
    "code": "syntax",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/syntax.md"},
    "source": "bkpc",
    "message": "unexpected `keep`; expected a unit (`h`, `d`, `w`, `m`, `y`, or `hours`, `days`, ...)\nhint: write the unit after the number: `180d` or `180 days`"
   },
   {
    "range": {"start": {"line": 6, "character": 4}, "end": {"line": 6, "character": 8}},
    "severity": 1,
    "code": "syntax",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/syntax.md"},
    "source": "bkpc",
    "message": "unexpected `keep`; expected a unit (`h`, `d`, `w`, `m`, `y`, or `hours`, `days`, ...)\nhint: write the unit after the number: `180d` or `180 days`"
   },
   {
    "range": {"start": {"line": 6, "character": 24}, "end": {"line": 6, "character": 29}},
    "severity": 1,
    "code": "D14",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/D14.md"},
    "source": "bkpc",
    "message": "which weekday? monthly and yearly points need weeks and days\nhint: add the days after the weeks: `on first sun`"
   },
   {
    "range": {"start": {"line": 8, "character": 4}, "end": {"line": 8, "character": 10}},
    "severity": 1,
    "code": "syntax",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/syntax.md"},
    "source": "bkpc",
    "message": "unexpected `weekly`; expected a name"
   },
   {
    "range": {"start": {"line": 9, "character": 4}, "end": {"line": 9, "character": 11}},
    "severity": 1,
    "code": "syntax",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/syntax.md"},
    "source": "bkpc",
    "message": "unexpected `archive`; expected a name"
   },
   {
    "range": {"start": {"line": 10, "character": 4}, "end": {"line": 10, "character": 8}},
    "severity": 1,
    "code": "syntax",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/syntax.md"},
    "source": "bkpc",
    "message": "unexpected `keep`; expected `after`, `never` or `recommended`"
   },
   {
    "range": {"start": {"line": 12, "character": 0}, "end": {"line": 12, "character": 1}},
    "severity": 1,
    "code": "syntax",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/syntax.md"},
    "source": "bkpc",
    "message": "unexpected `}`; expected a unit (`h`, `d`, `w`, `m`, `y`, or `hours`, `days`, ...)\nhint: write the unit after the number: `180d` or `180 days`"
   },
   {
    "range": {"start": {"line": 15, "character": 7}, "end": {"line": 15, "character": 12}},
    "severity": 1,
    "code": "syntax",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/syntax.md"},
    "source": "bkpc",
    "message": "unexpected word `b-vms`; expected a clause, `policy`, `template`, `use`, `vault` or `protect`"
   },
   {
    "range": {"start": {"line": 15, "character": 15}, "end": {"line": 15, "character": 35}},
    "severity": 1,
    "code": "syntax",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/syntax.md"},
    "source": "bkpc",
    "message": "a clause outside any policy block, in a file with policy blocks\nhint: move it into a `policy NAME { ... }` block",
    "relatedInformation": [
     {
      "location": {
       "uri": "file:///w/c.bkp",
       "range": {"start": {"line": 0, "character": 0}, "end": {"line": 12, "character": 1}}
      },
      "message": "a policy block"
     }
    ]
   },
   {
    "range": {"start": {"line": 15, "character": 24}, "end": {"line": 15, "character": 35}},
    "severity": 1,
    "code": "A7",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/A7.md"},
    "source": "bkpc",
    "message": "unknown time zone \"Pacific S\"\nhint: Azure wants a Windows time-zone id such as \"W. Europe Standard Time\"; IANA ids such as \"Europe/Berlin\" are mapped to one"
   },
   {
    "range": {"start": {"line": 15, "character": 36}, "end": {"line": 15, "character": 37}},
    "severity": 1,
    "code": "syntax",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/syntax.md"},
    "source": "bkpc",
    "message": "unexpected `}`; expected a clause, `policy`, `template`, `use`, `vault` or `protect`"
   }
  ]
 }
}
# 1:6: first on a line in a block: the clause keywords (the range: `ke`)
> {
 "jsonrpc": "2.0",
 "id": 2,
 "method": "textDocument/completion",
 "params": {"textDocument": {"uri": "file:///w/c.bkp"}, "position": {"line": 1, "character": 6}}
}
< {
 "jsonrpc": "2.0",
 "id": 2,
 "result": {
  "isIncomplete": false,
  "items": [
   {
    "label": "archive",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 6}},
     "newText": "archive"
    }
   },
   {
    "label": "consistency",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 6}},
     "newText": "consistency"
    }
   },
   {
    "label": "daily",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 6}},
     "newText": "daily"
    }
   },
   {
    "label": "enhanced",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 6}},
     "newText": "enhanced"
    }
   },
   {
    "label": "every",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 6}},
     "newText": "every"
    }
   },
   {
    "label": "keep",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 6}},
     "newText": "keep"
    }
   },
   {
    "label": "require",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 6}},
     "newText": "require"
    }
   },
   {
    "label": "snapshot",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 6}},
     "newText": "snapshot"
    }
   },
   {
    "label": "standard",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 6}},
     "newText": "standard"
    }
   },
   {
    "label": "timezone",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 6}},
     "newText": "timezone"
    }
   },
   {
    "label": "weekly",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 6}},
     "newText": "weekly"
    }
   }
  ]
 }
}
# 2:17: in `timezone "…`: the Windows ids that start with what is typed
> {
 "jsonrpc": "2.0",
 "id": 3,
 "method": "textDocument/completion",
 "params": {"textDocument": {"uri": "file:///w/c.bkp"}, "position": {"line": 2, "character": 17}}
}
< {
 "jsonrpc": "2.0",
 "id": 3,
 "result": {
  "isIncomplete": true,
  "items": [
   {
    "label": "India Standard Time",
    "kind": 12,
    "detail": "Windows time zone, UTC+05:30",
    "textEdit": {
     "range": {"start": {"line": 2, "character": 14}, "end": {"line": 2, "character": 17}},
     "newText": "India Standard Time"
    }
   }
  ]
 }
}
# 3:9: after `keep`: the kinds
> {
 "jsonrpc": "2.0",
 "id": 4,
 "method": "textDocument/completion",
 "params": {"textDocument": {"uri": "file:///w/c.bkp"}, "position": {"line": 3, "character": 9}}
}
< {
 "jsonrpc": "2.0",
 "id": 4,
 "result": {
  "isIncomplete": false,
  "items": [
   {
    "label": "daily",
    "kind": 14,
    "detail": "kind of retention",
    "textEdit": {
     "range": {"start": {"line": 3, "character": 9}, "end": {"line": 3, "character": 9}},
     "newText": "daily"
    }
   },
   {
    "label": "monthly",
    "kind": 14,
    "detail": "kind of retention",
    "textEdit": {
     "range": {"start": {"line": 3, "character": 9}, "end": {"line": 3, "character": 9}},
     "newText": "monthly"
    }
   },
   {
    "label": "snapshots",
    "kind": 14,
    "detail": "kind of retention",
    "textEdit": {
     "range": {"start": {"line": 3, "character": 9}, "end": {"line": 3, "character": 9}},
     "newText": "snapshots"
    }
   },
   {
    "label": "weekly",
    "kind": 14,
    "detail": "kind of retention",
    "textEdit": {
     "range": {"start": {"line": 3, "character": 9}, "end": {"line": 3, "character": 9}},
     "newText": "weekly"
    }
   },
   {
    "label": "yearly",
    "kind": 14,
    "detail": "kind of retention",
    "textEdit": {
     "range": {"start": {"line": 3, "character": 9}, "end": {"line": 3, "character": 9}},
     "newText": "yearly"
    }
   }
  ]
 }
}
# 4:19: after a number: units joined to it, the clause's (months) first
> {
 "jsonrpc": "2.0",
 "id": 5,
 "method": "textDocument/completion",
 "params": {"textDocument": {"uri": "file:///w/c.bkp"}, "position": {"line": 4, "character": 19}}
}
< {
 "jsonrpc": "2.0",
 "id": 5,
 "result": {
  "isIncomplete": false,
  "items": [
   {
    "label": "h",
    "kind": 11,
    "detail": "hours",
    "sortText": "1",
    "filterText": "60h",
    "textEdit": {
     "range": {"start": {"line": 4, "character": 17}, "end": {"line": 4, "character": 19}},
     "newText": "60h"
    }
   },
   {
    "label": "d",
    "kind": 11,
    "detail": "days",
    "sortText": "1",
    "filterText": "60d",
    "textEdit": {
     "range": {"start": {"line": 4, "character": 17}, "end": {"line": 4, "character": 19}},
     "newText": "60d"
    }
   },
   {
    "label": "w",
    "kind": 11,
    "detail": "weeks",
    "sortText": "1",
    "filterText": "60w",
    "textEdit": {
     "range": {"start": {"line": 4, "character": 17}, "end": {"line": 4, "character": 19}},
     "newText": "60w"
    }
   },
   {
    "label": "m",
    "kind": 11,
    "detail": "months",
    "sortText": "0",
    "filterText": "60m",
    "textEdit": {
     "range": {"start": {"line": 4, "character": 17}, "end": {"line": 4, "character": 19}},
     "newText": "60m"
    }
   },
   {
    "label": "y",
    "kind": 11,
    "detail": "years",
    "sortText": "1",
    "filterText": "60y",
    "textEdit": {
     "range": {"start": {"line": 4, "character": 17}, "end": {"line": 4, "character": 19}},
     "newText": "60y"
    }
   }
  ]
 }
}
# 5:24: after `on` in monthly: weeks of the month, weekdays, `day`
> {
 "jsonrpc": "2.0",
 "id": 6,
 "method": "textDocument/completion",
 "params": {"textDocument": {"uri": "file:///w/c.bkp"}, "position": {"line": 5, "character": 24}}
}
< {
 "jsonrpc": "2.0",
 "id": 6,
 "result": {
  "isIncomplete": false,
  "items": [
   {
    "label": "first",
    "kind": 20,
    "detail": "week of the month: first",
    "textEdit": {
     "range": {"start": {"line": 5, "character": 24}, "end": {"line": 5, "character": 24}},
     "newText": "first"
    }
   },
   {
    "label": "second",
    "kind": 20,
    "detail": "week of the month: second",
    "textEdit": {
     "range": {"start": {"line": 5, "character": 24}, "end": {"line": 5, "character": 24}},
     "newText": "second"
    }
   },
   {
    "label": "third",
    "kind": 20,
    "detail": "week of the month: third",
    "textEdit": {
     "range": {"start": {"line": 5, "character": 24}, "end": {"line": 5, "character": 24}},
     "newText": "third"
    }
   },
   {
    "label": "fourth",
    "kind": 20,
    "detail": "week of the month: fourth",
    "textEdit": {
     "range": {"start": {"line": 5, "character": 24}, "end": {"line": 5, "character": 24}},
     "newText": "fourth"
    }
   },
   {
    "label": "last",
    "kind": 20,
    "detail": "week of the month: last",
    "textEdit": {
     "range": {"start": {"line": 5, "character": 24}, "end": {"line": 5, "character": 24}},
     "newText": "last"
    }
   },
   {
    "label": "sun",
    "kind": 20,
    "detail": "weekday: Sunday",
    "textEdit": {
     "range": {"start": {"line": 5, "character": 24}, "end": {"line": 5, "character": 24}},
     "newText": "sun"
    }
   },
   {
    "label": "mon",
    "kind": 20,
    "detail": "weekday: Monday",
    "textEdit": {
     "range": {"start": {"line": 5, "character": 24}, "end": {"line": 5, "character": 24}},
     "newText": "mon"
    }
   },
   {
    "label": "tue",
    "kind": 20,
    "detail": "weekday: Tuesday",
    "textEdit": {
     "range": {"start": {"line": 5, "character": 24}, "end": {"line": 5, "character": 24}},
     "newText": "tue"
    }
   },
   {
    "label": "wed",
    "kind": 20,
    "detail": "weekday: Wednesday",
    "textEdit": {
     "range": {"start": {"line": 5, "character": 24}, "end": {"line": 5, "character": 24}},
     "newText": "wed"
    }
   },
   {
    "label": "thu",
    "kind": 20,
    "detail": "weekday: Thursday",
    "textEdit": {
     "range": {"start": {"line": 5, "character": 24}, "end": {"line": 5, "character": 24}},
     "newText": "thu"
    }
   },
   {
    "label": "fri",
    "kind": 20,
    "detail": "weekday: Friday",
    "textEdit": {
     "range": {"start": {"line": 5, "character": 24}, "end": {"line": 5, "character": 24}},
     "newText": "fri"
    }
   },
   {
    "label": "sat",
    "kind": 20,
    "detail": "weekday: Saturday",
    "textEdit": {
     "range": {"start": {"line": 5, "character": 24}, "end": {"line": 5, "character": 24}},
     "newText": "sat"
    }
   },
   {
    "label": "day",
    "kind": 14,
    "detail": "days of the month: on day 1, 15, last",
    "textEdit": {
     "range": {"start": {"line": 5, "character": 24}, "end": {"line": 5, "character": 24}},
     "newText": "day"
    }
   }
  ]
 }
}
# 6:30: after a week of the month: weekdays
> {
 "jsonrpc": "2.0",
 "id": 7,
 "method": "textDocument/completion",
 "params": {"textDocument": {"uri": "file:///w/c.bkp"}, "position": {"line": 6, "character": 30}}
}
< {
 "jsonrpc": "2.0",
 "id": 7,
 "result": {
  "isIncomplete": false,
  "items": [
   {
    "label": "sun",
    "kind": 20,
    "detail": "weekday: Sunday",
    "textEdit": {
     "range": {"start": {"line": 6, "character": 30}, "end": {"line": 6, "character": 30}},
     "newText": "sun"
    }
   },
   {
    "label": "mon",
    "kind": 20,
    "detail": "weekday: Monday",
    "textEdit": {
     "range": {"start": {"line": 6, "character": 30}, "end": {"line": 6, "character": 30}},
     "newText": "mon"
    }
   },
   {
    "label": "tue",
    "kind": 20,
    "detail": "weekday: Tuesday",
    "textEdit": {
     "range": {"start": {"line": 6, "character": 30}, "end": {"line": 6, "character": 30}},
     "newText": "tue"
    }
   },
   {
    "label": "wed",
    "kind": 20,
    "detail": "weekday: Wednesday",
    "textEdit": {
     "range": {"start": {"line": 6, "character": 30}, "end": {"line": 6, "character": 30}},
     "newText": "wed"
    }
   },
   {
    "label": "thu",
    "kind": 20,
    "detail": "weekday: Thursday",
    "textEdit": {
     "range": {"start": {"line": 6, "character": 30}, "end": {"line": 6, "character": 30}},
     "newText": "thu"
    }
   },
   {
    "label": "fri",
    "kind": 20,
    "detail": "weekday: Friday",
    "textEdit": {
     "range": {"start": {"line": 6, "character": 30}, "end": {"line": 6, "character": 30}},
     "newText": "fri"
    }
   },
   {
    "label": "sat",
    "kind": 20,
    "detail": "weekday: Saturday",
    "textEdit": {
     "range": {"start": {"line": 6, "character": 30}, "end": {"line": 6, "character": 30}},
     "newText": "sat"
    }
   }
  ]
 }
}
# 7:28: after `,` in a list of months: months
> {
 "jsonrpc": "2.0",
 "id": 8,
 "method": "textDocument/completion",
 "params": {"textDocument": {"uri": "file:///w/c.bkp"}, "position": {"line": 7, "character": 28}}
}
< {
 "jsonrpc": "2.0",
 "id": 8,
 "result": {
  "isIncomplete": false,
  "items": [
   {
    "label": "jan",
    "kind": 20,
    "detail": "month: January",
    "textEdit": {
     "range": {"start": {"line": 7, "character": 28}, "end": {"line": 7, "character": 28}},
     "newText": "jan"
    }
   },
   {
    "label": "feb",
    "kind": 20,
    "detail": "month: February",
    "textEdit": {
     "range": {"start": {"line": 7, "character": 28}, "end": {"line": 7, "character": 28}},
     "newText": "feb"
    }
   },
   {
    "label": "mar",
    "kind": 20,
    "detail": "month: March",
    "textEdit": {
     "range": {"start": {"line": 7, "character": 28}, "end": {"line": 7, "character": 28}},
     "newText": "mar"
    }
   },
   {
    "label": "apr",
    "kind": 20,
    "detail": "month: April",
    "textEdit": {
     "range": {"start": {"line": 7, "character": 28}, "end": {"line": 7, "character": 28}},
     "newText": "apr"
    }
   },
   {
    "label": "may",
    "kind": 20,
    "detail": "month: May",
    "textEdit": {
     "range": {"start": {"line": 7, "character": 28}, "end": {"line": 7, "character": 28}},
     "newText": "may"
    }
   },
   {
    "label": "jun",
    "kind": 20,
    "detail": "month: June",
    "textEdit": {
     "range": {"start": {"line": 7, "character": 28}, "end": {"line": 7, "character": 28}},
     "newText": "jun"
    }
   },
   {
    "label": "jul",
    "kind": 20,
    "detail": "month: July",
    "textEdit": {
     "range": {"start": {"line": 7, "character": 28}, "end": {"line": 7, "character": 28}},
     "newText": "jul"
    }
   },
   {
    "label": "aug",
    "kind": 20,
    "detail": "month: August",
    "textEdit": {
     "range": {"start": {"line": 7, "character": 28}, "end": {"line": 7, "character": 28}},
     "newText": "aug"
    }
   },
   {
    "label": "sep",
    "kind": 20,
    "detail": "month: September",
    "textEdit": {
     "range": {"start": {"line": 7, "character": 28}, "end": {"line": 7, "character": 28}},
     "newText": "sep"
    }
   },
   {
    "label": "oct",
    "kind": 20,
    "detail": "month: October",
    "textEdit": {
     "range": {"start": {"line": 7, "character": 28}, "end": {"line": 7, "character": 28}},
     "newText": "oct"
    }
   },
   {
    "label": "nov",
    "kind": 20,
    "detail": "month: November",
    "textEdit": {
     "range": {"start": {"line": 7, "character": 28}, "end": {"line": 7, "character": 28}},
     "newText": "nov"
    }
   },
   {
    "label": "dec",
    "kind": 20,
    "detail": "month: December",
    "textEdit": {
     "range": {"start": {"line": 7, "character": 28}, "end": {"line": 7, "character": 28}},
     "newText": "dec"
    }
   }
  ]
 }
}
# 8:19: after `,` in a list of weekdays: weekdays
> {
 "jsonrpc": "2.0",
 "id": 9,
 "method": "textDocument/completion",
 "params": {"textDocument": {"uri": "file:///w/c.bkp"}, "position": {"line": 8, "character": 19}}
}
< {
 "jsonrpc": "2.0",
 "id": 9,
 "result": {
  "isIncomplete": false,
  "items": [
   {
    "label": "sun",
    "kind": 20,
    "detail": "weekday: Sunday",
    "textEdit": {
     "range": {"start": {"line": 8, "character": 19}, "end": {"line": 8, "character": 19}},
     "newText": "sun"
    }
   },
   {
    "label": "mon",
    "kind": 20,
    "detail": "weekday: Monday",
    "textEdit": {
     "range": {"start": {"line": 8, "character": 19}, "end": {"line": 8, "character": 19}},
     "newText": "mon"
    }
   },
   {
    "label": "tue",
    "kind": 20,
    "detail": "weekday: Tuesday",
    "textEdit": {
     "range": {"start": {"line": 8, "character": 19}, "end": {"line": 8, "character": 19}},
     "newText": "tue"
    }
   },
   {
    "label": "wed",
    "kind": 20,
    "detail": "weekday: Wednesday",
    "textEdit": {
     "range": {"start": {"line": 8, "character": 19}, "end": {"line": 8, "character": 19}},
     "newText": "wed"
    }
   },
   {
    "label": "thu",
    "kind": 20,
    "detail": "weekday: Thursday",
    "textEdit": {
     "range": {"start": {"line": 8, "character": 19}, "end": {"line": 8, "character": 19}},
     "newText": "thu"
    }
   },
   {
    "label": "fri",
    "kind": 20,
    "detail": "weekday: Friday",
    "textEdit": {
     "range": {"start": {"line": 8, "character": 19}, "end": {"line": 8, "character": 19}},
     "newText": "fri"
    }
   },
   {
    "label": "sat",
    "kind": 20,
    "detail": "weekday: Saturday",
    "textEdit": {
     "range": {"start": {"line": 8, "character": 19}, "end": {"line": 8, "character": 19}},
     "newText": "sat"
    }
   }
  ]
 }
}
# 9:12: after `archive`: its modes
> {
 "jsonrpc": "2.0",
 "id": 10,
 "method": "textDocument/completion",
 "params": {"textDocument": {"uri": "file:///w/c.bkp"}, "position": {"line": 9, "character": 12}}
}
< {
 "jsonrpc": "2.0",
 "id": 10,
 "result": {
  "isIncomplete": false,
  "items": [
   {
    "label": "recommended",
    "kind": 14,
    "textEdit": {
     "range": {"start": {"line": 9, "character": 12}, "end": {"line": 9, "character": 12}},
     "newText": "recommended"
    }
   },
   {
    "label": "after",
    "kind": 14,
    "textEdit": {
     "range": {"start": {"line": 9, "character": 12}, "end": {"line": 9, "character": 12}},
     "newText": "after"
    }
   },
   {
    "label": "never",
    "kind": 14,
    "textEdit": {
     "range": {"start": {"line": 9, "character": 12}, "end": {"line": 9, "character": 12}},
     "newText": "never"
    }
   }
  ]
 }
}
# 10:18: after a number and a blank: units as words, days first
> {
 "jsonrpc": "2.0",
 "id": 11,
 "method": "textDocument/completion",
 "params": {"textDocument": {"uri": "file:///w/c.bkp"}, "position": {"line": 10, "character": 18}}
}
< {
 "jsonrpc": "2.0",
 "id": 11,
 "result": {
  "isIncomplete": false,
  "items": [
   {
    "label": "hours",
    "kind": 11,
    "detail": "hours",
    "sortText": "1",
    "textEdit": {
     "range": {"start": {"line": 10, "character": 18}, "end": {"line": 10, "character": 18}},
     "newText": "hours"
    }
   },
   {
    "label": "days",
    "kind": 11,
    "detail": "days",
    "sortText": "0",
    "textEdit": {
     "range": {"start": {"line": 10, "character": 18}, "end": {"line": 10, "character": 18}},
     "newText": "days"
    }
   },
   {
    "label": "weeks",
    "kind": 11,
    "detail": "weeks",
    "sortText": "1",
    "textEdit": {
     "range": {"start": {"line": 10, "character": 18}, "end": {"line": 10, "character": 18}},
     "newText": "weeks"
    }
   },
   {
    "label": "months",
    "kind": 11,
    "detail": "months",
    "sortText": "1",
    "textEdit": {
     "range": {"start": {"line": 10, "character": 18}, "end": {"line": 10, "character": 18}},
     "newText": "months"
    }
   },
   {
    "label": "years",
    "kind": 11,
    "detail": "years",
    "sortText": "1",
    "textEdit": {
     "range": {"start": {"line": 10, "character": 18}, "end": {"line": 10, "character": 18}},
     "newText": "years"
    }
   }
  ]
 }
}
# 11:11: in a comment: nothing
> {
 "jsonrpc": "2.0",
 "id": 12,
 "method": "textDocument/completion",
 "params": {"textDocument": {"uri": "file:///w/c.bkp"}, "position": {"line": 11, "character": 11}}
}
< {"jsonrpc": "2.0", "id": 12, "result": {"isIncomplete": false, "items": []}}
# 13:0: at the top level: statement and clause keywords
> {
 "jsonrpc": "2.0",
 "id": 13,
 "method": "textDocument/completion",
 "params": {"textDocument": {"uri": "file:///w/c.bkp"}, "position": {"line": 13, "character": 0}}
}
< {
 "jsonrpc": "2.0",
 "id": 13,
 "result": {
  "isIncomplete": false,
  "items": [
   {
    "label": "archive",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 0}},
     "newText": "archive"
    }
   },
   {
    "label": "consistency",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 0}},
     "newText": "consistency"
    }
   },
   {
    "label": "daily",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 0}},
     "newText": "daily"
    }
   },
   {
    "label": "enhanced",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 0}},
     "newText": "enhanced"
    }
   },
   {
    "label": "every",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 0}},
     "newText": "every"
    }
   },
   {
    "label": "keep",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 0}},
     "newText": "keep"
    }
   },
   {
    "label": "policy",
    "kind": 14,
    "detail": "statement",
    "textEdit": {
     "range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 0}},
     "newText": "policy"
    }
   },
   {
    "label": "protect",
    "kind": 14,
    "detail": "statement",
    "textEdit": {
     "range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 0}},
     "newText": "protect"
    }
   },
   {
    "label": "require",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 0}},
     "newText": "require"
    }
   },
   {
    "label": "snapshot",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 0}},
     "newText": "snapshot"
    }
   },
   {
    "label": "standard",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 0}},
     "newText": "standard"
    }
   },
   {
    "label": "template",
    "kind": 14,
    "detail": "statement",
    "textEdit": {
     "range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 0}},
     "newText": "template"
    }
   },
   {
    "label": "timezone",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 0}},
     "newText": "timezone"
    }
   },
   {
    "label": "use",
    "kind": 14,
    "detail": "statement",
    "textEdit": {
     "range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 0}},
     "newText": "use"
    }
   },
   {
    "label": "vault",
    "kind": 14,
    "detail": "statement",
    "textEdit": {
     "range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 0}},
     "newText": "vault"
    }
   },
   {
    "label": "weekly",
    "kind": 14,
    "detail": "clause",
    "textEdit": {
     "range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 0}},
     "newText": "weekly"
    }
   }
  ]
 }
}
# 14:38: after `with`: the file's policy names
> {
 "jsonrpc": "2.0",
 "id": 14,
 "method": "textDocument/completion",
 "params": {"textDocument": {"uri": "file:///w/c.bkp"}, "position": {"line": 14, "character": 38}}
}
< {
 "jsonrpc": "2.0",
 "id": 14,
 "result": {
  "isIncomplete": false,
  "items": [
   {
    "label": "web-vms",
    "kind": 18,
    "detail": "policy",
    "textEdit": {
     "range": {"start": {"line": 14, "character": 38}, "end": {"line": 14, "character": 38}},
     "newText": "web-vms"
    }
   }
  ]
 }
}
# 15:33: in a terminated string: the ids that start with `Pacific S`, replacing up to the quote
> {
 "jsonrpc": "2.0",
 "id": 15,
 "method": "textDocument/completion",
 "params": {"textDocument": {"uri": "file:///w/c.bkp"}, "position": {"line": 15, "character": 33}}
}
< {
 "jsonrpc": "2.0",
 "id": 15,
 "result": {
  "isIncomplete": true,
  "items": [
   {
    "label": "Pacific SA Standard Time",
    "kind": 12,
    "detail": "Windows time zone, UTC-04:00",
    "textEdit": {
     "range": {"start": {"line": 15, "character": 25}, "end": {"line": 15, "character": 34}},
     "newText": "Pacific SA Standard Time"
    }
   },
   {
    "label": "Pacific Standard Time",
    "kind": 12,
    "detail": "Windows time zone, UTC-08:00",
    "textEdit": {
     "range": {"start": {"line": 15, "character": 25}, "end": {"line": 15, "character": 34}},
     "newText": "Pacific Standard Time"
    }
   },
   {
    "label": "Pacific Standard Time (Mexico)",
    "kind": 12,
    "detail": "Windows time zone, UTC-08:00",
    "textEdit": {
     "range": {"start": {"line": 15, "character": 25}, "end": {"line": 15, "character": 34}},
     "newText": "Pacific Standard Time (Mexico)"
    }
   }
  ]
 }
}
> {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
< {"jsonrpc": "2.0", "id": 99, "result": null}
> {"jsonrpc": "2.0", "method": "exit"}
= exit 0
