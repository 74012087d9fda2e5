#!/usr/bin/env bash
# Installs what is missing, builds GemBalance with its tests, and runs every test with ctest.
# Extra arguments go to ctest, e.g. tests/run-tests.sh -R integration
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build="$top/build-tests"
"$top/packaging/install-deps.sh" --test
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGEMBALANCE_TESTS=ON
cmake --build "$build" --parallel

# The pinned node packages (tests/sdk, tests/web); see that script.
"$top/tests/install-node-packages.sh"
# A private MariaDB on 127.0.0.1:3307 for the MySQL half of the repository tests: here it
# is required, so a server that does not come up fails those tests instead of skipping them.
GB_TEST_MYSQL=$("$top/tests/start-mariadb.sh")
export GB_TEST_MYSQL GB_TEST_REQUIRE_MYSQL=1
cd "$build"
# GUI tests need a display: a virtual one when there is none.
if [[ -z "${DISPLAY:-}" ]] && command -v xvfb-run >/dev/null; then
  exec xvfb-run -a -s "-screen 0 1280x1024x24" ctest --output-on-failure --timeout 600 "$@"
fi
exec ctest --output-on-failure --timeout 600 "$@"
