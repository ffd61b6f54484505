# Sourced by serve.sh and build.sh (not run on its own): sets the toolchain up if needed, puts the tools on
# PATH and selects the compiler that has the wasm32 std.
bash "$ROOT/scripts/setup.sh"
# shellcheck source=/dev/null
. "$ROOT/target/toolchain.env"
if [ -n "${FUNNEL_LAB_WASM_TOOLCHAIN:-}" ]; then export RUSTUP_TOOLCHAIN=$FUNNEL_LAB_WASM_TOOLCHAIN; fi
