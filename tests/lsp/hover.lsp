# Hover (src/lsp/hover.c): a clause's meaning and the lines of `bkpc explain`
# about it; a time-zone id's offsets and DST; a policy's name (also after
# `with`): all of explain; a diagnostic's range: its rule. The "at" option
# fixes the instant the offsets and DST periods are computed at.
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
# keep monthly 60m on first sun: which points, until when, archived when
> {
 "jsonrpc": "2.0",
 "id": 2,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/prod-vms.bkp"}, "position": {"line": 8, "character": 20}}
}
< {
 "jsonrpc": "2.0",
 "id": 2,
 "result": {
  "contents": {
   "kind": "markdown",
   "value": "**keep monthly** — monthly retention: how many months the vault points of some days of each month are kept\n\n```text\nretention     monthly    60 months  the vault points of the first Sunday of\n                                    each month: 60 calendar months\nRPO           monthly points  35 days   while kept, 60 months\ntiering       monthly points move when 180 days old, once the daily rule\n              releases them.\n```\n"
  },
  "range": {"start": {"line": 8, "character": 4}, "end": {"line": 8, "character": 33}}
 }
}
# the zone's string
> {
 "jsonrpc": "2.0",
 "id": 3,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/prod-vms.bkp"}, "position": {"line": 3, "character": 20}}
}
< {
 "jsonrpc": "2.0",
 "id": 3,
 "result": {
  "contents": {
   "kind": "markdown",
   "value": "**timezone** — the time zone of every time in the policy (a Windows id; an IANA id is mapped)\n\n```text\ntime zone     India Standard Time, UTC+05:30\n              rules from the tz database zone Asia/Calcutta\n              no daylight saving time in the year from 2026-01-15 05:30\n```\n"
  },
  "range": {"start": {"line": 3, "character": 4}, "end": {"line": 3, "character": 34}}
 }
}
# the schedule, snapshots, archive
> {
 "jsonrpc": "2.0",
 "id": 4,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/prod-vms.bkp"}, "position": {"line": 4, "character": 4}}
}
< {
 "jsonrpc": "2.0",
 "id": 4,
 "result": {
  "contents": {
   "kind": "markdown",
   "value": "**schedule** — an hourly schedule: a backup every N hours within an M-hour window (enhanced only); the window's last backup goes to the vault\n\n```text\nschedule      every 4 hours from 08:00 for 24 hours: 6 backups a day\n                local 08:00    12:00    16:00    20:00    00:00+1  04:00+1\n                UTC   02:30    06:30    10:30    14:30    18:30    22:30\n              (+1: the day after the schedule's day) The last backup of each\n              window, 04:00+1, is transferred to the vault; the others stay\n              snapshots only (bkpc explain-rule B12). Retention rules count it\n              as the point of the day its window opened.\n```\n"
  },
  "range": {"start": {"line": 4, "character": 4}, "end": {"line": 4, "character": 31}}
 }
}
> {
 "jsonrpc": "2.0",
 "id": 5,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/prod-vms.bkp"}, "position": {"line": 5, "character": 20}}
}
< {
 "jsonrpc": "2.0",
 "id": 5,
 "result": {
  "contents": {
   "kind": "markdown",
   "value": "**keep snapshots** — instant-restore retention: how many days each backup's snapshots are kept\n\n```text\nretention     snapshots  10 days    every backup, in the snapshot tier\nRPO           all backups     4 hours   while kept, 10 days\n```\n"
  },
  "range": {"start": {"line": 5, "character": 4}, "end": {"line": 5, "character": 22}}
 }
}
> {
 "jsonrpc": "2.0",
 "id": 6,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/prod-vms.bkp"}, "position": {"line": 10, "character": 12}}
}
< {
 "jsonrpc": "2.0",
 "id": 6,
 "result": {
  "contents": {
   "kind": "markdown",
   "value": "**archive** — vault-archive tiering: whether and when monthly and yearly points move to vault-archive\n\n```text\ntiering       archive after 3 months (TierAfter): a monthly or yearly point\n              moves to vault-archive 3 months after it is taken, once no daily\n              or weekly rule keeps it, if 6 months of its retention are left\n              then; else it stays in vault-standard. Daily and weekly points\n              are never archived.\n              Here monthly and yearly points move when 180 days old, once the\n              daily rule releases them.\n```\n"
  },
  "range": {"start": {"line": 10, "character": 4}, "end": {"line": 10, "character": 20}}
 }
}
# the policy's name: all of explain
> {
 "jsonrpc": "2.0",
 "id": 7,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/prod-vms.bkp"}, "position": {"line": 1, "character": 9}}
}
< {
 "jsonrpc": "2.0",
 "id": 7,
 "result": {
  "contents": {
   "kind": "markdown",
   "value": "```text\npolicy prod-vms\n\npromise       Restore to within 4 hours for 10 days (snapshots), to within 1\n              day for 180 days (daily points), to within 35 days for 60 months\n              (monthly points) and to within 371 days for 10 years (yearly\n              points).\ntype          enhanced (V2)\ntime zone     India Standard Time, UTC+05:30\n              rules from the tz database zone Asia/Calcutta\n              no daylight saving time in the year from 2026-01-15 05:30\nsnapshots     application-consistent  (default)\n              in Azure's default resource group (AzureBackupRG_...)  (default)\nschedule      every 4 hours from 08:00 for 24 hours: 6 backups a day\n                local 08:00    12:00    16:00    20:00    00:00+1  04:00+1\n                UTC   02:30    06:30    10:30    14:30    18:30    22:30\n              (+1: the day after the schedule's day) The last backup of each\n              window, 04:00+1, is transferred to the vault; the others stay\n              snapshots only (bkpc explain-rule B12). Retention rules count it\n              as the point of the day its window opened.\nretention     snapshots  10 days    every backup, in the snapshot tier\n              daily      180 days   every vault point\n              weekly     12 weeks   the vault points of Sunday\n              monthly    60 months  the vault points of the first Sunday of\n                                    each month: 60 calendar months\n              yearly     10 years   the vault points of the first Sunday in\n                                    January: calendar years\n              A point kept by several rules is one recovery point, kept until\n              the last of them expires.\nRPO           worst-case data loss: the longest gap between two points of a kind\n              all backups     4 hours   while kept, 10 days\n              daily points    1 day     while kept, 180 days\n              weekly points   7 days    while kept, 12 weeks\n              monthly points  35 days   while kept, 60 months\n              yearly points   371 days  while kept, 10 years\ntiering       archive after 3 months (TierAfter): a monthly or yearly point\n              moves to vault-archive 3 months after it is taken, once no daily\n              or weekly rule keeps it, if 6 months of its retention are left\n              then; else it stays in vault-standard. Daily and weekly points\n              are never archived.\n              Here monthly and yearly points move when 180 days old, once the\n              daily rule releases them.\nstorage       6 snapshots a day; in steady state 60 points in snapshot, 180 in\n              vault-standard and 59 in vault-archive: what storage cost follows\n              (bkpc cost).\ndefaults      application-consistent snapshots; the default snapshot resource\n              group\n```\n"
  },
  "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 15}}
 }
}
# the keyword `policy` too, with the name's range
> {
 "jsonrpc": "2.0",
 "id": 70,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/prod-vms.bkp"}, "position": {"line": 1, "character": 2}}
}
< {
 "jsonrpc": "2.0",
 "id": 70,
 "result": {
  "contents": {
   "kind": "markdown",
   "value": "```text\npolicy prod-vms\n\npromise       Restore to within 4 hours for 10 days (snapshots), to within 1\n              day for 180 days (daily points), to within 35 days for 60 months\n              (monthly points) and to within 371 days for 10 years (yearly\n              points).\ntype          enhanced (V2)\ntime zone     India Standard Time, UTC+05:30\n              rules from the tz database zone Asia/Calcutta\n              no daylight saving time in the year from 2026-01-15 05:30\nsnapshots     application-consistent  (default)\n              in Azure's default resource group (AzureBackupRG_...)  (default)\nschedule      every 4 hours from 08:00 for 24 hours: 6 backups a day\n                local 08:00    12:00    16:00    20:00    00:00+1  04:00+1\n                UTC   02:30    06:30    10:30    14:30    18:30    22:30\n              (+1: the day after the schedule's day) The last backup of each\n              window, 04:00+1, is transferred to the vault; the others stay\n              snapshots only (bkpc explain-rule B12). Retention rules count it\n              as the point of the day its window opened.\nretention     snapshots  10 days    every backup, in the snapshot tier\n              daily      180 days   every vault point\n              weekly     12 weeks   the vault points of Sunday\n              monthly    60 months  the vault points of the first Sunday of\n                                    each month: 60 calendar months\n              yearly     10 years   the vault points of the first Sunday in\n                                    January: calendar years\n              A point kept by several rules is one recovery point, kept until\n              the last of them expires.\nRPO           worst-case data loss: the longest gap between two points of a kind\n              all backups     4 hours   while kept, 10 days\n              daily points    1 day     while kept, 180 days\n              weekly points   7 days    while kept, 12 weeks\n              monthly points  35 days   while kept, 60 months\n              yearly points   371 days  while kept, 10 years\ntiering       archive after 3 months (TierAfter): a monthly or yearly point\n              moves to vault-archive 3 months after it is taken, once no daily\n              or weekly rule keeps it, if 6 months of its retention are left\n              then; else it stays in vault-standard. Daily and weekly points\n              are never archived.\n              Here monthly and yearly points move when 180 days old, once the\n              daily rule releases them.\nstorage       6 snapshots a day; in steady state 60 points in snapshot, 180 in\n              vault-standard and 59 in vault-archive: what storage cost follows\n              (bkpc cost).\ndefaults      application-consistent snapshots; the default snapshot resource\n              group\n```\n"
  },
  "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 15}}
 }
}
# a comment, and past the end: nothing
> {
 "jsonrpc": "2.0",
 "id": 8,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/prod-vms.bkp"}, "position": {"line": 0, "character": 5}}
}
< {"jsonrpc": "2.0", "id": 8, "result": null}
> {
 "jsonrpc": "2.0",
 "id": 9,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/prod-vms.bkp"}, "position": {"line": 400, "character": 0}}
}
< {"jsonrpc": "2.0", "id": 9, "result": null}
@text zones
policy berlin-vms { timezone "W. Europe Standard Time" daily at 02:00 }
policy kolkata-vms { timezone "Asia/Kolkata" daily at 02:00 }
protect vm web resource-group rg with berlin-vms
@end
> {
 "jsonrpc": "2.0",
 "method": "textDocument/didOpen",
 "params": {
  "textDocument": {"uri": "file:///w/zones.bkp", "languageId": "bkp", "version": 1, "text": "@text:zones"}
 }
}
< {
 "jsonrpc": "2.0",
 "method": "textDocument/publishDiagnostics",
 "params": {"uri": "file:///w/zones.bkp", "version": 1, "diagnostics": []}
}
# a zone with daylight saving time; an IANA id, mapped
> {
 "jsonrpc": "2.0",
 "id": 10,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/zones.bkp"}, "position": {"line": 0, "character": 35}}
}
< {
 "jsonrpc": "2.0",
 "id": 10,
 "result": {
  "contents": {
   "kind": "markdown",
   "value": "**timezone** — the time zone of every time in the policy (a Windows id; an IANA id is mapped)\n\n```text\ntime zone     W. Europe Standard Time, UTC+01:00\n              rules from the tz database zone Europe/Berlin\n              daylight saving time (UTC+02:00) from 2026-03-29 02:00 until\n              2026-10-25 03:00: Azure does not move backups for it (bkpc\n              explain-rule A8), so they keep their UTC time and the clocks read\n              1 hour later than written while it lasts.\n```\n"
  },
  "range": {"start": {"line": 0, "character": 20}, "end": {"line": 0, "character": 54}}
 }
}
> {
 "jsonrpc": "2.0",
 "id": 11,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/zones.bkp"}, "position": {"line": 1, "character": 33}}
}
< {
 "jsonrpc": "2.0",
 "id": 11,
 "result": {
  "contents": {
   "kind": "markdown",
   "value": "**timezone** — the time zone of every time in the policy (a Windows id; an IANA id is mapped)\n\n```text\ntime zone     India Standard Time, UTC+05:30\n              written \"Asia/Kolkata\", mapped to the Windows id Azure wants\n              rules from the tz database zone Asia/Calcutta\n              no daylight saving time in the year from 2026-01-15 05:30\n```\n"
  },
  "range": {"start": {"line": 1, "character": 21}, "end": {"line": 1, "character": 44}}
 }
}
# a protect's policy name
> {
 "jsonrpc": "2.0",
 "id": 12,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/zones.bkp"}, "position": {"line": 2, "character": 40}}
}
< {
 "jsonrpc": "2.0",
 "id": 12,
 "result": {
  "contents": {
   "kind": "markdown",
   "value": "```text\npolicy berlin-vms\n\npromise       Restore to within 1 day for 180 days (daily points).\ntype          enhanced (V2)  (default)\ntime zone     W. Europe Standard Time, UTC+01:00\n              rules from the tz database zone Europe/Berlin\n              daylight saving time (UTC+02:00) from 2026-03-29 02:00 until\n              2026-10-25 03:00: Azure does not move backups for it (bkpc\n              explain-rule A8), so they keep their UTC time and the clocks read\n              1 hour later than written while it lasts.\nsnapshots     application-consistent  (default)\n              in Azure's default resource group (AzureBackupRG_...)  (default)\nschedule      daily at 02:00: 1 backup a day\n                local 02:00\n                UTC   01:00\n              Each backup is a snapshot first, then transferred to the vault.\nretention     snapshots  7 days     every backup, in the snapshot tier\n                                    (default)\n              daily      180 days   every vault point (default)\n              A point kept by several rules is one recovery point, kept until\n              the last of them expires.\nRPO           worst-case data loss: the longest gap between two points of a kind\n              all backups     1 day     while kept, 7 days\n              daily points    1 day     while kept, 180 days\ntiering       none: vault points stay in vault-standard (DoNotTier)  (default)\nstorage       1 snapshot a day; in steady state 7 points in snapshot, 180 in\n              vault-standard and 0 in vault-archive: what storage cost follows\n              (bkpc cost).\ndefaults      type enhanced; snapshots 7 days; daily 180 days; no archive\n              tiering; application-consistent snapshots; the default snapshot\n              resource group\n```\n"
  },
  "range": {"start": {"line": 2, "character": 38}, "end": {"line": 2, "character": 48}}
 }
}
@text bad
policy bad-vms {
    timezone "india standard time"
    daily at 02:15
    keep daily 30d
}
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
    "range": {"start": {"line": 1, "character": 13}, "end": {"line": 1, "character": 34}},
    "severity": 1,
    "code": "A7",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/A7.md"},
    "source": "bkpc",
    "message": "unknown time zone \"india standard time\"\nhint: did you mean \"India Standard Time\"?\nhint: Azure wants a Windows time-zone id such as \"W. Europe Standard Time\"; IANA ids such as \"Europe/Berlin\" are mapped to one"
   },
   {
    "range": {"start": {"line": 2, "character": 13}, "end": {"line": 2, "character": 18}},
    "severity": 1,
    "code": "B3",
    "codeDescription": {"href": "https://github.com/bkpc/bkpc/blob/main/docs/rules/B3.md"},
    "source": "bkpc",
    "message": "backups start on the hour or the half hour, not at 02:15\nhint: use `02:00` or `02:30`"
   }
  ]
 }
}
# a diagnostic's range: its rule, then the clause (its facts need a file
# without errors)
> {
 "jsonrpc": "2.0",
 "id": 13,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/bad.bkp"}, "position": {"line": 2, "character": 14}}
}
< {
 "jsonrpc": "2.0",
 "id": 13,
 "result": {
  "contents": {
   "kind": "markdown",
   "value": "**B3**: backups start on the hour or the half hour\n\nEvery backup time, and the start of an hourly window, has minutes 00 or 30 and no seconds.\n\n[bkpc explain-rule B3](https://github.com/bkpc/bkpc/blob/main/docs/rules/B3.md)\n\n---\n\n**schedule** — a daily schedule: one backup a day at a time in the policy's zone\n\n_`bkpc explain` tells more once the file has no errors._\n"
  },
  "range": {"start": {"line": 2, "character": 13}, "end": {"line": 2, "character": 18}}
 }
}
# an unknown zone: the nearest ids
> {
 "jsonrpc": "2.0",
 "id": 14,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/bad.bkp"}, "position": {"line": 1, "character": 8}}
}
< {
 "jsonrpc": "2.0",
 "id": 14,
 "result": {
  "contents": {
   "kind": "markdown",
   "value": "**timezone** — the time zone of every time in the policy (a Windows id; an IANA id is mapped)\n\n`\"india standard time\"` is not a time-zone id Azure knows; did you mean `\"India Standard Time\"`?\n"
  },
  "range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 34}}
 }
}
> {
 "jsonrpc": "2.0",
 "id": 15,
 "method": "textDocument/hover",
 "params": {"textDocument": {"uri": "file:///w/bad.bkp"}, "position": {"line": 3, "character": 8}}
}
< {
 "jsonrpc": "2.0",
 "id": 15,
 "result": {
  "contents": {
   "kind": "markdown",
   "value": "**keep daily** — daily retention: how many days each day's vault point is kept\n\n_`bkpc explain` tells more once the file has no errors._\n"
  },
  "range": {"start": {"line": 3, "character": 4}, "end": {"line": 3, "character": 18}}
 }
}
> {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
< {"jsonrpc": "2.0", "id": 99, "result": null}
> {"jsonrpc": "2.0", "method": "exit"}
= exit 0
