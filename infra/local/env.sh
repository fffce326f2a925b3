# Shared settings of the local infrastructure; sourced by the other scripts in this folder.
# Ports are non-default and bound to 127.0.0.1 so nothing collides with a system-wide service.
FEDERATION_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="${FEDERATION_LOCAL_DIR:-$FEDERATION_ROOT/.local}"

PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
PG_PORT="${PG_PORT:-55432}"
PG_DATA="$LOCAL_DIR/postgres/data"
PG_SOCKET_DIR="$LOCAL_DIR/postgres/socket"
PG_LOG="$LOCAL_DIR/postgres/postgres.log"

export RABBITMQ_NODENAME="${RABBITMQ_NODENAME:-federation@localhost}"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="${RABBITMQ_NODE_PORT:-55672}"
export RABBITMQ_DIST_PORT="${RABBITMQ_DIST_PORT:-55682}"
RABBITMQ_MANAGEMENT_PORT="${RABBITMQ_MANAGEMENT_PORT:-55680}"
export RABBITMQ_BASE="$LOCAL_DIR/rabbitmq"
export RABBITMQ_MNESIA_BASE="$RABBITMQ_BASE/mnesia"
export RABBITMQ_LOG_BASE="$RABBITMQ_BASE/log"
export RABBITMQ_PID_FILE="$RABBITMQ_BASE/rabbitmq.pid"
export RABBITMQ_CONFIG_FILE="$RABBITMQ_BASE/rabbitmq"
export RABBITMQ_ENABLED_PLUGINS_FILE="$RABBITMQ_BASE/enabled_plugins"
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export ERL_EPMD_ADDRESS=127.0.0.1

SECRETS_FILE="$LOCAL_DIR/secrets.env"
# Every member node of infra/hubs.tsv (the seven hubs and the AI factory): each has a database of its own.
FEDERATION_HUBS="$(awk -F'\t' '!/^#/ && NF { printf "%s ", $1 }' "$FEDERATION_ROOT/infra/hubs.tsv")"

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] error: %s\n' "$*" >&2; exit 1; }
require_root() {
  [ "$(id -u)" = 0 ] || die "these scripts run PostgreSQL and RabbitMQ as their own system users and need root (as on the CI machine); run them with sudo"
}
# The database name of a hub: hyphens are not welcome in unquoted identifiers.
hub_database() { printf 'hub_%s' "${1//-/_}"; }
