#!/usr/bin/env bash
# Times perf-core against the tools a team would otherwise use, over the same generated inputs, and
# prints how many times longer the other tool takes (the ratios bench/README.md records):
#
#   1. p(95) of http_req_duration over a k6 NDJSON file: perf-core (io.perfgate.bench.P95) against jq,
#      the hand-written gate most teams start with, both as a stream (jq -n '[inputs | ...]') and as it
#      is often first written (jq -s, which reads the whole file into memory). Also checks that perf-core's
#      p(95) is within 0.01 % of jq's exact one.
#   2. A JMeter CSV JTL: perf-core's whole gate with its four reports (io.perfgate.bench.Gate) against
#      JMeter 5.6.3's own report generator (jmeter -g results.jtl -o dashboard).
#
# Each command runs RUNS times; the median wall time and the largest resident memory are reported.
# Run by hand only; the build never runs it. Needs java 17 and Maven Central (for JMeter's jars);
# installs jq and GNU time with apt-get when they are missing.
#
#   bench/compare.sh [NDJSON_SIZE] [JTL_SIZE] [RUNS]        defaults: 200MB 100MB 3
#
# Environment: WORK (scratch folder, default /tmp/perfgate-compare; the generated inputs and reports are
# deleted at the end, the JMeter jars kept for the next run), BUILD_DIR_NAME (the build folder of
# perf-bench, default target), SKIP_BUILD=1 (use the benchmarks.jar already built).
set -euo pipefail

NDJSON_SIZE=${1:-200MB}
JTL_SIZE=${2:-100MB}
RUNS=${3:-3}
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/perfgate-compare}
BUILD_DIR_NAME=${BUILD_DIR_NAME:-target}
JAR="$REPO/perf-bench/$BUILD_DIR_NAME/benchmarks.jar"
JMETER_VERSION=5.6.3
JMETER_HOME="$WORK/apache-jmeter-$JMETER_VERSION"

mkdir -p "$WORK"
cleanup() {
  rm -rf "$WORK/run.ndjson" "$WORK/results.jtl" "$WORK/dashboard" "$WORK/perf-reports" "$WORK/budget.yaml" \
    "$WORK"/*.time "$WORK"/*.out "$WORK/jmeter.out.log"
}
trap cleanup EXIT

# 1. Tools.
need_apt() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "$1 is missing; install it (apt-get install -y $2)" >&2
    exit 1
  fi
  apt-get update -qq && apt-get install -y -qq "$2" > /dev/null
}
command -v jq > /dev/null || need_apt jq jq
[[ -x /usr/bin/time ]] || need_apt "GNU time" time

if [[ ${SKIP_BUILD:-} != 1 ]]; then
  (cd "$REPO" && ./mvnw -B -q -pl perf-bench -am package -DskipTests "-Dperf.buildDirName=$BUILD_DIR_NAME")
fi

# JMeter from Maven Central, laid out like a distribution, as perf-core's fixtures/jmeter/record.sh does.
fetch_jmeter() {
  [[ -f "$JMETER_HOME/bin/ApacheJMeter.jar" ]] && return
  cat > "$WORK/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.bench</groupId>
  <artifactId>jmeter-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.jmeter</groupId><artifactId>ApacheJMeter_core</artifactId><version>$JMETER_VERSION</version></dependency>
    <dependency><groupId>org.apache.jmeter</groupId><artifactId>ApacheJMeter_http</artifactId><version>$JMETER_VERSION</version></dependency>
    <dependency><groupId>org.apache.jmeter</groupId><artifactId>ApacheJMeter_components</artifactId><version>$JMETER_VERSION</version></dependency>
    <dependency><groupId>org.apache.jmeter</groupId><artifactId>ApacheJMeter_config</artifactId><version>$JMETER_VERSION</version></dependency>
    <dependency><groupId>org.apache.jmeter</groupId><artifactId>ApacheJMeter_functions</artifactId><version>$JMETER_VERSION</version></dependency>
  </dependencies>
</project>
EOF
  rm -rf "$WORK/lib" "$JMETER_HOME"
  "$REPO/mvnw" -B -q -f "$WORK/pom.xml" dependency:copy-dependencies -DoutputDirectory="$WORK/lib"
  mkdir -p "$JMETER_HOME/lib/ext" "$JMETER_HOME/lib/junit"
  (cd "$JMETER_HOME" && unzip -q -o "$WORK/lib/ApacheJMeter_config-$JMETER_VERSION.jar" 'bin/*')
  local jar name
  for jar in "$WORK"/lib/*.jar; do
    name=$(basename "$jar")
    case "$name" in
      "ApacheJMeter-$JMETER_VERSION.jar") cp "$jar" "$JMETER_HOME/bin/ApacheJMeter.jar" ;;
      ApacheJMeter_*) cp "$jar" "$JMETER_HOME/lib/ext/" ;;
      *) cp "$jar" "$JMETER_HOME/lib/" ;;
    esac
  done
}
fetch_jmeter

# 2. Inputs.
java -cp "$JAR" io.perfgate.bench.Generate k6 "$NDJSON_SIZE" "$WORK/run.ndjson"
java -cp "$JAR" io.perfgate.bench.Generate jtl "$JTL_SIZE" "$WORK/results.jtl"
cat > "$WORK/budget.yaml" <<'EOF'
thresholds:
  http_req_duration: ["p(95)<500", "p(99)<1500"]
  http_req_duration{name:pay}: ["p(95)<300"]
  http_req_duration{name:search}: ["p(90)<80"]
  http_req_failed: ["rate<1%"]
  http_reqs: ["count>1000"]
EOF

# 3. Timing: median wall seconds and largest resident set (KB) of RUNS runs; the command's output goes to
#    $WORK/<label>.out. A command given as "prepare ;; command" runs prepare untimed before each run.
declare -A SECONDS_OF RSS_OF
measure() {
  local label=$1 prepare=$2 command=$3 run times=() rss=0
  for ((run = 1; run <= RUNS; run++)); do
    bash -c "$prepare"
    /usr/bin/time -f '%e %M' -o "$WORK/$label.time" bash -c "$command" > "$WORK/$label.out" 2>&1 || {
      echo "$label failed:" >&2; tail -20 "$WORK/$label.out" >&2; exit 1; }
    read -r wall kb < "$WORK/$label.time"
    times+=("$wall")
    ((kb > rss)) && rss=$kb
  done
  SECONDS_OF[$label]=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  RSS_OF[$label]=$rss
  printf '%-28s median %8.2f s   max RSS %6d MB   (%s)\n' "$label" "${SECONDS_OF[$label]}" $((rss / 1024)) \
    "$(printf '%s ' "${times[@]}")"
}

# k6's percentile rule: linear interpolation at rank 0.95 * (n - 1) of the sorted values, exactly.
JQ_P95='sort | ((length - 1) * 0.95) as $rank | ($rank | floor) as $lo | ($rank | ceil) as $hi
  | .[$lo] + (.[$hi] - .[$lo]) * ($rank - $lo)'
JQ_STREAM="[inputs | select(.type == \"Point\" and .metric == \"http_req_duration\") | .data.value] | $JQ_P95"
JQ_SLURP="[.[] | select(.type == \"Point\" and .metric == \"http_req_duration\") | .data.value] | $JQ_P95"

echo "== p(95) of http_req_duration over $(du -h "$WORK/run.ndjson" | cut -f1) of k6 NDJSON, $RUNS runs each"
measure perfcore-p95 true "java -cp '$JAR' io.perfgate.bench.P95 '$WORK/run.ndjson'"
measure jq-p95 true "jq -n '$JQ_STREAM' '$WORK/run.ndjson'"
measure jq-slurp-p95 true "jq -s '$JQ_SLURP' '$WORK/run.ndjson'"
OURS=$(tail -1 "$WORK/perfcore-p95.out")
EXACT=$(tail -1 "$WORK/jq-p95.out")
[[ $(tail -1 "$WORK/jq-slurp-p95.out") == "$EXACT" ]] || { echo "jq -s and jq -n disagree" >&2; exit 1; }
python3 - "$OURS" "$EXACT" <<'EOF'
import sys
ours, exact = float(sys.argv[1]), float(sys.argv[2])
relative = abs(ours - exact) / abs(exact)
print(f"p(95): perf-core {ours!r} ms, jq (exact) {exact!r} ms, relative difference {relative:.2e}")
if relative > 1e-4:
    sys.exit("perf-core's p(95) is more than 0.01 % away from jq's")
EOF

echo "== $(du -h "$WORK/results.jtl" | cut -f1) of JMeter JTL: gate with 4 reports vs JMeter's HTML dashboard, $RUNS runs each"
measure perfcore-gate "rm -rf '$WORK/perf-reports'" \
  "java -cp '$JAR' io.perfgate.bench.Gate '$WORK/budget.yaml' '$WORK/perf-reports' '$WORK/results.jtl'"
measure jmeter-dashboard "rm -rf '$WORK/dashboard'" \
  "cd '$WORK' && java -jar '$JMETER_HOME/bin/ApacheJMeter.jar' -g '$WORK/results.jtl' -o '$WORK/dashboard' -j '$WORK/jmeter.out.log'"

echo "== ratios (other tool's median time / perf-core's)"
python3 - "${SECONDS_OF[perfcore-p95]}" "${SECONDS_OF[jq-p95]}" "${SECONDS_OF[jq-slurp-p95]}" \
  "${SECONDS_OF[perfcore-gate]}" "${SECONDS_OF[jmeter-dashboard]}" <<'EOF'
import sys
ours, jq, slurp, gate, jmeter = map(float, sys.argv[1:])
print(f"jq -n (streaming) / perf-core, p(95) over k6 NDJSON:  {jq / ours:5.1f}x")
print(f"jq -s (slurping)  / perf-core, p(95) over k6 NDJSON:  {slurp / ours:5.1f}x")
print(f"JMeter dashboard  / perf-core gate, JMeter JTL:       {jmeter / gate:5.1f}x")
EOF
