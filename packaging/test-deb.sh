#!/usr/bin/env bash
# Proves the Signalbox .deb installs and runs on a clean Debian 12:
#  1. a minimal Debian 12 root from debootstrap (cached as a tarball under the build directory,
#     so reruns take seconds; --fresh rebuilds it);
#  2. apt installs the .deb there with --no-install-recommends, resolving its Depends from the
#     archive: whatever the package forgot to declare is missing in that root;
#  3. no shared library of /usr/bin/signalbox is missing; `signalbox validate` passes on every
#     bundled example;
#  4. under Xvfb, as an ordinary user, `signalbox /usr/share/signalbox/examples/order-approval.yaml`
#     is still running after 10 s, logged no QML error, and its window shows the diagram:
#     coloured node pixels in the canvas area (a screenshot is kept);
#  5. the user journeys (tests/journeys, built in BUILD_DIR) run against the installed
#     /usr/bin/signalbox and the packaged examples, as that user, on their own private desktop
#     (Xvfb, openbox, D-Bus, AT-SPI). Their harness packages are installed only after checks 2-4,
#     so they cannot hide a dependency the package forgot. SKIP_JOURNEYS=1 leaves them out.
# Needs root (debootstrap, chroot, mounts in a private namespace) and network access to a Debian
# mirror; takes a few minutes the first time. Not run by ctest: see docs/packaging.md.
#
# Usage: packaging/test-deb.sh [--fresh] [DEB]
#   DEB       default: the newest build/signalbox_*_<arch>.deb (cd build && cpack -G DEB)
#   --fresh   rebuild the cached Debian root
# Environment: BUILD_DIR (default: <repo>/build), MIRROR (default: the Debian mirror of
# /etc/apt/sources.list*), KEEP_ROOT=1 keeps the unpacked root for inspection.
# Exit status: 0 when every check passed; the summary lists each check.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$repo/build}
work=$build/packaging/test-deb
suite=bookworm
fresh=0
deb=
for arg in "$@"; do
    case $arg in
    --fresh) fresh=1 ;;
    -h | --help)
        sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    *) deb=$arg ;;
    esac
done

die() {
    echo "test-deb: $*" >&2
    exit 1
}
[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot): run it with sudo"
for tool in debootstrap unshare chroot tar; do
    command -v "$tool" >/dev/null || die "$tool not found (apt-get install debootstrap util-linux)"
done
arch=$(dpkg --print-architecture)
if [ -z "$deb" ]; then
    deb=$(ls -t "$build"/signalbox_*_"$arch".deb 2>/dev/null | head -1 || true)
    [ -n "$deb" ] || die "no $build/signalbox_*_$arch.deb: build it with (cd $build && cpack -G DEB)"
fi
[ -f "$deb" ] || die "$deb does not exist"
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")

# The Debian mirror this machine uses (deb822 .sources or one-line lists), for the suite itself
# (not -security/-updates, which come from the same places below).
find_mirror() {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        # Paragraphs: print the URI of one whose Suites has the bare suite name.
        awk -v suite="$suite" 'BEGIN { RS = ""; FS = "\n" }
            { uri = ""; ok = 0
              for (i = 1; i <= NF; i++) {
                  if ($i ~ /^URIs:/) { split($i, u, " "); uri = u[2] }
                  if ($i ~ /^Suites:/) { n = split($i, s, " "); for (j = 2; j <= n; j++) if (s[j] == suite) ok = 1 }
              }
              if (ok && uri != "") { print uri; exit } }' "$f"
    done
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
        awk -v suite="$suite" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i == suite && $(i - 1) !~ /^\[/) { print $(i - 1); exit } }'
    return 0 # a missing list file is no error
}
mirror=${MIRROR:-$(find_mirror | head -1 || true)}
mirror=${mirror:-http://deb.debian.org/debian}
security=$(grep -rhoE 'https?://[^ ]*debian-security' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null |
    head -1 || true)
security=${security:-http://security.debian.org/debian-security}

mkdir -p "$work"
cache=$work/debian12-$arch-base.tar.gz
root=$work/root
log=$work/test-deb.log
: >"$log"
echo "test-deb: $deb"
echo "test-deb: mirror $mirror ($suite), log $log"

cleanup() {
    if [ "${KEEP_ROOT:-0}" != 1 ]; then rm -rf "$root"; fi
}
trap cleanup EXIT

# Runs a command chrooted into $root inside a private mount and PID namespace: /proc, /dev and
# /sys are mounted there and vanish with the namespace, whatever happens.
in_root() {
    unshare --mount --pid --fork --mount-proc="$root/proc" \
        bash -c 'root=$1; shift
            mount --rbind /dev "$root/dev" && mount -t sysfs sysfs "$root/sys" &&
            exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
                LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"' bash "$root" "$@"
}

# ---- 1. The clean Debian 12 root (cached) --------------------------------------------------------
if [ "$fresh" = 1 ] || [ ! -f "$cache" ]; then
    echo "test-deb: debootstrap --variant=minbase $suite (a few minutes; cached as $cache)"
    rm -rf "$root"
    debootstrap --variant=minbase --arch="$arch" "$suite" "$root" "$mirror" >>"$log" 2>&1 ||
        die "debootstrap failed (see $log)"
    cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
EOF
    # No services start inside the root.
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod +x "$root/usr/sbin/policy-rc.d"
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    in_root apt-get update -q >>"$log" 2>&1 || die "apt-get update in the root failed (see $log)"
    in_root apt-get clean
    tar -C "$root" -czf "$cache.tmp" . && mv "$cache.tmp" "$cache"
else
    echo "test-deb: reusing $cache (--fresh rebuilds it)"
    rm -rf "$root"
    mkdir -p "$root"
    tar -C "$root" -xzf "$cache"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/signalbox.deb"

# ---- 2-4. Inside the root -------------------------------------------------------------------------
# Each check prints "RESULT PASS|FAIL name: detail".
cat >"$root/tmp/inside.sh" <<'INSIDE'
#!/bin/bash
set -u
result() { echo "RESULT $1 $2"; }

# 2. Install the package: apt resolves its Depends from the archive, without Recommends.
before=$(dpkg-query -W -f='${Package}\n' | sort)
if apt-get install -y -q --no-install-recommends /tmp/signalbox.deb >/tmp/apt.log 2>&1; then
    added=$(comm -13 <(echo "$before") <(dpkg-query -W -f='${Package}\n' | sort) | wc -l)
    result PASS "install: apt-get install ./signalbox.deb resolved its Depends ($added packages installed)"
else
    result FAIL "install: apt-get install failed: $(tail -5 /tmp/apt.log | tr '\n' ' ')"
    exit 0
fi

# 3. Shared libraries and the command line.
missing=$(ldd /usr/bin/signalbox | grep 'not found')
if [ -z "$missing" ]; then
    result PASS "libraries: every shared library of /usr/bin/signalbox resolves"
else
    result FAIL "libraries: $(echo "$missing" | tr '\n' ' ')"
fi
useradd -m tester
# Runs a command as the user: setpriv and env exec, so "$!" of a background "${as_tester[@]}"
# is the program itself.
as_tester=(setpriv --reuid=tester --regid=tester --init-groups
    env HOME=/home/tester USER=tester XDG_RUNTIME_DIR=/tmp/runtime-tester)
mkdir -p /tmp/runtime-tester && chown tester /tmp/runtime-tester && chmod 700 /tmp/runtime-tester
for f in /usr/share/signalbox/examples/*.yaml; do
    out=$("${as_tester[@]}" signalbox validate "$f" 2>&1)
    if [ $? -eq 0 ]; then
        result PASS "validate: $out"
    else
        result FAIL "validate $f: $(echo "$out" | tr '\n' ' ')"
    fi
done

# 4. The application under Xvfb. The test harness (X server, netpbm for the screenshot) is
# installed only now, after the package proved it installs and runs on its own Depends.
if ! apt-get install -y -q --no-install-recommends xvfb xauth netpbm >/tmp/apt-harness.log 2>&1; then
    result FAIL "gui: cannot install the test harness (xvfb netpbm): $(tail -3 /tmp/apt-harness.log | tr '\n' ' ')"
    exit 0
fi
mkdir -p /tmp/fb
Xvfb :99 -screen 0 1440x900x24 -fbdir /tmp/fb -nolisten tcp -br >/tmp/xvfb.log 2>&1 &
xvfb=$!
for _ in $(seq 50); do [ -e /tmp/fb/Xvfb_screen0 ] && break; sleep 0.2; done
"${as_tester[@]}" DISPLAY=:99 signalbox /usr/share/signalbox/examples/order-approval.yaml \
    >/tmp/app.log 2>&1 &
app=$!
sleep 10
if kill -0 "$app" 2>/dev/null; then
    result PASS "gui: signalbox order-approval.yaml is running after 10 s"
else
    wait "$app"
    result FAIL "gui: signalbox exited within 10 s (status $?): $(tail -5 /tmp/app.log | tr '\n' ' ')"
fi
qml_errors=$(grep -E 'module ".*" is not installed|QQmlApplicationEngine failed|qrc:.*Error|Could not load the Qt platform plugin|Cannot load library' /tmp/app.log)
if [ -z "$qml_errors" ]; then
    result PASS "gui: no QML/plugin errors in the app's output"
else
    result FAIL "gui: $(echo "$qml_errors" | head -5 | tr '\n' ' ')"
fi
xwdtopnm /tmp/fb/Xvfb_screen0 2>/dev/null >/tmp/screen.ppm && pnmtopng /tmp/screen.ppm >/tmp/screenshot.png 2>/dev/null
# The window is what is not the black root; the canvas is its middle (right of the palette,
# left of the inspector, above the problems pane). The order-approval diagram draws its states
# in colours no empty canvas has (the canvas, zoom controls and an empty minimap are greys):
# blue task bars, the orange choice, the purple approval and the red fail state. Each of those
# hues must cover some pixels there.
pnmcrop -black /tmp/screen.ppm >/tmp/window.ppm 2>/dev/null
if read -r ww wh < <(pamfile /tmp/window.ppm | sed -nE 's/.* ([0-9]+) by ([0-9]+) .*/\1 \2/p') &&
    [ "${ww:-0}" -gt 400 ] && [ "${wh:-0}" -gt 300 ]; then
    pamcut -left $((ww * 20 / 100)) -right $((ww * 70 / 100)) -top $((wh * 5 / 100)) \
        -bottom $((wh * 80 / 100)) /tmp/window.ppm >/tmp/canvas.ppm
    hues=$(ppmhist -noheader /tmp/canvas.ppm | awk '
        { r = $1; g = $2; b = $3; n = $NF
          max = r; if (g > max) max = g; if (b > max) max = b
          min = r; if (g < min) min = g; if (b < min) min = b
          if (max < 60 || (max - min) / max < 0.35) next   # greys, near black: not a state colour
          d = max - min
          if (max == r) h = 60 * (g - b) / d; else if (max == g) h = 120 + 60 * (b - r) / d; else h = 240 + 60 * (r - g) / d
          if (h < 0) h += 360
          if (h < 15 || h >= 345) red += n; else if (h >= 20 && h < 50) orange += n
          else if (h >= 200 && h < 245) blue += n; else if (h >= 255 && h < 300) purple += n }
        END { printf "blue=%d orange=%d purple=%d red=%d", blue, orange, purple, red }')
    missing=""
    for hue in blue orange purple red; do
        n=$(echo "$hues" | sed -nE "s/.*$hue=([0-9]+).*/\1/p")
        [ "${n:-0}" -ge 100 ] || missing="$missing $hue"
    done
    if [ -z "$missing" ]; then
        result PASS "gui: window ${ww}x${wh}; the canvas shows the order-approval diagram (state colours in pixels: $hues)"
    else
        result FAIL "gui: window ${ww}x${wh}, but the canvas lacks the diagram's$missing states (pixels: $hues)"
    fi
else
    result FAIL "gui: no window on the screen (screenshot is all black)"
fi
kill "$app" 2>/dev/null
wait "$app" 2>/dev/null
kill "$xvfb" 2>/dev/null
wait 2>/dev/null

# 5. The journeys, against the installed binary and examples (their harness packages, listed by
# the script outside from the journey binaries' libraries, in /opt/journeys/packages).
[ -d /opt/journeys ] || exit 0
# shellcheck disable=SC2046
if ! apt-get install -y -q --no-install-recommends $(cat /opt/journeys/packages) >/tmp/apt-journeys.log 2>&1; then
    result FAIL "journeys: cannot install their harness: $(tail -3 /tmp/apt-journeys.log | tr '\n' ' ')"
    exit 0
fi
mkdir -p /tmp/journey-shots && chown tester /tmp/journey-shots
for j in /opt/journeys/tst_journey_*; do
    name=$(basename "$j")
    if timeout 900 "${as_tester[@]}" SIGNALBOX_JOURNEY_BINARY=/usr/bin/signalbox \
        SIGNALBOX_JOURNEY_EXAMPLES=/usr/share/signalbox/examples \
        SIGNALBOX_JOURNEY_SCREENSHOTS=/tmp/journey-shots "$j" >"/tmp/$name.log" 2>&1; then
        result PASS "journey $name: $(grep -E '^Totals:' "/tmp/$name.log" | head -1)"
    else
        result FAIL "journey $name: $(grep -E '^(FAIL!|Totals:)' "/tmp/$name.log" | head -3 | tr '\n' ' ')"
    fi
done
exit 0
INSIDE
chmod +x "$root/tmp/inside.sh"

# The journeys and the packages their libraries come from (this machine's dpkg database knows
# them; the root installs the same names).
if [ "${SKIP_JOURNEYS:-0}" != 1 ]; then
    journeys=("$build"/tests/journeys/tst_journey_*)
    journeys=("${journeys[@]%_autogen}")
    mkdir -p "$root/opt/journeys"
    libs=()
    for j in $(printf '%s\n' "${journeys[@]}" | sort -u); do
        [ -x "$j" ] && [ -f "$j" ] || continue
        cp "$j" "$root/opt/journeys/"
        while read -r lib; do libs+=("$(readlink -f "$lib")"); done < <(ldd "$j" | awk '$3 ~ /^\// { print $3 }')
    done
    [ -n "$(ls "$root/opt/journeys")" ] || die "no journeys in $build/tests/journeys (build them, or SKIP_JOURNEYS=1)"
    {
        for lib in $(printf '%s\n' "${libs[@]}" | sort -u); do
            dpkg -S "$lib" 2>/dev/null || dpkg -S "${lib#/usr}" 2>/dev/null
        done | cut -d: -f1
        # What the journeys start: the X server, the window manager, the buses, the input tool.
        echo xvfb xauth openbox xdotool dbus-daemon at-spi2-core x11-utils fonts-dejavu-core libgl1-mesa-dri
    } | tr ' ' '\n' | sort -u | tr '\n' ' ' >"$root/opt/journeys/packages"
fi

echo "test-deb: installing and running the package in the clean root"
in_root /tmp/inside.sh | tee -a "$log" | grep '^RESULT' >"$work/results.txt" || true
for f in screenshot.png app.log apt.log; do
    [ -f "$root/tmp/$f" ] && cp "$root/tmp/$f" "$work/$f"
done
rm -rf "$work/journeys" && mkdir -p "$work/journeys"
cp "$root"/tmp/tst_journey_*.log "$work/journeys/" 2>/dev/null || true
cp -r "$root/tmp/journey-shots" "$work/journeys/screenshots" 2>/dev/null || true

# ---- Summary ----------------------------------------------------------------------------------------
echo
echo "==== test-deb summary: $(basename "$deb") on a clean Debian 12 ($arch) ===="
sed 's/^RESULT //' "$work/results.txt"
passed=$(grep -c '^RESULT PASS' "$work/results.txt" || true)
failed=$(grep -c '^RESULT FAIL' "$work/results.txt" || true)
echo "screenshot: $work/screenshot.png   app output: $work/app.log   apt: $work/apt.log"
echo "journeys: their output and screenshots in $work/journeys"
if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then
    echo "FAILED: $failed of $((passed + failed)) checks"
    exit 1
fi
echo "PASSED: all $passed checks"
