#!/usr/bin/env bash
# What koskit validation adds to a push (goal: at most 10 % for a 100 MiB image). One Huruhuru at a
# time on loopback, driven by RegistryBench validation-cost: round after round the same kind of image is pushed
# with koskit labels (validated, into <repo>/koskit) and without (not validated, into <repo>/plain), each with a
# layer never pushed before. Run with validation.readLayersOnUpload=never (layers read when the manifest is pushed)
# and auto (the default; a policy rule covers */koskit, so those layers are read while they are uploaded), each at
# loopback speed and with the layer paced to RATE_MIBPS (a client behind a 1 Gbit/s link by default).
# Prints one table; see bench/README.md.
set -euo pipefail

TAR_MIB="${TAR_MIB:-200}"   # uncompressed layer; half random, half zeros: about 100 MiB of gzip
ROUNDS="${ROUNDS:-7}"
RATE_MIBPS="${RATE_MIBPS:-112}"   # about what TCP carries over 1 Gbit/s
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
SEED=0

cat >"$WORK/policy.yaml" <<'POLICY'
platforms:
  board:
    architecture: arm64
rules:
  - repositories: ["*/koskit"]
    platform: board
POLICY

# run MODE RATE: starts a fresh registry with validation.readLayersOnUpload=MODE and measures at RATE MiB/s (0: none).
run() {
  local mode="$1" rate="$2" port
  port="$(bench free-port)"
  HURUHURU_LOG_LEVEL=error HURUHURU_LOG_ACCESS=false HURUHURU_VALIDATION_READ_LAYERS_ON_UPLOAD="$mode" \
    HURUHURU_VALIDATION_POLICY="$WORK/policy.yaml" \
    java $HURUHURU_JAVA_OPTS -jar "$HURUHURU_JAR" serve --listen "127.0.0.1:$port" --data "$WORK/data-$mode-$rate" \
    >"$WORK/registry-$mode-$rate.log" 2>&1 &
  PID=$!
  bench wait-ready --url "http://127.0.0.1:$port" --pid "$PID" --timeout-s 90
  log "readLayersOnUpload=$mode, pace $rate MiB/s: warm-up"
  bench validation-cost --url "http://127.0.0.1:$port" --repo warmup --tar-mib 32 --rounds 3 --first-seed 1 >/dev/null
  log "readLayersOnUpload=$mode, pace $rate MiB/s: $ROUNDS rounds of $TAR_MIB MiB layers"
  sync
  # Seeds never repeat across runs: no layer is pushed twice, so no run profits from another's reading.
  SEED=$((SEED + 1000))
  while read -r tag key value; do
    [[ "$tag" == result ]] && VALUE[$mode.$rate.$key]="$value"
  done < <(bench validation-cost --url "http://127.0.0.1:$port" --repo bench --tar-mib "$TAR_MIB" --rounds "$ROUNDS" \
             --rate-mibps "$rate" --first-seed "$SEED")
  stop
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for rate in 0 "$RATE_MIBPS"; do
  run never "$rate"
  run auto "$rate"
done

pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f %%", 100 * (a - b) / b }'; }
echo
echo "Validation cost, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, loopback, JVM options: $HURUHURU_JAVA_OPTS"
echo "load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "image: one gzip layer of $TAR_MIB MiB of tar, $(awk -v b="${VALUE[auto.0.image_bytes]}" 'BEGIN { printf "%.1f", b / 1048576 }') MiB pushed; median of $ROUNDS pushes"
echo
printf '| %-14s | %-36s | %-9s | %-10s | %-15s | %-15s |\n' "upload pace" "layers read" "plain (s)" "koskit (s)" "koskit vs plain" "vs plain, never"
printf '| %-14s | %-36s | %-9s | %-10s | %-15s | %-15s |\n' "--------------" "------------------------------------" "---------" "----------" "---------------" "---------------"
for rate in 0 "$RATE_MIBPS"; do
  pace=$([[ $rate == 0 ]] && echo "loopback" || echo "$rate MiB/s")
  for mode in never auto; do
    label=$([[ $mode == auto ]] && echo "auto (default): koskit while uploaded" || echo "never: when the manifest is pushed")
    printf '| %-14s | %-36s | %-9s | %-10s | %-15s | %-15s |\n' "$pace" "$label" "${VALUE[$mode.$rate.plain_seconds]}" \
      "${VALUE[$mode.$rate.koskit_seconds]}" \
      "$(pct "${VALUE[$mode.$rate.koskit_seconds]}" "${VALUE[$mode.$rate.plain_seconds]}")" \
      "$(pct "${VALUE[$mode.$rate.koskit_seconds]}" "${VALUE[never.$rate.plain_seconds]}")"
  done
done
echo
echo "goal: a koskit push (default settings) at most 10 % slower than a push without validation (plain, never):"
echo "  loopback: $(pct "${VALUE[auto.0.koskit_seconds]}" "${VALUE[never.0.plain_seconds]}");" \
  "paced to $RATE_MIBPS MiB/s: $(pct "${VALUE[auto.$RATE_MIBPS.koskit_seconds]}" "${VALUE[never.$RATE_MIBPS.plain_seconds]}")"
for rate in 0 "$RATE_MIBPS"; do
  echo "every push (s), pace $rate: never: plain ${VALUE[never.$rate.plain_all]} koskit ${VALUE[never.$rate.koskit_all]};" \
    "auto: plain ${VALUE[auto.$rate.plain_all]} koskit ${VALUE[auto.$rate.koskit_all]}"
done
