#!/usr/bin/env bash
# Load benchmark of the policy proxy: added latency over calling the upstream directly.
#
#   bench/scripts/proxy/run-proxy-load.sh [appliance|stand-ins] [generator options...]
#
# appliance (default): the real appliance jar with its demo data (support-bot deployed on route
#   support-chat), all detectors, the runtime rule pack and the durable audit journal, its route
#   pointed at a stub upstream on loopback. This is the measurement the issue asks for.
# stand-ins: the appliance with the proxy tests' stand-ins for detectors, rules and audit
#   (ProxyBenchTarget, test classpath): the proxy's own machinery only.
#
# Generator options (ProxyLoadBenchmark): --rate 1000 --seconds 30 --warmup 10 --connections 64
#   --max-rate 8000 --search-from 100 --search-seconds 10 --p99-bound-ms 50 (--max-rate 0 skips the
#   search for the maximum sustained rate). Run on an otherwise idle machine; the generator, the
#   stub and the proxy share its cores. Needs curl and a JDK 21+: JAVA_HOME's, else `java` on the
#   PATH when it is 21+, else the newest 21+ under /usr/lib/jvm (where the build finds its own).
#
# APPLIANCE_HEAP (default "-Xmx1g -XX:+UseZGC", the collector the appliance runs on) replaces the
#   appliance's heap and collector options, e.g. APPLIANCE_HEAP=-Xmx1g for G1 (ADR 010).
# After the warm-up the generator goes on loading the proxy, in 10 s rounds, until the JIT
#   compilers of the proxy, the embedded Elasticsearch and the generator are quiet (under 2 % of
#   a core in a round; at most 600 s more): the steady state of a long-running appliance.
#   Elasticsearch, at nice +10, compiles its indexing path for 2-4 minutes under this load.
#   SETTLE=0 measures right after the fixed warm-up instead (the method before 2026-11-24).
# Environment: SKIP_BUILD=1 reuses the jars already built; APPLIANCE_JAVA_OPTS adds JVM options to
#   the proxy process (e.g. "-XX:StartFlightRecording=filename=/tmp/proxy.jfr,settings=profile");
#   GENERATOR_JAVA_OPTS adds JVM options to the stub and the generator (e.g. a safepoint log, to
#   tell their pauses from the proxy's);
#   REALTIME_THREADS=1 (root) puts the request path in the real-time class for the run: the
#   proxy's threads but its collector, JIT and audit shipper, and those of the stub and the
#   generator (realtime-threads.py; its log is realtime.log in the work directory);
#   KEEP=1 leaves the work directory (logs, journal) in place and prints its path;
#   APPLIANCE_JAR runs another build of the appliance (e.g. a copy of an earlier one, to compare);
#   PROXY_PORT (18080) and STUB_PORT (18089) move the two servers; STUB_DELAY_MS makes the stub
#   answer each chat completion that much later, as an LLM does (the concurrency run in
#   proxy/README.md: the proxy then holds that many calls at once, rate times delay).
set -euo pipefail
cd "$(dirname "$0")/../../.."
MODE="${1:-appliance}"
shift || true
PORT="${PROXY_PORT:-18080}"
STUB_PORT="${STUB_PORT:-18089}"
JAR="${APPLIANCE_JAR:-web/target/aigov-appliance.jar}"
java_version() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p'
}
if [ -n "${JAVA_HOME:-}" ]; then
  CANDIDATES=("$JAVA_HOME/bin/java")
else
  mapfile -t CANDIDATES < <(command -v java; ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV)
fi
JAVA=
for candidate in "${CANDIDATES[@]}"; do
  version="$(java_version "$candidate" 2>/dev/null || true)"
  if [ -x "$candidate" ] && [ "${version:-0}" -ge 21 ] 2>/dev/null; then
    JAVA="$candidate"
    break
  fi
done
[ -n "$JAVA" ] || { echo "No JDK 21+ (tried: ${CANDIDATES[*]}); set JAVA_HOME to one." >&2; exit 1; }
HEAP="${APPLIANCE_HEAP:--Xmx1g -XX:+UseZGC}"
WORK="$(mktemp -d -t aigov-proxy-load-XXXXXX)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -pl web,bench -am -DskipTests -Dspring-javaformat.skip=true package
fi
echo "work directory: $WORK"

"$JAVA" ${GENERATOR_JAVA_OPTS:-} -cp bench/target/classes dev.aigov.bench.proxy.StubUpstream "$STUB_PORT" "${STUB_DELAY_MS:-0}" > "$WORK/stub.log" 2>&1 &
PIDS+=($!)

# The Tomcat flag matters only to builds before ADR 017 (APPLIANCE_JAR), whose Tomcat closed a
# keep-alive connection after 100 requests; Jetty keeps it, and ignores the flag.
ROUTE_ARGS=(--server.port="$PORT" --aigov.data-dir="$WORK/data"
  --aigov.proxy.upstreams.stub.base-url="http://127.0.0.1:$STUB_PORT/v1"
  --aigov.proxy.upstreams.stub.location=on-prem
  --aigov.proxy.routes.support-chat.upstream=stub --logging.level.root=WARN
  --server.tomcat.max-keep-alive-requests=-1)
if [ "$MODE" = "appliance" ]; then
  export AIGOV_ADMIN_PASSWORD="bench-admin-password"
  "$JAVA" $HEAP ${APPLIANCE_JAVA_OPTS:-} -jar "$JAR" "${ROUTE_ARGS[@]}" \
    --aigov.security.admin-password="$AIGOV_ADMIN_PASSWORD" > "$WORK/appliance.log" 2>&1 &
  PROXY_PID=$!
  PIDS+=("$PROXY_PID")
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null && break
    kill -0 "$PROXY_PID" 2>/dev/null || { tail -20 "$WORK/appliance.log" >&2; echo "The appliance exited." >&2; exit 1; }
    sleep 1
  done
  KEY=$(curl -sf -u "admin:$AIGOV_ADMIN_PASSWORD" -H 'Content-Type: application/json' \
    -d '{"application":"load-benchmark","allowedModels":["*"],"allowedDataClasses":["PUBLIC","INTERNAL"]}' \
    "http://127.0.0.1:$PORT/api/admin/proxy/keys" | sed -E 's/.*"secret":"([^"]+)".*/\1/')
  MODEL=support-bot
else
  mvn -B -q -pl web -am -DskipTests -Dspring-javaformat.skip=true test-compile
  mvn -B -q -pl web -am dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt"
  # Reactor modules from their target/classes, not from ~/.m2.
  CP="web/target/test-classes:web/target/classes:$(sed -E \
    's#[^:]*/dev/aigov/aigov-([a-z-]+)/[^/]+/aigov-[a-z-]+-[^/:]+\.jar#'"$PWD"'/\1/target/classes#g' "$WORK/cp.txt")"
  "$JAVA" $HEAP ${APPLIANCE_JAVA_OPTS:-} -cp "$CP" dev.aigov.web.proxy.ProxyBenchTarget "http://127.0.0.1:$STUB_PORT/v1" "$PORT" \
    > "$WORK/appliance.log" 2>&1 &
  PROXY_PID=$!
  PIDS+=("$PROXY_PID")
  for _ in $(seq 1 300); do
    grep -q '^PROXY_KEY=' "$WORK/appliance.log" && break
    sleep 1
  done
  KEY=$(sed -n 's/^PROXY_KEY=//p' "$WORK/appliance.log")
  MODEL=$(sed -n 's/^PROXY_MODEL=//p' "$WORK/appliance.log")
fi
[ -n "${KEY:-}" ] || { echo "No application key; see $WORK/appliance.log" >&2; exit 1; }
# The embedded Elasticsearch (appliance mode): its JIT must settle too before the measurement.
ES_PID=
for pid in $(pgrep -f org.elasticsearch.bootstrap.Elasticsearch || true); do
  ancestor=$pid
  while [ "${ancestor:-1}" -gt 1 ] && [ "$ancestor" != "$PROXY_PID" ]; do
    ancestor=$(awk '{print $4}' "/proc/$ancestor/stat" 2>/dev/null || echo 1)
  done
  if [ "$ancestor" = "$PROXY_PID" ]; then ES_PID=$pid; fi
done
SETTLE_PIDS="$PROXY_PID${ES_PID:+,$ES_PID}"
echo "proxy pid $PROXY_PID, Elasticsearch pid ${ES_PID:-none}"
if [ "${REALTIME_THREADS:-0}" = 1 ]; then
  python3 bench/scripts/proxy/realtime-threads.py 3600 "$PROXY_PID" "${PIDS[0]}" --pgrep ProxyLoadBenchmark \
    > "$WORK/realtime.log" 2>&1 &
  PIDS+=($!)
fi

"$JAVA" -Xmx1g ${GENERATOR_JAVA_OPTS:-} -cp bench/target/classes dev.aigov.bench.proxy.ProxyLoadBenchmark \
  --proxy "http://127.0.0.1:$PORT/v1" --direct "http://127.0.0.1:$STUB_PORT/v1" \
  --key "$KEY" --model "$MODEL" --proxy-pid "$PROXY_PID" $([ "${SETTLE:-1}" = 1 ] && echo --settle "$SETTLE_PIDS") "$@"
