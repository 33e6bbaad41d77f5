#!/usr/bin/env bash
# Builds the crate for WebAssembly and writes the JavaScript bindings:
#   www/pkg/         for the site (ES module)
#   target/pkg-node/ for Node (benchmarks and scripting)
# Installs what is missing first (see scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

ensure_wasm_toolchain

step "Building the crate for wasm32 (release; the first build takes a minute or two)"
cargo build --release --target wasm32-unknown-unknown --lib
wasm="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/mmml.wasm"

step "Generating JavaScript bindings into www/pkg and target/pkg-node"
wasm-bindgen --target web --no-typescript --out-dir www/pkg "$wasm"
node_package="${CARGO_TARGET_DIR:-target}/pkg-node"
wasm-bindgen --target nodejs --no-typescript --out-dir "$node_package" "$wasm"
# The Node bindings are CommonJS, while this repository's scripts are ES modules.
echo '{ "type": "commonjs" }' >"$node_package/package.json"

# wasm-opt from npm's binaryen 132: Debian's binaryen 108 writes modules that
# fail to load. -O2 gives a smaller gzipped module than -Os or -Oz here, and
# faster code. Both bindings carry the same module, so it is optimised once.
ensure_npm_packages
step "Optimising the module with wasm-opt -O2 (binaryen 132 from npm; about a minute)"
node node_modules/binaryen/bin/wasm-opt -O2 \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  www/pkg/mmml_bg.wasm -o www/pkg/mmml_bg.wasm
cp www/pkg/mmml_bg.wasm "$node_package/mmml_bg.wasm"

check_wasm_size www/pkg/mmml_bg.wasm
