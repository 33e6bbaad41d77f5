#!/usr/bin/env bash
# Runs every test: formatting and lints, native unit and integration tests,
# the WebAssembly tests in Node and in headless Chromium, and the browser
# end-to-end tests of every page. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

ensure_wasm_toolchain
ensure_npm_packages
ensure_chromium

step "Formatting: cargo fmt and prettier"
cargo fmt --all --check
npx prettier --check www tests/e2e scripts

step "Lints: cargo clippy, native and wasm32"
cargo clippy --all-targets -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
# Each demo page's module is built with its own feature alone (scripts/build.sh).
for demo in pid fusion coordination; do
  cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features "$demo" -- -D warnings
done

step "Native unit and integration tests (including the pid example)"
cargo test

step "WebAssembly tests in Node"
export WASM_BINDGEN_TEST_TIMEOUT=300
cargo test --target wasm32-unknown-unknown --test wasm

step "WebAssembly tests in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --target wasm32-unknown-unknown --test wasm

scripts/build.sh

step "End-to-end tests of every page in headless Chromium (screenshots in artifacts/e2e)"
node --test tests/e2e/

step "All tests passed."
