#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
#
# Copies the screenshots the test suite took (offscreen and under Xvfb) into
# installer/screenshots/, where README.md shows them. Nothing here is drawn by hand: run the
# test command first (tools/dev.sh test, or ctest in build/ci), then this script, and commit.
#
#   tools/update_screenshots.sh [BUILD_DIR]      (default build/ci)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shots="${1:-$root/build/ci}/screenshots"
out="$root/installer/screenshots"
mkdir -p "$out"
missing=0
for name in main-window pivot-chain window-timeline-umbrella timeline-globex graph-expansion \
            graph-dark alerts-brands monitors names triage delete-old-records installed-app first-start; do
    if [[ -f "$shots/$name.png" ]]; then
        cp "$shots/$name.png" "$out/$name.png"
        echo "copied $name.png"
    else
        echo "missing $shots/$name.png (run the tests first)" >&2
        missing=1
    fi
done
exit "$missing"
