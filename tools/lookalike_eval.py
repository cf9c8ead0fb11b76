#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
"""Evaluates Tapir's lookalike alerts on data nobody on the team wrote by hand.

Lookalikes: Debian's dnstwist generates the variants of each brand domain offline, the
same code path as `dnstwist --format list DOMAIN` (its Fuzzer; no resolution), with its own
dictionary (english.dict, combosquatting) and TLD list (common_tlds.dict). Each variant
carries the name of the dnstwist fuzzer that made it, so recall is reported per technique
and per brand-length bucket.

Benign names: the homepage host names in Debian's package metadata (`apt-cache dumpavail`,
Homepage: fields) and the words of /usr/share/dict/words (package wamerican) as WORD.com.
False positives are counted per 10,000 benign names at each tier.

Everything runs through `tapir-cli check` on a scratch database holding only the brand
watchlist (so no store evidence: the figures are for the name alone).

Usage: tools/lookalike_eval.py [--cli build/dev/app/tapir-cli] [--out report.md]
                               [--sample-dir DIR]  (writes the small committed samples)
Needs: apt-get install dnstwist wamerican
"""
import argparse
import collections
import contextlib
import csv
import io
import os
import random
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, "/usr/lib/python3/dist-packages")
import dnstwist  # noqa: E402  (Debian package dnstwist)

# Well-known brands of varied length, by their main domain. The brand is the registrable
# label (paypal for paypal.com); the domain is its own.
BRANDS = """
hp.com ibm.com ups.com bbc.co.uk cnn.com bmw.com dhl.com ebay.com visa.com ikea.com sky.com
aol.com espn.com nike.com uber.com zoom.us etsy.com hsbc.com apple.com chase.com yahoo.com
adobe.com intel.com skype.com twitch.tv gmail.com slack.com tesla.com xerox.com canon.com
fedex.com baidu.com paypal.com google.com amazon.com github.com reddit.com airbnb.com
disney.com oracle.com nvidia.com costco.com yandex.ru alipay.com office.com roblox.com
tiktok.com target.com kraken.com icloud.com netflix.com twitter.com dropbox.com spotify.com
walmart.com samsung.com comcast.com verizon.com outlook.com youtube.com binance.com
discord.com booking.com coinbase.com facebook.com linkedin.com instagram.com microsoft.com
wellsfargo.com citibank.com blockchain.com whatsapp.com bankofamerica.com
americanexpress.com mastercard.com salesforce.com wordpress.com cloudflare.com
pinterest.com telegram.org santander.co.uk barclays.co.uk docusign.com wikipedia.org
metamask.io protonmail.com steampowered.com
""".split()

SIMPLE_TYPOS = ["addition", "bitsquatting", "hyphenation", "insertion", "omission",
                "repetition", "replacement", "transposition", "vowel-swap"]
HOMOGRAPHS = ["homoglyph", "cyrillic"]
OTHERS = ["dictionary", "tld-swap", "subdomain", "various"]
DICTS = "/usr/share/dnstwist/dictionaries"


def label(domain):
    return domain.split(".")[0]


def bucket(n):
    return "<=4" if n <= 4 else "5-6" if n <= 6 else "7-8" if n <= 8 else ">=9"


def variants(domain):
    """dnstwist's permutations of one domain: [(fuzzer, domain)]."""
    with contextlib.redirect_stdout(io.StringIO()):
        rows = dnstwist.run(domain=domain, format="list",
                            dictionary=os.path.join(DICTS, "english.dict"),
                            tld=os.path.join(DICTS, "common_tlds.dict"))
    return [(r["fuzzer"], r["domain"]) for r in rows if r["fuzzer"] != "*original"]


def benign_names():
    hosts = set()
    dump = subprocess.run(["apt-cache", "dumpavail"], capture_output=True, text=True).stdout
    for m in re.finditer(r"^Homepage:\s*\S+?://([^/:\s]+)", dump, re.M):
        h = m.group(1).lower().rstrip(".")
        if "." in h and re.fullmatch(r"[a-z0-9.-]+", h):
            hosts.add(h[4:] if h.startswith("www.") else h)
    words = set()
    with open("/usr/share/dict/words", encoding="utf-8") as f:
        for w in f:
            w = w.strip()
            if re.fullmatch(r"[a-z]+", w) and len(w) >= 3:
                words.add(w + ".com")
    return sorted(hosts), sorted(words)


def run_check(cli, db, names):
    start = time.time()
    p = subprocess.run([cli, "--db", db, "check", "--explain"], input="\n".join(names) + "\n",
                       capture_output=True, text=True, check=True)
    seconds = time.time() - start
    out = {}
    for row in csv.DictReader(io.StringIO(p.stdout)):
        out[row["name"]] = row
    return out, seconds


def pct(a, b):
    return "n/a" if b == 0 else f"{100.0 * a / b:.1f} %"


def write_samples(directory, lookalikes, hosts, words):
    """Small committed samples for the unit tests: up to 4 variants per fuzzer of a few
    brands, and 200 homepage hosts plus 200 dictionary names."""
    rnd = random.Random(8)
    pick = ["paypal", "microsoft", "netflix", "facebook", "amazon"]
    with open(os.path.join(directory, "dnstwist-sample.csv"), "w") as f:
        f.write("brand,fuzzer,name\n")
        for brand in pick:
            by = collections.defaultdict(list)
            for b, fz, n in lookalikes:
                if b == brand:
                    by[fz].append(n)
            for fz in sorted(by):
                for n in rnd.sample(sorted(by[fz]), min(4, len(by[fz]))):
                    f.write(f"{brand},{fz},{n}\n")
    with open(os.path.join(directory, "benign-sample.txt"), "w") as f:
        f.write("\n".join(sorted(rnd.sample(hosts, 200) + rnd.sample(words, 200))) + "\n")
    with open(os.path.join(directory, "eval-brands.txt"), "w") as f:
        f.write("\n".join(BRANDS) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default="build/dev/app/tapir-cli")
    ap.add_argument("--out")
    ap.add_argument("--sample-dir")
    ap.add_argument("--sample-only", action="store_true",
                    help="only write the samples (with --sample-dir), do not evaluate")
    args = ap.parse_args()

    own = set(BRANDS)
    labels = {label(d) for d in BRANDS}
    lookalikes = []  # (brand label, fuzzer, name)
    for d in BRANDS:
        seen = set()
        for fuzzer, name in variants(d):
            # A variant that is some brand's own domain is no lookalike of it.
            if name in own or name in seen:
                continue
            seen.add(name)
            lookalikes.append((label(d), fuzzer, name))
    hosts, words = benign_names()
    benign = sorted((set(hosts) | set(words)) - own)
    if args.sample_dir:
        write_samples(args.sample_dir, lookalikes, hosts, words)
    if args.sample_only:
        return

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "eval.db")
        brands_file = os.path.join(tmp, "brands.txt")
        with open(brands_file, "w") as f:
            f.write("\n".join(BRANDS) + "\n")
        subprocess.run([args.cli, "--db", db, "brands", "import", brands_file], check=True,
                       capture_output=True)
        results, s1 = run_check(args.cli, db, [n for _, _, n in lookalikes])
        bresults, s2 = run_check(args.cli, db, benign)

    lines = []
    w = lines.append
    w(f"Brands: {len(BRANDS)} (label lengths {min(map(len, labels))}-{max(map(len, labels))}); "
      f"dnstwist variants: {len(lookalikes)}; benign names: {len(benign)} "
      f"({len(hosts)} Debian homepage hosts, {len(words)} dictionary WORD.com)")
    w(f"tapir-cli check: {len(lookalikes) + len(benign)} names in {s1 + s2:.1f} s "
      f"({(len(lookalikes) + len(benign)) / (s1 + s2):,.0f} names/s including process I/O)")
    w("")
    w("Recall (alert for the right brand, any tier; in brackets: medium or high) per dnstwist "
      "fuzzer and brand-length bucket:")
    w("")
    buckets = ["<=4", "5-6", "7-8", ">=9"]
    w("| technique | " + " | ".join(buckets) + " | all |")
    w("|---|" + "---|" * (len(buckets) + 1))
    stats = collections.defaultdict(lambda: [0, 0, 0])  # hits, total, hits medium+

    def count(key, hit, strong):
        s = stats[key]
        s[0] += hit
        s[1] += 1
        s[2] += strong

    misses = collections.defaultdict(list)
    for brand, fuzzer, name in lookalikes:
        r = results.get(name)
        hit = r is not None and r["brand"] == brand and r["tier"] != "none"
        strong = hit and r["tier"] in ("medium", "high")
        b = bucket(len(brand))
        for key in [(fuzzer, b), (fuzzer, "all")]:
            count(key, hit, strong)
        group = ("simple typos" if fuzzer in SIMPLE_TYPOS else
                 "homographs" if fuzzer in HOMOGRAPHS else None)
        if group:
            count((group, b), hit, strong)
            count((group, "all"), hit, strong)
            if b in ("7-8", ">=9"):
                count((group, ">=7"), hit, strong)
        if not hit:
            misses[fuzzer].append(name if r is None or r["tier"] == "none" else
                                  f"{name}->{r['brand']}")

    def cell(key):
        h, t, s = stats[key]
        return "-" if t == 0 else f"{pct(h, t)} ({pct(s, t)}) n={t}"

    for f in SIMPLE_TYPOS + ["simple typos"] + HOMOGRAPHS + ["homographs"] + OTHERS:
        w(f"| {f} | " + " | ".join(cell((f, b)) for b in buckets) + f" | {cell((f, 'all'))} |")
    w("")
    w(f"Targets: simple typos, brands >= 7 letters: {cell(('simple typos', '>=7'))} "
      f"(target >= 99 %); homographs: {cell(('homographs', 'all'))} (target >= 95 %)")
    w("")
    tiers = collections.Counter(r["tier"] for r in bresults.values())
    per10k = lambda n: 10000.0 * n / max(1, len(benign))  # noqa: E731
    w("False positives per 10,000 benign names (target: high <= 2):")
    w("")
    w("| tier | alerts | per 10k |")
    w("|---|---|---|")
    for t in ["high", "medium", "low"]:
        w(f"| {t} | {tiers[t]} | {per10k(tiers[t]):.2f} |")
    w("")
    for t in ["high", "medium"]:
        ex = [r for r in bresults.values() if r["tier"] == t]
        random.Random(1).shuffle(ex)
        w(f"Sample {t}-tier benign alerts: " +
          ", ".join(f"{r['name']} ({r['brand'] or '-'} {r['technique']})" for r in ex[:12]))
    w("")
    for f, names in sorted(misses.items()):
        random.Random(2).shuffle(names)
        w(f"Missed {f} ({len(names)}): " + ", ".join(names[:10]))
    report = "\n".join(lines)
    print(report)
    if args.out:
        with open(args.out, "w") as f:
            f.write(report + "\n")


if __name__ == "__main__":
    main()
