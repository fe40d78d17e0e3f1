#!/usr/bin/env bash
# Build the libFuzzer harnesses of tests/fuzz/ (Debian's clang, with
# AddressSanitizer + UndefinedBehaviorSanitizer) and run each for SECONDS
# seconds (default 60), two at a time, on a scratch copy of its committed
# corpus (tests/fuzz/corpus/<name>/, which stays as committed). Prints each
# harness's executions; exits 1 when one crashed, its input then being in
# build-fuzz/crashes/ (commit it under tests/fuzz/regressions/<name>/ with
# the fix: ctest runs every input there).
#   bash tests/fuzz/run.sh           # the short run of tests/run-all.sh (CI)
#   bash tests/fuzz/run.sh 3600      # the long run: an hour per harness
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
harnesses="bundle config columns archive"

cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCES_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets=()
for h in $harnesses; do targets+=(--target "fuzz_$h"); done
cmake --build build-fuzz -j"$(nproc 2>/dev/null || echo 2)" "${targets[@]}" >/dev/null
mkdir -p build-fuzz/crashes

# One harness for $secs seconds; its log in build-fuzz/fuzz_<name>.log.
fuzz() {
  local h=$1 scratch
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/cescore-fuzz-$h.XXXXXX")
  local dirs=("$scratch" "tests/fuzz/corpus/$h")
  [ -d "tests/fuzz/regressions/$h" ] && dirs+=("tests/fuzz/regressions/$h")
  local rc=0
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "build-fuzz/fuzz_$h" "${dirs[@]}" -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 \
    -artifact_prefix="build-fuzz/crashes/$h-" -print_final_stats=1 >"build-fuzz/fuzz_$h.log" 2>&1 || rc=$?
  rm -rf "$scratch"
  local runs
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "build-fuzz/fuzz_$h.log" | tail -1)
  if [ "$rc" = 0 ]; then
    echo "fuzz_$h: ${runs:-?} executions in ${secs} s, no crash"
  else
    echo "fuzz_$h: CRASH after ${runs:-?} executions (exit $rc); see build-fuzz/fuzz_$h.log" >&2
    grep -m3 -E 'ERROR|SUMMARY|Test unit written' "build-fuzz/fuzz_$h.log" >&2 || true
  fi
  return "$rc"
}

failed=0
set -- $harnesses
while [ $# -gt 0 ]; do
  pids=()
  for h in "$1" "${2:-}"; do
    [ -n "$h" ] || continue
    fuzz "$h" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  shift; [ $# -gt 0 ] && shift
done
exit "$failed"
