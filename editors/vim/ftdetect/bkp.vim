" Vim filetype detection for .bkp files (Azure VM backup policies, bkpc).
autocmd BufRead,BufNewFile *.bkp setfiletype bkp
