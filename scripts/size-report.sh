#!/usr/bin/env bash
# Prints the size of the release build in dist/: each wasm and JS file raw and gzipped, and the total.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT/dist"
shopt -s nullglob
files=(*.wasm *.js)
[ ${#files[@]} -gt 0 ] || { echo "size-report: no wasm or JS in dist/ (run trunk build --release)" >&2; exit 1; }
total_raw=0
total_gz=0
printf '%-48s %10s %10s\n' "file" "bytes" "gzip -9"
for f in "${files[@]}"; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-48s %10d %10d\n' "$f" "$raw" "$gz"
done
printf '%-48s %10d %10d\n' "total (wasm + JS)" "$total_raw" "$total_gz"
echo "size: wasm + JS = $((total_gz / 1024)) KiB gzipped"
# The budget from the worker issue: app + worker wasm and JS at most 250 KB gzipped (250,000 bytes; the
# worker reuses the app's wasm, so the worker's share is worker.js). Above it the build fails.
BUDGET=${FUNNEL_LAB_SIZE_BUDGET:-250000}
if [ "$total_gz" -gt "$BUDGET" ]; then
  echo "size: FAIL: $total_gz bytes gzipped is over the budget of $BUDGET bytes" >&2
  exit 1
fi
echo "size: OK: $total_gz of $BUDGET bytes gzipped ($((total_gz * 100 / BUDGET))% of the budget)"
