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
while IFS=$'\t' read -r id name port _; do
  [[ "$id" == \#* || -z "$id" ]] && continue
  federation_key "$here/certs/$id-federation.pem"
  url="http://$id.hubs.localhost:$port"
  members+="${members:+,}\"$id\": {\"entityId\": \"$url\", \"displayName\": \"$name\", \"kind\": \"hub\", \"issuer\": \"$url/\", \"apiBaseUrl\": \"$url/\", \"publicKeys\": [\"$(json_text "$here/certs/$id-federation.pem.pub")\"]}"
done <"$here/../hubs.tsv"
printf '{"members": {%s}}\n' "$members" >"$here/certs/members.json"
chmod 0644 "$here/certs/members.json"
echo "certificates, federation keys and the authority's seed in $here/certs/"
