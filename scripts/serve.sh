#!/usr/bin/env bash
# Sets up the toolchain if needed, then builds and serves Funnel Lab on http://127.0.0.1:8080 (live reload).
#   PORT=9000 scripts/serve.sh        serve on another port
#   scripts/serve.sh --release        serve the optimised release build
# Extra arguments go to `trunk serve`.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/wasm-env.sh
. scripts/wasm-env.sh
exec trunk serve --port "${PORT:-8080}" --address 127.0.0.1 "$@"
