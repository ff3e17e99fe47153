#!/usr/bin/env bash
# Records a noise lab: the demo booking service under load at several slowdowns, the runs interleaved in
# a seeded random order so that the machine's drift falls on every slowdown alike. Each run is one
# `./mvnw -Pdemo verify`; perf:check records it in the lab's history folder (every series' statistics
# and compressed histogram, no raw samples), on the branch slowdown-<factor>, which RecordedNoiseReplayTest
# reads. Run it from the repository root on an otherwise idle machine:
#
#   bench/noise-lab/record.sh                      # 20 runs at 1.00, 8 each at 1.05, 1.10, 1.20, JMeter
#   LOAD_TOOL=k6 LAB=perf-core/src/test/resources/noise-lab/k6-2core bench/noise-lab/record.sh
#
# Settings (environment): LAB (the lab folder), BASE_RUNS (20), CHANGED_RUNS (8), SLOWDOWNS
# ("1.05 1.10 1.20"), DURATION (seconds of load, 20), LOAD_TOOL (jmeter or k6), SEED (17).
# An interrupted recording resumes where it stopped, with the settings it started with (settings.env):
# runs already in runs.tsv are not made again.
set -euo pipefail

LAB=${LAB:-perf-core/src/test/resources/noise-lab/jmeter-2core}
if [ -f "$LAB/settings.env" ]; then
    # shellcheck source=/dev/null
    . "$LAB/settings.env"
fi
BASE_RUNS=${BASE_RUNS:-20}
CHANGED_RUNS=${CHANGED_RUNS:-8}
SLOWDOWNS=${SLOWDOWNS:-"1.05 1.10 1.20"}
DURATION=${DURATION:-20}
LOAD_TOOL=${LOAD_TOOL:-jmeter}
SEED=${SEED:-17}

if [ ! -x ./mvnw ] || [ ! -d demo/booking-service ]; then
    echo "run this from the repository root" >&2
    exit 2
fi
LAB_SHOWN=$LAB
mkdir -p "$LAB/history"
LAB=$(cd "$LAB" && pwd)

# The schedule: every run's slowdown, shuffled with the seed; written once, so a resumed recording keeps it.
if [ ! -f "$LAB/schedule.tsv" ]; then
    {
        for _ in $(seq "$BASE_RUNS"); do echo 1.00; done
        for slowdown in $SLOWDOWNS; do
            for _ in $(seq "$CHANGED_RUNS"); do echo "$slowdown"; done
        done
    } | awk -v seed="$SEED" 'BEGIN { srand(seed) } { print rand() "\t" $0 }' | sort -n | cut -f2 \
        | awk '{ print NR "\t" $0 }' > "$LAB/schedule.tsv"
    printf 'run\tslowdown\tload tool\tduration s\tstarted (UTC)\tseconds\texit\n' > "$LAB/runs.tsv"
    printf 'BASE_RUNS=%q\nCHANGED_RUNS=%q\nSLOWDOWNS=%q\nDURATION=%q\nLOAD_TOOL=%q\nSEED=%q\n' "$BASE_RUNS" \
        "$CHANGED_RUNS" "$SLOWDOWNS" "$DURATION" "$LOAD_TOOL" "$SEED" > "$LAB/settings.env"
    {
        echo "# Noise lab $(basename "$LAB")"
        echo
        echo "Recorded with:"
        echo
        echo '```'
        echo "LAB=$LAB_SHOWN BASE_RUNS=$BASE_RUNS CHANGED_RUNS=$CHANGED_RUNS SLOWDOWNS=\"$SLOWDOWNS\" \\"
        echo "    DURATION=$DURATION LOAD_TOOL=$LOAD_TOOL SEED=$SEED bench/noise-lab/record.sh"
        echo '```'
        echo
        echo "Each run: ./mvnw -B -Pdemo verify -Ddemo.skipServiceTests=true -Ddemo.loadTool=$LOAD_TOOL" \
            "-Ddemo.duration=$DURATION -Ddemo.slowdown=<slowdown> -Ddemo.history=<lab>/history" \
            "-Dperf.branch=slowdown-<slowdown> -Dperf.runId=lab-<run>"
        echo
        echo "Machine: $(uname -srm), $(nproc) cores, $(java -version 2>&1 | head -1)"
        echo "Commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
        echo "schedule.tsv holds the order, runs.tsv each run's start, length and exit code; a run whose"
        echo "exit code is not 0 (a failed budget) is recorded all the same, and its log kept as run-<n>.log."
    } > "$LAB/README.md"
fi

while IFS=$'\t' read -r run slowdown; do
    if awk -F'\t' -v run="$run" 'NR > 1 && $1 == run { found = 1 } END { exit !found }' "$LAB/runs.tsv"; then
        continue
    fi
    started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    begin=$(date +%s)
    echo "noise lab: run $run of $(wc -l < "$LAB/schedule.tsv"), slowdown $slowdown"
    status=0
    ./mvnw -B -q -Pdemo verify -Ddemo.skipServiceTests=true -Ddemo.loadTool="$LOAD_TOOL" \
        -Ddemo.duration="$DURATION" -Ddemo.slowdown="$slowdown" -Ddemo.history="$LAB/history" \
        -Dperf.branch="slowdown-$slowdown" -Dperf.runId="lab-$run" < /dev/null > "$LAB/run-$run.log" 2>&1 \
        || status=$?
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$slowdown" "$LOAD_TOOL" "$DURATION" "$started" \
        "$(( $(date +%s) - begin ))" "$status" >> "$LAB/runs.tsv"
    # A failed budget still records the run (exit code 1); the log is kept only then, to look at.
    if [ "$status" -ne 0 ]; then
        echo "noise lab: run $run ended with exit code $status (see $LAB/run-$run.log); going on" >&2
    else
        rm -f "$LAB/run-$run.log"
    fi
done < "$LAB/schedule.tsv"
echo "noise lab: $(($(wc -l < "$LAB/runs.tsv") - 1)) runs in $LAB"
