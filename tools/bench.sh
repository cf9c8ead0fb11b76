#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
#
# Builds the benchmarks (preset-like release build with TAPIR_BUILD_BENCH=ON) and runs the
# whole suite once, printing the tables: import throughput, peak RSS and bytes/record at
# each scale against the naive upsert baseline, the growth curve, the in-memory merge rate,
# query latency on the largest store, and dnstap import against `dnstap-ldns -r`.
#
#   tools/bench.sh [--scales 1M,10M] [--dir /tmp/tapir-bench] [--build DIR] [SUITE OPTIONS]
#
# Everything it writes goes under --dir and is deleted at the end (pass --keep 1 to keep).
# Generated feeds need about 160 MB per million COF observations while a scale runs.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build/bench"
args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --build) build="$2"; shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done

if ! command -v dnstap-ldns > /dev/null; then
    echo "bench.sh: dnstap-ldns not found (apt-get install dnstap-ldns); its row is skipped" >&2
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTAPIR_BUILD_BENCH=ON \
    -DTAPIR_BUILD_GUI=OFF -DTAPIR_BUILD_TESTS=OFF > /dev/null
cmake --build "$build" --target tapir-bench tapir-gen > /dev/null

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo)," \
     "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "sqlite $(pkg-config --modversion sqlite3 2>/dev/null || echo '?'), $(date -u +%Y-%m-%dT%H:%MZ)"
exec "$build/tools/bench/tapir-bench" suite --gen "$build/tools/bench/tapir-gen" "${args[@]}"
