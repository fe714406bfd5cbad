" Vim compiler file for bkpc (Azure VM backup policies).
"
"   :compiler bkpc      then   :make     checks the current file
"
" bkpc prints every diagnostic as
"   FILE:LINE:COL: error[ID]: message      (or warning[ID])
" then the source line and a caret line (both start with a space), then
" `hint:` lines. A quickfix entry's text is `[ID]: message`, followed by its
" hints; the source and caret lines and the summary line are dropped.
" COL counts characters (a tab is one); Vim's %c counts bytes, so after :make
" the columns are turned into byte columns on the lines they point into.
if exists("current_compiler")
  finish
endif
let current_compiler = "bkpc"

if exists(":CompilerSet") != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpo
set cpo&vim

" %:S: the file name quoted for the shell, whatever it holds.
CompilerSet makeprg=bkpc\ check\ %:S
CompilerSet errorformat=
      \%E%f:%l:%c:\ error%m,
      \%W%f:%l:%c:\ warning%m,
      \%-C\ %.%#,
      \%Chint:\ %m,
      \%-G%.%#

" bkpc's columns count characters: make them byte columns.
function! s:BkpcByteColumns() abort
  if get(b:, 'current_compiler', get(g:, 'current_compiler', '')) !=# 'bkpc'
    return
  endif
  let l:list = getqflist()
  for l:e in l:list
    if !l:e.valid || l:e.col <= 1 || l:e.bufnr <= 0
      continue
    endif
    if bufloaded(l:e.bufnr)
      let l:line = get(getbufline(l:e.bufnr, l:e.lnum), 0, '')
    else
      let l:file = bufname(l:e.bufnr)
      let l:line = filereadable(l:file) ? get(readfile(l:file, '', l:e.lnum), l:e.lnum - 1, '') : ''
    endif
    let l:byte = byteidxcomp(l:line, l:e.col - 1)
    if l:byte >= 0
      let l:e.col = l:byte + 1
    endif
  endfor
  call setqflist(l:list, 'r')
endfunction

augroup bkpc_columns
  autocmd!
  autocmd QuickFixCmdPost make call s:BkpcByteColumns()
augroup END

let &cpo = s:cpo_save
unlet s:cpo_save
