#!/usr/bin/env bash
# Runs the Cachalot benchmarks and writes docs/PERFORMANCE.md from the results.
#
#   benchmarks/run.sh quick            # a few minutes: 1 fork, short iterations
#   benchmarks/run.sh full             # ~15-25 minutes on 2 cores: 2 forks for the reads
#   benchmarks/run.sh report [quick|full]  # re-render docs/PERFORMANCE.md from the last run's results
#   benchmarks/run.sh redis [quick|full]   # only the Redis rows: replaces that section of the page
#   benchmarks/run.sh full -p db=h2    # extra arguments go to JMH (here: skip PostgreSQL)
#
# Needs: JDK 17+, Maven, python3; the PostgreSQL rows need a server on 127.0.0.1:5432 with trust
# auth for user postgres and a database named test (or -Dcachalot.bench.postgresUrl=... through
# JAVA_OPTS_BENCH), the Redis rows a Redis on 127.0.0.1:6379 (or -Dcachalot.bench.redisUri=...).
# Results go to benchmarks/target/results-<mode>/.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
mode="${1:-quick}"
shift || true

case "$mode" in
  quick)
    read_opts=(-f 1 -wi 2 -w 500ms -i 3 -r 500ms)
    write_opts=(-f 1 -wi 1 -w 1s -i 2 -r 2s)
    redis_opts=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
    ;;
  full)
    read_opts=(-f 2 -wi 2 -w 1s -i 4 -r 1s)
    write_opts=(-f 1 -wi 1 -w 3s -i 3 -r 3s)
    redis_opts=(-f 2 -wi 3 -w 1s -i 5 -r 1s)
    ;;
  redis)
    only_redis=1
    read_opts=()
    write_opts=()
    mode="${1:-full}"
    shift || true
    case "$mode" in
      quick) redis_opts=(-f 1 -wi 2 -w 1s -i 3 -r 1s) ;;
      full) redis_opts=(-f 2 -wi 3 -w 1s -i 5 -r 1s) ;;
      *) echo "usage: $0 redis quick|full" >&2; exit 2 ;;
    esac
    ;;
  report)
    mode="${1:-full}"
    out="$here/target/results-$mode"
    exec python3 "$here/report.py" --results "$out" --out "$root/docs/PERFORMANCE.md"
    ;;
  *)
    echo "usage: $0 quick|full|report [quick|full] [extra JMH arguments]" >&2
    exit 2
    ;;
esac

out="$here/target/results-${only_redis:+redis-}$mode"
rm -rf "$out"
mkdir -p "$out"

echo "== building the benchmark jar"
(cd "$root" && mvn -q -B -pl benchmarks -am -DskipTests package)
# Run from a copy, so that a build of the reactor during the run cannot swap the jar under the forks.
cp "$here/target/benchmarks.jar" "$out/benchmarks.jar"

jvm_args="-Dorg.slf4j.simpleLogger.defaultLogLevel=error -Dcachalot.bench.rowsFile=$out/rows.jsonl ${JAVA_OPTS_BENCH:-}"

{
  echo "{"
  echo "  \"mode\": \"$mode\","
  echo "  \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
  echo "  \"commit\": \"$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$root" && git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')\","
  echo "  \"cpu\": \"$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)\","
  echo "  \"cores\": \"$(nproc)\","
  echo "  \"memory\": \"$(free -h 2>/dev/null | awk '/^Mem:/ {print $2}')\","
  echo "  \"os\": \"$(uname -sr)\","
  echo "  \"jdk\": \"$(java -version 2>&1 | sed -n 2p | sed 's/"/\\"/g')\","
  echo "  \"loadBefore\": \"$(cut -d' ' -f1-3 /proc/loadavg)\","
  echo "  \"readOptions\": \"${read_opts[*]} -prof gc\","
  echo "  \"writeOptions\": \"${write_opts[*]} -prof gc\","
  echo "  \"redisOptions\": \"${redis_opts[*]} -prof gc\","
  echo "  \"extra\": \"$*\""
  echo "}"
} > "$out/meta.json"

run_redis() {
  echo "== Redis benchmarks (${redis_opts[*]})"
  java -jar "$out/benchmarks.jar" 'dev.cachalot.bench.RedisBenchmark' \
    "${redis_opts[@]}" -prof gc -jvmArgsAppend "$jvm_args" -rf json -rff "$out/redis.json" "$@" \
    | tee "$out/redis.log"
}

stamp_load_after() {
  python3 - "$out/meta.json" <<'PY'
import json, sys
path = sys.argv[1]
meta = json.load(open(path))
meta["loadAfter"] = " ".join(open("/proc/loadavg").read().split()[:3])
json.dump(meta, open(path, "w"), indent=2)
PY
}

if [[ -n "${only_redis:-}" ]]; then
  run_redis "$@"
  stamp_load_after
  python3 "$here/report.py" --redis-only --results "$out" --out "$root/docs/PERFORMANCE.md"
  echo "== replaced the Redis section of $root/docs/PERFORMANCE.md from $out"
  exit 0
fi

echo "== read benchmarks (${read_opts[*]})"
java -jar "$out/benchmarks.jar" 'dev.cachalot.bench.(HitLong|HitTwoPart|Zipf1Thread|Zipf2Threads|Miss|MissList)Benchmark' \
  "${read_opts[@]}" -prof gc -jvmArgsAppend "$jvm_args" -rf json -rff "$out/reads.json" "$@" \
  | tee "$out/reads.log"

echo "== write benchmarks (${write_opts[*]})"
java -jar "$out/benchmarks.jar" 'dev.cachalot.bench.WriteBenchmark' \
  "${write_opts[@]}" -prof gc -jvmArgsAppend "$jvm_args" -rf json -rff "$out/writes.json" "$@" \
  | tee "$out/writes.log"

run_redis "$@"
stamp_load_after

python3 "$here/report.py" --results "$out" --out "$root/docs/PERFORMANCE.md"
echo "== wrote $root/docs/PERFORMANCE.md from $out"
