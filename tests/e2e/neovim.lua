-- Drives fairlint's language server from a real Neovim: start the client, open the article,
-- wait for diagnostics, write them as JSON for the Rust test to check, ask for a hover, quit.
local out = vim.env.FAIRLINT_OUT
local client_id = vim.lsp.start_client({
  name = 'fairlint',
  cmd = { vim.env.FAIRLINT_BIN, 'lsp' },
  root_dir = vim.env.FAIRLINT_ROOT,
  init_options = { debounceMs = 0 },
})
vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.FAIRLINT_FILE))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)
vim.wait(15000, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then
    code = d.user_data.lsp.code
  end
  table.insert(diagnostics, {
    lnum = d.lnum,
    col = d.col,
    code = code,
    severity = d.severity,
    source = d.source,
    message = d.message,
  })
end
local hover = ''
local client = vim.lsp.get_client_by_id(client_id)
if client and #diagnostics > 0 then
  local first = diagnostics[1]
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = first.lnum, character = first.col },
  }
  local response = client.request_sync('textDocument/hover', params, 5000, buf)
  if response and response.result and response.result.contents then
    hover = response.result.contents.value or ''
  end
end
local file = io.open(out, 'w')
file:write(vim.fn.json_encode({ diagnostics = diagnostics, hover = hover }))
file:close()
vim.cmd('qa!')
