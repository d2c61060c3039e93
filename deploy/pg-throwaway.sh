#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster in a temp folder on a loopback port.
#   deploy/pg-throwaway.sh start [port]   -> prints the Npgsql connection string on stdout (last line)
#   deploy/pg-throwaway.sh stop  <dir>
# PostgreSQL refuses to run as root, so as root the server runs as the 'postgres' user.
set -euo pipefail

as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:-}
case "$cmd" in
  start)
    port=${2:-55432}
    for tool in initdb pg_ctl postgres; do
      command -v "$tool" >/dev/null || { echo "pg-throwaway: '$tool' is not on PATH; install PostgreSQL 15 (apt-get install postgresql) or set ORDERACTORS_TEST_POSTGRES." >&2; exit 3; }
    done
    dir=$(mktemp -d /tmp/orderactors-pg.XXXXXX)
    if [ "$(id -u)" = "0" ]; then
      id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
      chown postgres "$dir"
    fi
    as_pg initdb -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 3; }
    # fsync stays on: durability is what the tests check.
    as_pg pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 3; }
    echo "$dir" >&2
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100"
    ;;
  stop)
    dir=${2:?usage: pg-throwaway.sh stop <dir>}
    as_pg pg_ctl -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start [port] | stop <dir>" >&2; exit 2 ;;
esac
