#!/usr/bin/env bash
# ctest bench/fill-verifies: accord-fill makes 200 cases and `accord-server verify` accepts them.
set -euo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$ACCORD_FILL" --data-dir "$dir/data" --cases 200 >/dev/null
"$ACCORD_FILL" orders --data-dir "$dir/data" --count 10 >/dev/null
"$ACCORD_SERVER" verify --data-dir "$dir/data"
