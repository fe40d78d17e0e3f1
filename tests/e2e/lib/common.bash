# Shared helpers of the end-to-end tests. Each test is a bash script run by
# ctest with CESCORE (the executable), CES_ROOT (the source tree) and a fixed
# clock (SOURCE_DATE_EPOCH) and LC_ALL=C in its environment.
set -uo pipefail

: "${CESCORE:?CESCORE must name the cescore executable}"
: "${CES_ROOT:?CES_ROOT must name the source tree}"
export LC_ALL=C
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
FIX="$CES_ROOT/fixtures"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cescore-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
FAILURES=0
CHECKS=0

fail() { echo "FAIL: $*" >&2; FAILURES=$((FAILURES + 1)); }
pass() { CHECKS=$((CHECKS + 1)); }

# expect_exit CODE DESCRIPTION -- command...
# Runs the command with stdout/stderr captured in $WORK/out and $WORK/err.
expect_exit() {
  local want=$1 what=$2
  shift 3
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    fail "$what: exit $got, expected $want"
    sed 's/^/  stderr: /' "$WORK/err" | head -20 >&2
  else
    pass
  fi
}

# expect_in FILE TEXT DESCRIPTION: FILE contains TEXT (a fixed string).
expect_in() {
  if grep -qF -- "$2" "$1"; then pass; else fail "$3: \"$2\" not in $(basename "$1")"; sed 's/^/  | /' "$1" | head -20 >&2; fi
}

expect_not_exists() {
  if [ -e "$1" ]; then fail "$2: $1 exists"; else pass; fi
}

# Digest of a file, or "absent".
digest() { if [ -e "$1" ]; then sha256sum "$1" | cut -d' ' -f1; else echo absent; fi; }

# hold_lock DB [exclusive|shared]: a background process takes a lock on DB (an
# exclusive one, or the shared lock of an open read transaction) and holds it
# until release_lock, however long the command under test takes on a loaded
# machine (ten minutes at most). Returns once the lock is held.
hold_lock() {
  rm -f "$WORK/lock.ready" "$WORK/lock.release"
  "$PY" - "$1" "${2:-exclusive}" "$WORK/lock.ready" "$WORK/lock.release" <<'PYEOF' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":
    c.execute("BEGIN EXCLUSIVE")
else:
    c.execute("BEGIN")
    c.execute("SELECT count(*) FROM sqlite_master").fetchall()
open(sys.argv[3], "w").close()
for _ in range(12000):
    if os.path.exists(sys.argv[4]):
        break
    time.sleep(0.05)
c.execute("COMMIT")
PYEOF
  LOCK_PID=$!
  for _ in $(seq 1200); do [ -e "$WORK/lock.ready" ] && return 0; sleep 0.05; done
  fail "the lock on $1 was not taken within a minute"
}
release_lock() { touch "$WORK/lock.release"; wait "$LOCK_PID"; }

finish() {
  echo "$CHECKS checks passed, $FAILURES failed"
  [ "$FAILURES" = 0 ]
  exit $?
}
