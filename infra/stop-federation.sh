#!/usr/bin/env bash
# Stops the services that run-federation.sh started. --all stops PostgreSQL and RabbitMQ as well;
# --services-only (used by run-federation.sh) leaves them running.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/local/env.sh"
run_dir="$LOCAL_DIR/run"
for pid_file in "$run_dir"/*.pid; do
  [ -f "$pid_file" ] || continue
  pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
done
if [ "${1:-}" = "--all" ]; then
  "$here/local/stop.sh"
fi
