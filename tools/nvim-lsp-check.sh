#!/usr/bin/env bash
# Drive `attrib server` from a real editor: Neovim, headless, with its built-in LSP client.
# Opens a story, waits for the diagnostics Neovim receives, and checks that they name the
# rules `attrib check` reports for the same file (issue 15). Exit 0 when they match.
#
# Usage: tools/nvim-lsp-check.sh [ATTRIB_BINARY]   (default: target/release/attrib)
# Needs: nvim 0.7 or later (Debian: apt-get install neovim). Without nvim it says so and
# exits 0, so CI on a machine with no package manager still runs.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-target/release/attrib}")
if ! command -v nvim >/dev/null; then
  echo "nvim-lsp-check: nvim not found (apt-get install neovim); skipped"
  exit 0
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/attrib-nvim.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
STORY=$TMP/story.md
cp fixtures/examples/diplomacy-miami.txt "$STORY"

cat > "$TMP/init.lua" <<LUA
local out = io.open("$TMP/got.txt", "w")
local id = vim.lsp.start_client({
  name = "attrib",
  cmd = { "$BIN", "server" },
  root_dir = "$TMP",
})
vim.lsp.buf_attach_client(0, id)
local ok = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
if not ok then
  out:write("TIMEOUT\n")
end
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
  out:write(string.format("%s %d:%d\n", code, d.lnum + 1, d.col + 1))
end
out:close()
vim.lsp.stop_client(id)
vim.cmd("qall!")
LUA

timeout 60 nvim --headless -n -i NONE -u NONE -c "luafile $TMP/init.lua" "$STORY" >/dev/null 2>&1 || true
if [ ! -s "$TMP/got.txt" ] || grep -q TIMEOUT "$TMP/got.txt"; then
  echo "nvim-lsp-check: Neovim received no diagnostics from attrib server" >&2
  cat "$TMP/got.txt" >&2 2>/dev/null || true
  exit 1
fi
sort -u "$TMP/got.txt" > "$TMP/got.sorted"
# What attrib check says of the same file: rule, line, column.
"$BIN" check --format json --isolated "$STORY" > "$TMP/check.json" || true
python3 - "$TMP/check.json" > "$TMP/want.txt" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for f in report["files"]:
    for x in f["findings"]:
        print(f"{x['rule']} {x['line']}:{x['column']}")
PY
sort -u "$TMP/want.txt" > "$TMP/want.sorted"
if ! diff -u "$TMP/want.sorted" "$TMP/got.sorted"; then
  echo "nvim-lsp-check: Neovim's diagnostics differ from attrib check's findings" >&2
  exit 1
fi
echo "nvim-lsp-check: Neovim $(nvim --version | head -1 | cut -d' ' -f2) received $(wc -l < "$TMP/got.sorted") diagnostics, the same as attrib check"
