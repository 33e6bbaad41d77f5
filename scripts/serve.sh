#!/usr/bin/env bash
# Builds everything and serves the site on http://127.0.0.1:8080 (or $PORT,
# or the first argument).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

scripts/build.sh
ensure_npm_packages

step "Serving www/"
exec node scripts/server.mjs --port "${1:-${PORT:-8080}}"
