#!/usr/bin/env bash
# Runs every Faultlab test: native tests of the pure modules, browser tests of the UI in headless
# Chromium, and an end-to-end test of the release build served from a sub-path. Installs what is
# missing first, at pinned versions. Exits non-zero if anything fails.
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$REPO_ROOT"
ensure_build_tools
ensure_chrome
ensure_node_modules

# wasm-bindgen-test-runner reads the browser's options from webdriver.json; point it at $CHROME.
mkdir -p target
sed "s#/usr/bin/chromium#$CHROME#" webdriver.json > target/webdriver.json
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$REPO_ROOT/target/webdriver.json"
# The runner gives the whole browser suite 20 s by default (not each test); the suite takes about
# 15 s on an idle machine, so a busy one would be cut off. Each test still fails on its own after
# polling for 10 s (tests/browser/support.rs).
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-600}"

say "native tests (cargo test)"
cargo test

say "browser tests (wasm-bindgen-test in headless Chromium)"
cargo test --target wasm32-unknown-unknown --test browser

say "release build (trunk build --release, nightly Rust: tests/scripts/tools.sh)"
release_trunk build --release

say "end-to-end test of dist/ served under /course/faultlab/"
node tests/e2e/e2e.mjs dist

say "hosting: a strict policy, a missing file, a sandboxed frame, offline, a new build"
node tests/e2e/hosting.mjs dist

say "every lesson, step by step, on a laptop, a phone and in an 800×600 frame"
node tests/e2e/lessons.mjs dist
