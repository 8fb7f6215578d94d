#!/usr/bin/env bash
# Sets everything up, builds, and runs Accord on http://127.0.0.1:8080/ with demo data.
# Data lives in ./data (kept across runs; delete the folder for a fresh start).
# Options are passed to accord-server, e.g. scripts/run.sh --port 9000
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
echo
echo "Open http://127.0.0.1:8080/ in a browser (Ctrl+C stops the server)."
exec build/native/server/accord-server --data-dir data --web-root build/wasm/site --demo-data "$@"
