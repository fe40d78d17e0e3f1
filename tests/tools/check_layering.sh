#!/usr/bin/env bash
# Layering, read off the built stage libraries with nm:
#  - ingest, archive, score and report define no symbol that another of them
#    uses: each uses core and nothing of the others (cli composes them);
#  - score is pure: it calls no file, clock, environment or SQLite function;
#  - nothing below cli prints to a terminal.
# Usage: check_layering.sh DIR  (DIR holds libces_<stage>.a)
set -uo pipefail
dir=${1:?usage: check_layering.sh BUILD_DIR}
stages="core ingest archive score report"
status=0

defined() { nm --defined-only -g "$dir/libces_$1.a" 2>/dev/null | awk 'NF == 3 {print $3}' | sort -u; }
undefined() { nm -u "$dir/libces_$1.a" 2>/dev/null | awk 'NF == 2 {print $2}' | sort -u; }

for s in $stages cli; do
  [ -f "$dir/libces_$s.a" ] || { echo "FAIL: $dir/libces_$s.a not built"; exit 1; }
done

for user in ingest archive score report; do
  for owner in ingest archive score report; do
    [ "$user" = "$owner" ] && continue
    crossing=$(comm -12 <(undefined "$user") <(defined "$owner"))
    if [ -n "$crossing" ]; then
      echo "FAIL: $user uses symbols of $owner: $(echo $crossing)"
      status=1
    fi
  done
done
core_up=$(comm -12 <(undefined core) <(for s in ingest archive score report cli; do defined "$s"; done | sort -u))
if [ -n "$core_up" ]; then
  echo "FAIL: core uses symbols of a stage: $(echo $core_up)"
  status=1
fi

impure=$(undefined score | grep -E '^(f?open|fopen64|open64|fread|fwrite|read|write|close|fclose|stat|fstat|opendir|readdir|mkdir|rename|unlink|time|clock|clock_gettime|gettimeofday|localtime|localtime_r|gmtime|gmtime_r|mktime|getenv|setlocale|rand|random|sqlite3_.*|printf|puts|putchar|fputs|fputc|fprintf|vfprintf)$')
if [ -n "$impure" ]; then
  echo "FAIL: score is not pure, it calls: $(echo $impure)"
  status=1
fi

for s in core ingest archive score report; do
  loud=$(undefined "$s" | grep -E '^(printf|puts|putchar|vprintf|perror)$')
  if [ -n "$loud" ]; then
    echo "FAIL: $s prints to the terminal: $(echo $loud)"
    status=1
  fi
done

[ $status = 0 ] && echo "layering ok: stages use core only, score is pure, no stage prints"
exit $status
