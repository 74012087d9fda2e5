#!/usr/bin/env bash
# Takes the README's screenshots into packaging/screenshots: every page of the desktop window
# (under Xvfb, `gembalance --demo --screenshots`) and the web admin pages (headless Chromium,
# tests/web/screenshots.mjs), both against the built-in demo upstream with some traffic sent
# through the proxy first. Needs the test packages (tests/run-tests.sh installs them) and a
# build: GB_BUILD (default build-tests) must hold the gembalance binary.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${GB_BUILD:-$top/build-tests}
out=$top/packaging/screenshots
bin=$build/gembalance
[[ -x $bin ]] || { echo "no $bin: build first (tests/run-tests.sh, or cmake --build into GB_BUILD)" >&2; exit 1; }
mkdir -p "$out"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

port_of() {  # port_of <log file>: waits (at most 20 s) for the "listening on" line
  for _ in $(seq 200); do
    if grep -qo 'listening on http://127.0.0.1:[0-9]*' "$1"; then
      grep -o 'listening on http://127.0.0.1:[0-9]*' "$1" | head -1 | sed 's/.*://'
      return 0
    fi
    sleep 0.1
  done
  echo "no listening line in $1" >&2
  cat "$1" >&2
  return 1
}

traffic() {  # traffic <port>: a mix of calls, some failing, over about 20 s
  local base="http://127.0.0.1:$1" token=sk-demo-client calls=()
  for i in $(seq 60); do
    curl -s -o /dev/null -H "x-goog-api-key: $token" -H 'Content-Type: application/json' \
      -d '{"contents":[{"parts":[{"text":"Hello"}]}]}' "$base/v1beta/models/gemini-2.5-flash:generateContent" &
    calls+=("$!")
    curl -s -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d '{"model":"gemini-2.5-pro","stream":true,"messages":[{"role":"user","content":"Hi"}]}' "$base/v1/chat/completions" &
    calls+=("$!")
    if ((i % 10 == 0)); then
      curl -s -o /dev/null -H "x-goog-api-key: $token" -H 'Content-Type: application/json' \
        -d '{"contents":[{"parts":[{"text":"Hello"}]}]}' "$base/v1beta/models/no-such-model:generateContent" &
      calls+=("$!")
    fi
    sleep 0.3
  done
  wait "${calls[@]}"  # only these: the desktop run is a background job too
}

# The desktop window: it saves its pages 30 s after starting.
xvfb-run -a -s "-screen 0 1400x900x24" "$bin" --demo --data-dir "$work/desktop" --port 0 --screenshots "$out" \
  >"$work/desktop.log" 2>&1 &
desktop=$!
pids+=("$desktop")
traffic "$(port_of "$work/desktop.log")"
wait "$desktop"
echo "desktop: $(grep -o 'saved [0-9]* screenshots' "$work/desktop.log")"

# The web admin pages.
"$bin" --headless --demo --data-dir "$work/web" --port 0 >"$work/web.log" 2>&1 &
pids+=("$!")
port=$(port_of "$work/web.log")
traffic "$port"
sleep 1  # the log writer's last batch
GB_BASE_URL="http://127.0.0.1:$port" GB_ADMIN_TOKEN=demo-admin GB_CHROMIUM=${GB_CHROMIUM:-/usr/bin/chromium} \
  GB_OUT="$out" node "$top/tests/web/screenshots.mjs"
ls -1 "$out"
