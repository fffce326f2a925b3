#!/usr/bin/env bash
# Once, before `docker compose up`: random secrets in infra/compose/.env and, in infra/compose/certs/, for every hub a
# signing and an encryption certificate (RSA 2048, PKCS#12) and a federation key (ECDSA P-256), the authority's key,
# and the authority's seed file admitting every hub with the public half of its federation key. Neither is committed (.gitignore). Run again
# with --force to replace them (every token issued before becomes invalid).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
force="${1:-}"
secret() { openssl rand -base64 33 | tr -d '/+=' | cut -c1-32; }
# Whatever is written here (secrets, private keys) is readable by this user only.
umask 077

if [ ! -f "$here/.env" ] || [ "$force" = "--force" ]; then
  cat >"$here/.env" <<ENV
FEDERATION_DB_PASSWORD=$(secret)
FEDERATION_MQ_PASSWORD=$(secret)
FEDERATION_DEMO_PASSWORD=$(secret)
FEDERATION_AUTOMATION_SECRET=$(secret)
FEDERATION_CERT_PASSWORD=$(secret)
FEDERATION_AUTHORITY_SECRET=$(secret)
ENV
  echo "wrote $here/.env (demo accounts' password: FEDERATION_DEMO_PASSWORD)"
fi

# One broker password per node; added to an older .env that lacks them.
broker_password_var() { printf 'FEDERATION_MQ_PASSWORD_%s' "$(tr 'a-z-' 'A-Z_' <<<"$1")"; }
for account in catalogue $(awk -F'\t' '!/^#/ && NF { print "hub-" $1 }' "$here/../hubs.tsv"); do
  grep -q "^$(broker_password_var "$account")=" "$here/.env" || echo "$(broker_password_var "$account")=$(secret)" >>"$here/.env"
done

# The demo staff's authenticator key (their second factor; `bash infra/totp.sh KEY` shows its code), likewise.
grep -q "^FEDERATION_DEMO_TOTP_KEY=" "$here/.env" || echo "FEDERATION_DEMO_TOTP_KEY=$(openssl rand 20 | base32 | tr -d '=')" >>"$here/.env"

set -a; . "$here/.env"; set +a
mkdir -p "$here/certs"
while IFS=$'\t' read -r id _; do
  [[ "$id" == \#* || -z "$id" ]] && continue
  for use in signing encryption; do
    pfx="$here/certs/$id-$use.pfx"
    [ -f "$pfx" ] && [ "$force" != "--force" ] && continue
    usage=$([ "$use" = signing ] && echo digitalSignature || echo keyEncipherment)
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=Federation hub $id $use" \
      -addext "keyUsage=critical,$usage" -keyout "$here/certs/$id-$use.key" -out "$here/certs/$id-$use.crt" 2>/dev/null
    openssl pkcs12 -export -inkey "$here/certs/$id-$use.key" -in "$here/certs/$id-$use.crt" \
      -passout env:FEDERATION_CERT_PASSWORD -out "$pfx"
    rm -f "$here/certs/$id-$use.key"
    # The container's user (uid 1654) reads the file through a compose secret.
    chmod 0644 "$pfx"
  done
done <"$here/../hubs.tsv"

# Federation keys (PKCS#8 PEM, public half beside it) and the seed that admits each hub with its public half.
federation_key() {
  if [ ! -f "$1" ] || [ "$force" = "--force" ]; then
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
    openssl pkey -in "$1" -pubout -out "$1.pub" 2>/dev/null
  fi
  # The container's user (uid 1654) reads it through a compose secret.
  chmod 0644 "$1" "$1.pub"
}
federation_key "$here/certs/authority.pem"
json_text() { awk '{ printf "%s\\n", $0 }' "$1"; }
members=""
while IFS=$'\t' read -r id name port _ _ kind; do
  [[ "$id" == \#* || -z "$id" ]] && continue
  federation_key "$here/certs/$id-federation.pem"
  url="http://$id.hubs.localhost:$port"
  members+="${members:+,}\"$id\": {\"entityId\": \"$url\", \"displayName\": \"$name\", \"kind\": \"${kind:-hub}\", \"issuer\": \"$url/\", \"apiBaseUrl\": \"$url/\", \"publicKeys\": [\"$(json_text "$here/certs/$id-federation.pem.pub")\"]}"
done <"$here/../hubs.tsv"
printf '{"members": {%s}}\n' "$members" >"$here/certs/members.json"
chmod 0644 "$here/certs/members.json"
echo "certificates, federation keys and the authority's seed in $here/certs/"

# The broker's definitions: the vhost, the operators' account, one account per node with the permissions of
# infra/local/broker-accounts.sh, and the queue limits. RabbitMQ keeps passwords as base64(salt + SHA-256(salt + password)), salt 4 bytes.
source "$here/../local/broker-accounts.sh"
password_hash() {
  local salt; salt="$(mktemp)"
  openssl rand 4 >"$salt"
  { cat "$salt"; printf '%s' "$1"; } | openssl dgst -sha256 -binary | cat "$salt" - | base64 | tr -d '\n'
  rm -f "$salt"
}
json_string() { sed 's/\\/\\\\/g; s/"/\\"/g' <<<"$1"; }
users="" permissions="" topics=""
account() {
  local name="$1" password="$2" kind="$3" id="${4:-}" tags="${5:-}" rights
  users+="${users:+,}{\"name\": \"$name\", \"password_hash\": \"$(password_hash "$password")\", \"hashing_algorithm\": \"rabbit_password_hashing_sha256\", \"tags\": [${tags:+\"$tags\"}]}"
  if [ "$kind" = operator ]; then
    permissions+="${permissions:+,}{\"user\": \"$name\", \"vhost\": \"federation\", \"configure\": \".*\", \"write\": \".*\", \"read\": \".*\"}"
    return
  fi
  mapfile -t rights < <(broker_permissions "$kind" "$id")
  permissions+="${permissions:+,}{\"user\": \"$name\", \"vhost\": \"federation\", \"configure\": \"$(json_string "${rights[0]}")\", \"write\": \"$(json_string "${rights[1]}")\", \"read\": \"$(json_string "${rights[2]}")\"}"
  while read -r exchange write read; do
    topics+="${topics:+,}{\"user\": \"$name\", \"vhost\": \"federation\", \"exchange\": \"$exchange\", \"write\": \"$(json_string "$write")\", \"read\": \"$(json_string "$read")\"}"
  done < <(broker_topic_permissions "$kind" "$id")
}
account federation "$FEDERATION_MQ_PASSWORD" operator "" administrator
account catalogue "$FEDERATION_MQ_PASSWORD_CATALOGUE" catalogue
while IFS=$'\t' read -r id _; do
  [[ "$id" == \#* || -z "$id" ]] && continue
  var="$(broker_password_var "hub-$id")"
  account "hub-$id" "${!var}" hub "$id"
done <"$here/../hubs.tsv"
policies=""
while read -r name pattern length bytes overflow; do
  policies+="${policies:+,}{\"vhost\": \"federation\", \"name\": \"$name\", \"pattern\": \"$(json_string "$pattern")\", \"apply-to\": \"queues\", \"priority\": 0, \"definition\": {\"max-length\": $length, \"max-length-bytes\": $bytes, \"overflow\": \"$overflow\"}}"
done < <(broker_queue_limits)
printf '{"vhosts": [{"name": "federation"}], "users": [%s], "permissions": [%s], "topic_permissions": [%s], "policies": [%s], "exchanges": [%s]}\n' \
  "$users" "$permissions" "$topics" "$policies" "$(broker_exchange_definitions)" >"$here/certs/broker-definitions.json"
# Read by the broker's container user; it holds salted hashes only.
chmod 0644 "$here/certs/broker-definitions.json"
echo "the broker's accounts in $here/certs/broker-definitions.json"
