#!/usr/bin/env bash
# Installs PostgreSQL, RabbitMQ (and openssl, jq, the Dutch Hunspell dictionary) from Debian's packages when they are missing. Safe to run again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
require_root

missing=()
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/pg_ctl" ] || missing+=(postgresql)
[ -x /usr/sbin/rabbitmq-server ] || missing+=(rabbitmq-server)
# openssl: infra/totp.sh computes the demo staff's second-factor code with it.
command -v openssl >/dev/null || missing+=(openssl)
# jq: infra/local/compute-demo.sh reads the hubs' answers with it.
command -v jq >/dev/null || missing+=(jq)
# hunspell-nl: OpenTaal's Dutch dictionary, with which the catalogue splits compounds (it refuses to start without it).
[ -f /usr/share/hunspell/nl.dic ] || missing+=(hunspell-nl)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
command -v apt-get >/dev/null || die "apt-get not found: install ${missing[*]} by hand on this non-Debian machine"
log "installing ${missing[*]} from Debian packages"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# policy-rc.d keeps the packages' own service scripts from starting system-wide instances on default ports.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
