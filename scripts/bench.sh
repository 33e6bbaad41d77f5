#!/usr/bin/env bash
# Runs every benchmark the project keeps and writes one table of the results
# to artifacts/bench/table.md (printed too; see scripts/bench.mjs):
# - each workload of every driver in bench/*.mjs: our time natively and as
#   WebAssembly in Node, the peer's time in the same run, and the ratios
#   (the PID peer, cvxpy with Clarabel, is installed into a local Python
#   environment, target/bench-venv, from PyPI);
# - each demo page's WebAssembly module's size, raw and gzipped;
# - each demo page's weight gzipped and its time to interactive in headless
#   Chromium on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

scripts/build.sh
ensure_npm_packages
ensure_chromium

step "Building the native benchmarks (release examples)"
cargo build --release --examples

step "Running the benchmarks (a few minutes)"
node scripts/bench.mjs
