#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
#
# Fuzz smoke test: fuzz_smoke.sh FUZZER SEED_DIR
# Replays the seeds, then mutates for $TAPIR_FUZZ_SECONDS (default 10) in a scratch corpus,
# so the checked-in seeds are never written. The random seed is fixed ($TAPIR_FUZZ_SEED,
# default 1) so that CI explores the same inputs each time and a red run can be replayed;
# long runs with other seeds are how new inputs are found (README, Reliability). libFuzzer exits non-zero on any crash, leak,
# sanitizer report or input slower than -timeout; the input that did it is kept in the
# current directory (crash-*, leak-*, timeout-*) to be added to tests/data/regressions.
set -euo pipefail
fuzzer=$1
seeds=$2
seconds=${TAPIR_FUZZ_SECONDS:-10}
seed=${TAPIR_FUZZ_SEED:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus"
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$fuzzer" -max_total_time="$seconds" -seed="$seed" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$PWD/$(basename "$fuzzer")-" "$work/corpus" "$seeds"
