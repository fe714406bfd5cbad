" Vim filetype detection for .bkp files (Azure VM backup policies, bkpc).
"
" A .bkp name is also what people give backup copies (nginx.conf.bkp), so the
" content decides too: the file is a policy when its first line that is not
" blank or a comment starts with a statement or clause keyword, or when it
" has no such line in its first 50 (new, empty, or comments only). Otherwise
" the name without .bkp decides, as Vim does for *.bak.

function! s:BkpDetect(file) abort
  let l:keyword = '^\s*\%(policy\|template\|use\|vault\|protect\|enhanced\|standard\|timezone\|'
        \ . 'every\|daily\|weekly\|keep\|archive\|snapshot\|consistency\|require\)\%([-_!0-9A-Za-z]\)\@!'
  for l:line in getline(1, 50)
    if l:line =~# '^\s*\%(#.*\)\=$'
      continue
    endif
    if l:line =~# l:keyword
      setfiletype bkp
    else
      execute 'doautocmd filetypedetect BufRead ' . fnameescape(fnamemodify(a:file, ':r'))
    endif
    return
  endfor
  setfiletype bkp
endfunction

autocmd BufRead,BufNewFile *.bkp call s:BkpDetect(expand('<afile>'))
