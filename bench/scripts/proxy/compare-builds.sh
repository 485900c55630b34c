#!/usr/bin/env bash
# Compares two builds of the appliance under the proxy's load benchmark, alternating them so
# that both meet the same hours of the machine: one 30 s run at the rate is a single draw of a
# p99 that moves by 1-3 ms between identical runs an hour apart (proxy/README, sessions 14-15).
#
#   bench/scripts/proxy/compare-builds.sh JAR_A JAR_B [ROUNDS=3] [generator options...]
#
# Each round runs both jars, A first in odd rounds and B first in even ones, with
# run-proxy-load.sh appliance --rate 1000 --seconds 30 --warmup 60 --max-rate 0 (the options
# given after ROUNDS are added; later ones win). Prints each run's added p50/p90/p99 and the p99
# of the stub run they were taken against as it ends, then per jar the median of each. About 8 minutes a run. Logs go to
# $COMPARE_DIR (default a new directory under /tmp), one per run. Copy the jars away first:
# the build overwrites web/target/aigov-appliance.jar.
set -euo pipefail
cd "$(dirname "$0")/../../.."
[ $# -ge 2 ] || { sed -n 2,13p "$0"; exit 2; }
A="$1"
B="$2"
shift 2
ROUNDS=3
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then
  ROUNDS="$1"
  shift
fi
for jar in "$A" "$B"; do
  [ -f "$jar" ] || { echo "no such jar: $jar" >&2; exit 2; }
done
DIR="${COMPARE_DIR:-$(mktemp -d -t aigov-compare-XXXXXX)}"
mkdir -p "$DIR"
SUMMARY="$DIR/summary.tsv"
printf 'round\tjar\tadded_p50_ms\tadded_p90_ms\tadded_p99_ms\tstub_p99_ms\n' > "$SUMMARY"
echo "logs in $DIR"
for round in $(seq 1 "$ROUNDS"); do
  order=("A" "B")
  [ $((round % 2)) -eq 0 ] && order=("B" "A")
  for name in "${order[@]}"; do
    jar="$A"
    [ "$name" = "B" ] && jar="$B"
    log="$DIR/round$round-$name.log"
    SKIP_BUILD=1 APPLIANCE_JAR="$jar" bash bench/scripts/proxy/run-proxy-load.sh appliance --rate 1000 \
      --seconds 30 --warmup 60 --max-rate 0 "$@" > "$log" 2>&1 || echo "round $round $name: run failed, see $log"
    added=$(sed -n 's/^added latency at [0-9]* req\/s: p50 \([0-9.]*\) ms, p90 \([0-9.]*\) ms, p99 \([0-9.]*\) ms.*/\1\t\2\t\3/p' "$log")
    # The baseline the added figures were taken against (runs before it had one stub run).
    stub=$(sed -n 's/^baseline: .* p99 \([0-9.]*\) ms .*/\1/p' "$log")
    [ -n "$stub" ] || stub=$(sed -n 's/^stub .* p99 \([0-9.]*\) ms, p99\.9.*/\1/p' "$log")
    [ -n "$added" ] || added=$'-\t-\t-'
    printf '%s\t%s\t%s\t%s\n' "$round" "$name" "$added" "${stub:--}" | tee -a "$SUMMARY"
  done
done
python3 - "$SUMMARY" "$A" "$B" <<'EOF'
import statistics, sys
rows = [line.rstrip('\n').split('\t') for line in open(sys.argv[1])][1:]
for name, jar in (('A', sys.argv[2]), ('B', sys.argv[3])):
    runs = [r for r in rows if r[1] == name and r[2] != '-']
    if not runs:
        print('%s %s: no finished run' % (name, jar))
        continue
    medians = [statistics.median(float(r[i]) for r in runs) for i in (2, 3, 4, 5)]
    print('%s %s: %d runs, median added p50 %.3f, p90 %.2f, p99 %.2f ms; stub p99 %.2f ms'
          % (name, jar, len(runs), *medians))
EOF
