# The least each broker account needs on the federation's vhost: the rules of BrokerPermissions
# (shared/Federation.Contracts), written out for the shell scripts of the local run and compose. Deployment.Tests
# check that both say the same. Sourced; defines functions only.

# What hubs say about themselves, each on the exchange MassTransit names after the message type.
broker_hub_events='Federation\.Contracts:(ResourcePublished|ResourceChanged|ResourceWithdrawn|ResourcesResent|HubAnnounced|HubHeartbeat|ResourceActivityReported)'
# MassTransit's per-process bus endpoint, named after its node (NODE_bus_RANDOM, BrokerPermissions.BusEndpointName).
broker_bus_endpoints() { printf '%s' "$1_bus_[0-9a-f]{32}"; }

# broker_permissions hub ID | catalogue: configure, write and read, one a line.
broker_permissions() {
  local e="$broker_hub_events" d='federation\.decisions' r='federation\.resync-requests' q o b
  case "$1" in
    hub)
      # A hub declares only its own queue and its own exchanges in front of the shared ones (broker_shared_exchanges).
      q="hub-$2(_error|_skipped)?" o="hub-$2\.($e|$d)" b="$(broker_bus_endpoints "hub-$2")"
      printf '%s\n' "^($q|$o|$b)\$" "^($q|$o|$e|$d|$b)\$" "^($q|$o|$d|$r|$b)\$" ;;
    catalogue)
      q='catalogue(_error|_skipped)?' b="$(broker_bus_endpoints catalogue)"
      printf '%s\n' "^($q|$e|$r|$b)\$" "^($q|$r|$b)\$" "^($q|$e|$b)\$" ;;
    *) return 1 ;;
  esac
}

# broker_topic_permissions hub ID | catalogue: "exchange write read" lines, one per topic exchange.
broker_topic_permissions() {
  case "$1" in
    hub) printf '%s\n' "federation.decisions .* ^$2\$" "federation.resync-requests ^\$ ^$2\$" ;;
    catalogue) printf '%s\n' 'federation.resync-requests .* ^$' ;;
    *) return 1 ;;
  esac
}

# broker_ctl ARGS: rabbitmqctl on the local node. Its standard input is /dev/null: rabbitmqctl reads standard input,
# and would swallow the rest of any `while read` loop it runs in (hubs.tsv, the lines of the functions above).
broker_ctl() { /usr/sbin/rabbitmqctl -n "$RABBITMQ_NODENAME" "$@" </dev/null; }

# broker_account NAME KIND [ID]: creates or updates the account NAME (password in $LOCAL_DIR/broker-accounts/NAME,
# made once) with exactly the rights of KIND on the vhost federation, and prints its password.
broker_account() {
  local name="$1" kind="$2" id="${3:-}" file="$LOCAL_DIR/broker-accounts/$1" password
  mkdir -p "$LOCAL_DIR/broker-accounts" && chmod 700 "$LOCAL_DIR/broker-accounts"
  [ -s "$file" ] || (umask 077; openssl rand -hex 24 >"$file")
  password="$(cat "$file")"
  if broker_ctl list_users -q | awk '{print $1}' | grep -qx "$name"; then
    broker_ctl change_password "$name" "$password" >/dev/null
  else
    broker_ctl add_user "$name" "$password" >/dev/null
  fi
  mapfile -t rights < <(broker_permissions "$kind" "$id")
  broker_ctl set_permissions -p federation "$name" "${rights[@]}" >/dev/null
  broker_ctl clear_topic_permissions -p federation "$name" >/dev/null 2>&1 || true
  while read -r exchange write read; do
    broker_ctl set_topic_permissions -p federation "$name" "$exchange" "$write" "$read" >/dev/null
  done < <(broker_topic_permissions "$kind" "$id")
  printf '%s' "$password"
}

# broker_queue_limits: "name pattern max-length max-length-bytes overflow" lines, one per queue policy (the rules of
# BrokerQueueLimits): no node can fill another's queues until the broker stops for everyone.
broker_queue_limits() {
  local nodes='(catalogue|hub-[a-z0-9-]+)'
  printf '%s\n' \
    "federation-node-queues ^$nodes\$ 1000000 2147483648 reject-publish" \
    "federation-error-queues ^${nodes}_(error|skipped)\$ 100000 536870912 drop-head" \
    "federation-bus-endpoints _bus_ 10000 67108864 reject-publish"
}

# broker_queue_policies: sets every queue policy on the vhost federation.
broker_queue_policies() {
  local name pattern length bytes overflow
  while read -r name pattern length bytes overflow; do
    broker_ctl set_policy -p federation --apply-to queues "$name" "$pattern" \
      "{\"max-length\": $length, \"max-length-bytes\": $bytes, \"overflow\": \"$overflow\"}" >/dev/null
  done < <(broker_queue_limits)
}

# broker_shared_exchanges: "name type" lines, one per exchange every node shares (the rules of BrokerExchanges). They
# are declared here, with the vhost, and by no hub: declaring takes the right to configure, which is also the right to
# delete (only the catalogue's account may declare the ones it reads from or writes to). A hub publishes to exchanges
# of its own (hub-ID.NAME) and binds them to these.
broker_shared_exchanges() {
  local type
  for type in ResourcePublished ResourceChanged ResourceWithdrawn ResourcesResent HubAnnounced HubHeartbeat ResourceActivityReported; do
    printf '%s\n' "Federation.Contracts:$type fanout"
  done
  printf '%s\n' 'federation.decisions topic' 'federation.resync-requests topic'
}

# broker_exchange_definitions: the shared exchanges as the "exchanges" of a RabbitMQ definitions file (durable, as
# MassTransit declares them: a declaration that differs is refused).
broker_exchange_definitions() {
  local name type list=""
  while read -r name type; do
    list+="${list:+,}{\"vhost\": \"federation\", \"name\": \"$name\", \"type\": \"$type\", \"durable\": true, \"auto_delete\": false, \"internal\": false, \"arguments\": {}}"
  done < <(broker_shared_exchanges)
  printf '%s' "$list"
}

# broker_declare_shared_exchanges: declares every shared exchange on the vhost federation of the local node, and waits
# until the broker has them (rabbitmqctl imports definitions in the background; the node reads the file as its own user).
broker_declare_shared_exchanges() {
  local file missing tries=0
  file="$(mktemp)" && chmod 0644 "$file"
  printf '{"exchanges": [%s]}\n' "$(broker_exchange_definitions)" >"$file"
  broker_ctl import_definitions "$file" >/dev/null || { rm -f "$file"; return 1; }
  rm -f "$file"
  while missing="$(comm -23 <(broker_shared_exchanges | awk '{print $1}' | sort) \
      <(broker_ctl list_exchanges -q -p federation name | sort))"; [ -n "$missing" ]; do
    tries=$((tries + 1))
    [ "$tries" -le 60 ] || { echo "the broker did not declare: $missing" >&2; return 1; }
    sleep 0.5
  done
}
