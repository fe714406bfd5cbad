" Vim syntax file
" Language:    bkp (Azure VM backup policies, compiled by bkpc)
" Filenames:   *.bkp
" Reference:   docs/language.md
"
" Keywords are contextual in the language (`policy crash { ... }` names a
" policy `crash`); this file highlights the name after `policy`, `vault`,
" `vm`, `resource-group`, `subscription` and `with` as a name, and every
" other keyword as a keyword.

if exists("b:current_syntax")
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

" Words are letters, digits, - _ ! (resource-group is one keyword).
syn iskeyword @,48-57,_,-,!

" Comments: '#' to the end of the line.
syn keyword bkpTodo       contained TODO FIXME XXX NOTE
syn match   bkpComment    "#.*$" contains=bkpTodo,@Spell

" Strings: one line, \" and \\ escapes.
syn match   bkpEscape     contained +\\[\\"]+
syn region  bkpString     start=+"+ skip=+\\[\\"]+ end=+"+ end=+$+ oneline contains=bkpEscape

" Keywords are lowercase and case-sensitive.
syn case match

" Statements (top level) and the names that follow them.
syn keyword bkpStatement  policy nextgroup=bkpName skipwhite skipnl
syn keyword bkpStatement  vault nextgroup=bkpName skipwhite skipnl
syn keyword bkpStatement  template nextgroup=bkpName skipwhite skipnl
syn keyword bkpStatement  protect use
syn keyword bkpKeyword    vm resource-group subscription with from nextgroup=bkpName skipwhite skipnl
syn match   bkpName       contained "\<\a[-_!A-Za-z0-9]*"
syn match   bkpName       contained +"\%([^"\\]\|\\.\)*"+

" Clause keywords.
syn keyword bkpType       enhanced standard
syn keyword bkpClause     timezone every daily weekly keep archive snapshot consistency require
syn keyword bkpKeyword    after at crash day disks exclude for in include monthly
syn keyword bkpKeyword    never on points recommended rpo snapshots suffix yearly
syn keyword bkpConstant   application

" Weekdays, months and weeks of the month: case-insensitive.
syn case ignore
syn keyword bkpWeekday    sun sunday mon monday tue tues tuesday wed wednesday
syn keyword bkpWeekday    thu thur thurs thursday fri friday sat saturday
syn keyword bkpMonth      jan january feb february mar march apr april may
syn keyword bkpMonth      jun june jul july aug august sep sept september
syn keyword bkpMonth      oct october nov november dec december
syn keyword bkpWeek       first second third fourth last
syn case match

" Durations: 4h, 180d, 180 days, 1 year, 180days. Times: 08:00. Numbers.
syn match   bkpNumber     "\<\d\+\>"
syn match   bkpDuration   "\<\d\+\s*\%(hours\=\|days\=\|weeks\=\|months\=\|years\=\|[hdwmy]\)\>"
syn match   bkpTime       "\<\d\{1,2}:\d\d\>"

" Things the scanner rejects.
syn match   bkpError      ";"

syn match   bkpBrace      "[{}]"

hi def link bkpComment    Comment
hi def link bkpTodo       Todo
hi def link bkpString     String
hi def link bkpEscape     SpecialChar
hi def link bkpStatement  Statement
hi def link bkpClause     Statement
hi def link bkpType       Type
hi def link bkpKeyword    Keyword
hi def link bkpName       Identifier
hi def link bkpConstant   Constant
hi def link bkpWeekday    Constant
hi def link bkpMonth      Constant
hi def link bkpWeek       Constant
hi def link bkpNumber     Number
hi def link bkpDuration   Number
hi def link bkpTime       Number
hi def link bkpError      Error
hi def link bkpBrace      Delimiter

let b:current_syntax = "bkp"

let &cpo = s:cpo_save
unlet s:cpo_save
