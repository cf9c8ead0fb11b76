#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
#
# tools/package_test.sh BUILD_DIR [OUT_DIR]
#
# Packages an already built tree (no rebuild) and checks the result as a user would get it:
#   1. cpack -G DEB and -G TGZ from BUILD_DIR's CPackConfig.cmake;
#   2. the .deb's Depends (shlibdeps + the Qt plugins added by hand) and its file list
#      (executables, desktop entry, metainfo, MIME types, icons in every size, samples, docs);
#   3. lintian (no errors), appstreamcli validate, desktop-file-validate;
#   4. installs it: `dpkg -i` (removed again at the end) when root or passwordless sudo and
#      no tapir package is installed already, else `dpkg -x` into a throwaway root;
#      TAPIR_PACKAGE_INSTALL=extract forces the latter;
#   5. the MIME database maps the samples to Tapir's types and the desktop entry opens them;
#   6. starts the installed tapir under Xvfb on the installed samples with --screenshot and
#      checks the image; queries the imported store with the installed tapir-cli; starts it
#      again on an empty store and checks the first-start window appears;
#   7. the .tar.gz holds the same programs and runs from wherever it is unpacked;
#   8. if makensis is installed, the NSIS installer script compiles (cpack -G NSIS; the
#      payload is the Linux build, only the script is being checked).
# Packages, the screenshots and lintian's report are copied to OUT_DIR
# (default BUILD_DIR/packages) for CI to upload.
set -euo pipefail

build=$(cd "${1:?usage: package_test.sh BUILD_DIR [OUT_DIR]}" && pwd)
out=${2:-$build/packages}
mkdir -p "$out"
out=$(cd "$out" && pwd)
shots="$build/screenshots"
mkdir -p "$shots"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tapir-package.XXXXXX")
installed_by_us=""
sudo=""
cleanup() {
    if [ -n "$installed_by_us" ]; then
        echo "== removing the package"
        $sudo dpkg -r tapir >/dev/null || echo "WARNING: dpkg -r tapir failed"
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }
need() { command -v "$1" >/dev/null || fail "$1 is not installed (tools/dev.sh test installs it)"; }
need cpack
need dpkg-deb
need lintian
need xvfb-run
need identify

[ -f "$build/CPackConfig.cmake" ] || fail "$build has no CPackConfig.cmake (configure it first)"
[ -x "$build/app/gui/tapir" ] || fail "$build/app/gui/tapir is not built"

# ---------------------------------------------------------------------------------------------
step "cpack -G DEB; cpack -G TGZ (from $build)"
start=$(date +%s)
(cd "$tmp" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/cpack" >"$tmp/cpack-deb.log" 2>&1) ||
    { cat "$tmp/cpack-deb.log"; fail "cpack -G DEB"; }
(cd "$tmp" && cpack -G TGZ --config "$build/CPackConfig.cmake" -B "$tmp/cpack" >"$tmp/cpack-tgz.log" 2>&1) ||
    { cat "$tmp/cpack-tgz.log"; fail "cpack -G TGZ"; }
deb=$(ls "$tmp"/cpack/*.deb)
tgz=$(ls "$tmp"/cpack/*.tar.gz)
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) and $(basename "$tgz") ($(du -k "$tgz" | cut -f1) KiB) in $(($(date +%s) - start)) s"
cp "$deb" "$tgz" "$out/"

# ---------------------------------------------------------------------------------------------
step "control fields"
dpkg-deb -f "$deb" Package Version Architecture Section Depends Recommends
depends=$(dpkg-deb -f "$deb" Depends)
depends_names=$(tr ',|' '\n\n' <<<"$depends" | awk 'NF {print $1}')
# Linked libraries (from shlibdeps) and the run-time plugins CPack cannot see.
for want in libc6 libstdc++6 libqt6widgets6 libqt6gui6 libqt6core6 libsqlite3-0 libicu72 \
            libarchive13 libpcap0.8 libpsl5 qt6-qpa-plugins libqt6svg6; do
    grep -qxF "$want" <<<"$depends_names" || fail "Depends lacks $want: $depends"
done

step "file list"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$tmp/files"
app_id=io.github.tapir_pdns.Tapir
expect=(
    /usr/bin/tapir /usr/bin/tapir-cli
    "/usr/share/applications/$app_id.desktop"
    "/usr/share/metainfo/$app_id.metainfo.xml"
    "/usr/share/mime/packages/$app_id.xml"
    "/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    /usr/share/tapir/samples/passivedns.log /usr/share/tapir/samples/unbound-resolver.dnstap
    /usr/share/doc/tapir/copyright /usr/share/doc/tapir/changelog.gz
    /usr/share/man/man1/tapir.1.gz /usr/share/man/man1/tapir-cli.1.gz
)
for size in 16 22 24 32 48 64 128 256 512; do
    expect+=("/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for f in "${expect[@]}"; do
    grep -qx "$f" "$tmp/files" || fail "the .deb lacks $f"
done
echo "${#expect[@]} expected files present ($(grep -cv '/$' "$tmp/files") files in all)"

# ---------------------------------------------------------------------------------------------
step "lintian"
# --fail-on error: warnings and infos are reported, not fatal.
if ! lintian --fail-on error --display-info --tag-display-limit 0 "$deb" >"$tmp/lintian.txt" 2>&1; then
    cat "$tmp/lintian.txt"
    fail "lintian reports errors"
fi
cp "$tmp/lintian.txt" "$out/lintian.txt"
errors=$(grep -c '^E: ' "$tmp/lintian.txt" || true)
warnings=$(grep -c '^W: ' "$tmp/lintian.txt" || true)
infos=$(grep -c '^I: ' "$tmp/lintian.txt" || true)
echo "lintian: $errors errors, $warnings warnings, $infos infos"
grep -E '^(E|W): ' "$tmp/lintian.txt" || true

mkdir -p "$tmp/x"
dpkg-deb -x "$deb" "$tmp/x"
if command -v appstreamcli >/dev/null; then
    step "appstreamcli validate"
    appstreamcli validate --no-net "$tmp/x/usr/share/metainfo/$app_id.metainfo.xml"
fi
if command -v desktop-file-validate >/dev/null; then
    step "desktop-file-validate"
    desktop-file-validate "$tmp/x/usr/share/applications/$app_id.desktop"
    echo "desktop entry ok"
fi

# ---------------------------------------------------------------------------------------------
mode=${TAPIR_PACKAGE_INSTALL:-auto}
if [ "$mode" = auto ]; then
    mode=extract
    if [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; then
        mode=dpkg
    fi
fi
[ "$(id -u)" -eq 0 ] || sudo=sudo
# One package test at a time may touch the machine's dpkg database.
exec 9>"${TMPDIR:-/tmp}/tapir-package-test.lock"
if [ "$mode" = dpkg ]; then
    flock 9
    if [ "$(dpkg-query -W -f='${Status}' tapir 2>/dev/null)" = "install ok installed" ]; then
        echo "a tapir package is already installed here: not replacing it, using dpkg -x"
        mode=extract
    fi
fi
if [ "$mode" = dpkg ]; then
    step "dpkg -i $(basename "$deb")"
    installed_by_us=yes
    $sudo dpkg -i "$deb"
    dpkg-query -W -f='${Package} ${Version} ${Status}\n' tapir
    root=""
else
    step "dpkg -x into a throwaway root"
    root="$tmp/root"
    mkdir -p "$root"
    dpkg-deb -x "$deb" "$root"
fi
bin="$root/usr/bin"
samples="$root/usr/share/tapir/samples"
missing=$(ldd "$bin/tapir" "$bin/tapir-cli" | grep 'not found' || true)
[ -z "$missing" ] || fail "unresolved libraries: $missing"

# ---------------------------------------------------------------------------------------------
if command -v gio >/dev/null && command -v update-mime-database >/dev/null; then
    step "MIME types of the samples"
    if [ -n "$root" ]; then
        # The package's triggers did not run: build the caches of the throwaway root.
        update-mime-database "$root/usr/share/mime"
        command -v update-desktop-database >/dev/null &&
            update-desktop-database "$root/usr/share/applications"
        export XDG_DATA_DIRS="$root/usr/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
    fi
    for pair in "passivedns.log=text/x-passivedns-log" "unbound-resolver.dnstap=application/x-dnstap"; do
        file=${pair%%=*}
        want=${pair#*=}
        got=$(gio info -a standard::content-type "$samples/$file" | awk '/content-type/ {print $2}')
        [ "$got" = "$want" ] || fail "$file is $got, expected $want"
        # The same file renamed: content alone decides.
        cp "$samples/$file" "$tmp/renamed-sample"
        got=$(gio info -a standard::content-type "$tmp/renamed-sample" | awk '/content-type/ {print $2}')
        [ "$got" = "$want" ] || fail "$file renamed is $got, expected $want"
        echo "$file: $want"
        if [ -z "$root" ]; then
            # Installed for real: the desktop entry must be registered for the type.
            # (Output captured first: with pipefail, grep -q closing the pipe early would
            # fail the pipeline.)
            handlers=$(gio mime "$want")
            grep -qF "$app_id.desktop" <<<"$handlers" || fail "no handler registered for $want"
            echo "  opened with $app_id.desktop"
        fi
    done
fi

# ---------------------------------------------------------------------------------------------
step "start the installed tapir under Xvfb"
home="$tmp/home"
mkdir -p "$home"
export HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset QT_QPA_PLATFORM
png="$shots/installed-app.png"
rm -f "$png"
start=$(date +%s)
timeout 180 xvfb-run -a -s "-screen 0 1280x800x24" \
    "$bin/tapir" --db "$tmp/store.db" --screenshot "$png" \
    "$samples/passivedns.log" "$samples/unbound-resolver.dnstap" ||
    fail "the installed tapir failed (exit $?)"
[ -s "$png" ] || fail "no screenshot written"
read -r w h colours < <(identify -format '%w %h %k\n' "$png")
echo "screenshot $png: ${w}x${h}, $colours colours, $(($(date +%s) - start)) s"
[ "$w" -ge 800 ] && [ "$h" -ge 500 ] || fail "screenshot too small"
# A blank or half-painted window has a handful of colours; the table with text has hundreds.
[ "$colours" -gt 50 ] || fail "screenshot looks blank ($colours colours)"
# Mean brightness neither all-black nor all-white.
mean=$(identify -format '%[fx:int(100*mean)]' "$png")
[ "$mean" -gt 5 ] && [ "$mean" -lt 99 ] || fail "screenshot mean brightness $mean%"

step "query the imported store with the installed tapir-cli"
"$bin/tapir-cli" --db "$tmp/store.db" sources
records=$("$bin/tapir-cli" --db "$tmp/store.db" query "type:A" --limit 100000 | wc -l)
echo "type:A records: $records"
[ "$records" -gt 100 ] || fail "too few records imported from the samples"

if command -v xwininfo >/dev/null; then
    step "first start on an empty store shows the welcome window"
    rm -rf "$XDG_CONFIG_HOME"
    found=$(timeout 60 xvfb-run -a -s "-screen 0 1280x800x24" sh -c '
        "$1" --db "$2" &
        pid=$!
        for i in $(seq 1 100); do
            if xwininfo -root -tree | grep -q "Welcome to Tapir"; then
                import -window root "$3" 2>/dev/null || true
                echo yes
                break
            fi
            sleep 0.2
        done
        kill $pid; wait $pid 2>/dev/null || true' sh "$bin/tapir" "$tmp/empty.db" "$shots/first-start.png")
    [ "$found" = yes ] || fail "no welcome window on first start"
    echo "welcome window shown ($shots/first-start.png)"
fi

# ---------------------------------------------------------------------------------------------
step "the .tar.gz"
mkdir -p "$tmp/tgz"
tar -xzf "$tgz" -C "$tmp/tgz"
top=$(find "$tmp/tgz" -mindepth 1 -maxdepth 1 -type d)
[ "$(wc -l <<<"$top")" -eq 1 ] || fail "the .tar.gz should hold one top folder"
for f in bin/tapir bin/tapir-cli share/tapir/samples/passivedns.log \
         "share/applications/$app_id.desktop"; do
    [ -e "$top/$f" ] || fail "the .tar.gz lacks $f"
done
"$top/bin/tapir-cli" --db "$tmp/tgz.db" import "$top/share/tapir/samples/passivedns.log" >/dev/null
"$top/bin/tapir-cli" --db "$tmp/tgz.db" query "*.example" --limit 3
echo "unpacked tarball runs"

# ---------------------------------------------------------------------------------------------
if command -v makensis >/dev/null; then
    step "NSIS script compiles (makensis)"
    if (cd "$tmp" && cpack -G NSIS --config "$build/CPackConfig.cmake" -B "$tmp/nsis" >"$tmp/nsis.log" 2>&1); then
        echo "NSIS installer script compiled: $(basename "$(ls "$tmp"/nsis/*.exe)")"
    else
        tail -40 "$tmp/nsis.log"
        for log in "$tmp"/nsis/_CPack_Packages/*/NSIS/NSISOutput.log; do
            [ -f "$log" ] && tail -20 "$log"
        done
        fail "makensis rejected the NSIS script"
    fi
fi

echo "package test ok: $(basename "$deb"), $(basename "$tgz") in $out"
