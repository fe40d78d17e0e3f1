#!/usr/bin/env bash
# Benchmark: `cescore run` on a 500-company random bundle.
#
# usage: tests/bench/bench.sh [CESCORE] [RUNS]
#   CESCORE  the binary (default: $CESCORE, else build/cescore)
#   RUNS     number of timed runs (default: $BENCH_RUNS, else 5)
#
# Builds nothing. Generates the bundle with tests/tools/make_random.py
# (seed 7, 250 pc + 250 life), runs
#   cescore run 2024H1 BUNDLE --db FRESH.db --json OUT.json --quiet
# RUNS times, each on a fresh database, and prints wall time (median, min),
# peak RSS and input rows per second. Asserts nothing about time.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${1:-${CESCORE:-$repo/build/cescore}}
runs=${2:-${BENCH_RUNS:-5}}
[ -x "$bin" ] || { echo "bench: $bin: no such executable (build first or pass its path)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cescore-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
bundle=$tmp/bundle
python3 "$repo/tests/tools/make_random.py" 7 250 250 "$bundle"

# data rows of the bundle (blank lines and headers not counted)
rows=$(python3 - "$bundle" <<'EOF'
import csv, io, os, sys
n = 0
for f in sorted(os.listdir(sys.argv[1])):
    raw = open(os.path.join(sys.argv[1], f), "rb").read()
    raw = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    recs = [r for r in csv.reader(io.StringIO(text, newline="")) if any(x.strip() for x in r)]
    n += max(0, len(recs) - 1)
print(n)
EOF
)

# one timed run: prints "<wall seconds> <peak rss KiB>"
measure() {
    local db=$tmp/run$1.db out=$tmp/run$1.json
    rm -f "$db" "$db.chain" "$out"
    if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
        local t0 t1
        t0=$(date +%s.%N)
        /usr/bin/time -v -o "$tmp/time$1" "$bin" run 2024H1 "$bundle" --db "$db" --json "$out" --quiet \
            >"$tmp/stdout$1" 2>"$tmp/stderr$1" || { echo "bench: cescore failed (run $1):" >&2; cat "$tmp/stderr$1" >&2; exit 1; }
        t1=$(date +%s.%N)
        local rss
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time$1")
        python3 -c "print(f'{$t1 - $t0:.6f} $rss')"
    else
        python3 - "$bin" "$bundle" "$db" "$out" <<'EOF'
import resource, subprocess, sys, time
b, bundle, db, out = sys.argv[1:]
t0 = time.perf_counter()
r = subprocess.run([b, "run", "2024H1", bundle, "--db", db, "--json", out, "--quiet"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
t1 = time.perf_counter()
if r.returncode:
    sys.stderr.write(r.stderr.decode(errors="replace"))
    sys.exit(1)
print(f"{t1 - t0:.6f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
EOF
    fi
}

results=()
for i in $(seq 1 "$runs"); do
    results+=("$(measure "$i")")
done

companies=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['companies']))" "$tmp/run1.json")
printf '%s\n' "${results[@]}" | python3 -c "
import statistics, sys
rows, companies, runs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
walls, rss = [], []
for line in sys.stdin:
    w, r = line.split()
    walls.append(float(w)); rss.append(int(r))
med, mn = statistics.median(walls), min(walls)
print(f'cescore bench: {sys.argv[4]}')
print(f'  bundle: {rows} input rows, {companies} companies scored (seed 7, 250 pc + 250 life)')
print(f'  runs: {runs} (fresh database each)')
print(f'  wall time: median {med * 1000:.1f} ms, min {mn * 1000:.1f} ms')
print(f'  peak RSS: {max(rss) / 1024:.1f} MiB')
print(f'  throughput: {rows / med:,.0f} rows/s (median), {rows / mn:,.0f} rows/s (best)')
" "$rows" "$companies" "$runs" "$bin"
