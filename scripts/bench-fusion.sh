#!/usr/bin/env bash
# The fusion lab's training benchmark: the crate as WebAssembly in Node
# against TensorFlow.js (CPU and WebAssembly backends), which the driver
# installs into a local folder from npm, and the map redraw in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

peer="${CARGO_TARGET_DIR:-target}/bench-node"

scripts/build.sh
ensure_npm_packages
ensure_chromium
step "Building the native benchmark (release)"
cargo build --release --example bench_fusion

step "Training samples per second: mmml (wasm, Node) against TensorFlow.js"
MMML_BENCH_NODE="$peer" node bench/fusion.mjs "$@"
