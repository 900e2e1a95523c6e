#!/usr/bin/env bash
# Builds the release playground into dist/ (or the folder given with --dist), as CI does: Trunk with
# the pinned nightly Rust that rebuilds the standard library for size (tests/scripts/tools.sh).
# The benchmarks and the size table in the README read this build.
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$REPO_ROOT"
ensure_build_tools
release_trunk build --release "$@"
