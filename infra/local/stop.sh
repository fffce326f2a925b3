#!/usr/bin/env bash
# Stops the local RabbitMQ and PostgreSQL started by start.sh. Data stays in .local/ for the next start.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
require_root
if /usr/sbin/rabbitmqctl -n "$RABBITMQ_NODENAME" status >/dev/null 2>&1; then
  log "stopping RabbitMQ"
  /usr/sbin/rabbitmqctl -n "$RABBITMQ_NODENAME" stop "$RABBITMQ_PID_FILE" >/dev/null
fi
# epmd outlives the node it served.
command -v epmd >/dev/null && epmd -kill >/dev/null 2>&1 || true
if [ -n "$PG_BIN" ] && [ -f "$PG_DATA/PG_VERSION" ] && su postgres -c "'$PG_BIN/pg_ctl' -D '$PG_DATA' status" >/dev/null 2>&1; then
  log "stopping PostgreSQL"
  su postgres -c "'$PG_BIN/pg_ctl' -D '$PG_DATA' -m fast -w stop" >/dev/null
fi
