#!/usr/bin/env bash
# Prints the size of each file in dist/ and the total, raw and gzipped (gzip -9), in bytes.
# Run after `tests/scripts/build.sh` (the release build).
set -euo pipefail
dir="${1:-dist}"
[ -d "$dir" ] || { echo "no $dir/: run tests/scripts/build.sh first" >&2; exit 1; }
total_raw=0; total_gz=0
printf '%-48s %12s %12s\n' file raw gzip
for f in "$dir"/*; do
  [ -f "$f" ] || continue
  raw=$(wc -c < "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-48s %12d %12d\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-48s %12d %12d\n' total "$total_raw" "$total_gz"
