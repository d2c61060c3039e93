#!/usr/bin/env bash
# On-CPU profile of the silo with perf: unlike profile-silo.sh (dotnet-trace's sampled thread time), native work such as
# SQLite inside sqlite3_step counts as CPU, not as a wait. Starts late so the JIT has settled.
# usage: bench/profile/perf-silo.sh <delay seconds> <record seconds> <scenario and options for OrderActors.Bench...>
#   e.g. bench/profile/perf-silo.sh 15 25 intake --target actors --requests 60000 --concurrency 64
# Writes into a fresh /tmp/orderactors-perf.XXXXXX: perf.data, load.txt, and the reports threads.txt (by thread name),
# dso.txt, self.txt (functions by self time) and callers.txt (the same with call chains), resolved while the silo's
# /tmp/perf-<pid>.map still exists, and script.txt.gz (every sample's stack) for
#   python3 bench/profile/perf-summary.py <out>/script.txt.gz 40 [--thread "TP Worker"] [--match Frame]
#
# Why JIT frames showed as "[JIT] tid <pid>": that is the dso name perf gives the silo's JIT-ed code, and a report
# sorted by comm or dso only (as the first rough script did) prints nothing finer. The function names come from
# /tmp/perf-<pid>.map with a symbol sort key (--sort dso,sym or sym) or perf script, and only while the map file exists,
# so the reports below run before it is removed. DOTNET_EnableWriteXorExecute=0 keeps JIT-ed code in anonymous memory,
# which is what the map describes (with W^X on, code runs from a memfd double mapping; not re-tested here).
set -eu
cd "$(dirname "$0")/../.."
. bench/profile/start-silo-load.sh
delay=$1; seconds=$2; shift 2
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
bench=${ORDERACTORS_BENCH_DLL:-bench/OrderActors.Bench/bin/Release/net10.0/OrderActors.Bench.dll}
out=$(mktemp -d /tmp/orderactors-perf.XXXXXX)
start_silo_load perf-silo dotnet "$bench" "$@"
echo "silo pid $pid; recording ${seconds}s after ${delay}s (output: $out)" >&2
sleep "$delay"
# System-wide (-a, per-CPU buffers) and filtered to the silo at report time: "-p <pid>" opens one event per thread,
# and on this VM perf then woke up ~1.7 million times in 25 s and took a large share of a core itself.
/usr/bin/time -f "perf record itself: user %U s, sys %S s" perf record -F 999 -g -a -o "$out/perf.data" -- sleep "$seconds" >"$out/record.txt" 2>&1
# Report before the silo exits and its map is deleted below.
report() { perf report -i "$out/perf.data" --pid "$pid" --no-children --stdio "$@" 2>/dev/null || true; }
report --sort comm -g none | grep '%' >"$out/threads.txt"
report --sort dso -g none | grep '%' | head -30 >"$out/dso.txt"
report --sort dso,sym -g none | grep '%' | head -150 >"$out/self.txt"
report --sort sym -g caller --percent-limit 0.7 >"$out/callers.txt"
perf script -i "$out/perf.data" --pid "$pid" -F comm,ip,sym 2>/dev/null | gzip >"$out/script.txt.gz" || true
wait "$load" || true
rm -f "/tmp/perf-$pid.map" "/tmp/perfinfo-$pid.map" "/tmp/perf-$load.map" "/tmp/perfinfo-$load.map"
echo "$out"
