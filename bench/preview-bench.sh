#!/usr/bin/env bash
# The boot preview's latency over HTTP (goals, median, warm): a computed preview of a stored native image <= 50 ms,
# the same preview served from storage <= 5 ms, a 20-service system <= 100 ms. One Huruhuru on loopback;
# RegistryBench preview-cost pushes 20 native (koskit) images and times one request at a time. Prints one table;
# see bench/README.md.
set -euo pipefail

ROUNDS="${ROUNDS:-100}"
WARMUP="${WARMUP:-30}"
SERVICES="${SERVICES:-20}"
BENCH_NAME=preview-bench BENCH_CLASS=PreviewCost BENCH_TIMEOUT=900
source "$(dirname "${BASH_SOURCE[0]}")/lib/single-registry.sh"

port="$(bench free-port)"
HURUHURU_LOG_LEVEL=error HURUHURU_LOG_ACCESS=false \
  java $HURUHURU_JAVA_OPTS -jar "$HURUHURU_JAR" serve --listen "127.0.0.1:$port" --data "$WORK/data" \
  >"$WORK/registry.log" 2>&1 &
PID=$!
bench wait-ready --url "http://127.0.0.1:$port" --pid "$PID" --timeout-s 90
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
log "$SERVICES images pushed, then $WARMUP warm-up and $ROUNDS timed rounds of each request"
declare -A VALUE
while read -r tag key value; do
  [[ "$tag" == result ]] && VALUE[$key]="$value"
done < <(bench preview-cost --url "http://127.0.0.1:$port" --repo bench --rounds "$ROUNDS" --warmup "$WARMUP" \
  --services "$SERVICES")
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

printf '| figure | median | p90 | goal (median) |\n| --- | --- | --- | --- |\n'
printf '| preview of a stored native image, computed | %.2f ms | %.2f ms | <= 50 ms |\n' \
  "${VALUE[computed_median_ms]}" "${VALUE[computed_p90_ms]}"
printf '| the same preview, served from storage | %.2f ms | %.2f ms | <= 5 ms |\n' \
  "${VALUE[stored_median_ms]}" "${VALUE[stored_p90_ms]}"
printf '| system of %s native services, computed | %.2f ms | %.2f ms | <= 100 ms |\n' \
  "${VALUE[services]}" "${VALUE[system_median_ms]}" "${VALUE[system_p90_ms]}"
