#!/usr/bin/env bash
# Compare the C engine with the Python oracle on the sample bundles, the
# edge-case bundle and random bundles.  A convenience for developers and
# e2e tests.
#
# usage: tests/tools/check_engine.sh [CESCORE] [N_SEEDS]
#   CESCORE  the binary (default: $CESCORE, else build/cescore)
#   N_SEEDS  random bundles to try (default 20; seeds 1..N, sizes vary with the seed)
# Exit 0 when every comparison agrees, 1 otherwise (each difference printed).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${1:-${CESCORE:-$repo/build/cescore}}
n=${2:-20}
[ -x "$bin" ] || { echo "check_engine: $bin: no such executable" >&2; exit 2; }
oracle="python3 $repo/tests/oracle/oracle.py"
compare="python3 $repo/tests/oracle/compare.py"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cescore-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
export LC_ALL=C

step() {  # name engine_json oracle_json
    if $compare "$2" "$3" --quiet >"$tmp/diff" 2>&1; then
        echo "ok   $1"
    else
        echo "FAIL $1"; sed 's/^/     /' "$tmp/diff" | head -40; fail=1
    fi
}

s=$repo/fixtures/sample
# 2023H1, then 2024H1 with its prior from the archive's 2023H1 run
"$bin" run 2023H1 "$s/2023H1" --db "$tmp/s.db" --json "$tmp/c23.json" --quiet || fail=1
$oracle 2023H1 "$s/2023H1" --json "$tmp/o23.json" --emit-prior "$tmp/p23.json" 2>/dev/null || fail=1
step "sample 2023H1" "$tmp/c23.json" "$tmp/o23.json"
"$bin" run 2024H1 "$s/2024H1" --db "$tmp/s.db" --json "$tmp/c24.json" --quiet || fail=1
$oracle 2024H1 "$s/2024H1" --prior "$tmp/p23.json" --json "$tmp/o24.json" 2>/dev/null || fail=1
step "sample 2024H1 (prior from the archive)" "$tmp/c24.json" "$tmp/o24.json"
"$bin" run 2024H1 "$s/2024H1-with-prior" --db "$tmp/p.db" --json "$tmp/c24p.json" --quiet || fail=1
$oracle 2024H1 "$s/2024H1-with-prior" --json "$tmp/o24p.json" 2>/dev/null || fail=1
step "sample 2024H1-with-prior (prior.csv)" "$tmp/c24p.json" "$tmp/o24p.json"
step "sample 2024H1: archive prior == prior.csv" "$tmp/c24.json" "$tmp/c24p.json"
# every special case of docs/method.md, one company each (fixtures/edge-cases/README.md)
e=$repo/fixtures/edge-cases
"$bin" run 2024H1 "$e" --db "$tmp/e.db" --json "$tmp/ce.json" --quiet || fail=1
$oracle 2024H1 "$e" --json "$tmp/oe.json" 2>/dev/null || fail=1
step "edge-cases 2024H1" "$tmp/ce.json" "$tmp/oe.json"

for seed in $(seq 1 "$n"); do
    npc=$((3 + seed * 7 % 40)); nlife=$((3 + seed * 11 % 45))
    per=2024H1; [ $((seed % 5)) = 0 ] && per=2024FY
    d=$tmp/r$seed
    python3 "$repo/tests/tools/make_random.py" "$seed" "$npc" "$nlife" "$d" --period "$per"
    if ! $oracle "$per" "$d" --json "$tmp/o$seed.json" 2>"$tmp/oerr"; then
        echo "FAIL random seed $seed: the oracle rejects the bundle"; grep -v warning "$tmp/oerr" | head; fail=1; continue
    fi
    if ! "$bin" run "$per" "$d" --db "$tmp/r$seed.db" --json "$tmp/c$seed.json" --quiet 2>"$tmp/cerr"; then
        echo "FAIL random seed $seed ($per, $npc pc + $nlife life): cescore failed"; head "$tmp/cerr"; fail=1; continue
    fi
    step "random seed $seed ($per, $npc pc + $nlife life)" "$tmp/c$seed.json" "$tmp/o$seed.json"
done
exit $fail
