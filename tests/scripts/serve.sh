#!/usr/bin/env bash
# Builds the Faultlab playground (release) and serves it on http://127.0.0.1:8080, rebuilding on change.
# Installs what is missing first: the wasm32 target, wasm-bindgen-cli, trunk and the release build's
# nightly Rust, at pinned versions.
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$REPO_ROOT"
ensure_build_tools
say "building and serving Faultlab on http://127.0.0.1:8080 (Ctrl+C stops it)"
release_trunk serve --release "$@"
