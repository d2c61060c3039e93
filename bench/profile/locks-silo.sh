#!/usr/bin/env bash
# Measures the silo's real lock contention while a load scenario runs against it, without the sampling profiler.
# usage: bench/profile/locks-silo.sh <seconds> <scenario and options for OrderActors.Bench...>
#   e.g. bench/profile/locks-silo.sh 10 flash-sale --target actors --requests 100000 --units 10000 --concurrency 256
# Why: profile-silo.sh's sampled thread time suspends the runtime about 1,000 times a second, and a thread that reaches
# Monitor.Enter while a suspension is pending leaves the fast path for Monitor.Enter_Slowpath and waits there until the
# runtime resumes (CoreCLR: TryEnterObjMonitorSpinHelper returns false on CatchAtSafePointOpportunistic). That frame
# then looks like lock contention that is not there. This script reads the runtime's own counter of contended
# acquisitions (dotnet-counters, System.Runtime dotnet.monitor.lock_contentions) and, when `perf` is installed
# (Debian: linux-perf), samples on-CPU stacks with no safepoint bias and counts the samples in Monitor/Lock frames.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/profile/start-silo-load.sh
seconds=$1; shift
tools=/tmp/dotnet-counters-tool
[ -x "$tools/dotnet-counters" ] || dotnet tool install --tool-path "$tools" dotnet-counters >/dev/null
dotnet build -c Release bench/OrderActors.Bench -v q -nologo >/dev/null
out=$(mktemp -d /tmp/orderactors-locks.XXXXXX)
# Perf maps name JIT-compiled methods in perf's samples; without W^X the code is mapped where the map says it is.
start_silo_load locks-silo env DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 \
  dotnet bench/OrderActors.Bench/bin/Release/net10.0/OrderActors.Bench.dll "$@"
echo "measuring silo pid $pid for ${seconds}s (load output: $out/load.txt)" >&2
"$tools/dotnet-counters" collect -p "$pid" --counters System.Runtime --format csv -o "$out/counters.csv" \
  --refresh-interval 1 --duration "00:00:00:$(printf %02d "$seconds")" >/dev/null 2>&1 &
counters=$!
if command -v perf >/dev/null; then
  perf record -F 499 -g -p "$pid" -o "$out/perf.data" -- sleep "$seconds" >"$out/perf-record.txt" 2>&1 || true
else
  echo "locks-silo: perf not installed (apt-get install linux-perf); counters only" >&2
fi
wait $counters || true
wait $load || true
if [ -s "$out/perf.data" ]; then
  perf script -i "$out/perf.data" >"$out/perf-script.txt" 2>/dev/null || true
fi
rm -f "/tmp/perf-$pid.map" "/tmp/perf-$load.map"
tail -25 "$out/load.txt"
python3 bench/profile/locks-summary.py "$out"
