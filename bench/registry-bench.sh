#!/usr/bin/env bash
# Side-by-side benchmark of Huruhuru and the reference registry (Debian's docker-registry, CNCF
# Distribution 2.8.2 on filesystem storage), both on loopback, driven by the same client
# (io.huruhuru.bench.registry.RegistryBench and wrk) on the same data. Prints one table to stdout;
# progress goes to stderr. See bench/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/registry-bench.sh [--size-mib N] [--only huruhuru|reference] [--quick]
  --size-mib N   size of the blob for monolithic push, chunked push and pull (default 1024; 64 with --quick)
  --only R       start and measure one registry only
  --quick        smoke run: small sizes, short wrk and listing runs, no 4 GiB RSS push
EOF
}

SIZE_MIB=""
ONLY=""
QUICK=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --size-mib) SIZE_MIB="${2:?--size-mib needs a value}"; shift 2 ;;
    --only) ONLY="${2:?--only needs a value}"; shift 2 ;;
    --quick) QUICK=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
case "$ONLY" in
  ""|huruhuru|reference) ;;
  *) echo "--only must be huruhuru or reference" >&2; exit 2 ;;
esac
[[ -z "$SIZE_MIB" || "$SIZE_MIB" =~ ^[1-9][0-9]*$ ]] || { echo "--size-mib must be a positive integer" >&2; exit 2; }

# Workload. The full run is the one whose figures bench/README.md records; --quick keeps every step but shrinks it.
if [[ $QUICK -eq 1 ]]; then
  SIZE_MIB="${SIZE_MIB:-64}"; WARMUP_MIB=16; TAGS=1000; CONCURRENT_MIB=2
  WRK_SECONDS=3; LIST_SECONDS=2; RSS_MIB=0
else
  SIZE_MIB="${SIZE_MIB:-1024}"; WARMUP_MIB=1024; TAGS=10000; CONCURRENT_MIB=16
  WRK_SECONDS=10; LIST_SECONDS=5; RSS_MIB=4096
fi
CHUNK_MIB=8
CONCURRENT=32
TAG_PAGE=100
# The RSS goal: memory must not grow with the blob; a growth under 1/16 of the blob is taken as flat.
RSS_FLAT_MIB=$((RSS_MIB / 16))

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
HURUHURU_JAR=registry-server/target/huruhuru.jar
# The JVM options Huruhuru runs with, as the README tells a deployment to set them. Without -Xmx the JVM may let its
# heap grow towards a quarter of the machine's memory under the allocation rate of a push, which shows up as RSS
# although nothing is held. Without -Xms at the same size, G1 uncommits heap regions at the end of a marking cycle
# and the pushes after that fault them back in (see bench/README.md).
HURUHURU_JAVA_OPTS="${HURUHURU_JAVA_OPTS:--Xms512m -Xmx512m}"
BENCH_JAR=bench/target/benchmarks.jar
if [[ -n "$ONLY" ]]; then REGISTRIES=("$ONLY"); else REGISTRIES=(huruhuru reference); fi

log() { echo "# $*" >&2; }
wants() { [[ " ${REGISTRIES[*]} " == *" $1 "* ]]; }

for tool in java wrk; do
  command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 1; }
done
if wants reference; then
  command -v docker-registry >/dev/null \
    || { echo "docker-registry not found (apt-get install docker-registry)" >&2; exit 1; }
fi

# Builds through the wrapper only when a jar is missing, so a run never rebuilds what others are building.
if [[ ! -f "$BENCH_JAR" ]] \
   || ! unzip -l "$BENCH_JAR" io/huruhuru/bench/registry/RegistryBench.class >/dev/null 2>&1 \
   || { wants huruhuru && [[ ! -f "$HURUHURU_JAR" ]]; }; then
  log "building the jars: ./mvnw -q -B -DskipTests package"
  ./mvnw -q -B -DskipTests package
fi

# Every client run is bounded, so a registry that stops reading or answering cannot hang the benchmark.
bench() { timeout 900 java -cp "$BENCH_JAR" io.huruhuru.bench.registry.RegistryBench "$@"; }

WORK="$(mktemp -d -t registry-bench.XXXXXX)"
declare -A PID URL VALUE
ERRORS=()
NOTES=()

stop_registries() {
  local name pid
  for name in "${!PID[@]}"; do
    pid="${PID[$name]}"
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
cleanup() { stop_registries; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

error() { ERRORS+=("$1: $2"); log "ERROR $1: $2"; }

# start NAME COMMAND...: starts a registry in the background and waits for GET /v2/ to answer 200.
start() {
  local name="$1" port="$2"; shift 2
  "$@" >"$WORK/$name.log" 2>&1 &
  PID[$name]=$!
  URL[$name]="http://127.0.0.1:$port"
  if ! bench wait-ready --url "${URL[$name]}" --pid "${PID[$name]}" --timeout-s 90 2>"$WORK/$name.wait"; then
    error "$name start" "$(cat "$WORK/$name.wait"); log tail: $(tail -c 2000 "$WORK/$name.log")"
    return 1
  fi
  log "$name ready at ${URL[$name]} (pid ${PID[$name]})"
}

# Logging as the reference is configured: errors only, no access log.
start_huruhuru() {
  local port; port="$(bench free-port)"
  mkdir -p "$WORK/huruhuru-data"
  start huruhuru "$port" env HURUHURU_LOG_LEVEL=error HURUHURU_LOG_ACCESS=false \
    java $HURUHURU_JAVA_OPTS -jar "$HURUHURU_JAR" serve --listen "127.0.0.1:$port" --data "$WORK/huruhuru-data"
}

# Debian's packaged defaults minus auth: filesystem storage, delete enabled, in-memory blob descriptor cache.
start_reference() {
  local port; port="$(bench free-port)"
  cat >"$WORK/reference.yml" <<EOF
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $WORK/reference-data
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: 127.0.0.1:$port
EOF
  start reference "$port" docker-registry serve "$WORK/reference.yml"
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
# The client's own ceiling (client and a discarding stand-in server in one process): a registry
# figure close to it says more about this machine's loopback than about the registry.
CEILING="$(bench client-ceiling --size-bytes $((SIZE_MIB << 20)) \
  | awk '$1 == "result" { sub(/_mibps/, "", $2); printf "%s%s %.0f MiB/s", sep, $2, $3; sep = ", " }')"
log "client ceiling: $CEILING"

UP=()
for name in "${REGISTRIES[@]}"; do
  if "start_$name"; then UP+=("$name"); fi
done

# measure NAME FIGURE KEY ARGS...: runs one client subcommand, keeps every result line as
# VALUE[NAME.FIGURE.key] and VALUE[NAME.FIGURE] for KEY; a failure is kept with its exact message.
measure() {
  local name="$1" figure="$2" key="$3"; shift 3
  local out="$WORK/$name.$figure.out" err="$WORK/$name.$figure.err"
  # Written-back pages of one registry's run must not slow the next one down: flush them untimed.
  sync
  if bench "$@" --url "${URL[$name]}" >"$out" 2>"$err"; then
    while read -r tag k v; do
      [[ "$tag" == result ]] && VALUE[$name.$figure.$k]="$v"
    done <"$out"
    VALUE[$name.$figure]="${VALUE[$name.$figure.$key]:-}"
    log "$name $figure: ${VALUE[$name.$figure]}"
  else
    error "$name $figure" "$(tr '\n' ' ' <"$err")"
    return 1
  fi
}

# manifest_get NAME FIGURE SECONDS: pushes the small image, then runs wrk on its manifest.
manifest_get() {
  local name="$1" figure="$2" seconds="$3" out="$WORK/$1.$2.wrk"
  measure "$name" image manifest_digest push-image --repo bench/image --tag latest || return 0
  if ! timeout $((seconds + 60)) wrk -t2 -c32 -d"${seconds}s" \
      -H "Accept: application/vnd.oci.image.manifest.v1+json" \
      "${URL[$name]}/v2/bench/image/manifests/latest" >"$out" 2>&1; then
    error "$name manifest GET" "wrk: $(cat "$out")"
    return 0
  fi
  if grep -q 'Non-2xx or 3xx responses' "$out" || grep -q 'Socket errors' "$out"; then
    error "$name manifest GET" "wrk reported failures: $(grep -E 'Non-2xx|Socket errors' "$out" | tr '\n' ' ')"
  fi
  VALUE[$name.$figure]="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
  log "$name $figure: ${VALUE[$name.$figure]}"
}

# The same untimed pass over push, pull and manifest GET for each registry first, so that no figure includes a
# just-in-time compiler's warm-up (Huruhuru runs on a JVM, the reference does not). Concurrent pushes get their own
# warm-up right before their figure (warm_up_concurrent).
warm_up() {
  local name="$1" size=$((WARMUP_MIB << 20))
  measure "$name" warmup_mono mibps push-monolithic --repo bench/warmup --size-bytes "$size" --blob-id 900 \
    || return 0
  measure "$name" warmup_chunked mibps push-chunked --repo bench/warmup --size-bytes "$size" --blob-id 901 \
    --chunk-bytes $((CHUNK_MIB << 20)) || true
  measure "$name" warmup_pull mibps pull --repo bench/warmup --digest "${VALUE[$name.warmup_mono.digest]}" \
    --size-bytes "$size" --repeat 3 || true
  manifest_get "$name" warmup_manifest_get 2
}

# Three untimed rounds of the concurrent pushes: 32 connections reach code paths that one connection does not.
# They run after the other figures, which they would otherwise change (the JVM recompiles shared paths for them).
warm_up_concurrent() {
  local name="$1" round
  for round in 1 2 3; do
    measure "$name" "warmup_concurrent_$round" mibps concurrent-push --repo bench/warmup --count "$CONCURRENT" \
      --size-bytes $((CONCURRENT_MIB << 20)) --blob-id $((3000 + 100 * round)) || true
  done
}

for name in "${UP[@]}"; do
  log "$name: warm-up with $WARMUP_MIB MiB blobs"
  warm_up "$name"
done
SIZE=$((SIZE_MIB << 20))
for name in "${UP[@]}"; do
  log "$name: monolithic push of $SIZE_MIB MiB"
  measure "$name" push_mono mibps push-monolithic --repo bench/blobs --size-bytes "$SIZE" --blob-id 1 || true
done
for name in "${UP[@]}"; do
  log "$name: chunked push of $SIZE_MIB MiB in $CHUNK_MIB MiB chunks"
  measure "$name" push_chunked mibps push-chunked --repo bench/blobs --size-bytes "$SIZE" --blob-id 2 \
    --chunk-bytes $((CHUNK_MIB << 20)) || true
done
for name in "${UP[@]}"; do
  log "$name: pull of $SIZE_MIB MiB"
  if [[ -n "${VALUE[$name.push_mono.digest]:-}" ]]; then
    measure "$name" pull mibps pull --repo bench/blobs --digest "${VALUE[$name.push_mono.digest]}" \
      --size-bytes "$SIZE" --repeat 5 || true
  else
    error "$name pull" "not measured: the monolithic push failed"
  fi
done
for name in "${UP[@]}"; do
  log "$name: manifest GET with wrk for $WRK_SECONDS s"
  manifest_get "$name" manifest_get "$WRK_SECONDS"
done
for name in "${UP[@]}"; do
  log "$name: $TAGS tags, then tag listings"
  if measure "$name" tag_put tags_per_s put-tags --repo bench/tags --count "$TAGS" --concurrency 8; then
    measure "$name" tags full_per_s list-tags --repo bench/tags --count "$TAGS" --page "$TAG_PAGE" \
      --seconds "$LIST_SECONDS" || true
    VALUE[$name.tags_full]="${VALUE[$name.tags.full_per_s]:-}"
    VALUE[$name.tags_paged]="${VALUE[$name.tags.paged_walks_per_s]:-}"
    pages="${VALUE[$name.tags.paged_pages]:-}"
    if [[ -n "$pages" && "$pages" -le 1 && "$TAGS" -gt "$TAG_PAGE" ]]; then
      NOTES+=("$name ignores n=$TAG_PAGE on tags/list: the paged walk got all $TAGS tags in $pages page(s)")
    elif [[ -n "$pages" ]]; then
      NOTES+=("$name paged tag walk: $pages pages of n=$TAG_PAGE")
    fi
  fi
done
for name in "${UP[@]}"; do
  log "$name: warm-up with $CONCURRENT concurrent pushes, 3 rounds"
  warm_up_concurrent "$name"
  log "$name: $CONCURRENT concurrent pushes of distinct $CONCURRENT_MIB MiB blobs"
  measure "$name" concurrent mibps concurrent-push --repo bench/concurrent --count "$CONCURRENT" \
    --size-bytes $((CONCURRENT_MIB << 20)) --blob-id 1000 || true
done
if [[ $RSS_MIB -gt 0 ]]; then
  for name in "${UP[@]}"; do
    log "$name: RSS while pushing $RSS_MIB MiB"
    measure "$name" rss mibps push-monolithic --repo bench/rss --size-bytes $((RSS_MIB << 20)) --blob-id 2000 \
      --rss-pid "${PID[$name]}" || true
  done
fi

# ---- report ----
fmt() { [[ -n "${1:-}" ]] && printf '%.1f' "$1" || printf -- '-'; }
row() { printf '| %-46s | %10s | %10s | %7s | %-15s | %-4s |\n' "$@"; }
# figure_row LABEL FIGURE GOAL: higher is better for every figure, so the ratio is huruhuru / reference.
figure_row() {
  local label="$1" figure="$2" goal="$3" h="${VALUE[huruhuru.$2]:-}" r="${VALUE[reference.$2]:-}" ratio="-" met="-"
  if [[ -n "$h" && -n "$r" ]]; then
    ratio="$(awk -v h="$h" -v r="$r" 'BEGIN { if (r > 0) printf "%.2fx", h / r; else print "-" }')"
    if [[ "$goal" != "-" && "$ratio" != "-" ]]; then
      local threshold; threshold="$(sed -E 's/^>=([0-9.]+)x.*/\1/' <<<"$goal")"
      met="$(awk -v q="${ratio%x}" -v g="$threshold" 'BEGIN { print (q + 0 >= g + 0) ? "yes" : "NO" }')"
    fi
  fi
  row "$label" "$(fmt "$h")" "$(fmt "$r")" "$ratio" "$goal" "$met"
}
rss_cell() {
  local min="${VALUE[$1.rss.rss_min_mib]:-}" max="${VALUE[$1.rss.rss_max_mib]:-}"
  [[ -n "$min" && -n "$max" ]] && printf '%.0f-%.0f' "$min" "$max" || printf -- '-'
}
rss_met() {
  local min="${VALUE[huruhuru.rss.rss_min_mib]:-}" max="${VALUE[huruhuru.rss.rss_max_mib]:-}"
  [[ -n "$min" && -n "$max" ]] || { printf -- '-'; return; }
  awk -v a="$min" -v b="$max" -v f="$RSS_FLAT_MIB" 'BEGIN { print (b - a < f) ? "yes" : "NO" }'
}

echo
CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "Registry benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($CPU), loopback"
if wants huruhuru; then
  echo "huruhuru: $HURUHURU_JAR built $(date -u -r "$HURUHURU_JAR" '+%Y-%m-%d %H:%M UTC')," \
    "$(java -version 2>&1 | head -1), JVM options: $HURUHURU_JAVA_OPTS"
fi
if wants reference; then
  echo "reference: $(docker-registry --version), filesystem storage, in-memory blob descriptor cache"
fi
echo "client: RegistryBench (bench module) and $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2);" \
  "each registry warmed up untimed with $WARMUP_MIB MiB pushes, pulls, 2 s of manifest GETs" \
  "and, before that figure, 3 rounds of concurrent pushes"
# Other work on the machine skews every figure; the load average says how quiet the run was.
echo "load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "client ceiling against an in-process sink, $SIZE_MIB MiB: $CEILING"
[[ $QUICK -eq 1 ]] && echo "QUICK smoke run: reduced sizes; goals apply to the full run only."
echo
row "figure" "huruhuru" "reference" "ratio" "goal" "met"
row "----------------------------------------------" "----------" "----------" "-------" "---------------" "----"
figure_row "monolithic push, $SIZE_MIB MiB blob (MiB/s)" push_mono ">=3x"
figure_row "chunked push, $SIZE_MIB MiB in $CHUNK_MIB MiB chunks (MiB/s)" push_chunked ">=3x"
figure_row "blob pull, $SIZE_MIB MiB, median of 5 (MiB/s)" pull ">=1x (aim 1.5x)"
figure_row "manifest GET, wrk -t2 -c32 (requests/s)" manifest_get ">=10x"
figure_row "tag PUT, 8 connections (tags/s)" tag_put "-"
figure_row "tag list, $TAGS tags, whole (lists/s)" tags_full ">=3x"
figure_row "tag list, $TAGS tags, n=$TAG_PAGE walk (walks/s)" tags_paged ">=3x"
figure_row "$CONCURRENT concurrent pushes of $CONCURRENT_MIB MiB (MiB/s total)" concurrent ">=2x"
if [[ $RSS_MIB -gt 0 ]]; then
  figure_row "push of $RSS_MIB MiB blob (MiB/s)" rss "-"
  row "RSS min-max during that push (MiB)" "$(rss_cell huruhuru)" "$(rss_cell reference)" "-" \
    "flat (<$RSS_FLAT_MIB)" "$(rss_met)"
fi
# The concurrent pushes' second goal: together no more than 20 % below one monolithic push of Huruhuru's own.
if [[ -n "${VALUE[huruhuru.concurrent]:-}" && -n "${VALUE[huruhuru.push_mono]:-}" ]]; then
  NOTES+=("huruhuru: $CONCURRENT concurrent pushes against one monolithic push: $(awk \
    -v c="${VALUE[huruhuru.concurrent]}" -v m="${VALUE[huruhuru.push_mono]}" \
    'BEGIN { d = (m - c) / m * 100; printf "%.1f %% %s (goal: at most 20 %% below, %s)", (d < 0 ? -d : d), \
      (d < 0 ? "above" : "below"), (d <= 20 ? "met" : "NOT met") }')")
fi
if [[ ${#NOTES[@]} -gt 0 ]]; then
  echo; echo "Notes:"; printf -- '- %s\n' "${NOTES[@]}"
fi
if [[ ${#ERRORS[@]} -gt 0 ]]; then
  echo; echo "Errors:"; printf -- '- %s\n' "${ERRORS[@]}"
fi
# Unmet goals are results; only a figure that could not be measured fails the run.
[[ ${#ERRORS[@]} -eq 0 ]]
