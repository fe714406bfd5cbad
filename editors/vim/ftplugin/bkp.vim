" Vim filetype plugin for .bkp files (Azure VM backup policies, bkpc).
if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1

setlocal comments=:# commentstring=#\ %s
setlocal iskeyword=@,48-57,_,-,!
setlocal formatoptions-=t formatoptions+=croql
compiler bkpc

let b:undo_ftplugin = "setlocal comments< commentstring< iskeyword< formatoptions< makeprg< errorformat<"
