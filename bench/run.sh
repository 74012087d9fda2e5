#!/usr/bin/env bash
# GemBalance benchmarks: direct to a fast Gemini-like upstream (the floor), nginx as a
# plain reverse proxy (the C reference), and GemBalance on its Gemini and OpenAI routes
# with 20 keys, all measured in one run on this machine; and the h2c rows (HTTP/2 cleartext
# to the upstream through nginx's h2c front). See bench/README.md.
#   bench/run.sh            full run (about 6 minutes)
#   bench/run.sh --quick    shorter runs, for a smoke check
#   GB_BENCH_PROXY_THREADS=1 bench/run.sh   GemBalance with that many event loops (default: PROXY_THREADS's, one per core)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${GB_BENCH_BUILD:-$top/build-bench}   # GB_BENCH_BUILD: reuse a configured build dir
duration=10
stream_counts=(1 16 1000)
stream_rounds=7
if [[ "${1:-}" == "--quick" ]]; then duration=3 stream_rounds=3; fi

"$top/packaging/install-deps.sh" --bench
if [[ -z "${GB_BENCH_BUILD:-}" ]]; then
  cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGEMBALANCE_BENCH=ON -DGEMBALANCE_TESTS=OFF \
    -DGEMBALANCE_GUI=OFF >/dev/null
fi
cmake --build "$build" --parallel --target gembalance gembalance-bench-upstream gembalance-bench-probe >/dev/null

work=$(mktemp -d /tmp/gembalance-bench-XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

up_port=18101 nginx_port=18102 gb_port=18103 h2c_port=18105 gb_h1_port=18106 gb_h2c_port=18107
model=gemini-2.5-flash
body='{"contents":[{"role":"user","parts":[{"text":"Say hello."}]}]}'
openai_body='{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Say hello."}]}'
openai_stream_body='{"model":"gemini-2.5-flash","stream":true,"messages":[{"role":"user","content":"Say hello."}]}'
printf '%s' "$body" >"$work/body.json"
printf '%s' "$openai_stream_body" >"$work/openai-stream.json"

# The upstream: answers at once; streams of 50 events 10 ms apart.
"$build/gembalance-bench-upstream" --port $up_port --chunks 50 --chunk-delay 10 >"$work/upstream.log" &
pids+=($!)

# nginx: a plain reverse proxy with a keep-alive pool to the upstream, no buffering of streams.
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx;
  fastcgi_temp_path $work/nginx; uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  upstream gemini { server 127.0.0.1:$up_port; keepalive 256; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://gemini;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
  # The h2c front: HTTP/2 cleartext with prior knowledge, to the same upstream. Its log
  # shows which protocol each request came in (the proof that GemBalance spoke h2c).
  log_format proto '\$server_protocol \$status \$request_uri';
  server {
    listen 127.0.0.1:$h2c_port http2;
    access_log $work/nginx/h2c-access.log proto;
    http2_max_concurrent_streams 256;
    keepalive_requests 1000000;
    location / {
      proxy_pass http://gemini;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
NGINX
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
pids+=($nginx_pid)

# GemBalance: 20 keys, a client token, its own data dir (SQLite: request log and stats on).
keys=$(for i in $(seq 1 20); do printf '"AIzaBenchKey%02d%s",' "$i" "abcdefghijklmnopqrstuvw"; done)
keys="[${keys%,}]"
loops=${GB_BENCH_PROXY_THREADS:-0}
gb_env=(env -i PATH="$PATH" HOME="$work" API_KEYS="$keys" ALLOWED_TOKENS='["bench-token"]' AUTH_TOKEN=bench-admin
  BASE_URL="http://127.0.0.1:$up_port/v1beta" LOG_LEVEL=WARNING PROXY_THREADS="$loops")
"${gb_env[@]}" "$build/gembalance" --headless --host 127.0.0.1 --port $gb_port --data-dir "$work/gb" \
  >"$work/gb.log" 2>&1 &
gb_pid=$!
pids+=($gb_pid)

wait_port() { for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$1$2" >/dev/null 2>&1 && return 0; sleep 0.05; done
  echo "nothing answers on port $1" >&2; cat "$work/gb.log" >&2; exit 1; }
wait_port $up_port /v1beta/models
wait_port $nginx_port /v1beta/models
wait_port $gb_port /health

# Two more GemBalance instances for the h2c rows, both reaching the upstream through nginx so
# the extra hop is the same for both: one with its own HTTP/1.1 client (nginx's h1 port),
# one speaking h2c with prior knowledge (nginx's h2c port, UPSTREAM_HTTP2=prior-knowledge).
gb_h1_env=(env -i PATH="$PATH" HOME="$work" API_KEYS="$keys" ALLOWED_TOKENS='["bench-token"]' AUTH_TOKEN=bench-admin
  BASE_URL="http://127.0.0.1:$nginx_port/v1beta" LOG_LEVEL=WARNING PROXY_THREADS="$loops")
gb_h2c_env=(env -i PATH="$PATH" HOME="$work" API_KEYS="$keys" ALLOWED_TOKENS='["bench-token"]' AUTH_TOKEN=bench-admin
  BASE_URL="http://127.0.0.1:$h2c_port/v1beta" UPSTREAM_HTTP2=prior-knowledge LOG_LEVEL=INFO PROXY_THREADS="$loops")
"${gb_h1_env[@]}" "$build/gembalance" --headless --host 127.0.0.1 --port $gb_h1_port --data-dir "$work/gb-h1" \
  >"$work/gb-h1.log" 2>&1 &
gb_h1_pid=$!
pids+=($gb_h1_pid)
"${gb_h2c_env[@]}" "$build/gembalance" --headless --host 127.0.0.1 --port $gb_h2c_port --data-dir "$work/gb-h2c" \
  >"$work/gb-h2c.log" 2>&1 &
gb_h2c_pid=$!
pids+=($gb_h2c_pid)
wait_port $gb_h1_port /health
wait_port $gb_h2c_port /health
sleep 1
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
idle_rss=$(rss_kb $gb_pid)

# CPU seconds used so far by a process and its children threads (utime+stime).
cpu_ticks() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }
nginx_pids() { echo "$nginx_pid" $(pgrep -P "$nginx_pid"); }
hz=$(getconf CLK_TCK)

lua() {  # lua <file> <body> <header lines...>
  local file=$1 b=$2; shift 2
  { echo 'wrk.method = "POST"'; printf 'wrk.body = [[%s]]\n' "$b"
    echo 'wrk.headers["Content-Type"] = "application/json"'
    for h in "$@"; do printf 'wrk.headers["%s"] = "%s"\n' "${h%%:*}" "${h#*: }"; done; } >"$file"
}
lua "$work/direct.lua" "$body"
lua "$work/gemini.lua" "$body" "x-goog-api-key: bench-token"
lua "$work/openai.lua" "$openai_body" "Authorization: Bearer bench-token"

results="$top/bench/results/$(date -u +%Y%m%d-%H%M%S).txt"
mkdir -p "$top/bench/results"
declare -A rps p50 p99 cpu
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000} printf "%.2f", v}'; }

run_wrk() {  # run_wrk <name> <connections> <url> <lua> <pids...>: one round, appended to its file
  local name=$1 c=$2 url=$3 script=$4; shift 4
  local before after out requests threads=2 cpu_us="-"
  ((c < 2)) && threads=1
  before=$( (($# > 0)) && cpu_ticks "$@" || echo 0)
  out=$(wrk -t$threads -c"$c" -d"${duration}s" --latency -s "$script" "$url")
  after=$( (($# > 0)) && cpu_ticks "$@" || echo 0)
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  if (($# > 0)) && ((requests > 0)); then
    cpu_us=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$requests" 'BEGIN {printf "%.1f", t / hz / n * 1e6}')
  fi
  echo "$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<<"$out") $(awk '$1=="50%" {print $2}' <<<"$out" | to_ms)" \
    "$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms) $cpu_us" >>"$work/wrk-$name-$c.txt"
  if grep -q "Non-2xx" <<<"$out"; then echo "warning: $name c=$c had non-2xx answers" >&2; fi
}
summarize_wrk() {  # <name> <connections>: the round with the median requests/s counts
  local line
  line=$(sort -n "$work/wrk-$1-$2.txt" | awk '{l[NR] = $0} END {print l[int((NR + 1) / 2)]}')
  read -r rps[$1,$2] p50[$1,$2] p99[$1,$2] cpu[$1,$2] <<<"$line"
}

gemini_path="/v1beta/models/$model:generateContent"
echo "Unary requests, ${duration}s per cell ..." >&2
for c in 1 16 64 256; do
  # 64 connections is the target's cell: 3 rounds, the targets taking turns, the median counts
  # (nginx's own figure there has moved by a third between runs on these shared cores).
  rounds=1
  ((c == 64)) && rounds=3
  for ((r = 0; r < rounds; r++)); do
    run_wrk direct $c "http://127.0.0.1:$up_port$gemini_path?key=AIzaBench" "$work/direct.lua"
    run_wrk nginx $c "http://127.0.0.1:$nginx_port$gemini_path?key=AIzaBench" "$work/direct.lua" $(nginx_pids)
    run_wrk gb-gemini $c "http://127.0.0.1:$gb_port$gemini_path" "$work/gemini.lua" $gb_pid
    run_wrk gb-openai $c "http://127.0.0.1:$gb_port/v1/chat/completions" "$work/openai.lua" $gb_pid
  done
  for t in direct nginx gb-gemini gb-openai; do summarize_wrk $t $c; done
done
load_rss=$(hwm_kb $gb_pid)

# h2c rows: the floor through nginx's h2c front (h2load, one stream per connection), and
# GemBalance over h2c against GemBalance over its own HTTP/1.1 client, both via nginx.
h2c_counts=(16 64)
declare -A h2_rps
run_h2load() {  # run_h2load <name> <connections> <url>
  local out
  out=$(h2load -c "$2" -m 1 -t $((($2 > 1) ? 2 : 1)) -D "$duration" -d "$work/body.json" \
    -H "content-type: application/json" "$3" 2>&1 || true)
  h2_rps[$1,$2]=$(awk '/^finished in/ { for (i = 1; i <= NF; i++) if ($i ~ /req\/s/) { v = $(i - 1); gsub(/,/, "", v); printf "%.0f", v } }' <<<"$out")
  [[ -n "${h2_rps[$1,$2]}" ]] || h2_rps[$1,$2]=0
  grep -q "h2c" <<<"$out" || grep -q "Application protocol: h2c" <<<"$out" || echo "warning: h2load did not use h2c" >&2
}
if command -v h2load >/dev/null; then
  echo "h2c rows ..." >&2
  : >"$work/nginx/h2c-access.log"
  for c in "${h2c_counts[@]}"; do
    run_h2load h2c-floor $c "http://127.0.0.1:$h2c_port$gemini_path?key=AIzaBench"
    run_wrk gb-h1-via-nginx $c "http://127.0.0.1:$gb_h1_port$gemini_path" "$work/gemini.lua" $gb_h1_pid
    run_wrk gb-h2c-via-nginx $c "http://127.0.0.1:$gb_h2c_port$gemini_path" "$work/gemini.lua" $gb_h2c_pid
    summarize_wrk gb-h1-via-nginx $c
    summarize_wrk gb-h2c-via-nginx $c
  done
  # Which protocol GemBalance's upstream calls used, from nginx's h2c log (h2load's calls,
  # which carry ?key=AIzaBench, are left out: GemBalance sends its key in a header).
  h2c_proto=$(awk '$3 !~ /key=AIzaBench/ { n[$1]++ } END { for (p in n) printf "%s%s: %d", (k++ ? ", " : ""), p, n[p] }' \
    "$work/nginx/h2c-access.log")
else
  echo "warning: h2load (nghttp2-client) is missing: no h2c rows" >&2
fi

echo "Streams of 50 events ..." >&2
declare -A ttfb total done_streams
probe_round() {  # <name> <count> <url> <body file> [headers...]: one round, appended to its file
  local name=$1 n=$2 url=$3 file=$4; shift 4
  local args=()
  for h in "$@"; do args+=(--header "$h"); done
  { "$build/gembalance-bench-probe" stream --url "$url" --streams "$n" --body "$file" "${args[@]}" || true; } \
    >>"$work/streams-$name-$n.jsonl"
}
summarize_streams() {  # <name> <count>: the round with the median first-event p50 counts
  local out
  out=$(python3 -c '
import json, sys
rounds = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
rounds.sort(key=lambda d: d["first_event_ms"]["p50"])
print(json.dumps(rounds[len(rounds) // 2]))' "$work/streams-$1-$2.jsonl")
  ttfb[$1,$2]=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print("%.2f / %.2f" % (d["first_event_ms"]["p50"], d["first_event_ms"]["p99"]))' "$out")
  total[$1,$2]=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print("%.0f / %.0f" % (d["total_ms"]["p50"], d["total_ms"]["p99"]))' "$out")
  done_streams[$1,$2]=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print("%d/%d" % (d["completed"], d["streams"]))' "$out")
}
stream_path="/v1beta/models/$model:streamGenerateContent?alt=sse"
stream_targets=(direct nginx gb-gemini gb-openai)
for n in "${stream_counts[@]}"; do
  # Up to 16 streams a single round is noisy (one late wake-up moves the p50 of 16 by
  # milliseconds, and the machine's load drifts): 7 rounds (3 with --quick), the targets taking
  # turns within each round so a drift falls on all of them alike; 1,000 streams: one round.
  rounds=1
  ((n <= 16)) && rounds=$stream_rounds
  for ((r = 0; r < rounds; r++)); do
    probe_round direct $n "http://127.0.0.1:$up_port$stream_path&key=AIzaBench" "$work/body.json"
    probe_round nginx $n "http://127.0.0.1:$nginx_port$stream_path&key=AIzaBench" "$work/body.json"
    probe_round gb-gemini $n "http://127.0.0.1:$gb_port$stream_path" "$work/body.json" "x-goog-api-key: bench-token"
    probe_round gb-openai $n "http://127.0.0.1:$gb_port/v1/chat/completions" "$work/openai-stream.json" \
      "Authorization: Bearer bench-token"
  done
  for t in "${stream_targets[@]}"; do summarize_streams $t $n; done
done
peak_rss=$(hwm_kb $gb_pid)
sleep 2
after_rss=$(rss_kb $gb_pid)

startup=$("$build/gembalance-bench-probe" startup --url "http://127.0.0.1:18104/health" -- \
  "${gb_env[@]}" "$build/gembalance" --headless --host 127.0.0.1 --port 18104 --data-dir "$work/gb-start" |
  python3 -c 'import json,sys; print("%.0f" % json.load(sys.stdin)["startup_ms"])')

{
  echo "GemBalance benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(git -C "$top" rev-parse --short HEAD)"
  echo "upstream: bench upstream (HTTP/1.1, immediate answers; streams of 50 events 10 ms apart); ${duration}s per cell"
  echo "GemBalance: PROXY_THREADS=$loops ($( ((loops > 0)) && echo "$loops event loops" || echo "one event loop per core"))"
  echo
  echo "Unary generateContent: requests/s (ratio to nginx), p50/p99 latency ms, proxy CPU µs per request"
  printf '%-5s %-28s %-28s %-28s %-28s\n' conns direct nginx gb-gemini gb-openai
  for c in 1 16 64 256; do
    line=$(printf '%-5s' $c)
    for t in direct nginx gb-gemini gb-openai; do
      ratio=$(awk -v a="${rps[$t,$c]}" -v b="${rps[nginx,$c]}" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
      cell="${rps[$t,$c]} (${ratio}x) ${p50[$t,$c]}/${p99[$t,$c]}"
      [[ "${cpu[$t,$c]}" != "-" ]] && cell+=" ${cpu[$t,$c]}µs"
      line+=$(printf ' %-28s' "$cell")
    done
    echo "$line"
  done
  echo
  echo "Streams (50 events): first event p50/p99 ms, total p50/p99 ms, completed"
  printf '%-7s %-34s %-34s %-34s %-34s\n' streams direct nginx gb-gemini gb-openai
  for n in "${stream_counts[@]}"; do
    line=$(printf '%-7s' $n)
    for t in direct nginx gb-gemini gb-openai; do
      line+=$(printf ' %-34s' "${ttfb[$t,$n]} | ${total[$t,$n]} | ${done_streams[$t,$n]}")
    done
    echo "$line"
  done
  echo
  if [[ -v h2c_proto ]]; then
    echo "h2c (HTTP/2 cleartext, prior knowledge) via nginx's h2c front: requests/s, p50/p99 ms, proxy CPU µs per request"
    echo "(h2c-floor: h2load straight to nginx's h2c port; gb-*: GemBalance with nginx as its upstream, wrk as the client)"
    printf '%-5s %-16s %-32s %-32s\n' conns h2c-floor gb-h1-via-nginx gb-h2c-via-nginx
    for c in "${h2c_counts[@]}"; do
      line=$(printf '%-5s %-16s' $c "${h2_rps[h2c-floor,$c]}")
      for t in gb-h1-via-nginx gb-h2c-via-nginx; do
        line+=$(printf ' %-32s' "${rps[$t,$c]} ${p50[$t,$c]}/${p99[$t,$c]} ${cpu[$t,$c]}µs")
      done
      echo "$line"
    done
    echo "GemBalance's calls at nginx's h2c port, by protocol: ${h2c_proto:-none}"
    echo
  fi
  echo "GemBalance RSS: idle $((idle_rss / 1024)) MB, peak under load $((peak_rss / 1024)) MB (after unary $((load_rss / 1024)) MB), after load $((after_rss / 1024)) MB"
  echo "GemBalance start-up to first answered request: ${startup} ms"
} | tee "$results"
echo "written to ${results#$top/}" >&2
