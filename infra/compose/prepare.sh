#!/usr/bin/env bash
# Once, before `docker compose up`: random secrets in infra/compose/.env and, for every hub, a signing and an
# encryption certificate (RSA 2048, PKCS#12) in infra/compose/certs/. Neither is committed (.gitignore). Run again
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
echo "certificates in $here/certs/"
