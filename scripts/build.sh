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

check_wasm_size www/pkg/mmml_bg.wasm
