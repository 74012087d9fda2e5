#!/usr/bin/env bash
# Installs what is missing, builds GemBalance (Release) and runs it.
# Arguments are passed on, e.g. packaging/build-and-run.sh --headless --port 8000
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/packaging/install-deps.sh"
cmake -S "$top" -B "$top/build-release" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGEMBALANCE_TESTS=OFF
cmake --build "$top/build-release" --parallel
exec "$top/build-release/gembalance" "$@"
