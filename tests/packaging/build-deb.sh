#!/usr/bin/env bash
# Fixture of the packaging tests: builds the .deb from the build directory with cpack into
# OUT_DIR and unpacks it to OUT_DIR/root, where the other packaging tests read the files as
# they ship. cpack reads build outputs, so it runs under the shared build lock (like every build
# in this tree); it waits at most 10 minutes for the lock.
# Usage: build-deb.sh BUILD_DIR OUT_DIR EXPECTED_DEB
set -euo pipefail
build=$1
out=$2
deb=$3
lock=${SIGNALBOX_BUILD_LOCK:-/tmp/signalbox-build.lock}

rm -rf "$out"
mkdir -p "$out"
rc=0
start=$(date +%s)
flock -w 600 -E 75 "$lock" sh -c 'date +%s >"$1/locked-at" && shift && exec "$@"' sh "$out" \
    cpack -G DEB --config "$build/CPackConfig.cmake" -B "$out" >"$out/cpack.log" 2>&1 || rc=$?
end=$(date +%s)
if [ "$rc" -eq 75 ]; then
    echo "build-deb: the build lock $lock stayed busy for 10 minutes (is ctest itself running under it?)" >&2
    exit 1
elif [ "$rc" -ne 0 ]; then
    cat "$out/cpack.log" >&2
    echo "build-deb: cpack failed ($rc)" >&2
    exit 1
fi
grep -E "signalbox: Depends|package: .* generated" "$out/cpack.log" || true
if [ ! -f "$deb" ]; then
    echo "build-deb: cpack did not write $deb; it wrote:" >&2
    ls "$out" >&2
    exit 1
fi
dpkg-deb -x "$deb" "$out/root"
locked=$(cat "$out/locked-at")
echo "build-deb: $deb ($(du -h "$deb" | cut -f1)), unpacked to $out/root;" \
    "cpack took $((end - locked)) s after $((locked - start)) s waiting for the build lock"
