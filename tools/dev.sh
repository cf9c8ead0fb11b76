#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
#
# The two commands of README.md, on Debian 12:
#   tools/dev.sh run    install what is missing, build, start the app on the default database
#   tools/dev.sh test   install what is missing, build, run the whole test suite
# .ci/run calls `tools/dev.sh test` on a clean clone.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev libqt6opengl6-dev qt6-qpa-plugins
    libboost-graph-dev libgtest-dev googletest libbenchmark-dev libsqlite3-dev
    libfstrm-dev libprotobuf-c-dev protobuf-c-compiler libpcap-dev libicu-dev
    libpsl-dev publicsuffix libsimdjson-dev zlib1g-dev libzstd-dev liblzma-dev libarchive-dev
    libxxhash-dev libknot-dev
    xvfb xauth imagemagick fonts-dejavu-core gzip xz-utils zstd bzip2 python3
    # Internationalised names are shown in their own script (a lookalike in Japanese,
    # Arabic or Devanagari must not look like a row of boxes); DejaVu covers Latin,
    # Greek and Cyrillic only.
    fonts-noto-core fonts-noto-cjk
)
test_packages=(dnstap-ldns bind9-dnsutils fstrm-bin tshark sqlite3)
# The sanitizer pass: clang with libFuzzer, ASan and UBSan runtimes.
test_packages+=(clang libclang-rt-14-dev)
# Packaging test (tools/package_test.sh): lint, icons, MIME check, NSIS script check.
test_packages+=(lintian appstream desktop-file-utils librsvg2-bin libglib2.0-bin x11-utils nsis)

install_missing() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return
    fi
    echo "Installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    # tshark asks whether non-root users may capture; the default (no) is fine.
    echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo debconf-set-selections 2>/dev/null || true
    $sudo apt-get update -qq || $sudo apt-get update
    $sudo apt-get install -y --no-install-recommends "${missing[@]}"
}

jobs=$(nproc 2>/dev/null || echo 2)

case "${1:-}" in
    run)
        install_missing "${packages[@]}"
        cmake --preset release >/dev/null
        cmake --build --preset release -j "$jobs"
        shift
        exec build/release/app/tapir "$@"
        ;;
    test)
        install_missing "${packages[@]}" "${test_packages[@]}"
        cmake --preset ci
        cmake --build --preset ci -j "$jobs"
        ctest --preset ci -j "$jobs" --timeout 600
        # Again under ASan+UBSan (clang, the `fuzz` preset): every test but the packaging
        # one, GUI included, and a 10-second smoke run of every fuzzer (issue 10).
        cmake --preset fuzz
        cmake --build --preset fuzz -j "$jobs"
        ctest --preset fuzz -j "$jobs" --timeout 900
        ;;
    *)
        echo "usage: tools/dev.sh run|test" >&2
        exit 2
        ;;
esac
