#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
#
# Reader throughput and memory: builds inputs of about 50 MB and of at least 200 MB per
# format by repeating the test fixtures (and the lab capture), reads each with feeds_bench
# (one process per run, so peak RSS is per reader and size), prints the figures, and
# deletes the inputs. The same peak RSS at 50 MB and at 200+ MB shows that memory does not
# grow with file size.
#
#     tools/bench_readers.sh [BUILD_DIR]      (default build/feeds-release; needs feeds_bench)
#
# Build first, e.g.:
#     cmake -S . -B build/feeds-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DTAPIR_BUILD_GUI=OFF
#     cmake --build build/feeds-release --target feeds_bench
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/feeds-release}
bench=$build/tests/feeds_bench
[ -x "$bench" ] || { echo "no $bench: build the feeds_bench target first" >&2; exit 2; }
lab=${TAPIR_LAB_PCAP:-$root/../shared/samples/lab.pcap}
[ -f "$lab" ] || lab=$root/tests/data/pcap/lab-cut.pcap
work=$(mktemp -d "${TMPDIR:-/tmp}/tapir-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 - "$root" "$work" "$lab" <<'PY'
import io, os, sys, tarfile
root, work, lab = sys.argv[1:4]
d = root + "/tests/data/"
MB = 1000 * 1000

def lines(path, keep):
    return [l for l in open(path, "rb").read().splitlines(keepends=True) if keep(l)]

def repeat(out, header, body, size):
    block = b"".join(body)
    with open(out, "wb") as f:
        f.write(header)
        n = len(header)
        while n < size:
            f.write(block)
            n += len(block)

zeek = lines(d + "zeek/dns.log", lambda l: True)
zeek_header = b"".join(l for l in zeek if l.startswith(b"#") and not l.startswith(b"#close"))
zeek_body = [l for l in zeek if not l.startswith(b"#") and l.count(b"\t") > 10]
zeek_json = lines(d + "zeek/dns.json", lambda l: l.startswith(b'{"ts"'))
eve = lines(d + "suricata/eve.json", lambda l: l.startswith(b'{"timestamp":"2026'))
csv = lines(d + "csv/dnsdbq.csv", lambda l: True)
csv_body = [l for l in csv[1:9] if b"bad time" not in l]

for tag, size in (("50", 50 * MB), ("200", 210 * MB)):
    repeat(f"{work}/zeek-{tag}.log", zeek_header, zeek_body, size)
    repeat(f"{work}/zeekjson-{tag}.json", b"", zeek_json, size)
    repeat(f"{work}/eve-{tag}.json", b"", eve, size)
    repeat(f"{work}/dnsdbq-{tag}.csv", csv[0], csv_body, size)
    cap = open(lab, "rb").read()
    repeat(f"{work}/capture-{tag}.pcap", cap[:24], [cap[24:]], size)
    # A tar bundle of a Zeek log and an eve.json, half the size each.
    with tarfile.open(f"{work}/bundle-{tag}.tar", "w", format=tarfile.USTAR_FORMAT) as tf:
        for name, src in (("dns.log", f"{work}/zeek-{tag}.log"), ("eve.json", f"{work}/eve-{tag}.json")):
            half = f"{work}/half-{name}"
            with open(src, "rb") as s, open(half, "wb") as h:
                h.write(s.read(size // 2))
                h.write(s.readline())
            tf.add(half, arcname=name)
            os.remove(half)
PY

run() {  # format file
    printf '%-22s ' "$(basename "$2")"
    "$bench" "$1" "$2"
}
for tag in 50 200; do
    run zeek "$work/zeek-$tag.log"
    run zeek "$work/zeekjson-$tag.json"
    run suricata "$work/eve-$tag.json"
    run csv "$work/dnsdbq-$tag.csv"
    run pcap "$work/capture-$tag.pcap"
    run bundle "$work/bundle-$tag.tar"
done
# A compressed input streams too: the 200 MB capture, zstd-compressed.
if command -v zstd > /dev/null; then
    zstd -q -1 "$work/capture-200.pcap" -o "$work/capture-200.pcap.zst"
    echo "(zstd-compressed capture; MB are compressed bytes read)"
    run pcap "$work/capture-200.pcap.zst"
fi
