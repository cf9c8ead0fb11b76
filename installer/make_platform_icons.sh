#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
# Regenerates the committed Windows .ico and macOS .icns from resources/icons/tapir.svg.
# (Linux PNGs are rendered at build time.) Needs rsvg-convert (librsvg2-bin), convert
# (imagemagick) and png2icns (icnsutils).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
svg="$here/../resources/icons/tapir.svg"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in 16 24 32 48 64 128 256 512 1024; do
    rsvg-convert -w $s -h $s -o "$tmp/$s.png" "$svg"
done
convert "$tmp/16.png" "$tmp/24.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" \
        "$tmp/128.png" "$tmp/256.png" "$here/windows/tapir.ico"
png2icns "$here/macos/tapir.icns" "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" \
         "$tmp/128.png" "$tmp/256.png" "$tmp/512.png" "$tmp/1024.png" >/dev/null
echo "wrote windows/tapir.ico and macos/tapir.icns"
