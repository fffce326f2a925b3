#!/usr/bin/env bash
# Prints an access token of a member of a locally running hub, got the way the command line client gets one: the
# authorization code flow with PKCE (S256) through the hub's own sign-in form. Needs bash, coreutils and curl.
#
#   bash infra/token.sh HUB USER [SCOPE]       e.g.  bash infra/token.sh noord-nederland researcher 'openid profile roles'
#
# The password is FEDERATION_DEMO_PASSWORD from .local/secrets.env unless FEDERATION_PASSWORD is set; staff give the
# code of their authenticator app in FEDERATION_TOTP_CODE, or for the demo staff it is computed by infra/totp.sh
# (which needs openssl).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/local/env.sh"
[ $# -ge 2 ] || die "usage: bash infra/token.sh HUB USER [SCOPE]"
hub="$1" user="$2" scope="${3:-openid profile roles}"
[ -f "$SECRETS_FILE" ] && source "$SECRETS_FILE"
password="${FEDERATION_PASSWORD:-${FEDERATION_DEMO_PASSWORD:-}}"
[ -n "$password" ] || die "no password: set FEDERATION_PASSWORD, or run the federation once so that $SECRETS_FILE exists"
port="$(awk -F'\t' -v id="$hub" '$1 == id { print $3 }' "$here/hubs.tsv")"
[ -n "$port" ] || die "unknown hub '$hub'; see infra/hubs.tsv"
base="http://127.0.0.1:$port"
client=federation-cli redirect=http://127.0.0.1:7890/callback

jar="$(mktemp)"
trap 'rm -f "$jar"' EXIT
base64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
verifier="$(head -c 32 /dev/urandom | base64url)"
# SHA-256 of the verifier, from hex to bytes with printf alone (no openssl or xxd needed).
hex="$(printf '%s' "$verifier" | sha256sum | cut -d' ' -f1)"
challenge="$(printf "$(sed 's/../\\x&/g' <<<"$hex")" | base64url)"

page="$(curl -fsS -c "$jar" -b "$jar" "$base/account/sign-in")"
antiforgery="$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' <<<"$page" | sed 's/.*value="//; s/"$//')"
read -r status next < <(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{http_code} %{redirect_url}\n' \
  --data-urlencode "__RequestVerificationToken=$antiforgery" --data-urlencode "username=$user" \
  --data-urlencode "password=$password" "$base/account/sign-in")
[ "$status" = 302 ] || die "the hub refused the sign-in of '$user' (HTTP $status)"
case "$next" in
  */account/two-factor/enrol*) die "'$user' has no second factor yet: sign in once in a browser at $base/account/sign-in to enrol one" ;;
  */account/second-factor*)
    # Staff: the code of their authenticator app; for the demo staff, what infra/totp.sh computes from the demo key.
    code="${FEDERATION_TOTP_CODE:-$(bash "$here/totp.sh")}"
    page="$(curl -fsS -c "$jar" -b "$jar" "$base/account/second-factor")"
    antiforgery="$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' <<<"$page" | sed 's/.*value="//; s/"$//')"
    status="$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
      --data-urlencode "__RequestVerificationToken=$antiforgery" --data-urlencode "code=$code" "$base/account/second-factor")"
    [ "$status" = 302 ] || die "the hub refused the second factor of '$user' (HTTP $status)" ;;
esac

callback="$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' -G \
  --data-urlencode "client_id=$client" --data-urlencode response_type=code --data-urlencode "redirect_uri=$redirect" \
  --data-urlencode "scope=$scope" --data-urlencode "code_challenge=$challenge" --data-urlencode code_challenge_method=S256 \
  "$base/connect/authorize")"
code="$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$callback")"
[ -n "$code" ] || die "no authorization code came back: $callback"

answer="$(curl -sS --data-urlencode grant_type=authorization_code --data-urlencode "client_id=$client" \
  --data "code=$code" --data-urlencode "redirect_uri=$redirect" --data-urlencode "code_verifier=$verifier" "$base/connect/token")"
token="$(grep -o '"access_token": *"[^"]*"' <<<"$answer" | sed 's/.*"\([^"]*\)"$/\1/')"
[ -n "$token" ] || die "the token endpoint refused: $answer"
printf '%s\n' "$token"
