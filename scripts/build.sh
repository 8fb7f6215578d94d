#!/usr/bin/env bash
# Builds the native server (+ tests) and the WASM web client. Incremental: re-running is quick.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # Emscripten's JS optimiser needs Debian's acorn
for preset in native wasm; do
  [ -f "build/$preset/CMakeCache.txt" ] || cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
done
