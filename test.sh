#!/usr/bin/env bash
# Runs the whole test suite against real SQLite and real PostgreSQL, then prints one summary line:
#   N passed, N failed, N skipped
# PostgreSQL: uses ORDERACTORS_TEST_POSTGRES when set (an Npgsql connection string of a user that may
# CREATE DATABASE); otherwise starts a throwaway server with deploy/pg-throwaway.sh and stops it on exit.
# Exits non-zero when a test failed, when no test ran, or when the results are missing.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

results="$PWD/TestResults/run-$$"
rm -rf "$results"
mkdir -p "$results"
pg_dir=""

cleanup() {
  if [ -n "$pg_dir" ]; then
    deploy/pg-throwaway.sh stop "$pg_dir" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local port
  for port in $(seq 55433 55633); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

if [ -z "${ORDERACTORS_TEST_POSTGRES:-}" ]; then
  port=$(free_port) || { echo "test.sh: no free port for PostgreSQL" >&2; echo "0 passed, 0 failed, 0 skipped"; exit 1; }
  echo "test.sh: starting a throwaway PostgreSQL on 127.0.0.1:$port"
  if ! conn=$(deploy/pg-throwaway.sh start "$port" 2>"$results/pg-start.log"); then
    cat "$results/pg-start.log" >&2
    echo "test.sh: could not start PostgreSQL (set ORDERACTORS_TEST_POSTGRES to use an existing server)" >&2
    echo "0 passed, 0 failed, 0 skipped"
    exit 1
  fi
  pg_dir=$(tail -n 1 "$results/pg-start.log")
  export ORDERACTORS_TEST_POSTGRES="$conn"
fi

dotnet test OrderActors.sln \
  --logger "trx;LogFilePrefix=results" \
  --logger "console;verbosity=normal" \
  --results-directory "$results"
test_exit=$?

# Sum the <Counters .../> of every TRX file (one per test project).
passed=0 failed=0 skipped=0 total=0 files=0
attr() {
  local value
  value=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2")
  echo "${value:-0}"
}
while IFS= read -r -d '' trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  [ -n "$counters" ] || continue
  files=$((files + 1))
  total=$((total + $(attr total "$counters")))
  passed=$((passed + $(attr passed "$counters")))
  failed=$((failed + $(attr failed "$counters") + $(attr error "$counters") + $(attr timeout "$counters") + $(attr aborted "$counters")))
  skipped=$((skipped + $(attr notExecuted "$counters")))
done < <(find "$results" -name '*.trx' -print0)

status=0
if [ "$files" -eq 0 ]; then
  echo "test.sh: no test results (TRX) were written; see the build output above" >&2
  status=1
elif [ "$total" -eq 0 ] || [ "$passed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  status=1
elif [ "$failed" -gt 0 ] || [ "$test_exit" -ne 0 ]; then
  status=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
