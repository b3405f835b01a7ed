#!/usr/bin/env bash
# Build the private checker page: attrib compiled to WebAssembly, its JavaScript glue, the page's
# script and the WebAssembly itself all inlined into one HTML file that opens from disk and makes
# no network request.
#
# Usage: web/build.sh            -> target/web/attrib.html (the path is printed; open it)
# Needs: rustup target wasm32-unknown-unknown, wasm-bindgen-cli of the same version as the
# wasm-bindgen crate in Cargo.lock (the script installs both when missing), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/web
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
WANT=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | cut -d' ' -f2)" != "$WANT" ]; then
  cargo install wasm-bindgen-cli --version "$WANT"
fi
cargo build --quiet -p attrib-web --lib --release --target wasm32-unknown-unknown
mkdir -p "$OUT/pkg"
wasm-bindgen --target no-modules --no-typescript --out-dir "$OUT/pkg" \
  target/wasm32-unknown-unknown/release/attrib_web.wasm
python3 - "$OUT" <<'PY'
import base64, sys, pathlib
out = pathlib.Path(sys.argv[1])
page = pathlib.Path("web/www/index.html").read_text()
glue = (out / "pkg/attrib_web.js").read_text()
wasm = base64.b64encode((out / "pkg/attrib_web_bg.wasm").read_bytes()).decode()
app = pathlib.Path("web/www/app.js").read_text()
# (Replaced in this order so that no inserted text is searched again.)
page = page.replace("/*APP*/", app).replace("/*WASM*/", wasm).replace("/*GLUE*/", glue)
(out / "attrib.html").write_text(page)
print(f"web/build.sh: {out / 'attrib.html'} ({len(page) // 1024} KB; WebAssembly "
      f"{(out / 'pkg/attrib_web_bg.wasm').stat().st_size // 1024} KB before base64)")
PY
