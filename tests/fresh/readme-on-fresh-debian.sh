#!/usr/bin/env bash
# Proves the README on a clean system: builds a minimal Debian 12 root with
# debootstrap, clones the committed tree (HEAD) into it, and runs the README's
# two commands verbatim, as root, inside it. Exits non-zero on any failure.
#
#   sudo bash tests/fresh/readme-on-fresh-debian.sh [ROOT_DIR]
#
# ROOT_DIR (default: a new directory under /var/tmp) is removed afterwards
# unless KEEP_ROOT=1. MIRROR overrides the Debian mirror. Needs root,
# debootstrap and git on the host, and network access to the mirror. Takes
# several minutes (debootstrap, apt, two builds and the test suite twice), so
# it is run by hand before a change to the dependencies or the README lands,
# not on every CI run.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
root=${1:-$(mktemp -d /var/tmp/cescore-fresh.XXXXXX)}
mirror=${MIRROR:-http://deb.debian.org/debian}

[ "$(id -u)" = 0 ] || { echo "run as root (debootstrap and chroot need it)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "needs debootstrap (apt-get install debootstrap)" >&2; exit 2; }

# The README's two commands: the non-comment lines of its first sh block.
mapfile -t commands < <(awk '/^```sh$/ {inblock=1; next} inblock && /^```/ {exit}
                             inblock && !/^[[:space:]]*(#|$)/ {print}' "$repo/README.md")
if [ ${#commands[@]} -ne 2 ]; then
  echo "expected two commands in the README's first sh block, found ${#commands[@]}" >&2
  exit 1
fi

mounted=()
cleanup() {
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
  if [ "${KEEP_ROOT:-0}" != 1 ]; then rm -rf --one-file-system "$root"; fi
}
trap cleanup EXIT

echo "== debootstrap --variant=minbase bookworm $root"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 || {
  tail -20 "$root.debootstrap.log" >&2; exit 1; }
rm -f "$root.debootstrap.log"

echo "== clone the committed tree ($(git -C "$repo" rev-parse --short HEAD)) into /root/cescore"
git clone --quiet --no-local "$repo" "$root/root/cescore"

cp /etc/resolv.conf "$root/etc/resolv.conf"
for m in proc sys dev; do
  mount --rbind "/$m" "$root/$m"
  mounted+=("$root/$m")
done

status=0
for i in 0 1; do
  echo "== README command $((i + 1)): ${commands[i]}"
  start=$(date +%s)
  if chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin TERM=dumb \
       /bin/bash -c "cd /root/cescore && ${commands[i]}"; then
    echo "== command $((i + 1)) passed in $(( $(date +%s) - start )) s"
  else
    echo "== command $((i + 1)) FAILED (exit $?)" >&2
    status=1
    break
  fi
done

if [ $status = 0 ]; then
  for f in out/2024H1.xlsx out/2024H1.json; do
    if [ -s "$root/root/cescore/$f" ]; then echo "== $f written"; else echo "== $f missing" >&2; status=1; fi
  done
  echo "== $(ls "$root/root/cescore/out/scorecards" | wc -l) scorecards in out/scorecards"
fi
exit $status
