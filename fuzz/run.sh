#!/usr/bin/env bash
# Run one cargo-fuzz target until it has made RUNS executions (default ten million),
# logging libFuzzer's output to fuzz/logs/TARGET.log.
#
#   fuzz/run.sh quotes            # 10,000,000 executions
#   fuzz/run.sh check 1000000
#
# Built without a sanitizer (`-s none`): attrib has no `unsafe`, and ASan costs 3-4x in
# executions per second. Inputs are capped at 4 KB (libFuzzer's default) and every input has
# 60 s before it counts as a timeout (a 4 KB input takes well under a millisecond; the margin
# lets the benchmarks pause a fuzzer with SIGSTOP without a false timeout).
# Crashes land in fuzz/artifacts/TARGET/; the corpus grows in fuzz/corpus/TARGET/.
set -euo pipefail
target=${1:?usage: fuzz/run.sh TARGET [RUNS]}
runs=${2:-10000000}
cd "$(dirname "$0")"
mkdir -p logs corpus/"$target"
export RUSTC_BOOTSTRAP=1
cargo fuzz build -s none -O "$target"
start=$(date +%s)
cargo fuzz run -s none -O "$target" -- \
    -runs="$runs" -dict=attrib.dict -max_len=4096 -timeout=60 -rss_limit_mb=2048 \
    -print_final_stats=1 >"logs/$target.log" 2>&1 || status=$?
end=$(date +%s)
echo "$target: $(grep -E '^#[0-9]+' "logs/$target.log" | tail -1)"
echo "$target: $((end - start)) s, exit ${status:-0}"
exit "${status:-0}"
