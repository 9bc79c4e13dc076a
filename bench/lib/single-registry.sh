# Shared set-up of the benchmark scripts that run one Huruhuru on loopback and drive it with RegistryBench.
# Sourced (not run) after the script sets BENCH_NAME (its temporary directory's prefix), BENCH_CLASS (the
# RegistryBench class it needs, to rebuild stale jars) and BENCH_TIMEOUT (seconds for each RegistryBench call).
# Gives: ROOT (the repository, also the working directory), HURUHURU_JAR, HURUHURU_JAVA_OPTS, BENCH_JAR, log,
# bench (RegistryBench with the script's arguments), WORK (a temporary directory) and PID with stop (the registry
# the script starts), both cleaned up on exit.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
HURUHURU_JAR=registry-server/target/huruhuru.jar
HURUHURU_JAVA_OPTS="${HURUHURU_JAVA_OPTS:--Xms512m -Xmx512m}"
BENCH_JAR=bench/target/benchmarks.jar
log() { echo "# $*" >&2; }

if [[ ! -f "$BENCH_JAR" || ! -f "$HURUHURU_JAR" ]] \
   || ! unzip -l "$BENCH_JAR" "io/huruhuru/bench/registry/$BENCH_CLASS.class" >/dev/null 2>&1; then
  log "building the jars: ./mvnw -q -B -DskipTests package"
  ./mvnw -q -B -DskipTests package
fi
bench() { timeout "$BENCH_TIMEOUT" java -cp "$BENCH_JAR" io.huruhuru.bench.registry.RegistryBench "$@"; }

WORK="$(mktemp -d -t "$BENCH_NAME.XXXXXX")"
PID=""
stop() { [[ -n "$PID" ]] && { kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; }; }
trap 'stop; rm -rf "$WORK"' EXIT
