#!/usr/bin/env bash
# Runs every Google Benchmark binary of a Release bench build and keeps the results.
#
#   bash bench/run.sh [BUILD_DIR]        (make bench: BUILD_DIR = build/bench)
#
# Each benchmark runs with 5 repetitions; the console shows mean/median/stddev/cv, and the full
# JSON goes to BUILD_DIR/results/<name>.json (the figures in docs/perf.md are medians from such
# runs, with the machine and its load noted beside them). The delivery benchmark drives a real
# server with wrk and has its own script: bench/delivery/run.sh.
# Extra Google Benchmark flags can be passed in KAOPING_BENCH_FLAGS, e.g.
#   KAOPING_BENCH_FLAGS=--benchmark_filter=Rdfc bash bench/run.sh
set -euo pipefail

build="${1:-build/bench}"
if [[ ! -d "$build/bench" ]]; then
  echo "bench/run.sh: no bench build in $build; run 'make bench' (or configure with -DKAOPING_BUILD_BENCH=ON)" >&2
  exit 2
fi
results="$build/results"
mkdir -p "$results"

names=(scoring_bench credentials_bench certificate_service_bench assembly_bench psychometrics_bench
       psychometrics_store_bench)
ran=0
for name in "${names[@]}"; do
  exe="$(find "$build/bench" -type f -name "$name" -perm -u+x | head -n1)"
  if [[ -z "$exe" ]]; then
    echo "bench/run.sh: $name was not built in $build; skipped" >&2
    continue
  fi
  echo "== $name ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
  # shellcheck disable=SC2086  # KAOPING_BENCH_FLAGS is a list of flags
  "$exe" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_out="$results/$name.json" --benchmark_out_format=json ${KAOPING_BENCH_FLAGS:-}
  ran=$((ran + 1))
done
if [[ $ran -eq 0 ]]; then
  echo "bench/run.sh: no benchmark binary found under $build/bench" >&2
  exit 2
fi
echo "results: $results/*.json"
