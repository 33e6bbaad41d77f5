#!/usr/bin/env bash
# Fuzzes every entry point that reads user data (the targets in fuzz/: the
# PID table as JSON and as raw weights, CSV parsing, CSV to joint table, the
# fusion lab's settings, a numeric CSV split into two modalities for linear
# and kernel CCA), each for a fixed time:
#
#   scripts/fuzz.sh [seconds-per-target] [target...]   (default 60 s, every target)
#
# Uses cargo-fuzz and libFuzzer (cargo-fuzz is installed from crates.io if
# missing). The toolchain is stable Rust: `-s none` turns the sanitizer off,
# which is what needs nightly, and the crate is safe Rust, so coverage-guided
# fuzzing with debug assertions on is what finds its bugs. The corpus grows
# in fuzz/corpus/ (not committed) from the seeds in fuzz/seeds/; an input
# that crashes is saved in fuzz/artifacts/<target>/, and the script ends
# with a failure naming it. Reproduce one with
#   cargo fuzz run -s none --target-dir fuzz/target <target> <file>
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

seconds=${1:-60}
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
  echo "usage: scripts/fuzz.sh [seconds-per-target] [target...], a whole number of seconds" >&2
  exit 2
fi
shift $(($# > 0 ? 1 : 0))

if ! cargo fuzz --version >/dev/null 2>&1; then
  step "Installing cargo-fuzz from crates.io (a few minutes, once)"
  cargo install cargo-fuzz
fi

# The fuzz build has its own flags, so it gets its own target directory. It
# builds the crate with the versions of the crate's own Cargo.lock, copied in
# (cargo then adds libFuzzer's), so that what is fuzzed is what ships.
options=(-s none --target-dir fuzz/target)
cp Cargo.lock fuzz/Cargo.lock

step "Building the fuzz targets (release, debug assertions, coverage instrumentation)"
cargo fuzz build "${options[@]}"

failed=()
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list)
fi
for target in "${targets[@]}"; do
  step "Fuzzing $target for $seconds s"
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  flags=(-max_total_time="$seconds" -timeout=10 -print_final_stats=1)
  if [ -f "fuzz/dictionaries/$target.dict" ]; then
    flags+=(-dict="fuzz/dictionaries/$target.dict")
  fi
  # libFuzzer adds what it learns to the first directory, and reads the seeds too.
  if ! cargo fuzz run "${options[@]}" "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    "${flags[@]}" 2>"fuzz/artifacts/$target/log.txt"; then
    failed+=("$target")
  fi
  grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "fuzz/artifacts/$target/log.txt" || true
done

if [ ${#failed[@]} -gt 0 ]; then
  for target in "${failed[@]}"; do
    echo "$target failed: see fuzz/artifacts/$target/log.txt and the crash-*, timeout-* or oom-* file beside it" >&2
  done
  exit 1
fi
step "No crash in $seconds s per target."
