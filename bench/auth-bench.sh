#!/usr/bin/env bash
# Manifest GET throughput of Huruhuru with Docker token authentication against the same run without it: one registry
# process per mode on the same data directory, the same wrk run (-t2 -c32) after the same warm-up. The issue's goal:
# with tokens, within 10 % of the figure without. Prints one table to stdout; progress goes to stderr.
# See bench/README.md ("Access control").
set -euo pipefail

WRK_SECONDS="${WRK_SECONDS:-10}"
WARMUP_SECONDS="${WARMUP_SECONDS:-5}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
HURUHURU_JAR=registry-server/target/huruhuru.jar
BENCH_JAR=bench/target/benchmarks.jar
HURUHURU_JAVA_OPTS="${HURUHURU_JAVA_OPTS:--Xms512m -Xmx512m}"

log() { echo "# $*" >&2; }
for tool in java wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 1; }
done
if [[ ! -f "$BENCH_JAR" || ! -f "$HURUHURU_JAR" ]]; then
  log "building the jars: ./mvnw -q -B -DskipTests package"
  ./mvnw -q -B -DskipTests package
fi
bench() { timeout 900 java -cp "$BENCH_JAR" io.huruhuru.bench.registry.RegistryBench "$@"; }

WORK="$(mktemp -d -t auth-bench.XXXXXX)"
PID=""
stop_registry() {
  [[ -n "$PID" ]] || return 0
  kill -TERM "$PID" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  PID=""
}
trap 'stop_registry; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

PORT="$(bench free-port)"
URL="http://127.0.0.1:$PORT"
mkdir -p "$WORK/data"

# start [ENV=VALUE...]: the registry on $PORT over $WORK/data, waiting until /v2/ answers (200, or 401 with auth).
start() {
  env HURUHURU_LOG_LEVEL=error HURUHURU_LOG_ACCESS=false "$@" \
    java $HURUHURU_JAVA_OPTS -jar "$HURUHURU_JAR" serve --listen "127.0.0.1:$PORT" --data "$WORK/data" \
    >>"$WORK/registry.log" 2>&1 &
  PID=$!
  for _ in $(seq 300); do
    code="$(curl -s -o /dev/null -w '%{http_code}' "$URL/v2/" || true)"
    [[ "$code" == 200 || "$code" == 401 ]] && return 0
    kill -0 "$PID" 2>/dev/null || { tail -20 "$WORK/registry.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "registry not ready" >&2; exit 1
}

# run_wrk SECONDS [HEADER...]: requests/s of manifest GETs; fails on any non-2xx answer.
run_wrk() {
  local seconds="$1"; shift
  local out="$WORK/wrk.out" args=(-t2 -c32 -d"${seconds}s" -H "Accept: application/vnd.oci.image.manifest.v1+json")
  for header in "$@"; do args+=(-H "$header"); done
  timeout $((seconds + 60)) wrk "${args[@]}" "$URL/v2/bench/image/manifests/latest" >"$out" 2>&1
  if grep -qE 'Non-2xx or 3xx responses|Socket errors' "$out"; then
    echo "wrk reported failures: $(grep -E 'Non-2xx|Socket errors' "$out")" >&2; exit 1
  fi
  awk '/^Requests\/sec:/ {print $2}' "$out"
}

log "without authentication: push the image, warm up ${WARMUP_SECONDS}s, measure ${WRK_SECONDS}s"
start
bench push-image --repo bench/image --tag latest --url "$URL" >/dev/null
run_wrk "$WARMUP_SECONDS" >/dev/null
OPEN="$(run_wrk "$WRK_SECONDS")"
stop_registry
log "without authentication: $OPEN requests/s"

# bcrypt of cost 10 by htpasswd -B (apache2-utils) or, without it, BouncyCastle from the registry's jar (Python's crypt
# module, used before, is gone in Python 3.13)
if command -v htpasswd >/dev/null; then
  HASH="$(htpasswd -nbB -C 10 bench bench-password | head -1 | cut -d: -f2-)"
else
  HASH="$(java -cp "$HURUHURU_JAR" bench/BcryptHash.java bench-password 10)"
fi
[[ "$HASH" == '$2'?'$10$'* ]] || { echo "no bcrypt hash made: $HASH" >&2; exit 1; }
echo "bench:$HASH" >"$WORK/htpasswd"
cat >"$WORK/rules.yaml" <<'RULES'
rules:
  - repositories: ["bench/**"]
    users: [bench]
    actions: [pull]
RULES
log "with token authentication: the same, with one token for all requests (as a client reuses its token)"
start HURUHURU_AUTH_MODE=token HURUHURU_AUTH_HTPASSWD="$WORK/htpasswd" HURUHURU_AUTH_RULES="$WORK/rules.yaml" \
  HURUHURU_AUTH_TOKEN_TTL_SECONDS=3600
TOKEN="$(curl -sf -u bench:bench-password "$URL/token?service=huruhuru&scope=repository:bench/image:pull" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/v2/bench/image/manifests/latest")" == 401 ]] \
  || { echo "the manifest is readable without a token: authentication is not on" >&2; exit 1; }
run_wrk "$WARMUP_SECONDS" "Authorization: Bearer $TOKEN" >/dev/null
TOKEN_RATE="$(run_wrk "$WRK_SECONDS" "Authorization: Bearer $TOKEN")"
stop_registry
log "with token authentication: $TOKEN_RATE requests/s"

echo "manifest GET, wrk -t2 -c32 -d${WRK_SECONDS}s (requests/s) | without auth | token auth | token/without"
awk -v a="$OPEN" -v b="$TOKEN_RATE" 'BEGIN { printf "| %.0f | %.0f | %.1f %% |\n", a, b, 100 * b / a }'
