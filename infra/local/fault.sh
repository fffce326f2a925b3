#!/usr/bin/env bash
# Faults for the reliability suite, done to the local infrastructure the way they happen in production:
#   fault.sh kill-broker                 kill -9 of the RabbitMQ node (no clean shutdown, nothing flushed)
#   fault.sh start-broker                start it again and wait until it serves (start.sh does the rest)
#   fault.sh restart-postgres fast|immediate
#                                        PostgreSQL restart: 'fast' ends sessions cleanly, 'immediate' aborts
#                                        without a checkpoint, so the restart runs crash recovery
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
# A daemon (re)started here must not inherit the shared test lock: `flock /tmp/federation-tests.lock dotnet test …`
# passes its locked descriptor down to every child, and a PostgreSQL or RabbitMQ restarted by a fault would hold the
# lock for everyone until it stops. Close every inherited descriptor but the standard ones (and bash's own, 255).
for fd in /proc/$$/fd/*; do
  fd="${fd##*/}"
  if [ "$fd" -gt 2 ] && [ "$fd" -ne 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
done
source "$here/env.sh"
require_root

case "${1:-}" in
  kill-broker)
    pid="$(cat "$RABBITMQ_PID_FILE" 2>/dev/null || true)"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || die "RabbitMQ is not running (no live pid in $RABBITMQ_PID_FILE)"
    kill -9 "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    log "RabbitMQ (pid $pid) killed"
    ;;
  start-broker)
    "$here/start.sh" >/dev/null
    ;;
  restart-postgres)
    mode="${2:-fast}"
    case "$mode" in fast|immediate) ;; *) die "restart-postgres takes fast or immediate, not '$mode'" ;; esac
    # pg_ctl restart reuses the options the server was started with (postmaster.opts).
    su postgres -c "'$PG_BIN/pg_ctl' -D '$PG_DATA' -l '$PG_LOG' -m $mode -w -t 60 restart" >/dev/null
    log "PostgreSQL restarted ($mode)"
    ;;
  *)
    die "usage: fault.sh kill-broker | start-broker | restart-postgres fast|immediate"
    ;;
esac
