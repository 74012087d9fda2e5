#!/usr/bin/env bash
# The pinned node packages the tests use: tests/sdk (@google/genai for integration.sdk, openai
# for integration.openaisdk) and tests/web (puppeteer-core for integration.webadmin).
#   tests/install-node-packages.sh [folder under tests/ ...]   default: sdk web
# npm ci only when node_modules is missing or the lock changed, so reruns are fast. A failure
# is reported and the tests that need those packages fail with the reason; it never stops
# the caller (the other tests still run).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dirs=("$@")
((${#dirs[@]} == 0)) && dirs=(sdk web)
for name in "${dirs[@]}"; do
  dir="$top/tests/$name"
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
exit 0
