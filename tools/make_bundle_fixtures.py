#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
"""Writes tests/data/bundle/{feeds.zip,feeds.tar.gz,bomb.zip} from the other fixtures, with
fixed times so the files are reproducible. Run from the repository root:

    tools/make_bundle_fixtures.py
"""
import gzip
import io
import tarfile
import zipfile

D = "tests/data/"
T = 1795714000
STAMP = (2026, 11, 26, 17, 0, 0)


def main():
    zeek = open(D + "zeek/dns.log", "rb").read()
    eve = gzip.compress(open(D + "suricata/eve.json", "rb").read(), mtime=0)
    pdns = open(D + "passivedns/passivedns-nxdomain.log", "rb").read()
    note = b"These files were exported for the incident review.\n"

    def add(tf, name, data):
        ti = tarfile.TarInfo(name)
        ti.size, ti.mtime = len(data), T
        tf.addfile(ti, io.BytesIO(data))

    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tf:
        d = tarfile.TarInfo("logs")
        d.type, d.mtime = tarfile.DIRTYPE, T
        tf.addfile(d)
        add(tf, "logs/dns.log", zeek)
        add(tf, "logs/eve.json.gz", eve)  # a compressed member
        add(tf, "logs/passivedns.log", pdns)
        add(tf, "logs/NOTES.txt", note)  # no feed format: reported and skipped
        add(tf, "logs/.hidden.log", pdns)  # hidden: skipped
    open(D + "bundle/feeds.tar.gz", "wb").write(gzip.compress(raw.getvalue(), mtime=0))

    def zipped(path, members):
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members:
                zi = zipfile.ZipInfo(name, STAMP)
                zi.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(zi, data)

    zipped(D + "bundle/feeds.zip", [("dns.log", zeek), ("eve.json.gz", eve),
                                     ("passivedns.log", pdns), ("NOTES.txt", note)])
    # 64 MiB of blank lines after a real log: deflates about 1000:1.
    zipped(D + "bundle/bomb.zip", [("dns.log", zeek + b"\n" * (64 << 20))])


if __name__ == "__main__":
    main()
