#!/usr/bin/env bash
# Installs every Debian 12 package that Signalbox needs to build, run and test.
# Idempotent: packages already present are skipped. Works as root or through sudo.
# Usage: packaging/install-deps.sh [--build-only]
set -euo pipefail

build_pkgs=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools
    qt6-tools-dev qt6-l10n-tools qt6-svg-dev
    libyaml-cpp-dev nlohmann-json3-dev libsqlite3-dev libgraphviz-dev libvalijson-dev
    libatspi2.0-dev
)
runtime_pkgs=(
    qt6-qpa-plugins qml6-module-qtquick qml6-module-qtqml qml6-module-qtqml-models
    qml6-module-qtqml-workerscript qml6-module-qtquick-controls qml6-module-qtquick-templates
    qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtquick-dialogs
    qml6-module-qtquick-shapes qml6-module-qt-labs-settings qml6-module-qt-labs-platform
    qml6-module-qtcore qml6-module-qttest graphviz
    qml6-module-qt-labs-folderlistmodel libqt6svg6 libsqlite3-0 libyaml-cpp0.7
)
test_pkgs=(
    xvfb xauth libgl1-mesa-dri fonts-dejavu-core libbenchmark-dev clang-14 libclang-rt-14-dev
    dbus-daemon
    nodejs npm
    xdotool openbox at-spi2-core x11-utils
    dpkg-dev desktop-file-utils appstream libxml2-utils shared-mime-info man-db bash-completion file
)

wanted=("${build_pkgs[@]}" "${runtime_pkgs[@]}")
if [ "${1:-}" != "--build-only" ]; then
    wanted+=("${test_pkgs[@]}")
fi

missing=()
for p in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        # A command that already exists (e.g. a node from elsewhere) is good enough for nodejs/npm.
        case "$p" in
            nodejs) command -v node >/dev/null 2>&1 && continue ;;
            npm) command -v npm >/dev/null 2>&1 && continue ;;
        esac
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#wanted[@]} packages present"
    exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo_cmd=(sudo)
    else
        echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
        exit 1
    fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
