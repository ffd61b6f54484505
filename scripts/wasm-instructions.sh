#!/usr/bin/env bash
# Counts the x86 instructions that V8 (Node, optimising tier only) executes for the release build's worker code
# on the default scenario: callgrind over bench/wasm-count.mjs at two trial counts, the difference per 2,000
# trials (start-up and compilation cancel out). A repeatable measure for comparing two builds of the engine's
# wasm, where Chromium's wall-clock times on this VM move by ±30%. Not part of the test command.
#
#   scripts/wasm-instructions.sh [DIST]     (default: dist/ of this checkout; needs valgrind and node)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIST=$(cd "${1:-$ROOT/dist}" && pwd)
command -v valgrind >/dev/null || { echo "wasm-instructions: valgrind is not installed (apt install valgrind)" >&2; exit 1; }
[ -f "$DIST/app_bg.wasm" ] || { echo "wasm-instructions: $DIST/app_bg.wasm is missing (scripts/build.sh)" >&2; exit 1; }
cd "$ROOT"
mkdir -p target/bench
cargo run --offline --quiet --profile bench --example native-bench -- --print-default-scenario \
  > target/bench/default-scenario.json
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null --smc-check=all-non-file \
    node --no-liftoff --single-threaded bench/wasm-count.mjs "$DIST" target/bench/default-scenario.json "$1" 2>&1 |
    awk '/refs:/ { gsub(",", "", $NF); print $NF }'
}
lo=$(count 500)
hi=$(count 2500)
echo "worker code, default scenario: $(( (hi - lo) / 1000000 )) M instructions per 2,000 trials ($DIST)"
