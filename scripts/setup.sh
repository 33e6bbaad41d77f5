# Shared by the build, serve, test and benchmark scripts (sourced, not run).
# Each ensure_* function installs one missing tool from the registries, says
# what it is doing, and does nothing when the tool is already there.

# The wasm-bindgen CLI must match the wasm-bindgen version in Cargo.lock.
WASM_BINDGEN_VERSION=0.2.130

# Each demo page's WebAssembly module may weigh at most this much gzipped, so
# that the page with its scripts and styles (about 40 KB) stays under 1 MB.
WASM_GZIP_BUDGET_BYTES=900000

step() { printf '\n==> %s\n' "$*"; }

ensure_wasm_toolchain() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "Installing the Rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
    step "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io (about 10 minutes, once)"
    # Not --locked: its lock file pins a crate version the registry mirror lacks.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

ensure_npm_packages() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "Installing the npm packages of package-lock.json (server, browser driver, formatter)"
    npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    return
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "Chromium is needed for the browser tests: run 'sudo apt-get install -y chromium chromium-driver' and try again." >&2
    exit 1
  fi
  step "Installing Debian's chromium and chromium-driver (headless browser tests)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
}

check_wasm_size() {
  local bytes
  bytes=$(gzip -9 -c "$1" | wc -c)
  printf 'WebAssembly module: %s bytes, %s bytes gzipped (budget %s)\n' \
    "$(wc -c <"$1")" "$bytes" "$WASM_GZIP_BUDGET_BYTES"
  if [ "$bytes" -gt "$WASM_GZIP_BUDGET_BYTES" ]; then
    echo "The WebAssembly module is over its size budget." >&2
    exit 1
  fi
}
