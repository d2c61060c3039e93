# Sourced by the profile scripts. start_silo_load <label> <command...> runs the load command (OrderActors.Bench with a
# scenario that starts its own silo) in the background with its output in "$out/load.txt", and waits until the silo
# child process is up and the measured run has started (after the scenario's warm-up, which is not profiled).
# Sets $load (the load command's pid) and $pid (the silo's).
start_silo_load() {
  local label=$1
  shift
  "$@" >"$out/load.txt" 2>&1 &
  load=$!
  pid=""
  for _ in $(seq 1 360); do
    pid=$(pgrep -P "$load" -f "OrderActors.Silo.dll --urls" | head -1 || true)
    [ -n "$pid" ] && grep -q "measured run started" "$out/load.txt" 2>/dev/null && break
    sleep 0.5
  done
  [ -n "$pid" ] || { echo "$label: the silo did not start; see $out/load.txt" >&2; kill $load 2>/dev/null; exit 1; }
  grep -q "measured run started" "$out/load.txt" ||
    { echo "$label: the measured run did not start within 180 s (warm-up too long?); see $out/load.txt" >&2; kill $load 2>/dev/null; exit 1; }
}
