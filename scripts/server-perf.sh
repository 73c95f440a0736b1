#!/usr/bin/env bash
# Server performance matrix (issue 8): capacity searches of the project's own driver against reference servers that
# this script starts, one server per mode x features, every framing x SLO against it, all into one results folder.
#
#   scripts/server-perf.sh [--out DIR] [--modes on,off,echo] [--features 16,256] [--framings binary,text]
#                          [--slos 1ms,10ms] [--duration 4s] [--warmup 1s] [--max-steps 7] [--start-rate 1000]
#                          [--precision 1000] [--connections 4] [--max-send-lag-p99 1ms|slo] [--server-warmup 10s]
#                          [--server-warmup-rate 8000] [--serve-arg ARG]... [--jfr]
#
# Modes: on = the model with dynamic batching (the defaults), off = `--batching off`, echo = `--model echo`.
# The model of F features is `train --random-weights --input-dim F --output-dim 1 --seed 7`. Every server runs with
# WSINFER_SERVER_JVM_OPTS (default below, as measured: docs/PERFORMANCE.md), OMP_NUM_THREADS=1,
# OMP_WAIT_POLICY=PASSIVE, plus every --serve-arg. --jfr records a JFR profile of each server next to its log.
# --max-send-lag-p99 slo: a step is invalid (driver behind) only when its send lag p99 alone exceeds the search's SLO.
# Each server first gets a warm-up drive (JIT; results in DIR/warmup/, not used), then its searches.
# Writes DIR/capacity/<mode>-f<F>-<framing>-p99-<slo>/ (capacity.json + steps), DIR/servers/*.log, DIR/loadavg.tsv
# (load averages before and after each search), DIR/commands.txt and the table DIR/table.md (also printed).
# Everything it starts is stopped on exit, failure or Ctrl-C.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=lib/await-listening.sh
source scripts/lib/await-listening.sh

usage() {
  sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 2
}

OUT="results/server-perf-$(date -u +%Y%m%dT%H%M%SZ)"
MODES="on,off,echo"
FEATURES="16,256"
FRAMINGS="binary,text"
SLOS="1ms,10ms"
DURATION=4s
WARMUP=1s
MAX_STEPS=7
START_RATE=1000
PRECISION=1000
CONNECTIONS=4
MAX_SEND_LAG=1ms
SERVER_WARMUP=10s
SERVER_WARMUP_RATE=8000
JFR=0
SERVE_ARGS=()
SERVER_JAR=${WSINFER_SERVER_JAR:-server/target/wsinfer-server.jar}
DRIVER_JAR=${WSINFER_DRIVER_JAR:-loadtest/target/wsinfer-loadtest.jar}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) OUT="${2:?--out needs a value}"; shift 2 ;;
    --modes) MODES="${2:?}"; shift 2 ;;
    --features) FEATURES="${2:?}"; shift 2 ;;
    --framings) FRAMINGS="${2:?}"; shift 2 ;;
    --slos) SLOS="${2:?}"; shift 2 ;;
    --duration) DURATION="${2:?}"; shift 2 ;;
    --warmup) WARMUP="${2:?}"; shift 2 ;;
    --max-steps) MAX_STEPS="${2:?}"; shift 2 ;;
    --start-rate) START_RATE="${2:?}"; shift 2 ;;
    --precision) PRECISION="${2:?}"; shift 2 ;;
    --connections) CONNECTIONS="${2:?}"; shift 2 ;;
    --max-send-lag-p99) MAX_SEND_LAG="${2:?}"; shift 2 ;;
    --server-warmup) SERVER_WARMUP="${2:?}"; shift 2 ;;
    --server-warmup-rate) SERVER_WARMUP_RATE="${2:?}"; shift 2 ;;
    --serve-arg) SERVE_ARGS+=("${2:?--serve-arg needs a value}"); shift 2 ;;
    --jfr) JFR=1; shift ;;
    -h|--help) usage ;;
    *) echo "server-perf.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
for m in ${MODES//,/ }; do
  case "$m" in on|off|echo) ;; *) echo "server-perf.sh: unknown mode '$m' (on, off, echo)" >&2; exit 2 ;; esac
done

SERVER_JVM_OPTS=${WSINFER_SERVER_JVM_OPTS:--Xms512m -Xmx512m -XX:MaxDirectMemorySize=512m -XX:+UseParallelGC -Dorg.bytedeco.javacpp.nopointergc=true}
DRIVER_JVM_OPTS=${WSINFER_DRIVER_JVM_OPTS:--Xms256m -Xmx1g -XX:+UseParallelGC}
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}

if [[ ! -f "$SERVER_JAR" ]]; then
  mvn -o -q -pl server -am install -DskipTests
fi
if [[ ! -f "$DRIVER_JAR" ]]; then
  mvn -o -q -pl loadtest -am install -DskipTests
fi
mkdir -p "$OUT/capacity" "$OUT/servers" "$OUT/models" "$OUT/warmup"
{
  echo "# $(date -u +%FT%TZ) git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (dirty)')"
  echo "# $(nproc) CPUs; server JVM: $SERVER_JVM_OPTS; driver JVM: $DRIVER_JVM_OPTS; OMP_NUM_THREADS=$OMP_NUM_THREADS OMP_WAIT_POLICY=$OMP_WAIT_POLICY"
  echo "$0 $*"
} >"$OUT/commands.txt"
printf 'search\tphase\tload1\tload5\tload15\n' >"$OUT/loadavg.tsv"

SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
trap stop_server EXIT
trap 'exit 130' INT TERM

URL=""
start_server() {   # NAME ARG...
  local name="$1"; shift
  local log="$OUT/servers/$name.log"
  local jfr=()
  if [[ "$JFR" == 1 ]]; then
    jfr=("-XX:StartFlightRecording=filename=$OUT/servers/$name.jfr,settings=profile")
  fi
  # shellcheck disable=SC2086  # the JVM options are a word list
  java $SERVER_JVM_OPTS "${jfr[@]}" -jar "$SERVER_JAR" serve --host 127.0.0.1 --port 0 "$@" "${SERVE_ARGS[@]}" \
    >"$log" 2>&1 &
  SERVER_PID=$!
  echo "java $SERVER_JVM_OPTS ${jfr[*]} -jar $SERVER_JAR serve --host 127.0.0.1 --port 0 $* ${SERVE_ARGS[*]}" \
    >>"$OUT/commands.txt"
  await_listening "$log" "$SERVER_PID" 60 "server-perf.sh ($name)"
  echo "== $name: server pid $SERVER_PID at $URL"
}

loadavg() {   # SEARCH PHASE
  printf '%s\t%s\t%s\n' "$1" "$2" "$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '\t')" >>"$OUT/loadavg.tsv"
}

for f in ${FEATURES//,/ }; do
  model="$OUT/models/f$f"
  if [[ "$MODES" != echo && ! -f "$model/model.json" ]]; then
    java -jar "$SERVER_JAR" train --random-weights --input-dim "$f" --output-dim 1 --seed 7 --out "$model" --force \
      >"$OUT/models/f$f.log" 2>&1
  fi
  for mode in ${MODES//,/ }; do
    case "$mode" in
      on) args=(--model "$model") ;;
      off) args=(--model "$model" --batching off) ;;
      echo) args=(--model echo --echo-dim "$f") ;;
    esac
    start_server "$mode-f$f" "${args[@]}"
    for framing in ${FRAMINGS//,/ }; do
      # shellcheck disable=SC2086
      java $DRIVER_JVM_OPTS -jar "$DRIVER_JAR" drive --url "$URL" --framing "$framing" --features "$f" \
        --rate "$SERVER_WARMUP_RATE" --duration "$SERVER_WARMUP" --warmup 0s --min-duration 1s \
        --connections "$CONNECTIONS" --clock-samples 0 --quiet --out "$OUT/warmup/$mode-f$f-$framing" \
        >"$OUT/warmup/$mode-f$f-$framing.log" 2>&1 || true
    done
    for framing in ${FRAMINGS//,/ }; do
      for slo in ${SLOS//,/ }; do
        name="$mode-f$f-$framing-p99-$slo"
        lag="$MAX_SEND_LAG"
        [[ "$lag" == slo ]] && lag="$slo"
        loadavg "$name" before
        cmd=(java $DRIVER_JVM_OPTS -jar "$DRIVER_JAR" capacity --url "$URL" --framing "$framing" --features "$f"
             --slo-p99 "$slo" --start-rate "$START_RATE" --step-factor 2 --precision "$PRECISION"
             --max-steps "$MAX_STEPS" --duration "$DURATION" --warmup "$WARMUP" --cooldown 500ms
             --min-duration "$DURATION" --min-requests 500 --max-send-lag-p99 "$lag"
             --connections "$CONNECTIONS" --clock-samples 0 --quiet --out "$OUT/capacity/$name")
        echo "${cmd[*]}" >>"$OUT/commands.txt"
        "${cmd[@]}" >"$OUT/capacity/$name.log" 2>&1 || true
        loadavg "$name" after
        tail -1 "$OUT/capacity/$name.log"
      done
    done
    stop_server
  done
done

# ---- the table: one line per search, CPU per request from the highest passing step's summary.json
python3 - "$OUT" <<'EOF' | tee "$OUT/table.md"
import json, os, sys, csv
out = sys.argv[1]
loads = {}
with open(os.path.join(out, "loadavg.tsv")) as f:
    for row in csv.DictReader(f, delimiter="\t"):
        loads.setdefault(row["search"], {})[row["phase"]] = row["load1"]
print("| mode | features | framing | p99 SLO | capacity (req/s) | server CPU at it (us/request) | limited by driver | load avg (1 min) before/after |")
print("|---|---|---|---|---|---|---|---|")
for name in sorted(os.listdir(os.path.join(out, "capacity"))):
    path = os.path.join(out, "capacity", name, "capacity.json")
    if not os.path.isfile(path):
        continue
    c = json.load(open(path))
    mode, feat, framing, _, slo = name.split("-", 4)
    best = [s for s in c["steps"] if s["passed"] and s["offeredHz"] == c["maxSustainableRateHz"]]
    cpu = best[0].get("serverCpuUsPerRequest") if best else None
    la = loads.get(name, {})
    print("| %s | %s | %s | %s | %.0f | %s | %s | %s / %s |" % (
        mode, feat[1:], framing, slo, c["maxSustainableRateHz"], "-" if cpu is None else "%.1f" % cpu,
        "yes" if c.get("limitedByDriver") else "no", la.get("before", "?"), la.get("after", "?")))
EOF
echo "results in $OUT"
