#!/usr/bin/env bash
# One benchmark command (documented in bench/README.md): the engine natively, the release wasm build in headless
# Chromium through the JS API (FunnelLab.simulate, 1 worker and the full pool), and a plain-JavaScript baseline.
# Prints a table with PASS/MISS next to each target and writes target/bench/bench.md and target/bench/bench.json.
# Targets are reported, not asserted: the exit code is 0 unless something crashed.
#
#   scripts/bench.sh [--runs N] [--runs-1m N] [--skip-1m] [--js-1m]
#
#   --runs N      timed runs of the default scenario per row, after one warm-up (default 5; the median is reported)
#   --runs-1m N   timed runs of the 1,000,000-trial scenario (default 1)
#   --skip-1m     leave out the 1,000,000-trial runs
#   --js-1m       also run the JS baseline on 1,000,000 trials (slow: minutes)
#
# Environment: FUNNEL_LAB_DIST=dir serves another release build (default: dist/ of this checkout, built with
# scripts/build.sh when dist/app_bg.wasm is missing); CHROMIUM=path (default /usr/bin/chromium).
# Builds nothing else than the native benchmark example (cargo, bench profile, offline).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

RUNS=5
RUNS_1M=1
NATIVE_ARGS=()
RUNNER_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --runs-1m) RUNS_1M=$2; shift 2 ;;
    --skip-1m) NATIVE_ARGS+=(--skip-1m); RUNNER_ARGS+=(--skip-1m); shift ;;
    --js-1m) RUNNER_ARGS+=(--js-1m); shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

DIST=${FUNNEL_LAB_DIST:-$ROOT/dist}
OUT=$ROOT/target/bench
mkdir -p "$OUT"

if [ ! -f "$DIST/app_bg.wasm" ]; then
  if [ "$DIST" = "$ROOT/dist" ]; then
    echo "== dist/app_bg.wasm is missing: building the release site (scripts/build.sh)" >&2
    bash scripts/build.sh
  else
    echo "bench.sh: $DIST/app_bg.wasm is missing" >&2
    exit 1
  fi
fi

NATIVE=(cargo run --offline --quiet --profile bench --example native-bench --)
echo "== building the native benchmark (cargo, bench profile)" >&2
cargo build --offline --quiet --profile bench --example native-bench
"${NATIVE[@]}" --print-default-scenario > "$OUT/default-scenario.json"

echo "== native: default scenario (1 warm-up + $RUNS runs) and 1M trials ($RUNS_1M run(s)), single thread" >&2
"${NATIVE[@]}" --json --runs "$RUNS" --runs-1m "$RUNS_1M" "${NATIVE_ARGS[@]}" > "$OUT/native.json"

echo "== wasm and JS baseline in headless Chromium ($DIST)" >&2
node "$ROOT/bench/run.mjs" \
  --dist "$DIST" \
  --native "$OUT/native.json" \
  --scenario "$OUT/default-scenario.json" \
  --out "$OUT" \
  --runs "$RUNS" \
  --runs-1m "$RUNS_1M" \
  "${RUNNER_ARGS[@]}"
