# shellcheck shell=bash
# Installs what the Faultlab build and tests need, at pinned versions, and skips whatever is already
# there. Sourced by serve.sh and test.sh; each function prints one line saying what it found or did.

set -euo pipefail

# Trunk 0.22 needs a newer rustc than this project pins; 0.21.14 is the last that builds here.
TRUNK_VERSION="0.21.14"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf 'faultlab: %s\n' "$*"; }
die() { printf 'faultlab: error: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

# The wasm-bindgen version in Cargo.lock: the CLI must equal it exactly.
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$REPO_ROOT/Cargo.lock"
}

ensure_rust() {
  command -v cargo >/dev/null || die "cargo is missing: install Rust from https://rustup.rs first"
}

ensure_wasm_target() {
  if rustup target list --installed 2>/dev/null | grep -x wasm32-unknown-unknown >/dev/null; then
    say "wasm32-unknown-unknown target: present"
  else
    say "installing the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_wasm_bindgen() {
  local want have
  want="$(locked_wasm_bindgen_version)"
  [ -n "$want" ] || die "could not read the wasm-bindgen version from Cargo.lock"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" = "$want" ] && command -v wasm-bindgen-test-runner >/dev/null; then
    say "wasm-bindgen-cli $want: present"
    return
  fi
  say "installing wasm-bindgen-cli $want (found: ${have:-none}; takes a few minutes)"
  # Not --locked: its lock file wants a webpki-roots version the registry mirror may lack.
  cargo install wasm-bindgen-cli --version "$want" --force
}

ensure_trunk() {
  local have
  have="$(trunk --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" = "$TRUNK_VERSION" ]; then
    say "trunk $TRUNK_VERSION: present"
    return
  fi
  say "installing trunk $TRUNK_VERSION (found: ${have:-none}; takes about ten minutes once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force \
    || cargo install trunk --version "$TRUNK_VERSION" --force
}

# The release build (dist/) uses a pinned nightly Rust: it rebuilds the standard library for size,
# and a panic stops the module at once instead of formatting a message (README, "Size": 45 KB gzip
# less than stable Rust; src/ui/panic.rs shows the error panel either way). The tests build with
# the stable toolchain. Where the nightly cannot be installed (no access to rustup's server), the
# release build falls back to the stable toolchain: it works the same, with a larger module.
RELEASE_TOOLCHAIN="nightly-2026-05-20"
RELEASE_ON_NIGHTLY=1

ensure_release_toolchain() {
  # grep without -q: with pipefail, -q could close the pipe before rustup has written everything.
  if rustup component list --toolchain "$RELEASE_TOOLCHAIN" --installed 2>/dev/null | grep '^rust-src' >/dev/null; then
    say "Rust $RELEASE_TOOLCHAIN with the library's source (for the release build): present"
  else
    say "installing Rust $RELEASE_TOOLCHAIN with the library's source, for the release build"
    if ! rustup toolchain install "$RELEASE_TOOLCHAIN" --profile minimal --component rust-src; then
      release_on_stable "could not install Rust $RELEASE_TOOLCHAIN"
      return
    fi
  fi
  # Trunk builds offline, and the rebuilt standard library has dependencies of its own.
  local sysroot
  if ! sysroot="$(rustup run "$RELEASE_TOOLCHAIN" rustc --print sysroot)"; then
    release_on_stable "could not run Rust $RELEASE_TOOLCHAIN"
    return
  fi
  if ! cargo "+$RELEASE_TOOLCHAIN" fetch --quiet --manifest-path "$sysroot/lib/rustlib/src/rust/library/Cargo.toml"; then
    release_on_stable "could not fetch the standard library's dependencies"
  fi
}

release_on_stable() {
  say "$1: the release build uses the stable toolchain instead (the same page, about 45 KB gzip larger)"
  RELEASE_ON_NIGHTLY=0
}

# Runs trunk with the release build's toolchain and flags, e.g. `release_trunk build --release`.
# The flags add to .cargo/config.toml's (SIMD stays on).
release_trunk() {
  if [ "$RELEASE_ON_NIGHTLY" = 1 ]; then
    RUSTUP_TOOLCHAIN="$RELEASE_TOOLCHAIN" \
      CARGO_UNSTABLE_BUILD_STD="std,panic_abort" \
      CARGO_UNSTABLE_BUILD_STD_FEATURES="optimize_for_size" \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
      trunk "$@"
  else
    trunk "$@"
  fi
}

# Everything a build needs: Rust with the wasm32 target, wasm-bindgen-cli, trunk, and the release
# build's toolchain (serve.sh, build.sh and test.sh start with it).
ensure_build_tools() {
  ensure_rust
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_trunk
  ensure_release_toolchain
}

# Finds Chromium/Chrome and a matching ChromeDriver: $CHROME and $CHROMEDRIVER win, then Debian's
# packages, installed through apt when running as root on Debian or Ubuntu.
ensure_chrome() {
  CHROME="${CHROME:-}"
  CHROMEDRIVER="${CHROMEDRIVER:-}"
  if [ -z "$CHROME" ]; then
    for c in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
      if [ -x "$c" ]; then CHROME="$c"; break; fi
    done
  fi
  if [ -z "$CHROMEDRIVER" ] && [ -x /usr/bin/chromedriver ]; then CHROMEDRIVER=/usr/bin/chromedriver; fi
  if [ -z "$CHROME" ] || [ -z "$CHROMEDRIVER" ]; then
    if is_root && command -v apt-get >/dev/null; then
      say "installing Chromium and ChromeDriver with apt"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
      CHROME=/usr/bin/chromium
      CHROMEDRIVER=/usr/bin/chromedriver
    else
      die "no Chromium/ChromeDriver found. On Debian or Ubuntu run:
    sudo apt-get install -y chromium chromium-driver
  or point to an installed pair (same major version):
    export CHROME=/path/to/chrome CHROMEDRIVER=/path/to/chromedriver"
    fi
  fi
  [ -x "$CHROME" ] || die "CHROME=$CHROME is not an executable"
  [ -x "$CHROMEDRIVER" ] || die "CHROMEDRIVER=$CHROMEDRIVER is not an executable"
  export CHROME CHROMEDRIVER
  say "browser: $("$CHROME" --version 2>/dev/null | head -n1) with $("$CHROMEDRIVER" --version | awk '{print $1, $2}')"
}

# Node.js runs the end-to-end test (playwright-core drives the Chromium found above; it never
# downloads a browser of its own).
ensure_node_modules() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    if is_root && command -v apt-get >/dev/null; then
      say "installing Node.js with apt"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    else
      die "Node.js is missing. On Debian or Ubuntu run: sudo apt-get install -y nodejs npm"
    fi
  fi
  local dir="$REPO_ROOT/tests/e2e"
  if [ -f "$dir/node_modules/.package-lock.json" ] && cmp -s "$dir/package-lock.json" "$dir/node_modules/.faultlab-lock"; then
    say "end-to-end test modules: present"
    return
  fi
  say "installing the end-to-end test modules (npm ci)"
  (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  cp "$dir/package-lock.json" "$dir/node_modules/.faultlab-lock"
}
