#!/usr/bin/env bash
# Runs the whole federation on this machine: PostgreSQL and RabbitMQ (installed when missing), the federation
# authority (which admits each hub with a federation key made here once), the catalogue and all seven hubs from
# infra/hubs.tsv, each hub seeded with its demo data, and the portal. Waits until the catalogue holds every
# hub in sync, then prints where to look. Running it again restarts the services on the current code.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/local/env.sh"
source "$here/local/broker-accounts.sh"
root="$FEDERATION_ROOT"
run_dir="$LOCAL_DIR/run"
log_dir="$LOCAL_DIR/logs"
catalogue_port="${CATALOGUE_PORT:-5100}"
portal_port="${PORTAL_PORT:-5200}"
authority_port="${AUTHORITY_PORT:-5090}"
authority="http://127.0.0.1:$authority_port"
mail_port="${MAIL_PORT:-5025}"
institutions_port="${INSTITUTIONS_PORT:-5030}"
institutions="http://127.0.0.1:$institutions_port"
# The hubs that trust the stand-in for SURFconext ("sign in with your institution"), and whom each admits by itself.
institution_hubs=(noord-nederland brainport)
smtp_port="${SMTP_PORT:-2525}"
# Federation keys (the authority's and each hub's): made once, private files readable by this user only.
keys="$LOCAL_DIR/federation-keys"

secrets="$("$here/local/start.sh")"
source "$secrets"
command -v dotnet >/dev/null || die "the .NET SDK 10 is needed (https://dot.net); 'dotnet' is not on PATH"

"$here/stop-federation.sh" --services-only
mkdir -p "$run_dir" "$log_dir"
log "building (Release)"
dotnet build "$root/Federation.sln" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

db() { printf 'Host=127.0.0.1;Port=%s;Username=federation;Password=%s;Database=%s' "$PG_PORT" "$FEDERATION_DB_PASSWORD" "$1"; }
# A hub uses its database as the application role, which owns nothing; the schema steps run as the owner.
app_db() { printf 'Host=127.0.0.1;Port=%s;Username=federation_app;Password=%s;Database=%s' "$PG_PORT" "$FEDERATION_DB_APP_PASSWORD" "$1"; }

# start NAME DLL PORT [VAR=VALUE ...]: one service in the background, its log in .local/logs/NAME.log.
start() {
  local name="$1" dll="$2" port="$3"; shift 3
  (
    cd "$(dirname "$dll")"
    # Readable lines on the console log, and the same events as structured JSON (one object a line) beside it.
    # MALLOC_ARENA_MAX: glibc's per-thread arenas otherwise grow the native memory by about 1 MiB a minute under
    # load (docs/benchmarks.md, "Soak").
    env ASPNETCORE_ENVIRONMENT=Development DOTNET_gcServer=0 MALLOC_ARENA_MAX=2 \
      Serilog__WriteTo__0__Name=File Serilog__WriteTo__0__Args__path="$log_dir/$name.json" \
      Serilog__WriteTo__0__Args__formatter="Serilog.Formatting.Compact.CompactJsonFormatter, Serilog.Formatting.Compact" \
      RabbitMq__Port="$RABBITMQ_NODE_PORT" "$@" \
      nohup dotnet "$dll" --urls "http://127.0.0.1:$port" >"$log_dir/$name.log" 2>&1 &
    echo $! >"$run_dir/$name.pid"
  )
}

wait_ready() {
  local name="$1" port="$2"
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$(cat "$run_dir/$name.pid")" 2>/dev/null || die "$name stopped during start-up; see $log_dir/$name.log"
    sleep 0.5
  done
  die "$name did not become ready in 120 s; see $log_dir/$name.log"
}

cli() { dotnet "$root/services/Cli/bin/Release/net10.0/federation.dll" "$@"; }
new_key() { [ -f "$1" ] || cli keys new --out "$1" >/dev/null; }
mkdir -p "$keys" && chmod 700 "$keys"
new_key "$keys/authority.pem"
# The federation authority: the only one that says which hubs are members. Every node is given its public key alone.
start authority "$root/services/Authority/bin/Release/net10.0/Federation.Authority.dll" "$authority_port" \
  ConnectionStrings__Authority="$(db authority)" Authority__EntityId="$authority" \
  Authority__SigningKeyFiles__0="$keys/authority.pem" Authority__AdminSecret="$FEDERATION_AUTHORITY_SECRET"
wait_ready authority "$authority_port"
trust=(Federation__Authority__Url="$authority/" Federation__Authority__PublicKeyFiles__0="$keys/authority.pem.pub")
while IFS=$'\t' read -r id name port _ _ kind; do
  [[ "$id" == \#* || -z "$id" ]] && continue
  new_key "$keys/$id.pem"
  FEDERATION_AUTHORITY="$authority" FEDERATION_AUTHORITY_SECRET="$FEDERATION_AUTHORITY_SECRET" \
    cli authority admit "$id" --entity "http://127.0.0.1:$port" --name "$name" --kind "${kind:-hub}" --key "$keys/$id.pem.pub" >/dev/null \
    || die "the authority did not admit $id; see $log_dir/authority.log"
done <"$root/infra/hubs.tsv"

# The hubs' mail (invitations, join requests, decisions about members) goes to a real SMTP server on this machine that
# keeps every message (in .local/mail, and on its page): nothing leaves the machine, and every link can be followed.
start mail "$root/tests/Federation.MailSink/bin/Release/net10.0/Federation.MailSink.dll" "$mail_port" \
  MailSink__SmtpPort="$smtp_port" MailSink__Folder="$LOCAL_DIR/mail"
wait_ready mail "$mail_port"

# A stand-in for SURFconext: a real OpenID Provider (oidc-provider, Node.js) with people of two institutions, each
# hub of institution_hubs registered as a client. Its password is the demo accounts' password.
bash "$here/institutions/install.sh"
institution_clients="$(for id in "${institution_hubs[@]}"; do printf '{"client_id":"hub-%s","client_secret":"%s"},' "$id" "$FEDERATION_INSTITUTIONS_SECRET"; done)"
(
  cd "$here/institutions"
  INSTITUTIONS_PORT="$institutions_port" INSTITUTIONS_PASSWORD="$FEDERATION_DEMO_PASSWORD" INSTITUTIONS_CLIENTS="[${institution_clients%,}]" nohup node server.mjs >"$log_dir/institutions.log" 2>&1 &
  echo $! >"$run_dir/institutions.pid"
)
institutions_up=""
for _ in $(seq 1 60); do
  curl -fs "$institutions/.well-known/openid-configuration" >/dev/null 2>&1 && { institutions_up=1; break; }
  kill -0 "$(cat "$run_dir/institutions.pid")" 2>/dev/null || die "the institution provider stopped during start-up; see $log_dir/institutions.log"
  sleep 0.5
done
[ -n "$institutions_up" ] || die "the institution provider did not answer on $institutions in 30 s; see $log_dir/institutions.log"

# upstream_settings ID: the settings that make hub ID trust the stand-in. Noord-Nederland admits people of the
# Rijksuniversiteit by itself (rug.example, into its organisation 'rug'); everyone else asks and waits for staff.
upstream_settings() {
  local id="$1" p="Identity__Upstream__Providers__0__"
  [[ " ${institution_hubs[*]} " == *" $id "* ]] || return 0
  printf '%s\n' "Identity__Upstream__AllowLoopbackHttp=true" "${p}Name=surfconext" "${p}DisplayName=SURFconext (stand-in)" \
    "${p}Authority=$institutions/" "${p}ClientId=hub-$id" "${p}ClientSecret=$FEDERATION_INSTITUTIONS_SECRET" \
    "${p}Scopes__0=openid" "${p}Scopes__1=email" "${p}Scopes__2=profile" "${p}Scopes__3=institution"
  if [ "$id" = noord-nederland ]; then
    printf '%s\n' "${p}Admission__0__Domains__0=rug.example" "${p}Admission__0__OrganisationId=rug" \
      "${p}Admission__0__OrganisationName=Rijksuniversiteit Groningen" "${p}Admission__0__OrganisationType=university"
  fi
}

# Every node has a broker account of its own with the least it needs (infra/local/broker-accounts.sh): no hub can read
# another's queue or send what only the catalogue sends, and the user_id the broker vouches for names the sender.
catalogue_broker_password="$(broker_account catalogue catalogue)"
broker_queue_policies
broker_declare_shared_exchanges
start catalogue "$root/services/Catalogue/bin/Release/net10.0/Federation.Catalogue.dll" "$catalogue_port" \
  RabbitMq__Username=catalogue RabbitMq__Password="$catalogue_broker_password" \
  ConnectionStrings__Catalogue="$(db catalogue)" Proxy__TrustedNetworks__0=127.0.0.1 Identifiers__PortalUrl="http://127.0.0.1:$portal_port/" "${trust[@]}"
# Everything runs on loopback here, so the portal is a trusted proxy of the catalogue and hubs, and tells them the
# address of each person it acts for; their rate limits then count people, not the portal.
start portal "$root/services/Portal/bin/Release/net10.0/Federation.Portal.dll" "$portal_port" \
  Catalogue__Url="http://127.0.0.1:$catalogue_port/" Forwarding__TrustedBy__0=127.0.0.1 "${trust[@]}"
hubs=()
facilities=()
while IFS=$'\t' read -r id name port silo gateway kind; do
  [[ "$id" == \#* || -z "$id" ]] && continue
  hubs+=("$id:$port:$name")
  if [ "$kind" = facility ]; then facilities+=("$id"); fi
  hub_broker_password="$(broker_account "hub-$id" hub "$id")"
  mapfile -t upstream < <(upstream_settings "$id")
  start "hub-$id" "$root/services/Hub/bin/Release/net10.0/Federation.Hub.dll" "$port" \
    Hub__Id="$id" Hub__DisplayName="$name" Hub__Kind="${kind:-hub}" Hub__PublicUrl="http://127.0.0.1:$port" Hub__SeedDemoData=true Hub__ActivityInterval=00:00:15 \
    RabbitMq__Username="hub-$id" RabbitMq__Password="$hub_broker_password" \
    Federation__CatalogueUrl="http://127.0.0.1:$catalogue_port" Federation__KeyFiles__0="$keys/$id.pem" "${trust[@]}" \
    Identity__SeedDemoAccounts=true Identity__DemoPassword="$FEDERATION_DEMO_PASSWORD" Identity__DemoAuthenticatorKey="$FEDERATION_DEMO_TOTP_KEY" \
    Mail__Host=127.0.0.1 Mail__Port="$smtp_port" Mail__Security=none Mail__From="noreply@$id.aihub.example" \
    Identity__Clients__hub-automation__Secret="$FEDERATION_AUTOMATION_SECRET" \
    Identity__Clients__hub-automation__GrantTypes__0=client_credentials Identity__Clients__hub-automation__Roles__0=hub-staff \
    Orleans__SiloPort="$silo" Orleans__GatewayPort="$gateway" ConnectionStrings__Hub="$(app_db "$(hub_database "$id")")" \
    ConnectionStrings__HubOwner="$(db "$(hub_database "$id")")" \
    Proxy__TrustedNetworks__0=127.0.0.1 Harvest__AllowPrivateAddresses=true "${upstream[@]}"
done <"$root/infra/hubs.tsv"

wait_ready catalogue "$catalogue_port"
wait_ready portal "$portal_port"
for hub in "${hubs[@]}"; do
  IFS=: read -r id port _ <<<"$hub"
  wait_ready "hub-$id" "$port"
done

log "waiting until the catalogue has every hub in sync"
for _ in $(seq 1 240); do
  status="$(curl -fs "http://127.0.0.1:$catalogue_port/hubs" || true)"
  in_sync="$(grep -o '"inSync":true' <<<"$status" | wc -l)"
  [ "$in_sync" -ge "${#hubs[@]}" ] && break
  sleep 0.5
done
# Calls, applications, awards and usage at the AI factory, made through the APIs (once; a failure is said, not fatal).
CATALOGUE_PORT="$catalogue_port" bash "$here/local/compute-demo.sh" || log "the compute demo did not complete; the federation runs without it"
total="$(curl -fs "http://127.0.0.1:$catalogue_port/search?pageSize=1" | grep -o '"total":[0-9]*' | head -n 1 | cut -d: -f2)"

cat <<TXT

The federation runs: $(( ${#hubs[@]} - ${#facilities[@]} )) hubs and ${#facilities[@]} compute facility (${facilities[*]}), $in_sync in sync with
the catalogue, ${total:-0} resources searchable.

  Portal      http://127.0.0.1:$portal_port        (open this in a browser)

  Mail        http://127.0.0.1:$mail_port        (every message the hubs send: invitations, join requests; SMTP on :$smtp_port)

  Institutions $institutions   (a stand-in for SURFconext; password FEDERATION_DEMO_PASSWORD)
    Sign in at AI-hub Noord-Nederland or Brainport with "Sign in with SURFconext (stand-in)" as:
      a.dijkstra@rug.example, j.postma@rug.example    Rijksuniversiteit: admitted at once by Noord-Nederland
      m.kuipers@hanze.example                         Hanzehogeschool: asks to join; staff decide
      t.smit@hanze.example                            an unverified e-mail address: admitted nowhere

  Authority   $authority        (which hubs are members; admit, suspend, remove with 'federation authority')
    members       curl $authority/list

  Catalogue   http://127.0.0.1:$catalogue_port
    search        curl 'http://127.0.0.1:$catalogue_port/search?q=modellen'
    with facets   curl 'http://127.0.0.1:$catalogue_port/search?q=energie&kind=dataset&accessPolicy=open'
    compute       curl 'http://127.0.0.1:$catalogue_port/search?kind=compute&eligibility=start-up'
    hub registry  curl http://127.0.0.1:$catalogue_port/hubs
TXT
for hub in "${hubs[@]}"; do
  IFS=: read -r id port name <<<"$hub"
  printf '  %-24s http://127.0.0.1:%s   (%s)\n' "$name" "$port" "$id"
done
cat <<TXT

  Sign in: every hub has demo accounts 'staff', 'company' and 'researcher' (password FEDERATION_DEMO_PASSWORD
  in $secrets). Staff also give a second factor: the code of FEDERATION_DEMO_TOTP_KEY in an authenticator
  app, or 'bash infra/totp.sh' prints it. Publish at Brainport as its staff, with a real token:
    token=\$(bash infra/token.sh brainport staff)
    id=\$(curl -s -X POST http://127.0.0.1:5104/resources -H "Authorization: Bearer \$token" -H 'Content-Type: application/json' \\
      -d '{"kind":"dataset","title":"Slijtagedata lagers","licence":"CC-BY-4.0","accessPolicy":"open","publisher":"TU Eindhoven"}' \\
      | sed 's/.*"id":"\\([^"]*\\)".*/\\1/')
    curl -s -X POST http://127.0.0.1:5104/resources/\$id/publish -H "Authorization: Bearer \$token"
    curl -s 'http://127.0.0.1:$catalogue_port/search?q=lagers'

  RabbitMQ management  http://127.0.0.1:$RABBITMQ_MANAGEMENT_PORT  (user federation, password in $secrets)
  Logs                 $log_dir/
  Stop                 bash infra/stop-federation.sh        (add --all to stop PostgreSQL and RabbitMQ too)
TXT
