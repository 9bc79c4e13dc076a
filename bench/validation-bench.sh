#!/usr/bin/env bash
# What koskit validation adds to a push (issue 4's goal: at most 10 % for a 100 MiB image). One Huruhuru at a
# time on loopback, driven by RegistryBench validation-cost: round after round the same kind of image is pushed
# with koskit labels (validated, into <repo>/koskit) and without (not validated, into <repo>/plain), each with a
# layer never pushed before. Run twice: validation.readLayersOnUpload=never (layers read when the manifest is
# pushed) and auto (the default; a policy rule covers */koskit, so those layers are read while they are uploaded).
# Prints one table; see bench/README.md.
set -euo pipefail

TAR_MIB="${TAR_MIB:-200}"   # uncompressed layer; half random, half zeros: about 100 MiB of gzip
ROUNDS="${ROUNDS:-7}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
HURUHURU_JAR=registry-server/target/huruhuru.jar
HURUHURU_JAVA_OPTS="${HURUHURU_JAVA_OPTS:--Xmx512m}"
BENCH_JAR=bench/target/benchmarks.jar
log() { echo "# $*" >&2; }

if [[ ! -f "$BENCH_JAR" || ! -f "$HURUHURU_JAR" ]] \
   || ! unzip -l "$BENCH_JAR" io/huruhuru/bench/registry/ValidationCost.class >/dev/null 2>&1; then
  log "building the jars: ./mvnw -q -B -DskipTests package"
  ./mvnw -q -B -DskipTests package
fi
bench() { timeout 900 java -cp "$BENCH_JAR" io.huruhuru.bench.registry.RegistryBench "$@"; }

WORK="$(mktemp -d -t validation-bench.XXXXXX)"
PID=""
stop() { [[ -n "$PID" ]] && { kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; }; }
trap 'stop; rm -rf "$WORK"' EXIT
declare -A VALUE

cat >"$WORK/policy.yaml" <<'POLICY'
platforms:
  board:
    architecture: arm64
rules:
  - repositories: ["*/koskit"]
    platform: board
POLICY

# run MODE: starts a fresh registry with validation.readLayersOnUpload=MODE and measures.
run() {
  local mode="$1" port
  port="$(bench free-port)"
  HURUHURU_LOG_LEVEL=error HURUHURU_LOG_ACCESS=false HURUHURU_VALIDATION_READ_LAYERS_ON_UPLOAD="$mode" \
    HURUHURU_VALIDATION_POLICY="$WORK/policy.yaml" \
    java $HURUHURU_JAVA_OPTS -jar "$HURUHURU_JAR" serve --listen "127.0.0.1:$port" --data "$WORK/data-$mode" \
    >"$WORK/registry-$mode.log" 2>&1 &
  PID=$!
  bench wait-ready --url "http://127.0.0.1:$port" --pid "$PID" --timeout-s 90
  log "readLayersOnUpload=$mode: warm-up"
  bench validation-cost --url "http://127.0.0.1:$port" --repo warmup --tar-mib 32 --rounds 3 --first-seed 1000 >/dev/null
  log "readLayersOnUpload=$mode: $ROUNDS rounds of $TAR_MIB MiB layers"
  sync
  while read -r tag key value; do
    [[ "$tag" == result ]] && VALUE[$mode.$key]="$value"
  done < <(bench validation-cost --url "http://127.0.0.1:$port" --repo bench --tar-mib "$TAR_MIB" --rounds "$ROUNDS")
  stop
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
run never
run auto

pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f %%", 100 * (a - b) / b }'; }
echo
echo "Validation cost, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, loopback, JVM options: $HURUHURU_JAVA_OPTS"
echo "load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "image: one gzip layer of $TAR_MIB MiB of tar, $(awk -v b="${VALUE[auto.image_bytes]}" 'BEGIN { printf "%.1f", b / 1048576 }') MiB pushed; median of $ROUNDS pushes"
echo
printf '| %-40s | %-12s | %-12s | %-10s |\n' "layers read" "plain (s)" "koskit (s)" "koskit vs plain"
printf '| %-40s | %-12s | %-12s | %-10s |\n' "----------------------------------------" "------------" "------------" "----------"
for mode in never auto; do
  label=$([[ $mode == auto ]] && echo "auto: koskit ones while uploaded" || echo "never: when the manifest is pushed")
  printf '| %-40s | %-12s | %-12s | %-10s |\n' "$label" "${VALUE[$mode.plain_seconds]}" \
    "${VALUE[$mode.koskit_seconds]}" "$(pct "${VALUE[$mode.koskit_seconds]}" "${VALUE[$mode.plain_seconds]}")"
done
echo
echo "goal: a koskit push at most 10 % slower than a push without validation: $(pct "${VALUE[auto.koskit_seconds]}" "${VALUE[never.plain_seconds]}")" \
  "(koskit with the default, against plain with nothing read)"
echo "the default costs a non-koskit push: $(pct "${VALUE[auto.plain_seconds]}" "${VALUE[never.plain_seconds]}")"
echo "every push (s): never: plain ${VALUE[never.plain_all]} koskit ${VALUE[never.koskit_all]}; auto: plain ${VALUE[auto.plain_all]} koskit ${VALUE[auto.koskit_all]}"
