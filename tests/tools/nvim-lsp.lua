-- nvim-lsp.lua — Neovim's built-in LSP client, started by the editor files'
-- configuration (editors/vim/lua/bkpc/lsp.lua), against the real `bkpc lsp`:
-- diagnostics (columns after a tab and an é), hover text, completion items,
-- code actions applied, document symbols, edits sent incrementally, and
-- formatting. Run headless in a directory made by
-- tests/lib.sh's editor_fixture (plus fix.bkp), bkpc on the PATH; prints
-- "ok NAME" or "FAIL NAME: why" for each check, then quits.
local failed = 0
local function check(name, good, detail)
  if good then
    print('ok ' .. name)
  else
    failed = failed + 1
    print('FAIL ' .. name .. ': ' .. vim.inspect(detail):gsub('\n', ' '))
  end
end

local function diagnostics_of(buf, n)
  vim.wait(10000, function() return #vim.diagnostic.get(buf) == n end, 20)
  local ds = vim.diagnostic.get(buf)
  table.sort(ds, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return ds
end

local function request(buf, method, params)
  params.textDocument = { uri = vim.uri_from_bufnr(buf) }
  local answers = vim.lsp.buf_request_sync(buf, method, params, 10000) or {}
  for _, a in pairs(answers) do
    return a.result, a.error
  end
end

local function at(line, character)
  return { position = { line = line, character = character } }
end

local function main()
  require('bkpc.lsp').setup()

  -- Diagnostics: rule ids, severities, byte columns after a tab and an é.
  vim.cmd('edit ' .. vim.fn.fnameescape("it's bad.bkp"))
  local bad = vim.api.nvim_get_current_buf()
  local ds = diagnostics_of(bad, 3)
  local got = {}
  for _, d in ipairs(ds) do
    table.insert(got, string.format('%s %d:%d %d', d.code, d.lnum, d.col, d.severity))
  end
  check('diagnostics: codes, lines, byte columns, severities', table.concat(got, ', ') ==
    'A7 1:10 1, B3 1:24 1, name 3:38 1', got)
  check('diagnostics: hints after the message', ds[2] and ds[2].message ==
    'backups start on the hour or the half hour, not at 02:15\nhint: use `02:00` or `02:30`', ds[2])
  check("omnifunc: the client's", vim.bo[bad].omnifunc == 'v:lua.vim.lsp.omnifunc', vim.bo[bad].omnifunc)
  local clients = vim.lsp.get_active_clients()
  check('one client, bkpc lsp', #clients == 1 and clients[1].name == 'bkpc', #clients)
  local caps = clients[1] and clients[1].server_capabilities or clients[1] and clients[1].resolved_capabilities or {}

  vim.cmd('edit late.bkp')
  ds = diagnostics_of(0, 1)
  check('diagnostics: a warning', ds[1] and ds[1].code == 'B10' and ds[1].severity == vim.diagnostic.severity.WARN, ds)

  -- Hover: a clause's facts, a zone's offset.
  vim.cmd('edit prod-vms.bkp')
  local prod = vim.api.nvim_get_current_buf()
  diagnostics_of(prod, 0)
  local h = request(prod, 'textDocument/hover', at(8, 20)) or {}
  local text = h.contents and h.contents.value or ''
  check('hover: keep monthly', text:find('**keep monthly**', 1, true) and
    text:find('the vault points of the first Sunday of', 1, true) and text:find('60 calendar months', 1, true) and
    text:find('monthly points move when 180 days old', 1, true), text)
  h = request(prod, 'textDocument/hover', at(3, 20)) or {}
  text = h.contents and h.contents.value or ''
  check('hover: the zone', text:find('India Standard Time, UTC+05:30', 1, true) and
    text:find('no daylight saving time', 1, true), text)

  -- Edits go to the server as they are made (incremental sync): a line is
  -- typed inside the policy, completion asked at its end, the line removed.
  local function labels(result)
    local out = {}
    for _, item in ipairs(result and (result.items or result) or {}) do
      table.insert(out, item.label)
    end
    return table.concat(out, ' ')
  end
  local function complete_after(line_text)
    vim.api.nvim_buf_set_lines(prod, 11, 11, true, { line_text })
    local r = request(prod, 'textDocument/completion', at(11, #line_text))
    vim.api.nvim_buf_set_lines(prod, 11, 12, true, {})
    return r
  end
  check('completion: after keep', labels(complete_after('    keep ')) == 'daily monthly snapshots weekly yearly',
    labels(complete_after('    keep ')))
  local r = complete_after('    timezone "India S')
  check('completion: time-zone ids', labels(r) == 'India Standard Time', labels(r))
  r = complete_after('    keep daily 30')
  local texts = {}
  for _, item in ipairs(r and r.items or {}) do
    table.insert(texts, item.textEdit.newText .. (item.sortText == '0' and '*' or ''))
  end
  check('completion: units after a number', table.concat(texts, ' ') == '30h 30d* 30w 30m 30y', texts)
  check('completion: weekdays', labels(complete_after('    keep weekly 4w on mon, ')) == 'sun mon tue wed thu fri sat',
    labels(complete_after('    keep weekly 4w on mon, ')))
  ds = diagnostics_of(prod, 0)
  check('edits: the buffer is as it was, and clean', #ds == 0 and
    table.concat(vim.api.nvim_buf_get_lines(prod, 0, -1, true), '\n') .. '\n' ==
    table.concat(vim.fn.readfile('prod-vms.bkp'), '\n') .. '\n', ds)

  -- Document symbols.
  r = request(prod, 'textDocument/documentSymbol', {}) or {}
  local names = {}
  for _, s in ipairs(r) do
    table.insert(names, s.name .. '/' .. #(s.children or {}))
  end
  check('document symbols', table.concat(names, ' ') == 'prod-vms/9', names)

  -- A code action applies the diagnostic's fix: `for 23h` -> `for 24h`.
  vim.cmd('edit fix.bkp')
  local fix = vim.api.nvim_get_current_buf()
  ds = diagnostics_of(fix, 1)
  r = request(fix, 'textDocument/codeAction', {
    range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
    context = { diagnostics = {} },
  }) or {}
  r = request(fix, 'textDocument/codeAction', {
    range = { start = { line = ds[1].lnum, character = ds[1].col }, ['end'] = { line = ds[1].lnum, character = ds[1].col } },
    context = { diagnostics = {} },
  }) or {}
  check('code action: one quickfix', #r == 1 and r[1].kind == 'quickfix' and r[1].title == 'Change `23h` to `24h`', r)
  if r[1] then
    vim.lsp.util.apply_workspace_edit(r[1].edit, 'utf-16')
  end
  check('code action: applied', vim.api.nvim_buf_get_lines(fix, 0, 1, true)[1] ==
    'policy late-vms { every 4h from 08:00 for 24h }', vim.api.nvim_buf_get_lines(fix, 0, 1, true))
  ds = diagnostics_of(fix, 0)
  check('code action: the diagnostic is gone', #ds == 0, ds)

  -- Formatting: the buffer becomes `bkpc fmt`'s text (the server sends the
  -- changed lines only; the client applies them).
  check('formatting: offered', caps.documentFormattingProvider or caps.document_formatting, caps)
  vim.cmd('edit unformatted.bkp')
  local buf = vim.api.nvim_get_current_buf()
  diagnostics_of(buf, 0)
  vim.lsp.buf.formatting_sync(nil, 10000)
  local want = vim.fn.system({ 'bkpc', 'fmt', 'unformatted.bkp' })
  -- The buffer's text as it would be written (the file had no final newline:
  -- 'endofline' is off, and the formatted text's newline is a last empty line).
  local have = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), '\n') .. (vim.bo[buf].eol and '\n' or '')
  check('formatting: bkpc fmt', have == want and want:find('\n}\n\nprotect', 1, true), { have = have, want = want })

  vim.lsp.stop_client(vim.lsp.get_active_clients())
  vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 20)
  check('the server stopped', #vim.lsp.get_active_clients() == 0, #vim.lsp.get_active_clients())
end

local good, err = pcall(main)
check('the checks ran to their end', good, err)
vim.cmd('qall!')
