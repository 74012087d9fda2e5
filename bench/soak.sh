#!/usr/bin/env bash
# Soak test (issue #7): the real gembalance binary against a faulty upstream (429/500/503
# errors, stalls, streams cut midway) under mixed unary and streaming traffic on the Gemini
# and OpenAI routes with random client disconnects; then checks that nothing was lost, hung,
# left out of the request log or leaked. See bench/README.md for what each check means.
#   bench/soak.sh [--minutes N]     default 30; CI runs --minutes 2
# GB_BENCH_BUILD=<dir> reuses a build dir (the bench targets are switched on in it);
# GB_SOAK_RSS_GROWTH_MB (default 16) bounds the RSS growth after warm-up;
# GB_SOAK_PORT (default 18201) and GB_SOAK_PORT+1 are used.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
minutes=30
while (($# > 0)); do
  case $1 in
    --minutes) minutes=$2; shift 2 ;;
    *) echo "usage: bench/soak.sh [--minutes N]" >&2; exit 2 ;;
  esac
done
seconds=$(awk -v m="$minutes" 'BEGIN { s = int(m * 60); print (s < 10 ? 10 : s) }')
rss_bound_mb=${GB_SOAK_RSS_GROWTH_MB:-16}
fd_slack=2            # descriptors a long-lived process may add lazily (documented in bench/README.md)
concurrency=32
disconnect_pct=10
up_port=${GB_SOAK_PORT:-18201}
gb_port=$((up_port + 1))

"$top/packaging/install-deps.sh" --bench
if [[ -n "${GB_BENCH_BUILD:-}" ]]; then
  build=$GB_BENCH_BUILD
  grep -q "^GEMBALANCE_BENCH:BOOL=ON" "$build/CMakeCache.txt" 2>/dev/null ||
    cmake -S "$top" -B "$build" -DGEMBALANCE_BENCH=ON >/dev/null
else
  build=$top/build-bench
  cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGEMBALANCE_BENCH=ON -DGEMBALANCE_TESTS=OFF \
    -DGEMBALANCE_GUI=OFF >/dev/null
fi
cmake --build "$build" --parallel --target gembalance gembalance-bench-upstream gembalance-bench-soak >/dev/null

work=$(mktemp -d /tmp/gembalance-soak-XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
failures=()
fail() { failures+=("$1"); echo "FAIL: $1" >&2; }

# The upstream: 20-event streams 20 ms apart; 12 % of calls get a fault.
"$build/gembalance-bench-upstream" --port "$up_port" --latency 5 --chunks 20 --chunk-delay 20 \
  --faults 429:3,500:2,503:2,stall:1,cut:4 --seed 7 >"$work/upstream.log" 2>&1 &
up_pid=$!
pids+=("$up_pid")

# GemBalance: 20 keys, SQLite request log; a stalled attempt is given up after TIME_OUT=3 s
# and retried, so every request is over well inside the client's 30 s deadline.
keys=$(for i in $(seq 1 20); do printf '"AIzaSoakKey%02d%s",' "$i" "abcdefghijklmnopqrstuvw"; done)
env -i PATH="$PATH" HOME="$work" API_KEYS="[${keys%,}]" ALLOWED_TOKENS='["soak-token"]' AUTH_TOKEN=soak-admin \
  BASE_URL="http://127.0.0.1:$up_port/v1beta" TIME_OUT=3 MAX_RETRIES=3 LOG_LEVEL=WARNING \
  "$build/gembalance" --headless --host 127.0.0.1 --port "$gb_port" --data-dir "$work/gb" >"$work/gb.log" 2>&1 &
gb_pid=$!
pids+=("$gb_pid")

base="http://127.0.0.1:$gb_port"
for _ in $(seq 1 200); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.05; done
curl -fs "$base/health" >/dev/null || { echo "GemBalance did not start" >&2; cat "$work/gb.log" >&2; exit 1; }
# Running, not a zombie (kill -0 succeeds on a child that died but was not waited for).
running() { local st; st=$(awk '/^State:/ { print $2 }' "/proc/$1/status" 2>/dev/null) || return 1; [[ -n $st && $st != Z ]]; }
metric() { curl -fs -H "Authorization: Bearer soak-admin" "$base/metrics" | awk -v n="$1" '$1 == n { print $2 }'; }
fds() { ls "/proc/$gb_pid/fd" | wc -l; }
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$gb_pid/status"; }

# A few calls first, so what is created lazily (threads, the log writer's connection) is in
# the baseline; then the descriptors at rest.
warm_ok=0
for _ in 1 2 3; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "x-goog-api-key: soak-token" -H "Content-Type: application/json" \
    -d '{"contents":[{"parts":[{"text":"warm-up"}]}]}' "$base/v1beta/models/gemini-2.5-flash:generateContent" || true)
  if [[ $code == 200 ]]; then warm_ok=$((warm_ok + 1)); fi
done
sleep 1
fd_baseline=$(fds)

echo "Soak: ${seconds}s, $concurrency requests in flight, $disconnect_pct % client disconnects, upstream faults on" >&2
(
  start=$(date +%s.%N)
  while running "$gb_pid"; do
    printf '%s %s %s\n' "$(awk -v s="$start" -v n="$(date +%s.%N)" 'BEGIN { printf "%.1f", n - s }')" "$(rss_kb)" "$(fds)"
    sleep 2
  done
) >"$work/rss.txt" 2>/dev/null &
sampler=$!
pids+=("$sampler")
driver_rc=0
timeout $((seconds + 120)) "$build/gembalance-bench-soak" --url "$base" --token soak-token --seconds "$seconds" \
  --concurrency $concurrency --deadline-ms 30000 --disconnect-percent $disconnect_pct --seed 11 \
  >"$work/driver.json" || driver_rc=$?
kill "$sampler" 2>/dev/null || true
summary=$(cat "$work/driver.json")
echo "driver: $summary"
((driver_rc == 0)) || fail "the traffic driver exited with $driver_rc"
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get(sys.argv[2], -1))' "$summary" "$1" 2>/dev/null || echo -1; }

# 1. Alive and answering.
if running "$gb_pid" && [[ $(curl -s -o /dev/null -w '%{http_code}' "$base/health") == 200 ]]; then
  echo "alive: yes, /health answers"
else
  fail "GemBalance died or does not answer /health"
fi

# 2. Nothing lost or hung.
for f in broken hung unfinished; do
  [[ $(field $f) == 0 ]] || fail "$f requests: $(field $f) (0 expected)"
done
(($(field sent) > 0)) || fail "no requests were sent"

# 3. Descriptors back to the baseline once idle upstream connections are closed (30 s idle).
fd_now=$(fds)
for _ in $(seq 1 60); do
  fd_now=$(fds)
  if ((fd_now <= fd_baseline + fd_slack)); then break; fi
  sleep 1
done
fd_peak=$(awk 'NF == 3 && $3 > m { m = $3 } END { print m + 0 }' "$work/rss.txt")
echo "file descriptors: baseline $fd_baseline, peak under load $fd_peak, after the load $fd_now"
((fd_now <= fd_baseline + fd_slack)) || fail "open file descriptors: $fd_now, baseline $fd_baseline (+$fd_slack allowed)"

# 4. RSS flat after warm-up: a least-squares line through the samples after the first 20 %;
# its rise over that window must stay under the bound.
rss_report=$(python3 - "$work/rss.txt" "$rss_bound_mb" <<'PY'
import sys
rows = [tuple(map(float, l.split()[:2])) for l in open(sys.argv[1]) if len(l.split()) == 3]
bound = float(sys.argv[2])
if len(rows) < 5:
    print("FAIL too few RSS samples (%d)" % len(rows)); sys.exit()
tail = rows[len(rows) // 5:]
n = len(tail); mx = sum(t for t, _ in tail) / n; my = sum(r for _, r in tail) / n
sxx = sum((t - mx) ** 2 for t, _ in tail) or 1.0
slope = sum((t - mx) * (r - my) for t, r in tail) / sxx          # kB per second
rise_mb = slope * (tail[-1][0] - tail[0][0]) / 1024
verdict = "ok" if rise_mb <= bound else "FAIL"
print("%s RSS first %.1f MB, peak %.1f MB, last %.1f MB; after warm-up %d samples, slope %.1f kB/min, fitted rise %.2f MB (bound %.0f MB)"
      % (verdict, rows[0][1] / 1024, max(r for _, r in rows) / 1024, rows[-1][1] / 1024, n, slope * 60, rise_mb, bound))
PY
)
echo "${rss_report#* }"
[[ $rss_report == ok* ]] || fail "${rss_report#FAIL }"

# 5. Every upstream attempt in the request log. U = calls the upstream took; then a clean
# stop (SIGTERM writes the queued log entries) and the rows are counted.
upstream_calls=$(curl -fs "http://127.0.0.1:$up_port/bench/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["relay_requests"])')
dropped=$(metric gembalance_log_entries_dropped_total)
kill -TERM "$gb_pid"
stopped=no
for _ in $(seq 1 300); do
  if ! running "$gb_pid"; then stopped=yes; break; fi
  sleep 0.1
done
[[ $stopped == yes ]] || fail "GemBalance did not stop within 30 s of SIGTERM"
wait "$gb_pid" 2>/dev/null && gb_rc=0 || gb_rc=$?
((gb_rc == 0)) || fail "GemBalance exited with $gb_rc on SIGTERM"
read -r rows success_rows < <(python3 - "$work/gb/gembalance.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
total, success = db.execute("SELECT COUNT(*), COALESCE(SUM(is_success), 0) FROM t_request_log").fetchone()
print(total, success)
PY
)
# The warm-up's calls are in U and in the rows: its 200 answers count with the driver's.
disconnects=$(field disconnect)
ok=$(( $(field ok) + warm_ok ))
echo "request log: $rows rows ($success_rows successful); upstream took $upstream_calls calls; $ok requests answered ok (driver + warm-up), $disconnects client disconnects; log entries dropped: $dropped"
[[ ${dropped:-x} == 0 ]] || fail "the log writer dropped ${dropped:-?} entries"
((rows >= upstream_calls && rows <= upstream_calls + disconnects)) ||
  fail "request log rows $rows, upstream calls $upstream_calls: every call must have one row (up to $disconnects more for calls given up before they reached the upstream)"
((success_rows >= ok && success_rows <= ok + disconnects)) ||
  fail "successful rows $success_rows, requests answered ok $ok: each needs exactly one (up to $disconnects more for clients that left after the answer)"

if ((${#failures[@]} > 0)); then
  echo "SOAK FAILED: ${#failures[@]} check(s)" >&2
  tail -20 "$work/gb.log" >&2
  exit 1
fi
echo "SOAK PASSED"
