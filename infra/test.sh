#!/usr/bin/env bash
# Runs every test suite of the federation against real PostgreSQL and RabbitMQ, which it installs (Debian packages)
# and starts first when they are missing. Ends with one line "N passed, N failed, N skipped" summed over all test
# assemblies, and exits non-zero on any failure or when no test ran.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/local/env.sh"
root="$FEDERATION_ROOT"
results="$root/TestResults"

secrets="$("$here/local/start.sh")" || die "the local infrastructure did not start"
set -a
source "$secrets"
set +a
export PG_PORT RABBITMQ_NODE_PORT RABBITMQ_MANAGEMENT_PORT

command -v dotnet >/dev/null || die "the .NET SDK 10 is needed; 'dotnet' is not on PATH"

# The DCAT-AP exports are checked with a real SHACL validator (rdf-validate-shacl, from the npm registry) against
# the official shapes beside the repository; Node.js comes from Debian's packages when it is missing.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  log "installing Node.js and npm (Debian packages)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null || die "could not install nodejs and npm"
fi
# npm ci again whenever the lock file changed since the last install (a stamp of it in node_modules): a folder left
# by an older checkout must not hide a package added since.
npm_install() {
  local folder="$1" what="$2" stamp
  stamp="$(sha256sum "$folder/package-lock.json" | cut -d' ' -f1)"
  if [ "$(cat "$folder/node_modules/.federation-lock" 2>/dev/null)" != "$stamp" ]; then
    log "installing $what (npm ci in ${folder#"$root"/})"
    (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "could not install $what"
    echo "$stamp" > "$folder/node_modules/.federation-lock"
  fi
}
npm_install "$root/tests/shacl" "the SHACL validator and the outside RDF parsers"
npm_install "$root/tests/Portal.Tests/axe" "axe-core for the accessibility checks"
# "Sign in with your institution" is tested against a real OpenID Provider (oidc-provider, from the npm registry).
bash "$root/infra/institutions/install.sh"
# The portal's browser tests drive Debian's Chromium through Playwright (no browser download of Playwright's own).
if [ ! -x /usr/bin/chromium ]; then
  log "installing Chromium (Debian package)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || die "could not install chromium"
fi
# The compose file is checked with `docker-compose config` (Debian's docker-compose; it needs no Docker engine), and
# the Kubernetes overlays are rendered with the image's kubectl.
if ! command -v docker-compose >/dev/null; then
  log "installing docker-compose (Debian package) to check infra/compose"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null || die "could not install docker-compose"
fi
command -v kubectl >/dev/null || die "kubectl is needed to render the Kubernetes overlays (k8s/); it is not on PATH"
rm -rf "$results"
mkdir -p "$results"
log "building (Release)"
dotnet build "$root/Federation.sln" -c Release -nologo -v quiet -clp:ErrorsOnly || die "the build failed"

status=0
# One assembly at a time: each starts silos, hosts and processes of its own, and this machine has two cores.
for project in "$root"/tests/*/*.Tests.csproj "$root"/tests/Federation.IntegrationTests/Federation.IntegrationTests.csproj; do
  name="$(basename "$project" .csproj)"
  log "testing $name"
  timeout 1800 dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$results" || status=1
done

passed=0; failed=0; skipped=0; trx_count=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  trx_count=$((trx_count + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  value() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total="$(value total)"; executed="$(value executed)"
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + total - executed))
done

# Secrets never reach a log: the logs of every service process of the whole run are searched for this machine's
# passwords and client secret (the tests' own made-up ones are checked by SecretLeakSpecs). A find is a failure.
for name in FEDERATION_DB_PASSWORD FEDERATION_DB_APP_PASSWORD FEDERATION_MQ_PASSWORD FEDERATION_DEMO_PASSWORD FEDERATION_DEMO_TOTP_KEY FEDERATION_AUTOMATION_SECRET; do
  value="${!name:-}"
  if [ -n "$value" ] && grep -rqF -- "$value" "$results/service-logs" 2>/dev/null; then
    log "$name appears in a service log under $results/service-logs"
    failed=$((failed + 1))
  fi
done

# Which tests failed, with the first line of why, above the totals: a log cut to its end still names them.
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  perl -0ne 'while (/<UnitTestResult [^>]*?testName="([^"]*)"[^>]*?outcome="Failed"[^>]*>((?:(?!<\/UnitTestResult>).)*)/sg) { my ($name, $body) = ($1, $2); my ($why) = $body =~ /<Message>([^\n<]{0,300})/; print "FAILED $name: ", $why // "", "\n" }' "$trx"
done
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ] || [ "$trx_count" -eq 0 ]; then
  exit 1
fi
