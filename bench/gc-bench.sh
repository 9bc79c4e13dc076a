#!/usr/bin/env bash
# Garbage collection figures (see bench/README.md, "Garbage collection"): (1) disk space: a kept base, then many
# images pushed, deleted and collected, with the data directory's size before, at its peak and after; (2) what a
# collection costs pushes: a population of small images (half deleted), then image pushes timed alternately without
# and with collections running back to back, and the first collection's time over the whole population.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/gc-bench.sh [--quick] [--only space|slowdown]
  env: SPACE_IMAGES (640) LAYER_MIB (8) POPULATION (20000) TIMED (200) ROUNDS (3)
USAGE
}
QUICK=0
ONLY=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1; shift ;;
    --only) ONLY="${2:?--only needs a value}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
if [[ $QUICK -eq 1 ]]; then
  SPACE_IMAGES="${SPACE_IMAGES:-40}"; LAYER_MIB="${LAYER_MIB:-1}"; POPULATION="${POPULATION:-1000}"
  TIMED="${TIMED:-40}"; ROUNDS="${ROUNDS:-2}"
else
  SPACE_IMAGES="${SPACE_IMAGES:-640}"; LAYER_MIB="${LAYER_MIB:-8}"; POPULATION="${POPULATION:-20000}"
  TIMED="${TIMED:-200}"; ROUNDS="${ROUNDS:-3}"
fi
GRACE_S=10

BENCH_NAME=gc-bench BENCH_CLASS=GcFigures BENCH_TIMEOUT=3600
source "$(dirname "${BASH_SOURCE[0]}")/lib/single-registry.sh"

# start DATA_DIR: a registry that collects only when asked, with a grace longer than a push
start() {
  port="$(bench free-port)"
  HURUHURU_LOG_LEVEL=info HURUHURU_LOG_ACCESS=false HURUHURU_GC_INTERVAL_SECONDS=0 HURUHURU_GC_GRACE_SECONDS=$GRACE_S \
    java $HURUHURU_JAVA_OPTS -jar "$HURUHURU_JAR" serve --listen "127.0.0.1:$port" --data "$1" \
    >>"$WORK/registry.log" 2>&1 &
  PID=$!
  bench wait-ready --url "http://127.0.0.1:$port" --pid "$PID" --timeout-s 90
}

declare -A VALUE
collect() { while read -r tag key value; do [[ "$tag" == result ]] && VALUE[$key]="$value"; done; }
mib() { awk -v b="$1" 'BEGIN { printf "%.0f MiB", b / 1048576 }'; }

log "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
if [[ -z "$ONLY" || "$ONLY" == space ]]; then
  start "$WORK/space"
  log "space: $SPACE_IMAGES images of $LAYER_MIB MiB pushed over a kept base, deleted, collected"
  collect < <(bench gc-space --url "http://127.0.0.1:$port" --repo bench --data "$WORK/space" \
    --images "$SPACE_IMAGES" --layer-bytes $((LAYER_MIB << 20)) --grace-s $GRACE_S)
  stop
  log "load average after space: $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '| disk space | value |\n| --- | --- |\n'
  printf '| kept base | %s images |\n' "${VALUE[base_images]}"
  printf '| pushed, then deleted | %s images, %s (%.0f MiB/s) |\n' "${VALUE[images]}" "$(mib "${VALUE[pushed_bytes]}")" "${VALUE[push_mibps]}"
  printf '| data directory before | %s |\n' "$(mib "${VALUE[before_bytes]}")"
  printf '| data directory at its peak | %s |\n' "$(mib "${VALUE[peak_bytes]}")"
  printf '| data directory after the collection | %s |\n' "$(mib "${VALUE[after_bytes]}")"
  printf '| data directory 15 s later | %s |\n' "$(mib "${VALUE[settled_bytes]}")"
  printf '| after / before | %s |\n' "$(awk -v a="${VALUE[after_bytes]}" -v b="${VALUE[before_bytes]}" 'BEGIN { printf "%.3f", a / b }')"
  printf '| collection | %s ms, %s manifests and %s blobs deleted, %s freed |\n' "${VALUE[gc_ms]}" \
    "${VALUE[gc_manifests_deleted]}" "${VALUE[gc_blobs_deleted]}" "$(mib "${VALUE[gc_bytes_freed]}")"
fi
if [[ -z "$ONLY" || "$ONLY" == slowdown ]]; then
  start "$WORK/slowdown"
  log "slowdown: $POPULATION images of 5 blobs (half deleted), then $ROUNDS rounds of $TIMED pushes without and with collections"
  collect < <(bench gc-slowdown --url "http://127.0.0.1:$port" --repo bench --population "$POPULATION" \
    --images "$TIMED" --rounds "$ROUNDS")
  stop
  log "load average after slowdown: $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '\n| collection and pushes | value |\n| --- | --- |\n'
  printf '| population | %s images, %s manifests and %s blobs marked |\n' "${VALUE[population_images]}" \
    "${VALUE[first_gc_manifests_marked]}" "${VALUE[first_gc_blobs_marked]}"
  printf '| first collection over it (deletes half) | %s ms |\n' "${VALUE[first_gc_ms]}"
  printf '| collections during the timed pushes | %s, median %s ms |\n' "${VALUE[collections_during_pushes]}" "${VALUE[collection_median_ms]}"
  printf '| image push (64 KiB layer), no collection: median / p90 | %.2f / %.2f ms |\n' "${VALUE[quiet_median_ms]}" "${VALUE[quiet_p90_ms]}"
  printf '| image push during collections: median / p90 | %.2f / %.2f ms |\n' "${VALUE[collecting_median_ms]}" "${VALUE[collecting_p90_ms]}"
  printf '| slowdown (median; goal <= 10 %%) | %.1f %% |\n' "${VALUE[slowdown_percent]}"
fi
