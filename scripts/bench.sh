#!/usr/bin/env bash
# The main job: one command from a fresh clone to a report.
#
#   scripts/bench.sh [quick|full|ci|tiny] [--url ws://HOST:PORT/ws] [--baseline DIR] [--out DIR] [--slo-p99 10ms]
#                    [--server-arg ARG]...
#
# Builds what is missing, starts the reference server with the embedded default model on a free loopback port (unless
# --url names a server), runs the driver sweep (binary and text), the capacity search, a short Gatling run and the JMH
# quick set, then the report; `ci` repeats a fixed set and compares it against --baseline (exit 1 on regression).
# Everything it starts is stopped on exit, failure or Ctrl-C. The measuring and deciding is done by the Java tools
# (loadtest, microbench, reports); this script only sequences them and supervises processes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=lib/await-listening.sh
source scripts/lib/await-listening.sh

usage() {
  sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 2
}

PROFILE=quick
URL=""
BASELINE=""
OUT=""
SLO="10ms"
SERVER_ARGS=()
if [[ $# -gt 0 && "$1" != --* ]]; then
  PROFILE="$1"
  shift
fi
while [[ $# -gt 0 ]]; do
  case "$1" in
    --url) URL="${2:?--url needs a value}"; shift 2 ;;
    --baseline) BASELINE="${2:?--baseline needs a value}"; shift 2 ;;
    --out) OUT="${2:?--out needs a value}"; shift 2 ;;
    --slo-p99) SLO="${2:?--slo-p99 needs a value}"; shift 2 ;;
    --server-arg) SERVER_ARGS+=("${2:?--server-arg needs a value}"); shift 2 ;;
    -h|--help) usage ;;
    *) echo "bench.sh: unknown argument '$1'" >&2; usage ;;
  esac
done

# ---------------------------------------------------------------------------------------------------- profiles
# Each profile: driver runs (rates per framing), capacity search bounds, Gatling on/off, JMH set, repeats.
GATLING=1
JMH=quick
REPEATS=1
CAPACITY=1
SWEEP_FEATURES=""      # empty: the server's own input_dim; else a list, each with a server the sweep starts itself
case "$PROFILE" in
  tiny)  # CI's end-to-end check of this script: seconds per step, no Gatling, no JMH
    RATES="500"; DURATION=2s; WARMUP=1s; MIN_DURATION=1s; MIN_REQUESTS=200
    CAP_START=500; CAP_MAX=4000; CAP_STEPS=3; CAP_DURATION=2s; CAP_PRECISION=500
    GATLING=0; JMH=none ;;
  quick)  # at most 5 minutes on 2 cores
    RATES="1000,4000"; DURATION=5s; WARMUP=2s; MIN_DURATION=3s; MIN_REQUESTS=1000
    CAP_START=2000; CAP_MAX=64000; CAP_STEPS=7; CAP_DURATION=4s; CAP_PRECISION=1000
    JMH=quick ;;
  full)
    RATES="1000,2000,5000,10000,20000"; DURATION=30s; WARMUP=10s; MIN_DURATION=20s; MIN_REQUESTS=10000
    CAP_START=1000; CAP_MAX=200000; CAP_STEPS=16; CAP_DURATION=20s; CAP_PRECISION=250
    SWEEP_FEATURES="1,16,256,4096"; JMH=full ;;
  ci)  # a fixed, repeatable set, repeated to measure noise, then compared against --baseline
    RATES="2000"; DURATION=5s; WARMUP=2s; MIN_DURATION=3s; MIN_REQUESTS=2000
    REPEATS=3; CAPACITY=0; GATLING=0; JMH=none ;;
  *) echo "bench.sh: unknown profile '$PROFILE' (quick, full, ci, tiny)" >&2; exit 2 ;;
esac
case "$SLO" in
  *us) SLO_US=${SLO%us} ;;
  *ms) SLO_US=$(( ${SLO%ms} * 1000 )) ;;
  *s)  SLO_US=$(( ${SLO%s} * 1000000 )) ;;
  *) echo "bench.sh: --slo-p99 takes a whole number with us, ms or s, e.g. 2ms (not '$SLO')" >&2; exit 2 ;;
esac
if [[ "$PROFILE" == ci && -n "$BASELINE" && ! -d "$BASELINE" ]]; then
  echo "bench.sh: baseline folder '$BASELINE' does not exist" >&2
  exit 2
fi

# ---------------------------------------------------------------------------------------------------- build
SERVER_JAR=server/target/wsinfer-server.jar
DRIVER_JAR=loadtest/target/wsinfer-loadtest.jar
REPORTS_JAR=reports/target/wsinfer-reports.jar
BENCH_JAR=microbench/target/benchmarks.jar
need_build=0
for jar in "$SERVER_JAR" "$DRIVER_JAR" "$REPORTS_JAR" "$BENCH_JAR"; do
  [[ -f "$jar" ]] || need_build=1
done
if [[ $need_build == 1 ]]; then
  echo "== building the jars (mvn -q -DskipTests package)"
  mvn -q -B -DskipTests package
fi

# JVM settings for the reference server, as measured (README, "Server performance"): a fixed heap and direct memory
# so that memory is bounded by configuration, javacpp's pointer GC off, one OpenMP thread per ND4J call.
SERVER_JVM_OPTS=${WSINFER_SERVER_JVM_OPTS:--Xms512m -Xmx512m -XX:MaxDirectMemorySize=512m -XX:+UseParallelGC -Dorg.bytedeco.javacpp.nopointergc=true}
DRIVER_JVM_OPTS=${WSINFER_DRIVER_JVM_OPTS:--Xms256m -Xmx1g -XX:+UseParallelGC}
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}

# ---------------------------------------------------------------------------------------------------- results folder
SHA=$(git rev-parse --short=7 HEAD 2>/dev/null || echo nogit)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=${OUT:-results/${STAMP}-${SHA}-${PROFILE}}
mkdir -p "$RESULTS"/{driver,capacity,gatling,jmh,report}
RESULTS=$(cd "$RESULTS" && pwd)
LOGS="$RESULTS/logs"
mkdir -p "$LOGS"
if [[ -z "$OUT" ]]; then
  ln -sfn "$(basename "$RESULTS")" results/latest
fi
echo "== results in $RESULTS"

# ---------------------------------------------------------------------------------------------------- supervision
PIDS=()
cleanup() {
  local code=$?
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] || continue
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  wait 2>/dev/null || true
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_server() {
  local log="$LOGS/server.log"
  # shellcheck disable=SC2086
  java $SERVER_JVM_OPTS -jar "$SERVER_JAR" serve --host 127.0.0.1 --port 0 "${SERVER_ARGS[@]}" >"$log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  await_listening "$log" "$SERVER_PID" 30 bench.sh
  echo "== reference server (pid $SERVER_PID) at $URL"
}

driver() {
  # shellcheck disable=SC2086
  java $DRIVER_JVM_OPTS -jar "$DRIVER_JAR" "$@"
}

if [[ -z "$URL" ]]; then
  start_server
fi

java -jar "$REPORTS_JAR" env --out "$RESULTS/env.json" --profile "$PROFILE" --config-json \
  "{\"url\":\"$URL\",\"rates\":\"$RATES\",\"durationMs\":\"$DURATION\",\"warmup\":\"$WARMUP\",\"repeats\":$REPEATS,\"sloP99\":\"$SLO\",\"serverJvmOpts\":\"$SERVER_JVM_OPTS\",\"ompNumThreads\":\"$OMP_NUM_THREADS\",\"referenceServer\":$([[ -n "${SERVER_PID:-}" ]] && echo true || echo false)}"

COMMON=(--url "$URL" --duration "$DURATION" --warmup "$WARMUP" --min-duration "$MIN_DURATION"
        --min-requests "$MIN_REQUESTS" --connections 4 --quiet)
status=0

# ---------------------------------------------------------------------------------------------------- driver sweep
echo "== driver: binary and text at ${RATES} req/s, ${REPEATS} repeat(s)"
IFS=',' read -r -a rate_list <<<"$RATES"
for rep in $(seq 1 "$REPEATS"); do
  for framing in binary text; do
    for rate in "${rate_list[@]}"; do
      dir="$RESULTS/driver/${framing}-r${rate}"
      [[ $REPEATS -gt 1 ]] && dir="${dir}-rep${rep}"
      set +e
      driver drive "${COMMON[@]}" --framing "$framing" --rate "$rate" --out "$dir" >"$LOGS/drive-$(basename "$dir").log" 2>&1
      code=$?
      set -e
      case $code in
        0) echo "   $(basename "$dir"): valid" ;;
        1) echo "   $(basename "$dir"): finished, INVALID (see $dir/summary.json)" ;;
        *) echo "bench.sh: drive failed (exit $code); its log:" >&2; cat "$LOGS/drive-$(basename "$dir").log" >&2; exit 1 ;;
      esac
    done
  done
done
if [[ -n "$SWEEP_FEATURES" ]]; then
  echo "== sweep: features ${SWEEP_FEATURES}, each against a server the sweep starts"
  driver sweep --server-jar "$SERVER_JAR" --framings binary,text --features "$SWEEP_FEATURES" --rates "$RATES" \
    --duration "$DURATION" --warmup "$WARMUP" --min-duration "$MIN_DURATION" --min-requests "$MIN_REQUESTS" \
    --connections 4 --quiet --out "$RESULTS/driver/sweep" >"$LOGS/sweep.log" 2>&1 || {
      echo "bench.sh: the sweep failed; see $LOGS/sweep.log" >&2; status=1; }
fi

# ---------------------------------------------------------------------------------------------------- capacity
if [[ $CAPACITY == 1 ]]; then
  # A step counts as "driver fell behind" only when the driver's own send lag p99 exceeds the SLO: that lag is already
  # inside the corrected p99 the step must keep under the SLO, so this never flatters the server, and on a machine
  # where driver and server share cores it keeps scheduling noise from voiding every step.
  for framing in binary text; do
    echo "== capacity: $framing, p99 < $SLO"
    driver capacity --url "$URL" --framing "$framing" --slo-p99 "$SLO" --start-rate "$CAP_START" \
      --max-rate "$CAP_MAX" --max-steps "$CAP_STEPS" --precision "$CAP_PRECISION" --duration "$CAP_DURATION" \
      --warmup 1s --min-duration 1s --min-requests 200 --connections 4 --max-send-lag-p99 "$SLO" --quiet \
      --out "$RESULTS/capacity/$framing" >"$LOGS/capacity-$framing.log" 2>&1 || true
    grep -h "max sustainable rate" "$LOGS/capacity-$framing.log" | sed 's/^/   /' || echo "   (no capacity found; see $LOGS/capacity-$framing.log)"
  done
fi

# ---------------------------------------------------------------------------------------------------- Gatling
if [[ $GATLING == 1 ]]; then
  echo "== Gatling: FramingComparisonSimulation against $URL"
  before=$(ls -1d loadtest/target/gatling/*/ 2>/dev/null | sort || true)
  if mvn -q -B -pl loadtest -am -Pgatling verify -DskipTests -Dwsinfer.url="$URL" -Dwsinfer.duration=10s \
       -Dgatling.simulationClass=org.wsinfer.loadtest.gatling.FramingComparisonSimulation \
       >"$LOGS/gatling.log" 2>&1; then
    echo "   Gatling assertions passed"
  else
    echo "   Gatling run failed or its assertions failed (see $LOGS/gatling.log)"
    status=1
  fi
  after=$(ls -1d loadtest/target/gatling/*/ 2>/dev/null | sort || true)
  newest=$(comm -13 <(echo "$before") <(echo "$after") | tail -n 1)
  [[ -n "$newest" ]] && cp -r "$newest" "$RESULTS/gatling/"
fi

# ---------------------------------------------------------------------------------------------------- JMH
if [[ $JMH != none ]]; then
  echo "== JMH: $JMH set"
  scripts/microbench.sh "$JMH" --out "$RESULTS/jmh" >"$LOGS/jmh.log" 2>&1 || {
    echo "   JMH failed (see $LOGS/jmh.log)"; status=1; }
fi

# ---------------------------------------------------------------------------------------------------- compare (ci)
if [[ "$PROFILE" == ci && -n "$BASELINE" ]]; then
  echo "== compare against $BASELINE"
  set +e
  java -jar "$REPORTS_JAR" compare "$BASELINE" "$RESULTS" --out "$RESULTS/compare"
  status=$?
  set -e
  [[ $status -gt 1 ]] && { echo "bench.sh: compare could not read its inputs" >&2; exit 2; }
fi

# ---------------------------------------------------------------------------------------------------- report
echo "== report"
java -jar "$REPORTS_JAR" report "$RESULTS" --out "$RESULTS/report" --slo-p99-us "$SLO_US" >"$LOGS/report.log" 2>&1 || {
  echo "bench.sh: the report failed; its log:" >&2; cat "$LOGS/report.log" >&2; exit 1; }
[[ -f "$RESULTS/report/summary.md" ]] && sed -n '1,40p' "$RESULTS/report/summary.md"
echo
echo "report: $RESULTS/report/index.html"
exit $status
