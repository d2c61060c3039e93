#!/usr/bin/env bash
# Profiles the silo while a load scenario runs against it: where the server's busy time goes.
# usage: bench/profile/profile-silo.sh <seconds> <scenario and options for OrderActors.Bench...>
#   e.g. bench/profile/profile-silo.sh 20 intake --target actors --requests 20000 --concurrency 64
# Installs dotnet-trace into /tmp/dotnet-trace-tool if missing, attaches to the silo child process once it is up,
# samples thread stacks for <seconds>, and prints the busiest frames (bench/profile/summarize.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/profile/start-silo-load.sh
seconds=$1; shift
tools=/tmp/dotnet-trace-tool
[ -x "$tools/dotnet-trace" ] || dotnet tool install --tool-path "$tools" dotnet-trace >/dev/null
dotnet build -c Release bench/OrderActors.Bench -v q -nologo >/dev/null
out=$(mktemp -d /tmp/orderactors-profile.XXXXXX)
start_silo_load profile-silo dotnet bench/OrderActors.Bench/bin/Release/net10.0/OrderActors.Bench.dll "$@"
echo "profiling silo pid $pid for ${seconds}s (load output: $out/load.txt)" >&2
"$tools/dotnet-trace" collect --profile dotnet-sampled-thread-time -p "$pid" --duration "00:00:00:$(printf %02d "$seconds")" -o "$out/silo.nettrace" >/dev/null
"$tools/dotnet-trace" convert --format Speedscope "$out/silo.nettrace" -o "$out/silo" >/dev/null
wait $load || true
tail -25 "$out/load.txt"
python3 bench/profile/summarize.py "$out/silo.speedscope.json" "" 0 60
