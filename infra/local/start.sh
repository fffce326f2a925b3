#!/usr/bin/env bash
# Starts the local PostgreSQL and RabbitMQ on 127.0.0.1 (installing them first when missing), waits until both
# answer, and creates the federation's databases, user and vhost. A second start while they run changes nothing.
# Prints nothing on stdout but the path of the secrets file, which the run and test scripts source.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
source "$here/env.sh"
require_root
"$here/install.sh"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

mkdir -p "$LOCAL_DIR"
chmod 755 "$LOCAL_DIR"

# Passwords and secrets are generated once per machine and kept out of the repository (.local is git-ignored):
# database passwords (the schema owner's, and the hubs' application role's), the broker password, the demo accounts' password and the demo staff's authenticator key, the secret of each hub's automation client, the federation authority's operator secret, and the hubs' client secret at the stand-in institution provider.
umask 077
touch "$SECRETS_FILE"
for name in FEDERATION_DB_PASSWORD FEDERATION_DB_APP_PASSWORD FEDERATION_MQ_PASSWORD FEDERATION_DEMO_PASSWORD FEDERATION_AUTOMATION_SECRET FEDERATION_AUTHORITY_SECRET FEDERATION_INSTITUTIONS_SECRET; do
  grep -q "^$name=" "$SECRETS_FILE" || echo "$name=$(head -c 30 /dev/urandom | base64 | tr -d '/+=')" >> "$SECRETS_FILE"
done
# The demo staff's second factor: an authenticator key (base32, as the apps take it); `bash infra/totp.sh` shows its code.
grep -q "^FEDERATION_DEMO_TOTP_KEY=" "$SECRETS_FILE" || echo "FEDERATION_DEMO_TOTP_KEY=$(head -c 20 /dev/urandom | base32 | tr -d '=')" >> "$SECRETS_FILE"
umask 022
source "$SECRETS_FILE"

start_postgres() {
  mkdir -p "$PG_DATA" "$PG_SOCKET_DIR"
  chown -R postgres:postgres "$LOCAL_DIR/postgres"
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    log "initialising PostgreSQL in $PG_DATA"
    su postgres -c "'$PG_BIN/initdb' -D '$PG_DATA' -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8" >/dev/null
  fi
  if su postgres -c "'$PG_BIN/pg_ctl' -D '$PG_DATA' status" >/dev/null 2>&1; then
    log "PostgreSQL already running on 127.0.0.1:$PG_PORT"
  else
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    # max_connections: seven hubs, the catalogue and parallel test hosts each keep a pool. TCP keepalives: a session
    # whose machine vanished is ended within about a minute, and the advisory locks it held (a hub's relay) with it.
    su postgres -c "'$PG_BIN/pg_ctl' -w -t 60 -D '$PG_DATA' -l '$PG_LOG' \
      -o \"-p $PG_PORT -k '$PG_SOCKET_DIR' -c listen_addresses=127.0.0.1 -c max_connections=400 -c shared_buffers=256MB -c fsync=on -c tcp_keepalives_idle=30 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3\" start" >/dev/null
  fi
  local psql=("$PG_BIN/psql" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
  su postgres -c "$(printf '%q ' "${psql[@]}") -c \"DO \\\$\\\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'federation') THEN
        CREATE ROLE federation LOGIN CREATEDB PASSWORD '$FEDERATION_DB_PASSWORD';
      ELSE
        ALTER ROLE federation LOGIN CREATEDB PASSWORD '$FEDERATION_DB_PASSWORD';
      END IF; END \\\$\\\$;\""
  # The hubs' application role: it owns nothing, so the schema (and the audit log's append-only rules) stays the
  # owner's; each hub grants it what it needs at start (SchemaOwnership).
  su postgres -c "$(printf '%q ' "${psql[@]}") -c \"DO \\\$\\\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'federation_app') THEN
        CREATE ROLE federation_app LOGIN NOCREATEDB NOCREATEROLE PASSWORD '$FEDERATION_DB_APP_PASSWORD';
      ELSE
        ALTER ROLE federation_app LOGIN NOCREATEDB NOCREATEROLE PASSWORD '$FEDERATION_DB_APP_PASSWORD';
      END IF; END \\\$\\\$;\""
  # Test suites drop their databases WITH (FORCE), which must be able to end autovacuum workers too.
  su postgres -c "$(printf '%q ' "${psql[@]}") -c 'SET client_min_messages = warning; GRANT pg_signal_backend TO federation'"
  for db in catalogue authority $(for hub in $FEDERATION_HUBS; do hub_database "$hub"; echo; done); do
    if [ -z "$(su postgres -c "$(printf '%q ' "${psql[@]}") -c \"SELECT 1 FROM pg_database WHERE datname = '$db'\"")" ]; then
      su postgres -c "$(printf '%q ' "${psql[@]}") -c 'CREATE DATABASE $db OWNER federation'"
    fi
  done
}

rabbitmqctl_() { /usr/sbin/rabbitmqctl -n "$RABBITMQ_NODENAME" "$@"; }

start_rabbitmq() {
  mkdir -p "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
  echo '[rabbitmq_management].' > "$RABBITMQ_ENABLED_PLUGINS_FILE"
  cat > "$RABBITMQ_CONFIG_FILE.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$RABBITMQ_NODE_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $RABBITMQ_MANAGEMENT_PORT
loopback_users = none
CONF
  chown -R rabbitmq:rabbitmq "$RABBITMQ_BASE"
  if rabbitmqctl_ status >/dev/null 2>&1; then
    log "RabbitMQ already running on 127.0.0.1:$RABBITMQ_NODE_PORT"
  else
    log "starting RabbitMQ on 127.0.0.1:$RABBITMQ_NODE_PORT (management on :$RABBITMQ_MANAGEMENT_PORT)"
    /usr/sbin/rabbitmq-server -detached
    # 'wait' blocks until the node has registered; 'await_startup' fails at once before that.
    timeout 120 /usr/sbin/rabbitmqctl -n "$RABBITMQ_NODENAME" wait "$RABBITMQ_PID_FILE" --timeout 120 >/dev/null
    rabbitmqctl_ await_startup --timeout 120 >/dev/null
  fi
  rabbitmqctl_ list_vhosts -q | grep -qx federation || rabbitmqctl_ add_vhost federation >/dev/null
  if rabbitmqctl_ list_users -q | awk '{print $1}' | grep -qx federation; then
    rabbitmqctl_ change_password federation "$FEDERATION_MQ_PASSWORD" >/dev/null
  else
    rabbitmqctl_ add_user federation "$FEDERATION_MQ_PASSWORD" >/dev/null
  fi
  rabbitmqctl_ set_user_tags federation administrator >/dev/null
  rabbitmqctl_ set_permissions -p federation federation '.*' '.*' '.*' >/dev/null
}

start_postgres
start_rabbitmq
log "PostgreSQL 127.0.0.1:$PG_PORT and RabbitMQ 127.0.0.1:$RABBITMQ_NODE_PORT are ready"
echo "$SECRETS_FILE"
