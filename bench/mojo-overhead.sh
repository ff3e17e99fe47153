#!/usr/bin/env bash
# Measures what the Maven plugin adds on top of ingest: a real `mvn perf:check` over a generated k6
# NDJSON result set (default 100 MiB) in a throwaway project, against the same work without Maven.
#
#   mojo       wall time of the perf:check mojo in the Maven log (its start line to BUILD SUCCESS)
#   maven      wall time of the whole mvn process (JVM start, project model, plugin resolution, mojo)
#   gate       io.perfgate.bench.Gate: what the mojo calls (find, ingest, judge, 4 reports), in a fresh JVM
#   ingest     io.perfgate.bench.Ingest: ingest alone, in a fresh JVM, timed inside the JVM
#
# Each runs RUNS times; medians are printed. Installs the plugin from this checkout into ~/.m2 first
# (./mvnw install of perf-core and perf-maven-plugin, tests skipped). Run by hand only; the build never
# runs it. Everything it writes is under perf-bench/<build folder>/mojo-overhead/, and the results file
# is deleted at the end.
#
#   bench/mojo-overhead.sh [SIZE] [RUNS]        defaults: 100MB 3
#
# Environment: BUILD_DIR_NAME (default target), SKIP_INSTALL=1 (use the plugin already installed).
set -euo pipefail

SIZE=${1:-100MB}
RUNS=${2:-3}
REPO=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR_NAME=${BUILD_DIR_NAME:-target}
JAR="$REPO/perf-bench/$BUILD_DIR_NAME/benchmarks.jar"
PROJECT="$REPO/perf-bench/$BUILD_DIR_NAME/mojo-overhead"
VERSION=0.1.0-SNAPSHOT

if [[ ${SKIP_INSTALL:-} != 1 ]]; then
  (cd "$REPO" && ./mvnw -B -q install -DskipTests -pl perf-maven-plugin,perf-bench -am \
    "-Dperf.buildDirName=$BUILD_DIR_NAME")
fi

rm -rf "$PROJECT"
mkdir -p "$PROJECT/results"
trap 'rm -rf "$PROJECT/results" "$PROJECT"/*.log' EXIT
cat > "$PROJECT/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.bench</groupId>
  <artifactId>mojo-overhead</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.perfgate</groupId>
        <artifactId>perf-maven-plugin</artifactId>
        <version>$VERSION</version>
        <configuration>
          <resultFiles>
            <resultFile>\${project.basedir}/results/run.ndjson</resultFile>
          </resultFiles>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
EOF
cat > "$PROJECT/perf-budget.yaml" <<'EOF'
thresholds:
  http_req_duration: ["p(95)<500", "p(99)<1500", "avg<200"]
  http_req_duration{name:checkout}: ["p(95)<300"]
  http_req_duration{group:::cart}: ["p(95)<100"]
  http_req_failed: ["rate<5%"]
  http_reqs: ["count>1000"]
  checks: ["rate>0.9"]
EOF
java -cp "$JAR" io.perfgate.bench.Generate k6 "$SIZE" "$PROJECT/results/run.ndjson"

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
to_seconds() { awk -F'[:.,]' '{printf "%.3f\n", $1 * 3600 + $2 * 60 + $3 + $4 / 1000}'; }
mojo=() maven=() gate=() ingest=()
for ((run = 1; run <= RUNS; run++)); do
  rm -rf "$PROJECT/target"
  start=$(date +%s.%N)
  (cd "$PROJECT" && MAVEN_OPTS="-Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS" \
    "$REPO/mvnw" -B -ntp "io.perfgate:perf-maven-plugin:$VERSION:check" > "$PROJECT/maven.log" 2>&1) || {
    tail -30 "$PROJECT/maven.log" >&2; exit 1; }
  maven+=("$(echo "$(date +%s.%N) - $start" | bc)")
  began=$(grep -m1 -E -- "--- (perf|perf-maven-plugin):$VERSION:check" "$PROJECT/maven.log" | cut -d' ' -f1 | to_seconds)
  ended=$(grep -m1 "BUILD SUCCESS" "$PROJECT/maven.log" | cut -d' ' -f1 | to_seconds)
  mojo+=("$(echo "$ended - $began" | bc)")

  rm -rf "$PROJECT/gate-reports"
  gate+=("$(java -cp "$JAR" io.perfgate.bench.Gate "$PROJECT/perf-budget.yaml" "$PROJECT/gate-reports" \
    "$PROJECT/results/run.ndjson" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p')")
  ingest+=("$(java -cp "$JAR" io.perfgate.bench.Ingest "$PROJECT/results/run.ndjson" \
    | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p')")
done

bytes=$(stat -c %s "$PROJECT/results/run.ndjson")
grep -E "VERDICT|PASS|FAIL|perfgate" "$PROJECT/maven.log" | sed 's/^/  maven: /' | head -12
printf 'runs:   mojo %s| maven %s| gate %s| ingest %s\n' "$(printf '%s ' "${mojo[@]}")" "$(printf '%s ' "${maven[@]}")" \
  "$(printf '%s ' "${gate[@]}")" "$(printf '%s ' "${ingest[@]}")"
python3 - "$bytes" "$(printf '%s\n' "${mojo[@]}" | median)" "$(printf '%s\n' "${maven[@]}" | median)" \
  "$(printf '%s\n' "${gate[@]}" | median)" "$(printf '%s\n' "${ingest[@]}" | median)" <<'EOF'
import sys
size = int(sys.argv[1])
mojo, maven, gate, ingest = map(float, sys.argv[2:])
print(f"{size / 1e6:.0f} MB of k6 NDJSON, medians:")
print(f"  perf:check mojo {mojo:6.2f} s   ({size / 1e6 / mojo:5.0f} MB/s)")
print(f"  whole mvn run   {maven:6.2f} s")
print(f"  gate, no Maven  {gate:6.2f} s")
print(f"  ingest alone    {ingest:6.2f} s   ({size / 1e6 / ingest:5.0f} MB/s)")
print(f"mojo / ingest alone: {mojo / ingest:.2f}x; what the mojo adds beyond ingest: {mojo - ingest:.2f} s")
EOF
