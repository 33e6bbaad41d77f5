#!/usr/bin/env bash
# Builds one WebAssembly module per demo page and writes its JavaScript
# bindings:
#   www/pkg/<demo>/          for the site (ES module), loaded by js/<demo>.js
#   target/pkg-node/<demo>/  for Node (benchmarks and scripting)
# Each module carries only its demo's browser glue (a Cargo feature of the
# same name), so the PID page does not download the deep learning library.
# Installs what is missing first (see scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

DEMOS=(pid fusion coordination)

ensure_wasm_toolchain
ensure_npm_packages

target="${CARGO_TARGET_DIR:-target}"
rm -rf www/pkg "$target/pkg-node"
for demo in "${DEMOS[@]}"; do
  step "Building the $demo module for wasm32 (release; the first build takes a minute or two)"
  cargo build --release --target wasm32-unknown-unknown --lib --no-default-features --features "$demo"
  wasm="$target/wasm32-unknown-unknown/release/mmml.wasm"

  step "Generating the $demo bindings into www/pkg/$demo and $target/pkg-node/$demo"
  wasm-bindgen --target web --no-typescript --out-name mmml --out-dir "www/pkg/$demo" "$wasm"
  node_package="$target/pkg-node/$demo"
  wasm-bindgen --target nodejs --no-typescript --out-name mmml --out-dir "$node_package" "$wasm"
  # The Node bindings are CommonJS, while this repository's scripts are ES modules.
  echo '{ "type": "commonjs" }' >"$node_package/package.json"

  # wasm-opt from npm's binaryen 132: Debian's binaryen 108 writes modules that
  # fail to load. -O2 gives a smaller gzipped module than -Os or -Oz here, and
  # faster code. Both bindings carry the same module, so it is optimised once.
  step "Optimising the $demo module with wasm-opt -O2 (binaryen 132 from npm; up to a minute)"
  node node_modules/binaryen/bin/wasm-opt -O2 \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    "www/pkg/$demo/mmml_bg.wasm" -o "www/pkg/$demo/mmml_bg.wasm"
  cp "www/pkg/$demo/mmml_bg.wasm" "$node_package/mmml_bg.wasm"

  check_wasm_size "www/pkg/$demo/mmml_bg.wasm"
done
