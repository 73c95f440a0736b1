#!/usr/bin/env bash
# JMH microbenchmarks of wsinfer (codecs, model path, server handler chain) into a results folder.
#
#   scripts/microbench.sh [quick|full|native] [--out DIR] [extra JMH args...]
#
#   quick   a subset of the parameters, 1 fork, short iterations: under 3 minutes on 2 cores
#   full    every benchmark and parameter with the benchmarks' own settings (2 forks, 3x1s warm-up, 5x1s), -prof gc
#   native  InferenceBenchmark (features 16, rows 1, 64, 512) under OMP_NUM_THREADS=1 vs unset,
#           -Dorg.bytedeco.javacpp.nopointergc=true vs not, and OMP_WAIT_POLICY=PASSIVE (the server's launch setting),
#           interleaved in NATIVE_ROUNDS (2) rounds: native/<setting>.round-N.json, native/native.md
#
# Writes results/<UTC yyyyMMdd'T'HHmmss'Z'>-<sha7>-microbench-<profile>/{env.json,jmh/jmh.json,jmh/summary.md}, or, with
# --out DIR, DIR/jmh.json and DIR/summary.md (env.json goes to DIR/.. only if none is there: bench.sh writes its own).
# Extra arguments are passed to every JMH invocation (e.g. -p features=16 or -jvmArgsAppend ...).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

profile=quick
if [[ $# -gt 0 && $1 != -* ]]; then
  profile=$1
  shift
fi
case "$profile" in
  quick|full|native) ;;
  -h|--help|help) usage ;;
  *) echo "error: unknown profile '$profile' (quick, full or native)" >&2; usage ;;
esac

out_dir=""
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out)
      [[ $# -ge 2 ]] || { echo "error: --out needs a directory" >&2; exit 2; }
      out_dir=$2
      shift 2
      ;;
    --out=*) out_dir=${1#--out=}; shift ;;
    *) extra+=("$1"); shift ;;
  esac
done

jar=microbench/target/benchmarks.jar
if [[ ! -f $jar ]]; then
  echo "== $jar is missing: building the microbench module (and what it needs)"
  mvn -o -q -pl microbench -am install -DskipTests
fi

sha=$(git rev-parse --short=7 HEAD 2>/dev/null || echo nogit00)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
if [[ -n $out_dir ]]; then
  jmh_dir=$out_dir
  run_dir=$(dirname "$out_dir")
else
  run_dir=results/$stamp-$sha-microbench-$profile
  jmh_dir=$run_dir/jmh
fi
mkdir -p "$jmh_dir"
parts=$(mktemp -d)
trap 'rm -rf "$parts"' EXIT

summary() {
  java -cp "$jar" org.wsinfer.microbench.summary.MicrobenchSummary "$@"
}

# option_key OPT VALUE: what makes two JMH options the same (-p is keyed by its parameter's name)
option_key() {
  if [[ $1 == -p ]]; then echo "-p:${2%%=*}"; else echo "$1"; fi
}

# jmh NAME REGEX [OPT VALUE]...: one JMH invocation with the given option pairs, less those the extra arguments
# override (JMH refuses an option given twice), JSON into the parts folder, console log beside the results
jmh() {
  local name=$1 regex=$2
  shift 2
  local -A overridden=()
  local i
  for ((i = 0; i < ${#extra[@]}; i++)); do
    if [[ ${extra[i]} == -* ]]; then
      overridden[$(option_key "${extra[i]}" "${extra[i + 1]:-}")]=1
    fi
  done
  local args=()
  while [[ $# -ge 2 ]]; do
    if [[ -z ${overridden[$(option_key "$1" "$2")]:-} ]]; then
      args+=("$1" "$2")
    fi
    shift 2
  done
  echo "== JMH $name: $regex ${args[*]} ${extra[*]:-}"
  java -jar "$jar" "$regex" "${args[@]}" "${extra[@]}" -rf json -rff "$parts/$name.json" 2>&1 | tee "$jmh_dir/$name.log" \
    | grep -E '^(# Run progress|Benchmark |[A-Z][A-Za-z]+Benchmark\.)' || true
  [[ -s $parts/$name.json ]] || { echo "error: JMH $name wrote no results (see $jmh_dir/$name.log)" >&2; exit 1; }
}

quick_iter=(-f 1 -wi 2 -w 500ms -i 3 -r 800ms)
case "$profile" in
  quick)
    jmh codec 'CodecBenchmark' -p features=16,256 -p rows=1 "${quick_iter[@]}" -prof gc
    jmh inference 'InferenceBenchmark.(javaFloor|serverModel|nd4jGemm|nd4jNaive)$' -p features=16 -p rows=1,64,512 \
      "${quick_iter[@]}"
    # the text path needs a longer warm-up than the rest (docs/MICROBENCH.md)
    jmh pipeline 'PipelineBenchmark' -p features=16 -f 1 -wi 8 -w 500ms -i 3 -r 800ms -prof gc
    ;;
  full)
    jmh codec 'CodecBenchmark' -prof gc
    jmh inference 'InferenceBenchmark' -prof gc
    jmh pipeline 'PipelineBenchmark' -prof gc
    ;;
  native)
    # Every setting once per round, rounds interleaved (ABCDE ABCDE) so that a drift of the shared machine's load
    # hits every setting alike; the comparison pools the rounds' iterations. javaFloor is the control: it uses no
    # native code, so its spread between settings is the noise of the machine.
    native_dir=$run_dir/native
    mkdir -p "$native_dir"
    rounds=${NATIVE_ROUNDS:-2}
    settings=(omp-default.pointergc-on omp-default.pointergc-off omp-1.pointergc-on omp-1.pointergc-off
      omp-1.pointergc-off.passive)
    declare -A files=()
    for ((round = 1; round <= rounds; round++)); do
      for label in "${settings[@]}"; do
        args=(-p features=16 -p rows=1,64,512 -f 1 -wi 2 -w 500ms -i 3 -r 1s)
        [[ $label == *pointergc-off* ]] && args+=(-jvmArgsAppend -Dorg.bytedeco.javacpp.nopointergc=true)
        name=$label.round-$round
        (
          unset OMP_NUM_THREADS OMP_WAIT_POLICY
          [[ $label == omp-1.* ]] && export OMP_NUM_THREADS=1
          [[ $label == *.passive ]] && export OMP_WAIT_POLICY=PASSIVE
          jmh "$name" 'InferenceBenchmark.(javaFloor|serverModel|nd4jGemm|nd4jNaive)$' "${args[@]}"
        )
        cp "$parts/$name.json" "$native_dir/$name.json"
        files[$label]=${files[$label]:+${files[$label]},}$native_dir/$name.json
      done
    done
    compare=()
    for label in "${settings[@]}"; do
      compare+=("$label=${files[$label]}")
    done
    summary compare --out "$native_dir/native.md" "${compare[@]}"
    # jmh/jmh.json: the first round of the default setting (the other files stay in native/)
    find "$parts" -name '*.json' ! -name 'omp-default.pointergc-on.round-1.json' -delete
    ;;
esac

summary merge --out "$jmh_dir/jmh.json" "$parts"/*.json
summary summary --out "$jmh_dir/summary.md" "$jmh_dir/jmh.json"

# env.json: the reports CLI's env command when built, otherwise the JVM/CPU/git facts written here
env_file=$run_dir/env.json
if [[ -n $out_dir && -f $env_file ]]; then
  echo "== $env_file exists (written by the caller): left as it is"
else
  esc() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '%s' "$s"; }
  config="{\"tool\":\"microbench\",\"profile\":\"$(esc "$profile")\",\"ompNumThreads\":\"$(esc "${OMP_NUM_THREADS:-}")\",\"ompWaitPolicy\":\"$(esc "${OMP_WAIT_POLICY:-}")\",\"extraJmhArgs\":\"$(esc "${extra[*]:-}")\"}"
  reports_jar=reports/target/wsinfer-reports.jar
  if [[ -f $reports_jar ]] && java -jar "$reports_jar" env --out "$env_file" --profile "microbench-$profile" \
      --config-json "$config" >/dev/null 2>"$parts/env.err"; then
    echo "== env.json by the reports CLI"
  else
    [[ -f $reports_jar ]] && echo "warning: the reports env command failed ($(head -c 300 "$parts/env.err")); writing env.json here" >&2
    java_version=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.version =/{print $2; exit}')
    java_vm=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.vm.name =/{print $2; exit}')
    cpu_model=$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)
    mem_bytes=$(awk '/MemTotal/{printf "%.0f", $2 * 1024; exit}' /proc/meminfo 2>/dev/null || echo 0)
    commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
    dirty=false
    [[ -n $(git status --porcelain 2>/dev/null | head -1) ]] && dirty=true
    cat > "$env_file" <<JSON
{ "schema": "wsinfer.env/1", "createdAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "profile": "microbench-$(esc "$profile")",
  "gitCommit": "$commit", "gitDirty": $dirty,
  "javaVersion": "$(esc "$java_version")", "javaVm": "$(esc "$java_vm")", "jvmArgs": [],
  "availableProcessors": $(nproc), "cpuModel": "$(esc "$cpu_model")", "memoryBytes": $mem_bytes,
  "osName": "$(uname -s)", "osVersion": "$(uname -r)", "kernel": "$(esc "$(uname -v)")",
  "loadAverage": "$(esc "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)")",
  "configuration": $config }
JSON
  fi
fi

echo "== results: $jmh_dir/jmh.json, summary: $jmh_dir/summary.md, env: $env_file"
