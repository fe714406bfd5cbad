-- Neovim's built-in LSP client for .bkp files: starts `bkpc lsp` (a language
-- server over stdio) for every buffer of filetype bkp, one server per project
-- root (the nearest directory holding .git, else the file's directory).
--
--   require('bkpc.lsp').setup()                          -- in init.lua
--   require('bkpc.lsp').setup({ cmd = { '/opt/bkpc/bin/bkpc', 'lsp' } })
--
-- Works with Neovim 0.7 (vim.lsp.start_client) and later (vim.lsp.start).
local M = {}

M.defaults = {
  name = 'bkpc',
  cmd = { 'bkpc', 'lsp' },
  filetypes = { 'bkp' },
  root_markers = { '.git' },
}

local function merged(opts)
  return vim.tbl_deep_extend('force', {}, M.defaults, opts or {})
end

-- The project root of a buffer: the nearest directory above its file that
-- holds one of the markers, else the file's own directory.
function M.root_dir(bufnr, markers)
  local file = vim.api.nvim_buf_get_name(bufnr)
  local dir = file ~= '' and vim.fn.fnamemodify(file, ':p:h') or vim.fn.getcwd()
  local probe = dir
  while true do
    for _, m in ipairs(markers) do
      if vim.loop.fs_stat(probe .. '/' .. m) then
        return probe
      end
    end
    local parent = vim.fn.fnamemodify(probe, ':h')
    if parent == probe then
      return dir
    end
    probe = parent
  end
end

-- The client configuration for a buffer. On attach, completion goes to the
-- server through 'omnifunc' (<C-x><C-o>) unless the buffer has one already.
function M.config(bufnr, opts)
  local o = merged(opts)
  local root = M.root_dir(bufnr, o.root_markers)
  return {
    name = o.name,
    cmd = o.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    on_attach = function(client, buf)
      if vim.bo[buf].omnifunc == '' then
        vim.bo[buf].omnifunc = 'v:lua.vim.lsp.omnifunc'
      end
      if o.on_attach then
        o.on_attach(client, buf)
      end
    end,
    capabilities = o.capabilities,
  }
end

-- Starts (or reuses) the server for a buffer and attaches the buffer to it;
-- returns the client id.
function M.start(bufnr, opts)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local config = M.config(bufnr, opts)
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  for _, client in ipairs(vim.lsp.get_active_clients()) do
    if client.name == config.name and client.config.root_dir == config.root_dir then
      vim.lsp.buf_attach_client(bufnr, client.id)
      return client.id
    end
  end
  local id = vim.lsp.start_client(config)
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

-- Starts the server for every buffer of the configured filetypes, the ones
-- open now included.
function M.setup(opts)
  local o = merged(opts)
  local group = vim.api.nvim_create_augroup('bkpc_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = o.filetypes,
    callback = function(args)
      M.start(args.buf, opts)
    end,
  })
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(o.filetypes, vim.bo[buf].filetype) then
      M.start(buf, opts)
    end
  end
end

return M
