#!/usr/bin/env bash
# Exam delivery benchmarks on loopback, against the RELEASE server:
#   1. start `kaoping serve` on a fresh temporary data directory;
#   2. seed N candidates with prepared attempts through the API (delivery_bench seed);
#   3. 10,000 synchronized attempt starts (delivery_bench starts): all connections open, then
#      every start sent at once; time until all were acknowledged, p50/p95/p99, errors;
#   4. durable answer saves with many concurrent keep-alive clients (wrk + saves.lua), SAVE_RUNS
#      times; saves/s and p50/p99 latency per run, then the median run;
#   5. the server's group-commit counters (average saves per commit).
#
# Usage: bench/delivery/run.sh            (from the repository root)
# Knobs: CANDIDATES=10000 THREADS=64 CONNECTIONS=256 DURATION=20s SAVE_RUNS=3 BUILD=build/bench-delivery
#        COLD_STARTS=1 sends the starts without the candidates first loading their attempt (lobby).
set -euo pipefail
cd "$(dirname "$0")/../.."

CANDIDATES=${CANDIDATES:-10000}
THREADS=${THREADS:-64}           # server I/O threads (handlers block until their save is durable)
CONNECTIONS=${CONNECTIONS:-256}  # wrk keep-alive connections
WRK_THREADS=${WRK_THREADS:-2}
DURATION=${DURATION:-20s}
SAVE_RUNS=${SAVE_RUNS:-3}
BUILD=${BUILD:-build/bench-delivery}

echo "== building $BUILD (Release)" >&2
# Tests stay configured (some test-only targets are referenced by other areas' CMake files) but
# only the server and the bench client are built.
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKAOPING_BUILD_TESTS=ON -DKAOPING_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD" --target kaoping delivery_bench >/dev/null

DATA=$(mktemp -d /tmp/kaoping-delivery-bench.XXXXXX)
SERVER_PID=
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$DATA"
}
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)" || true

echo "== starting the server (threads=$THREADS) on $DATA" >&2
KAOPING_THREADS=$THREADS KAOPING_LOG_LEVEL=warn KAOPING_SEED_DEMO=false KAOPING_WEB_DIR=/nonexistent \
  "$BUILD/kaoping" serve --listen 127.0.0.1:0 --data "$DATA" >"$DATA/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 200); do
  grep -q "listening on" "$DATA/server.log" 2>/dev/null && break
  sleep 0.1
done
PORT=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$DATA/server.log" | grep -o '[0-9]*$')
ADMIN_PW=$(grep -o 'password: *[A-Za-z0-9]*' "$DATA/server.log" | awk '{print $2}')
[[ -n "$PORT" && -n "$ADMIN_PW" ]] || { cat "$DATA/server.log"; exit 1; }

echo "== seeding $CANDIDATES candidates through the API" >&2
"$BUILD/bench/delivery/delivery_bench" seed --port "$PORT" --admin-password "$ADMIN_PW" --candidates "$CANDIDATES" \
  --out "$DATA/lanes.txt" --standards standards

echo "== $CANDIDATES synchronized starts" >&2
STARTS=$("$BUILD/bench/delivery/delivery_bench" starts --port "$PORT" --in "$DATA/lanes.txt" ${COLD_STARTS:+--cold 1})
echo "starts: $STARTS"

"$BUILD/bench/delivery/delivery_bench" items --port "$PORT" --in "$DATA/lanes.txt" --out "$DATA/items.txt"
metric() { curl -s "http://127.0.0.1:$PORT/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
TICK=$(getconf CLK_TCK)

echo "== durable saves: wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION, $SAVE_RUNS runs" >&2
RESULTS=()
for run in $(seq 1 "$SAVE_RUNS"); do
  B0=$(metric kaoping_delivery_commit_batches_total); O0=$(metric kaoping_delivery_attempt_writes_total); C0=$(cpu_ticks)
  LOAD0=$(cut -d' ' -f1 /proc/loadavg)
  OUT=$(LANES="$DATA/lanes.txt" ITEMS="$DATA/items.txt" WRK_THREADS=$WRK_THREADS \
        /usr/bin/time -f "wrk_cpu_s %U %S" -o "$DATA/wrk.time" \
        wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s bench/delivery/saves.lua \
        "http://127.0.0.1:$PORT" | tail -n 1)
  B1=$(metric kaoping_delivery_commit_batches_total); O1=$(metric kaoping_delivery_attempt_writes_total); C1=$(cpu_ticks)
  PER_COMMIT=$(awk -v b="$((${B1%.*} - ${B0%.*}))" -v o="$((${O1%.*} - ${O0%.*}))" 'BEGIN {printf "%.1f", (b > 0 ? o / b : 0)}')
  REQS=$(echo "$OUT" | sed 's/.*"requests": \([0-9]*\).*/\1/')
  SERVER_US=$(awk -v c="$((C1 - C0))" -v t="$TICK" -v n="$REQS" 'BEGIN {printf "%.0f", c / t * 1e6 / n}')
  WRK_US=$(awk -v n="$REQS" '{printf "%.0f", ($2 + $3) * 1e6 / n}' "$DATA/wrk.time")
  echo "saves run $run: $OUT  (saves per commit: $PER_COMMIT; CPU per save: server ${SERVER_US} µs, wrk ${WRK_US} µs; load before: $LOAD0)"
  RESULTS+=("$(echo "$OUT" | sed 's/.*"saves_per_s": \([0-9]*\).*/\1/') $OUT")
done
if (( SAVE_RUNS > 0 )); then
  MEDIAN=$(printf '%s\n' "${RESULTS[@]}" | sort -n | sed -n "$(( (SAVE_RUNS + 1) / 2 ))p" | cut -d' ' -f2-)
  echo "saves median run: $MEDIAN"
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
