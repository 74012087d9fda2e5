#!/usr/bin/env bash
# Installs what is missing, builds GemBalance with its tests, and runs every test with ctest.
# Extra arguments go to ctest, e.g. tests/run-tests.sh -R integration
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build="$top/build-tests"
"$top/packaging/install-deps.sh" --test
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGEMBALANCE_TESTS=ON
cmake --build "$build" --parallel

# The pinned node packages: tests/sdk (@google/genai for integration.sdk, openai for
# integration.openaisdk) and tests/web (puppeteer-core for integration.webadmin). npm ci
# only when node_modules is missing or the lock changed, so reruns are fast. A failure here
# is reported and those tests fail with the reason; the other tests still run.
for dir in "$top/tests/sdk" "$top/tests/web"; do
  stamp="$dir/node_modules/.gembalance-lock.sha256"
  lock_sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
    if command -v npm >/dev/null && (cd "$dir" && npm ci --no-audit --no-fund); then
      echo "$lock_sum" >"$stamp"
    else
      echo "warning: npm ci in $dir failed or npm is missing: the tests that use it will fail" >&2
    fi
  fi
done
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
