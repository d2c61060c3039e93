#!/usr/bin/env bash
# Runs every benchmark of docs/benchmarks.md in one session, in sequence, on a quiet machine, and keeps the output.
# usage: bench/run-benchmarks.sh [output-dir]      (PostgreSQL: ORDERACTORS_TEST_POSTGRES, else the dev server on 55432)
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/orderactors-bench-results}
mkdir -p "$out"
pg=${ORDERACTORS_TEST_POSTGRES:-Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres}
dotnet build -c Release bench/OrderActors.Bench -v q -nologo >/dev/null || exit 1
bench="bench/OrderActors.Bench/bin/Release/net10.0/OrderActors.Bench.dll"

run() {
  local name=$1; shift
  { echo; echo "### $name: dotnet run -c Release --project bench/OrderActors.Bench -- $*"; echo "# $(date -u +%FT%TZ) $(uptime)"; } | tee -a "$out/all.txt"
  dotnet "$bench" "$@" 2>&1 | tee "$out/$name.txt" | tee -a "$out/all.txt"
  echo "# exit $? at $(date -u +%FT%TZ)" | tee -a "$out/all.txt"
}

echo "# $(nproc) cores; $(uname -sr); $(dotnet --version)" | tee "$out/all.txt"
run storage storage --providers sqlite,postgres --writers 1,64 --seconds 3 --postgres "$pg"
run calls calls --seconds 2
run http-floor http-floor --requests 60000 --concurrency 64 --json "$out/http-floor.json"
run http-floor-auth http-floor-auth --target actors --requests 20000 --concurrency 64 --json "$out/http-floor-auth.json"
run grain-intake grain-intake --providers memory,sqlite,postgres --requests 3000 --postgres "$pg"
run grain-flash-sale grain-flash-sale --providers memory,sqlite,postgres --requests 6000 --units 3000 --postgres "$pg"
run grain-reservations grain-reservations --providers memory,sqlite,postgres --requests 100000 --concurrency 256 --postgres "$pg"
run index-rebuild index-rebuild --orders 100000
run intake-sqlite intake --requests 20000 --concurrency 64 --json "$out/intake-sqlite.json"
run intake-postgres intake --provider postgres --postgres "$pg" --requests 20000 --concurrency 64 --json "$out/intake-postgres.json"
run flash-sale-sqlite flash-sale --requests 100000 --units 10000 --concurrency 256 --verify-max 10000 --max-seconds 600 --json "$out/flash-sale-sqlite.json"
run flash-sale-postgres flash-sale --provider postgres --postgres "$pg" --requests 100000 --units 10000 --concurrency 256 --verify-max 10000 --max-seconds 600 --json "$out/flash-sale-postgres.json"
run webhook-storm webhook-storm --requests 30000 --concurrency 64 --json "$out/webhook-storm.json"
run crash-intake intake --target actors --crash --requests 6000 --concurrency 64 --json "$out/crash-intake.json"
run crash-flash-sale flash-sale --target actors --crash --requests 20000 --units 5000 --concurrency 256 --json "$out/crash-flash-sale.json"
run crash-webhook-storm webhook-storm --target actors --crash --requests 20000 --concurrency 64 --json "$out/crash-webhook-storm.json"
run crash-webhook-no-resend webhook-storm --target actors --crash --no-resend --requests 20000 --concurrency 64 --json "$out/crash-webhook-no-resend.json"
run crash-holds holds --target actors --crash --requests 30000 --rate 1000 --hold 00:00:20 --concurrency 64 --verify-max 5000 --max-seconds 600 --json "$out/crash-holds.json"
# Last and longest: 1,000,000 unpaid orders (HOLDS=N to change, HOLDS=0 to skip), holds expiring while orders still arrive.
if [ "${HOLDS:-1000000}" != "0" ]; then
  # Paced at 1,000 new orders/s: lateness is measured at an arrival rate the silo sustains (see docs/benchmarks.md).
  run holds holds --requests "${HOLDS:-1000000}" --rate 1000 --hold 00:01:00 --concurrency 64 --verify-max 5000 --max-seconds 3600 \
    --set OrderActors:Runtime:CollectionAgeByType:order=00:00:30 --set OrderActors:Runtime:CollectionAgeByType:customer=00:00:20 \
    --set OrderActors:Runtime:CollectionInterval=00:00:10 --json "$out/holds.json"
fi
echo "# done $(date -u +%FT%TZ) $(uptime)" | tee -a "$out/all.txt"
