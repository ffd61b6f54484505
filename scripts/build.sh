#!/usr/bin/env bash
# Builds the static site into dist/ (release: opt-level z, LTO, wasm-opt -Oz, JavaScript minified) and prints its size.
# Extra arguments go to `trunk build`, e.g. `scripts/build.sh --public-url /tools/funnel/` for a sub-path.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/wasm-env.sh
. scripts/wasm-env.sh
rm -rf dist
trunk build --release "$@"
node scripts/externalize-loader.mjs dist
node scripts/minify-js.mjs dist
bash scripts/size-report.sh
