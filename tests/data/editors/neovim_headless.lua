local root = vim.env.FACTLINT_ROOT
local out = vim.env.FACTLINT_OUT
vim.cmd('edit ' .. root .. '/news/wire.md')
local config = {name = 'factlint', cmd = {vim.env.FACTLINT_PYTHON, '-m', 'factlint', 'lsp'},
                root_dir = root}
if vim.lsp.start then
  vim.lsp.start(config)
else  -- Neovim 0.7: start_client + attach
  local id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(0, id)
end
local ok = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(lines, string.format('%d:%d:%d:%s:%s', d.lnum, d.col, d.end_col,
                                    d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '', d.message))
end
if not ok then table.insert(lines, 'TIMEOUT') end
vim.fn.writefile(lines, out)
vim.cmd('qa!')
