#!/bin/sh
# Times the sel4-runtime-preview corpus programs under qemu-aarch64-static, for comparison with the model's
# figures (RunBenchmark, CorpusAgainstQemuTest's instruction counts). Needs aarch64-linux-gnu-gcc and
# qemu-aarch64-static. Usage: bench/sel4-run-qemu-bench.sh [runs per program, default 20]
set -eu
runs=${1:-20}
corpus=$(cd "$(dirname "$0")/../sel4-runtime-preview/src/test/resources/corpus" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'first line\nsecond line\n' > "$work/foo.txt"
printf '%-14s %-4s %12s\n' program opt "ms per run"
for program in hello printf qsort malloc_churn strings recursion readfile; do
    for level in 0 2; do
        aarch64-linux-gnu-gcc -static-pie -O$level -o "$work/$program" "$corpus/$program.c" -lm
        start=$(date +%s%N)
        i=0
        while [ "$i" -lt "$runs" ]; do
            qemu-aarch64-static "$work/$program" "$work/foo.txt" "$work" > /dev/null
            i=$((i + 1))
        done
        end=$(date +%s%N)
        printf '%-14s -O%-3s %12.2f\n' "$program" "$level" "$(echo "($end - $start) / 1000000 / $runs" | bc -l)"
    done
done
