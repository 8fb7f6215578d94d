#!/usr/bin/env bash
# Measures line and branch coverage of shared/ (the dispute model) by its unit tests.
# Prints gcovr's summary; writes an HTML report to build/coverage/coverage.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -f build/coverage/CMakeCache.txt ] || cmake --preset coverage >/dev/null
cmake --build --preset coverage --target accord_shared_tests
find build/coverage -name '*.gcda' -delete
build/coverage/tests/accord_shared_tests >/dev/null
# Branch figures exclude the compiler's exception-cleanup edges (the model never throws)
# and unreachable default branches that only exist to silence warnings.
gcovr --root . --filter 'shared/src/' --exclude-throw-branches --exclude-unreachable-branches \
      --html-details build/coverage/coverage.html --print-summary build/coverage \
  | tail -n 3
