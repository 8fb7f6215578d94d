#!/usr/bin/env bash
# Sets everything up, builds, and runs every test: shared-model unit tests and server
# integration tests under ASan/UBSan, then unit + integration + browser end-to-end tests
# on the optimised build. Ends with ctest's summary; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
export NODE_PATH=/usr/share/nodejs

echo "== sanitizers (ASan + UBSan): unit and server tests"
[ -f build/asan/CMakeCache.txt ] || cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan

echo "== all tests: unit, server integration, browser end-to-end"
ctest --preset native
