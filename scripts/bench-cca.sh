#!/usr/bin/env bash
# The CCA benchmark: linear CCA of the digits halves natively, as WebAssembly
# in Node, and with --peer scikit-learn's CCA and a numpy closed form on the
# same data (installed into a local Python environment, target/bench-venv).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

scripts/build.sh
step "Building the native benchmark (release)"
cargo build --release --example bench_cca

step "Timing CCA (median of repeated fits)"
node bench/cca.mjs "$@"
