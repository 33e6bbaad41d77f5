#!/usr/bin/env bash
# The fusion lab's training benchmark: the crate as WebAssembly in Node
# against TensorFlow.js (CPU and WebAssembly backends), which this script
# installs into a local folder from npm, and the map redraw in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

TFJS_VERSION=4.22.0
peer="${CARGO_TARGET_DIR:-target}/bench-node"

scripts/build.sh
ensure_npm_packages
if [ ! -d "$peer/node_modules/@tensorflow/tfjs-backend-wasm" ]; then
  step "Installing TensorFlow.js $TFJS_VERSION (the peer) into $peer"
  mkdir -p "$peer"
  npm install --prefix "$peer" --no-audit --no-fund --no-save \
    "@tensorflow/tfjs@$TFJS_VERSION" "@tensorflow/tfjs-backend-wasm@$TFJS_VERSION"
fi

step "Training samples per second: mmml (wasm, Node) against TensorFlow.js"
MMML_BENCH_NODE="$peer" node bench/fusion.mjs "$@"
