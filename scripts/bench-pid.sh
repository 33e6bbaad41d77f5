#!/usr/bin/env bash
# The BROJA benchmark: native, WebAssembly in Node, and with --peer the same
# program in cvxpy with Clarabel (installed into a local Python environment).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

scripts/build.sh
step "Building the native benchmark (release)"
cargo build --release --example bench_pid

step "Timing BROJA (median of repeated solves)"
node bench/pid.mjs "$@"
