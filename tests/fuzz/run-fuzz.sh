#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) and runs each for a while from its
# committed seed corpus. New interesting inputs go to a scratch copy, not the repository.
#   tests/fuzz/run-fuzz.sh [seconds per target, default 60] [target...]
# A crash leaves its input in build-fuzz/fuzz/<target>-crash-* and fails the run (exit 1).
# GB_FUZZ_ARGS adds libFuzzer options, e.g. GB_FUZZ_ARGS=-malloc_limit_mb=1 to see a failure.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build="$top/build-fuzz"
seconds=${1:-60}
shift || true
"$top/packaging/install-deps.sh" --fuzz
CXX=clang++ cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGEMBALANCE_FUZZ=ON \
  -DGEMBALANCE_GUI=OFF -DGEMBALANCE_TESTS=OFF -DCMAKE_CXX_COMPILER_LAUNCHER= >/dev/null
targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in "$top"/tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi
# Only the fuzz targets (and the libraries they link), one compile job per core.
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]}"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for t in "${targets[@]}"; do
  name=${t#fuzz_}
  seeds="$top/tests/fuzz/corpus/$name"
  scratch=$(mktemp -d)
  cp -r "$seeds"/. "$scratch"/ 2>/dev/null || true
  rm -f "$build/fuzz/$t"-crash-* "$build/fuzz/$t"-leak-* "$build/fuzz/$t"-timeout-* "$build/fuzz/$t"-oom-*
  echo "== $t: ${seconds}s from $(ls "$seeds" 2>/dev/null | wc -l) seeds"
  set +e
  (cd "$build/fuzz" && "./$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$build/fuzz/$t-" ${GB_FUZZ_ARGS:-} "$scratch" >"$build/fuzz/$t.log" 2>&1)
  rc=$?
  set -e
  grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)" "$build/fuzz/$t.log" || true
  if ((rc != 0)); then
    echo "FAILED: $t (exit $rc); the input is in $build/fuzz:" >&2
    tail -40 "$build/fuzz/$t.log" >&2
    status=1
  fi
  rm -rf "$scratch"
done
exit $status
