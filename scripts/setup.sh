#!/usr/bin/env bash
# Installs everything Funnel Lab needs to build for the browser and to test in it, idempotently.
#
#   scripts/setup.sh            toolchain for building and serving (wasm32 std, wasm-bindgen, trunk, wasm-opt,
#                               and the npm packages: terser for the build, Playwright and axe-core for tests)
#   scripts/setup.sh --test     the above plus Chromium and ChromeDriver
#
# Every step is skipped when it is already satisfied, so a second run takes seconds. Each step prints its
# duration. Only the package registries are contacted (crates.io, Debian apt, npm), each with a bounded
# timeout. At the end it writes target/toolchain.env, which scripts/serve.sh and scripts/test.sh source.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WANT_TEST=0
for arg in "$@"; do
  case "$arg" in
    --test) WANT_TEST=1 ;;
    -h | --help)
      sed -n '2,10p' "$0"
      exit 0
      ;;
    *)
      echo "setup.sh: unknown option '$arg' (use --test or --help)" >&2
      exit 2
      ;;
  esac
done

TOOLS=${FUNNEL_LAB_TOOLS:-$HOME/.cache/funnel-lab-tools}
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
WASM_TARGET=wasm32-unknown-unknown
# Bounded network waits for every client we call.
export CARGO_HTTP_TIMEOUT=${CARGO_HTTP_TIMEOUT:-60}
export CARGO_NET_RETRY=${CARGO_NET_RETRY:-3}
APT_OPTS=(-o Acquire::http::Timeout=60 -o Acquire::https::Timeout=60 -o Acquire::Retries=2)
NPM_OPTS=(--no-audit --no-fund --fetch-timeout=60000 --fetch-retries=2)

mkdir -p "$TOOLS/bin"
export PATH="$TOOLS/bin:$TOOLS/binaryen/node_modules/.bin:$HOME/.cargo/bin:$PATH"

SETUP_START=$(date +%s)
step() { # step NAME -- prints a header and remembers the start time
  STEP_NAME=$1
  STEP_START=$(date +%s)
  echo "==> setup: $STEP_NAME"
}
done_step() { # done_step [note]
  echo "    setup: $STEP_NAME: ${1:-done} ($(($(date +%s) - STEP_START)) s)"
}
die() {
  echo "setup.sh: error: $*" >&2
  exit 1
}
need() { # need CMD "how to install"
  command -v "$1" >/dev/null 2>&1 || die "'$1' is missing. Fix: $2"
}
run_bounded() { # run_bounded SECONDS DESCRIPTION CMD...
  local secs=$1 what=$2
  shift 2
  if ! timeout --foreground "$secs" "$@"; then
    die "$what failed or took longer than ${secs}s: $*"
  fi
}
have_apt() { command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; }
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
APT_UPDATED=0
apt_install() { # apt_install PKG... -- installs only the missing ones
  local missing=()
  for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "need root to install Debian packages: sudo apt-get install -y ${missing[*]}"
  if [ "$APT_UPDATED" -eq 0 ]; then
    run_bounded 600 "apt-get update" apt-get "${APT_OPTS[@]}" update -q
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive run_bounded 1200 "apt-get install ${missing[*]}" \
    apt-get "${APT_OPTS[@]}" install -y -q --no-install-recommends "${missing[@]}"
}

# ---------------------------------------------------------------------------------------------------
step "native Rust toolchain"
need cargo "install Rust with rustup (https://rustup.rs), then re-run"
need rustc "install Rust with rustup (https://rustup.rs), then re-run"
done_step "$(rustc --version)"

# ---------------------------------------------------------------------------------------------------
# The wasm32 standard library. Prefer the active toolchain's; else Debian's rustc-web with a std built
# from Debian's own source package (no download server needed); else rustup.
step "wasm32 standard library"
WASM_TOOLCHAIN=""
target_has_std() { # target_has_std [cargo +toolchain args...]
  local libdir
  libdir=$("$@" --print target-libdir --target "$WASM_TARGET" 2>/dev/null) || return 1
  compgen -G "$libdir/libstd-*.rlib" >/dev/null
}
if target_has_std rustc; then
  done_step "active toolchain already has $WASM_TARGET"
elif have_apt; then
  apt_install rustc-web cargo-web rust-web-src rust-web-llvm lld-22
  web_ver=$(dpkg-query -W -f='${Version}' rustc-web)
  src_ver=$(dpkg-query -W -f='${Version}' rust-web-src)
  [ "$web_ver" = "$src_ver" ] ||
    die "rustc-web ($web_ver) and rust-web-src ($src_ver) differ. Fix: apt-get install -y rustc-web=$web_ver rust-web-src=$web_ver"
  commit=$(/usr/bin/rustc -vV | sed -n 's/^commit-hash: //p')
  libdir=/usr/lib/rustlib/$WASM_TARGET/lib
  # The std is built for size, like the app (opt-level "z", std's optimize_for_size feature): about 9 KB
  # less gzipped wasm than a std built for speed. The marker names that build, so an older one is rebuilt.
  marker=$libdir/.funnel-lab-std-$commit-size
  if [ ! -f "$marker" ]; then
    echo "    building the $WASM_TARGET std from /usr/lib/rustlib/src (rustc $commit, about a minute)"
    work=$TOOLS/wasm-std-build
    rm -rf "$work"
    mkdir -p "$work/src" "$work/.cargo"
    cat >"$work/Cargo.toml" <<'TOML'
[package]
name = "funnel_lab_std_dummy"
version = "0.0.0"
edition = "2021"
[lib]
path = "src/lib.rs"
[profile.release]
panic = "abort"
opt-level = "z"
codegen-units = 1
TOML
    echo '#![no_std]' >"$work/src/lib.rs"
    cat >"$work/.cargo/config.toml" <<'TOML'
[source.crates-io]
replace-with = "debian-vendor"
[source.debian-vendor]
directory = "/usr/lib/rustlib/src/rust/library/vendor"
TOML
    (cd "$work" && env -u RUSTUP_TOOLCHAIN RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
      RUSTFLAGS=-Cembed-bitcode=yes CARGO_TARGET_DIR="$work/target" \
      timeout 1800 /usr/bin/cargo build --offline --release --target "$WASM_TARGET" \
      -Zbuild-std=std,panic_abort,panic_unwind,test,proc_macro -Zbuild-std-features=optimize_for_size) ||
      die "building the wasm32 std failed (see above). Fix: apt-get install --reinstall rust-web-src rustc-web"
    mkdir -p "$libdir"
    rm -f "$libdir"/lib*.rlib "$libdir"/lib*.rmeta "$libdir"/.funnel-lab-std-*
    for f in "$work/target/$WASM_TARGET/release/deps"/lib*.rlib "$work/target/$WASM_TARGET/release/deps"/lib*.rmeta; do
      case "$(basename "$f")" in libfunnel_lab_std_dummy-*) continue ;; esac
      cp "$f" "$libdir/"
    done
    touch "$marker"
    rm -rf "$work/target"
    # Crates compiled against the previous std no longer link with this one ("can't find crate").
    rm -rf "${CARGO_TARGET_DIR:-$ROOT/target}/$WASM_TARGET"
  fi
  if command -v rustup >/dev/null 2>&1; then
    rustup toolchain list | grep -q '^web-debian' || rustup toolchain link web-debian /usr
    WASM_TOOLCHAIN=web-debian
    target_has_std rustc +web-debian || die "the web-debian toolchain has no $WASM_TARGET std after the build"
  else
    target_has_std /usr/bin/rustc || die "/usr/bin/rustc has no $WASM_TARGET std after the build"
  fi
  done_step "Debian rustc-web $web_ver with a locally built std"
elif command -v rustup >/dev/null 2>&1; then
  run_bounded 900 "rustup target add $WASM_TARGET" rustup target add "$WASM_TARGET"
  done_step "rustup target added"
else
  die "no $WASM_TARGET std and neither apt nor rustup here. Fix: install rustup, then: rustup target add $WASM_TARGET"
fi

# ---------------------------------------------------------------------------------------------------
step "cargo fetch (crates for offline builds)"
(cd "$ROOT" && run_bounded 900 "cargo fetch --locked" cargo fetch --locked -q)
done_step

# ---------------------------------------------------------------------------------------------------
step "wasm-bindgen-cli"
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' "$ROOT/Cargo.lock")
[ -n "$WB_VERSION" ] || die "could not read the wasm-bindgen version from Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$WB_VERSION" ] &&
  [ "$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')" = "$WB_VERSION" ]; then
  done_step "$WB_VERSION already installed"
else
  # Not --locked: the CLI's own lock file pins a crate version the registry no longer serves.
  run_bounded 2400 "cargo install wasm-bindgen-cli $WB_VERSION" \
    cargo install wasm-bindgen-cli --version "=$WB_VERSION" --root "$TOOLS" --force
  done_step "$WB_VERSION installed"
fi

# ---------------------------------------------------------------------------------------------------
step "trunk"
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" = "$TRUNK_VERSION" ]; then
  done_step "$TRUNK_VERSION already installed"
else
  # Thin LTO and 16 codegen units: ~10 min instead of ~15 min and 2 GB on two cores.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 run_bounded 3000 "cargo install trunk" \
    cargo install trunk --version "=$TRUNK_VERSION" --locked --root "$TOOLS"
  done_step "$TRUNK_VERSION installed"
fi

# ---------------------------------------------------------------------------------------------------
step "wasm-opt (npm binaryen@$BINARYEN_VERSION)"
need npm "apt-get install -y nodejs npm"
if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" = "${BINARYEN_VERSION%%.*}" ]; then
  done_step "version ${BINARYEN_VERSION%%.*} already installed"
else
  mkdir -p "$TOOLS/binaryen"
  run_bounded 600 "npm install binaryen@$BINARYEN_VERSION" \
    npm install --prefix "$TOOLS/binaryen" "${NPM_OPTS[@]}" "binaryen@$BINARYEN_VERSION"
  wasm-opt --version >/dev/null || die "wasm-opt does not run after installing binaryen"
  done_step "installed"
fi

# ---------------------------------------------------------------------------------------------------
# The build minifies its JavaScript with terser; the tests use Playwright and axe-core. One lock file.
step "npm dependencies (terser; Playwright, axe-core)"
stamp="$ROOT/node_modules/.funnel-lab-lock.sha"
want=$(sha256sum "$ROOT/package-lock.json" | awk '{print $1}')
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  done_step "up to date"
else
  (cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 run_bounded 600 "npm ci" npm ci "${NPM_OPTS[@]}")
  echo "$want" >"$stamp"
  done_step "installed"
fi

if [ "$WANT_TEST" -eq 1 ]; then
  # -------------------------------------------------------------------------------------------------
  step "Chromium and ChromeDriver"
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    done_step "$(chromium --version 2>/dev/null | head -n1)"
  elif have_apt; then
    apt_install chromium chromium-driver
    done_step "$(chromium --version 2>/dev/null | head -n1)"
  else
    die "chromium and chromedriver are missing. Fix: install them with your package manager (Debian: apt-get install -y chromium chromium-driver)"
  fi
fi

# ---------------------------------------------------------------------------------------------------
mkdir -p "$ROOT/target"
{
  echo "# written by scripts/setup.sh"
  printf 'export PATH=%q:"$PATH"\n' "$TOOLS/bin:$TOOLS/binaryen/node_modules/.bin:$HOME/.cargo/bin"
  printf 'export FUNNEL_LAB_WASM_TOOLCHAIN=%q\n' "$WASM_TOOLCHAIN"
  echo 'export TRUNK_SKIP_VERSION_CHECK=true'
} >"$ROOT/target/toolchain.env"
echo "==> setup: all steps done in $(($(date +%s) - SETUP_START)) s"
