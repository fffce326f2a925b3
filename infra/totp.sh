#!/usr/bin/env bash
# Prints the current second-factor code of the local run's demo staff (what an authenticator app holding the key
# FEDERATION_DEMO_TOTP_KEY of .local/secrets.env would show: RFC 6238, HMAC-SHA1, 30 s, 6 digits).
#
#   bash infra/totp.sh            the demo staff's code now
#   bash infra/totp.sh KEY        the code of another base32 key
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/local/env.sh"
key="${1:-}"
if [ -z "$key" ]; then
  [ -f "$SECRETS_FILE" ] && source "$SECRETS_FILE"
  key="${FEDERATION_DEMO_TOTP_KEY:-}"
  [ -n "$key" ] || die "no key: give one, or run the federation once so that $SECRETS_FILE holds FEDERATION_DEMO_TOTP_KEY"
fi
command -v openssl >/dev/null || die "openssl is needed (apt-get install openssl)"

key="$(tr -d ' =' <<<"$key" | tr 'a-z' 'A-Z')"
while [ $(( ${#key} % 8 )) -ne 0 ]; do key="$key="; done
key_hex="$(printf '%s' "$key" | base32 -d | od -An -v -tx1 | tr -d ' \n')"
step_hex="$(printf '%016x' $(( $(date +%s) / 30 )))"
hmac="$(printf "$(sed 's/../\\x&/g' <<<"$step_hex")" | openssl dgst -sha1 -mac HMAC -macopt "hexkey:$key_hex" | awk '{ print $NF }')"
offset=$(( 16#${hmac:39:1} ))
printf '%06d\n' $(( (16#${hmac:$((offset * 2)):8} & 0x7fffffff) % 1000000 ))
