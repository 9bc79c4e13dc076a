#!/usr/bin/env bash
# What signing adds to a manifest push (goal: at most 2 ms, median). One Huruhuru on loopback whose policy signs
# <repo>/signed (the default) and not <repo>/unsigned (sign: none); RegistryBench signing-cost puts distinct
# manifests into both, alternately, and times the manifest PUT alone. Prints one table; see bench/README.md.
set -euo pipefail

ROUNDS="${ROUNDS:-300}"
BENCH_NAME=signing-bench BENCH_CLASS=SigningCost BENCH_TIMEOUT=600
source "$(dirname "${BASH_SOURCE[0]}")/lib/single-registry.sh"

cat >"$WORK/policy.yaml" <<'POLICY'
platforms:
  board:
    architecture: arm64
rules:
  - repositories: ["*/unsigned"]
    platform: board
    sign: none
POLICY

port="$(bench free-port)"
HURUHURU_LOG_LEVEL=error HURUHURU_LOG_ACCESS=false HURUHURU_VALIDATION_POLICY="$WORK/policy.yaml" \
  java $HURUHURU_JAVA_OPTS -jar "$HURUHURU_JAR" serve --listen "127.0.0.1:$port" --data "$WORK/data" \
  >"$WORK/registry.log" 2>&1 &
PID=$!
bench wait-ready --url "http://127.0.0.1:$port" --pid "$PID" --timeout-s 90
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
log "$ROUNDS rounds of one signed and one unsigned manifest PUT"
declare -A VALUE
while read -r tag key value; do
  [[ "$tag" == result ]] && VALUE[$key]="$value"
done < <(bench signing-cost --url "http://127.0.0.1:$port" --repo bench --rounds "$ROUNDS")
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

printf '| figure | value |\n| --- | --- |\n'
printf '| manifest PUT, signed (median) | %.2f ms |\n' "${VALUE[signed_median_ms]}"
printf '| manifest PUT, unsigned (median) | %.2f ms |\n' "${VALUE[unsigned_median_ms]}"
printf '| signing adds (median difference; goal <= 2 ms) | %.2f ms |\n' "${VALUE[signing_adds_ms]}"
printf '| manifest PUT, signed (p90) | %.2f ms |\n' "${VALUE[signed_p90_ms]}"
printf '| manifest PUT, unsigned (p90) | %.2f ms |\n' "${VALUE[unsigned_p90_ms]}"
