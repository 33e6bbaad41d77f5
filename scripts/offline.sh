#!/usr/bin/env bash
# Builds the offline editions of the site into dist/offline/ (see
# scripts/offline.mjs): one single HTML file per demo, with its CSS, JavaScript
# and WebAssembly inlined, that works when opened from disk with no network;
# an index.html linking to them; and a copy of the site in dist/offline/site/.
# Set MMML_SKIP_BUILD=1 to reuse the WebAssembly already in www/pkg.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

if [ "${MMML_SKIP_BUILD:-0}" != 1 ]; then
  scripts/build.sh
fi
ensure_npm_packages

step "Writing the offline editions into dist/offline"
node scripts/offline.mjs
