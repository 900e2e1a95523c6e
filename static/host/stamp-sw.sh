#!/bin/sh
# Trunk's post_build hook: writes sw.js with this build's files and a build id made of their
# contents, so that a new build is a new service worker (static/host/sw.js says why).
set -eu
cd "$TRUNK_STAGING_DIR"
files=$(find . -maxdepth 1 -type f ! -name sw.js ! -name index.html | sed 's|^\./||' | sort)
build=$(cat $files index.html | cksum | cut -d' ' -f1)
list=$(printf '%s\n' $files | sed 's/.*/"&"/' | paste -sd, -)
sed -e "s/__FAULTLAB_BUILD__/$build/" -e "s/__FAULTLAB_FILES__/[$list]/" \
  "$TRUNK_SOURCE_DIR/static/host/sw.js" > sw.js
