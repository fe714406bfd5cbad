" Vim compiler file for bkpc (Azure VM backup policies).
"
"   :compiler bkpc      then   :make     checks the current file
"
" bkpc prints every diagnostic as
"   FILE:LINE:COL: error[ID]: message      (or warning[ID])
" followed by the source line, a caret line and `hint:` lines; only the first
" line goes to the quickfix list, the others are dropped.
if exists("current_compiler")
  finish
endif
let current_compiler = "bkpc"

if exists(":CompilerSet") != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpo
set cpo&vim

CompilerSet makeprg=bkpc\ check\ %
CompilerSet errorformat=
      \%f:%l:%c:\ %trror[%*[^]]]:\ %m,
      \%f:%l:%c:\ %tarning[%*[^]]]:\ %m,
      \%-G%.%#

let &cpo = s:cpo_save
unlet s:cpo_save
