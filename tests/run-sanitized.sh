#!/usr/bin/env bash
# The whole test suite built with AddressSanitizer and UndefinedBehaviorSanitizer
# (-DGEMBALANCE_SANITIZE=ON) in its own build dir. Any report fails the test that hit it.
# Extra arguments go to ctest. Installs and starts what it needs itself (the MariaDB of
# tests/start-mariadb.sh is reused when tests/run-tests.sh already started it). The npm SDK
# tests (integration.sdk, integration.openaisdk) are left out here; tests/run-tests.sh runs them.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build="$top/build-sanitize"
"$top/packaging/install-deps.sh" --test
# GB_SANITIZE_GUI=OFF leaves the desktop GUI, its tests and the keychain test out of this
# build (what .ci/run does, for time); by hand the default is the whole suite.
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DGEMBALANCE_SANITIZE=ON -DGEMBALANCE_TESTS=ON \
  -DGEMBALANCE_GUI="${GB_SANITIZE_GUI:-ON}" >/dev/null
cmake --build "$build" --parallel "$(nproc)"
"$top/tests/install-node-packages.sh" web
GB_TEST_MYSQL=$("$top/tests/start-mariadb.sh")
export GB_TEST_MYSQL GB_TEST_REQUIRE_MYSQL=1
# Leaks of the process itself are reported; Qt's and the system libraries' one-time
# allocations (fontconfig, the MySQL client) are suppressed in tests/sanitizer.supp.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=0
export LSAN_OPTIONS=suppressions=$top/tests/sanitizer.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd "$build"
if [[ -z "${DISPLAY:-}" ]] && command -v xvfb-run >/dev/null; then
  exec xvfb-run -a -s "-screen 0 1280x1024x24" ctest --output-on-failure --timeout 900 -E "sdk" "$@"
fi
exec ctest --output-on-failure --timeout 900 -E "sdk" "$@"
