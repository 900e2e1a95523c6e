#!/bin/sh
# Trunk's post_build hook. Shortens the module's import names (trim_wasm.py says how; it needs
# Python 3, and without it the build keeps the longer names), drops the whole-line comments of the
# two hand-written scripts (start.js and sw.js keep them in static/host/; the copies in dist/ are
# 1.6 KB gzip smaller without), then writes sw.js with this build's files and a build id made of
# their contents, so that a new build is a new service worker (static/host/sw.js says why).
set -eu
cd "$TRUNK_STAGING_DIR"
if command -v python3 >/dev/null; then
  python3 "$TRUNK_SOURCE_DIR/static/host/trim_wasm.py" .
else
  echo "trim_wasm: no python3, so the module keeps its long import names (8 KB gzip more)" >&2
fi
no_comments='/^[[:space:]]*\/\//d'
sed -i "$no_comments" start.js
files=$(find . -maxdepth 1 -type f ! -name sw.js ! -name index.html | sed 's|^\./||' | sort)
build=$(cat $files index.html | cksum | cut -d' ' -f1)
list=$(printf '%s\n' $files | sed 's/.*/"&"/' | paste -sd, -)
sed -e "$no_comments" -e "s/__FAULTLAB_BUILD__/$build/" -e "s/__FAULTLAB_FILES__/[$list]/" \
  "$TRUNK_SOURCE_DIR/static/host/sw.js" > sw.js
