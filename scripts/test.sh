#!/usr/bin/env bash
# Runs every test layer of Funnel Lab and exits non-zero on the first failure:
#   0. formatting and lints (cargo fmt --check, cargo clippy -D warnings)
#   1. native: cargo test (simulation core, CLI, SSR render tests of the components)
#   2. wasm: wasm-bindgen-test in headless Chromium through ChromeDriver
#   3. release build with trunk, size report (gzipped wasm + JS)
#   4. end-to-end: Playwright driving /usr/bin/chromium against dist/ served on 127.0.0.1
# Sets the toolchain up first when needed (scripts/setup.sh --test).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
T0=$(date +%s)
layer() { echo; echo "======== $* ($(($(date +%s) - T0)) s since start)"; }

layer "setup"
bash scripts/setup.sh --test
# shellcheck source=/dev/null
. target/toolchain.env

# The Trunk.toml pin must follow Cargo.lock, or trunk would refuse to build offline.
lock_wb=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
trunk_wb=$(sed -n 's/^wasm_bindgen = "\(.*\)"/\1/p' Trunk.toml)
if [ "$lock_wb" != "$trunk_wb" ]; then
  echo "Trunk.toml pins wasm-bindgen $trunk_wb but Cargo.lock has $lock_wb: set wasm_bindgen = \"$lock_wb\" in Trunk.toml" >&2
  exit 1
fi

WASM_ENV=()
if [ -n "${FUNNEL_LAB_WASM_TOOLCHAIN:-}" ]; then WASM_ENV=(RUSTUP_TOOLCHAIN="$FUNNEL_LAB_WASM_TOOLCHAIN"); fi

layer "lint: cargo fmt --check, cargo clippy"
cargo fmt --all -- --check
cargo clippy --locked --workspace --all-targets -- -D warnings

layer "layer 1/3: native cargo test"
cargo test --locked --workspace 2>&1 | tee target/native-test.log
echo "native summary: $(grep -E '^test result:' target/native-test.log | awk '{p+=$4; f+=$6; i+=$8} END {printf "%d passed, %d failed, %d ignored", p, f, i}')"

layer "layer 2/3: wasm-bindgen-test in headless Chromium"
env "${WASM_ENV[@]}" \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=300 \
  cargo test --locked --target wasm32-unknown-unknown --test web 2>&1 | tee target/wasm-test.log

layer "release build: scripts/build.sh (trunk build --release)"
bash scripts/build.sh

layer "layer 3/3: Playwright end-to-end (release build in /usr/bin/chromium)"
npx --no-install playwright test

layer "summary"
echo "native:     $(grep -E '^test result:' target/native-test.log | awk '{p+=$4; f+=$6} END {printf "%d passed, %d failed", p, f}')"
echo "wasm:       $(grep -E '^test result:' target/wasm-test.log | awk '{p+=$4; f+=$6} END {printf "%d passed, %d failed", p, f}')"
echo "e2e:        see the Playwright summary above (it exits non-zero on any failure)"
echo "all layers passed in $(($(date +%s) - T0)) s"
