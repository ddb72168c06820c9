#!/usr/bin/env bash
# Renders the application icon (resources/icons/io.signalbox.Signalbox.svg) to the hicolor PNG
# sizes the package installs, and records the SVG's checksum next to them. The PNGs are
# committed, so building needs no SVG renderer; run this after every change to the SVG (the
# packaging_icons test fails while the PNGs are older than the SVG).
# Needs rsvg-convert (Debian package librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/../resources/icons"

svg=io.signalbox.Signalbox.svg
sizes=(16 22 24 32 48 64 128 256 512)

command -v rsvg-convert >/dev/null || {
    echo "render-icons: rsvg-convert not found (apt-get install librsvg2-bin)" >&2
    exit 1
}
for n in "${sizes[@]}"; do
    mkdir -p "hicolor/${n}x${n}/apps"
    rsvg-convert --width "$n" --height "$n" --keep-aspect-ratio "$svg" \
        --output "hicolor/${n}x${n}/apps/io.signalbox.Signalbox.png"
done
sha256sum "$svg" > hicolor/SOURCE.sha256
echo "render-icons: rendered ${sizes[*]} from $svg"
