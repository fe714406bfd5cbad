#!/bin/sh
# editors/vim in a headless vim and Neovim:
#  1. filetype detection: *.bkp files that hold a policy (or nothing yet) are
#     bkp; a backup copy named nginx.conf.bkp is not (it gets nginx's type);
#  2. syntax groups at positions (synIDattr(synID(...))) of a few lines;
#  3. :make on a file with errors and a quote and a space in its name: the
#     quickfix list holds each diagnostic with its line, its column (bkpc's
#     character column as the byte column vim wants), its type, the rule id
#     and the hints;
#  4. Neovim: the same detection, and the LSP configuration (lua/bkpc/lsp.lua)
#     starting `bkpc lsp`, one client per project, whose diagnostics reach
#     vim.diagnostic (tests/extra/lsp.sh tests the server with Neovim).
# env: BKPC. Runs from the repository root; ends with "N passed, N failed".
. "$(dirname "$0")/../lib.sh"
rtp=$(pwd)/editors/vim
work=$tmp/work
mkdir -p "$work"
same() {   # same NAME GOT WANT
    if [ "$2" = "$3" ]; then ok; else ko "$1: got [$2], expected [$3]"; fi
}
# The test files, and bkpc on the PATH.
editor_fixture "$work"
PATH=$tmp/bin:$PATH
export PATH

# vimscript that writes "NAME<tab>VALUE" lines to the file $OUT.
cat >"$tmp/probe.vim" <<'EOF'
let s:out = []
function! Put(name, value) abort
  call add(s:out, a:name . "\t" . a:value)
endfunction
function! Ft(file) abort
  execute 'edit ' . fnameescape(a:file)
  call Put('ft:' . fnamemodify(a:file, ':t'), &filetype)
  bwipeout!
endfunction
function! Syn(line, text) abort
  let l:col = stridx(getline(a:line), a:text) + 1
  call Put('syn:' . a:line . ':' . a:text, synIDattr(synID(a:line, l:col, 1), 'name'))
endfunction
for s:f in ['prod-vms.bkp', 'comments.bkp', 'ab.bkp', 'nginx.conf.bkp', 'new-file.bkp']
  call Ft(s:f)
endfor
edit syntax.bkp
for [s:l, s:t] in [[1, 'policy'], [1, 'crash'], [1, '{'], [2, 'enhanced'], [2, '# '], [2, 'TODO'],
      \ [3, 'timezone'], [3, 'India'], [3, '\"'], [4, 'every'], [4, '4h'], [4, 'from'], [4, '08:00'],
      \ [5, 'keep'], [5, 'monthly'], [5, 'first'], [5, 'SUN'], [5, ';'], [5, '10 years'], [5, 'Jan'],
      \ [5, '1,'], [5, 'last'], [7, 'protect'], [7, 'daily'], [7, 'rg-x'], [7, 'weekly']]
  call Syn(s:l, s:t)
endfor
edit it's\ bad.bkp
call Put('makeprg', &l:makeprg)
silent make
for s:e in getqflist()
  if s:e.valid
    call Put('qf', bufname(s:e.bufnr) . ':' . s:e.lnum . ':' . s:e.col . ':' . s:e.type . ':' . substitute(s:e.text, '\n', '|', 'g'))
  endif
endfor
call writefile(s:out, $OUT)
qall!
EOF

# --- vim ---------------------------------------------------------------------------
if command -v vim >/dev/null 2>&1; then
    (cd "$work" && OUT=$tmp/vim.out vim -u NONE -i NONE -N -es \
        --cmd "set rtp^=$rtp" --cmd 'filetype plugin on' --cmd 'syntax on' \
        -S "$tmp/probe.vim" </dev/null >"$tmp/vim.log" 2>&1)
    [ -s "$tmp/vim.out" ] || { ko "vim wrote no results"; cat "$tmp/vim.log"; }
else
    echo "vim: skipped: vim is not installed (scripts/install-deps.sh --all)"
fi
val() { K=$1 awk -F '\t' '$1 == ENVIRON["K"] { print $2 }' "$2"; }
check_probe() {   # check_probe EDITOR OUTFILE
    e=$1 f=$2
    for pair in prod-vms.bkp:bkp comments.bkp:bkp ab.bkp:bkp new-file.bkp:bkp nginx.conf.bkp:nginx; do
        same "$e: filetype of ${pair%%:*}" "$(val "ft:${pair%%:*}" "$f")" "${pair#*:}"
    done
    while IFS='|' read -r pos group; do
        same "$e: syntax at $pos" "$(val "syn:$pos" "$f")" "$group"
    done <<'EOF'
1:policy|bkpStatement
1:crash|bkpName
1:{|bkpBrace
2:enhanced|bkpType
2:# |bkpComment
2:TODO|bkpTodo
3:timezone|bkpClause
3:India|bkpString
3:\"|bkpEscape
4:every|bkpClause
4:4h|bkpDuration
4:from|bkpKeyword
4:08:00|bkpTime
5:keep|bkpClause
5:monthly|bkpKeyword
5:first|bkpWeek
5:SUN|bkpWeekday
5:;|bkpError
5:10 years|bkpDuration
5:Jan|bkpMonth
5:1,|bkpNumber
5:last|bkpWeek
7:protect|bkpStatement
7:daily|bkpName
7:rg-x|bkpName
7:weekly|bkpName
EOF
    same "$e: makeprg quotes the file name" "$(val makeprg "$f")" "bkpc check %:S"
    # bkpc: 2:11 (after a tab), 2:24 (after the two-byte é: byte 25), 4:39.
    same "$e: quickfix from :make" "$(val qf "$f")" \
"it's bad.bkp:2:11:E:[A7]: unknown time zone \"é\"|abbreviations such as \"é\" are ambiguous; write the zone's full id|Azure wants a Windows time-zone id such as \"W. Europe Standard Time\"; IANA ids such as \"Europe/Berlin\" are mapped to one
it's bad.bkp:2:25:E:[B3]: backups start on the hour or the half hour, not at 02:15|use \`02:00\` or \`02:30\`
it's bad.bkp:4:39:E:[name]: no policy named \`nope\` in this file|\`protect\` names a policy defined in the same file"
}
[ -s "$tmp/vim.out" ] && check_probe vim "$tmp/vim.out"

# --- Neovim ------------------------------------------------------------------------
if command -v nvim >/dev/null 2>&1; then
    (cd "$work" && OUT=$tmp/nvim.out timeout 60 nvim --headless -u NONE -i NONE \
        --cmd "set rtp^=$rtp" --cmd 'filetype plugin on' --cmd 'syntax on' \
        -S "$tmp/probe.vim" </dev/null >"$tmp/nvim.log" 2>&1)
    if [ -s "$tmp/nvim.out" ]; then check_probe nvim "$tmp/nvim.out"; else
        ko "nvim wrote no results"; cat "$tmp/nvim.log"; fi
    # The LSP configuration, with the server (tests/extra/lsp.sh checks what
    # the server answers).
    cat >"$tmp/lsp.lua" <<'EOF'
local out = {}
require('bkpc.lsp').setup()
vim.cmd('edit ' .. vim.fn.fnameescape("it's bad.bkp"))
local got = vim.wait(10000, function() return #vim.diagnostic.get(0) == 3 end, 50)
local ds = vim.diagnostic.get(0)
table.sort(ds, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
local d = ds[1] or {}
local clients = vim.lsp.get_active_clients()
local c = clients[1] or { config = {} }
table.insert(out, 'diagnostic\t' .. tostring(got) .. ' ' .. tostring(d.code) .. ' ' .. tostring(d.lnum) .. ':' .. tostring(d.col))
table.insert(out, 'client\t' .. #clients .. ' ' .. tostring(c.name) .. ' ' .. table.concat(c.config.cmd or {}, ' '))
table.insert(out, 'root\t' .. tostring(c.config.root_dir))
vim.cmd('edit ab.bkp')
vim.wait(10000, function() return #vim.diagnostic.get(0) > 0 end, 50)
table.insert(out, 'clients-after-second-file\t' .. #vim.lsp.get_active_clients())
-- Both documents are open at the one server: it lists the symbols of each.
local open = 0
for _, buf in ipairs(vim.api.nvim_list_bufs()) do
  if vim.bo[buf].filetype == 'bkp' then
    local r = vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol',
      { textDocument = { uri = vim.uri_from_bufnr(buf) } }, 10000) or {}
    for _, a in pairs(r) do
      open = open + ((a.result and not a.error) and 1 or 0)
    end
  end
end
table.insert(out, 'documents\t' .. open)
vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
table.insert(out, 'stopped\t' .. #vim.lsp.get_active_clients())
vim.fn.writefile(out, os.getenv('OUT'))
vim.cmd('qall!')
EOF
    mkdir -p "$work/.git"
    (cd "$work" && OUT=$tmp/lsp.out timeout 60 nvim --headless -u NONE -i NONE \
        --cmd "set rtp^=$rtp" --cmd 'filetype plugin on' -c "luafile $tmp/lsp.lua" </dev/null >"$tmp/nvim.log" 2>&1)
    same "nvim lsp: the server's first diagnostic" "$(val diagnostic "$tmp/lsp.out")" "true A7 1:10"
    same "nvim lsp: one client, bkpc lsp" "$(val client "$tmp/lsp.out")" "1 bkpc bkpc lsp"
    same "nvim lsp: root at .git" "$(val root "$tmp/lsp.out")" "$work"
    same "nvim lsp: the second file shares the client" "$(val clients-after-second-file "$tmp/lsp.out")" 1
    same "nvim lsp: both documents open at the server" "$(val documents "$tmp/lsp.out")" 2
    same "nvim lsp: stopped" "$(val stopped "$tmp/lsp.out")" 0
else
    echo "vim: Neovim checks skipped: nvim is not installed (scripts/install-deps.sh --all)"
fi
summary
