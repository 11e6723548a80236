#!/usr/bin/env bash
# Runs every target for SECONDS (default 600) wall-clock, one at a time, at nice 19.
# If a target stops early on a crash, timeout or OOM, the rest of its time is run
# in libFuzzer's fork mode with -ignore_crashes so the campaign still gets its full
# time and can find further, different failures. Logs go to fuzz/logs/.
# Usage: fuzz/run-all.sh [SECONDS] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1   # stable rustc accepts cargo-fuzz's -Z flags
secs="${1:-600}"; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(html markdown metadata office pdf query)
mkdir -p logs
./seed.sh --corpus >/dev/null
for t in "${targets[@]}"; do
    opts=(-rss_limit_mb=2048 -timeout=20)
    [ "$t" = pdf ] && opts=(-rss_limit_mb=1024 -timeout=10)
    start=$(date +%s)
    echo "== $t start $(date -u +%FT%TZ)" | tee logs/"$t".log
    nice -n 19 cargo fuzz run "$t" corpus/"$t" seeds/"$t" -- \
        -max_total_time="$secs" "${opts[@]}" -print_final_stats=1 >>logs/"$t".log 2>&1
    echo "== $t exit $? after $(( $(date +%s) - start ))s" | tee -a logs/"$t".log
    left=$(( secs - ($(date +%s) - start) ))
    if [ "$left" -gt 15 ]; then
        echo "== $t fork-mode remainder ${left}s" | tee logs/"$t".fork.log
        nice -n 19 cargo fuzz run "$t" corpus/"$t" -- -fork=1 -ignore_crashes=1 \
            -ignore_timeouts=1 -ignore_ooms=1 -max_total_time="$left" "${opts[@]}" \
            -print_final_stats=1 >>logs/"$t".fork.log 2>&1
        echo "== $t fork exit $? total $(( $(date +%s) - start ))s" | tee -a logs/"$t".fork.log
    fi
done
