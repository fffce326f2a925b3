#!/usr/bin/env bash
# Believable compute for the local federation, made through the real APIs, as people would: the AI factory opens a
# call; members of five hubs apply through their home hub; four hubs' staff endorse; two outside reviewers score; the
# factory awards four and rejects one; its scheduler's accounting of the last two months is imported. One application
# waits at the factory, one at its hub. Run by run-federation.sh once every hub is in sync; does nothing when the factory
# already has a call (so running the federation again adds nothing). Needs curl and jq.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"
[ -f "$SECRETS_FILE" ] && source "$SECRETS_FILE"
hubs_tsv="$here/../hubs.tsv"
catalogue="http://127.0.0.1:${CATALOGUE_PORT:-5100}"
facility="$(awk -F'\t' '$6 == "facility" { print $1; exit }' "$hubs_tsv")"
[ -n "$facility" ] || { log "no facility in infra/hubs.tsv; no compute demo"; exit 0; }

url() { printf 'http://127.0.0.1:%s' "$(awk -F'\t' -v id="$1" '$1 == id { print $3 }' "$hubs_tsv")"; }
token() { bash "$here/../token.sh" "$1" "$2"; }
# call METHOD URL TOKEN [JSON]: the answer's body; stops the demo (not the federation) on a refusal, saying why.
call() {
  local answer status
  answer="$(curl -s -w '\n%{http_code}' -X "$1" "$2" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' ${4:+-d "$4"})"
  status="${answer##*$'\n'}"
  [[ "$status" == 2* ]] || { log "compute demo: $1 $2 answered $status: ${answer%$'\n'*}"; exit 1; }
  printf '%s' "${answer%$'\n'*}"
}
day() { date -u -d "$1 days" +%F; }

command -v jq >/dev/null || { log "compute demo: jq is missing (infra/local/install.sh installs it); no compute demo"; exit 1; }
factory="$(url "$facility")"
calls="$(curl -fs "$factory/calls?state=all")" || { log "compute demo: $factory did not answer; no compute demo"; exit 1; }
# Made once: a factory with a call has had its demo (or real calls of its own), and is left as it is.
if [ "$(jq 'length' <<<"$calls")" != "0" ]; then
  exit 0
fi

offer="$(curl -fs "$catalogue/search?kind=compute&hub=$facility&accessMode=call" | jq -r '.items[0].id // empty')"
[ -n "$offer" ] || { log "compute demo: the factory's call offer is not in the catalogue yet; no compute demo"; exit 0; }

log "compute demo: a call at $facility, applications from five hubs, reviews, awards and two months of usage"
staff="$(token "$facility" staff)"
deadline="$(date -u -d '30 days' +%FT%T+00:00)"
call_json="$(call POST "$factory/calls" "$staff" "$(jq -nc --arg offer "$offer" --arg deadline "$deadline" --arg from "$(day -60)" --arg until "$(day 300)" '{
  offerId: $offer, title: "Open call 2027-I: large-scale training", accessMode: "call", capacityHours: 40000, requiredReviews: 2,
  description: "Allocations of 1,000 to 10,000 accelerator-hours for training and fine-tuning, for Dutch organisations of every kind. Two outside reviewers score each application.",
  eligibility: ["start-up", "scale-up", "sme", "large-company", "research", "public-sector"], deadline: $deadline, allocationStart: $from, allocationEnd: $until }')")"
call_id="$(jq -r .id <<<"$call_json")"

# hub user type province sector public hours personal project summary
applications=(
  "brainport|company|sme|NL-NB|C|true|4000|false|Wafer defect detection|Fine-tuning a vision transformer on 2 million wafer images to find defects before they reach the customer; the model is published in the federation."
  "zuid-holland|company|scale-up|NL-ZH|H|true|5000|false|Container flow forecasting|Training a forecasting model on five years of terminal movements to plan cranes and trucks a day ahead, shared with the port's smaller operators."
  "oost-nederland|company|start-up|NL-OV|C|false|8000|false|Grasping foundation model|Pre-training a grasping policy on simulated and real robot trials, to be fine-tuned by SMEs in Twente for their own production lines."
  "oost-nederland|researcher|research|NL-OV|Q|true|3000|true|Dutch speech recognition for care|Adapting an open speech model to Dutch spoken by older people and carers, on consented recordings processed in the Netherlands only."
  "amsterdam|company|start-up|NL-NH|K|true|10000|false|Payment fraud language model|Training a language model from scratch on transaction narratives to flag fraud patterns for Dutch payment providers."
  "midden-nederland|company|sme|NL-UT|Q|false|2000|true|Clinical note summaries|Fine-tuning a small language model to summarise clinical notes for GPs, on pseudonymised notes that never leave the Netherlands."
  "brightlands|company|sme|NL-LI|C|true|1500|false|Catalyst screening|Screening catalyst candidates with a graph neural network trained on the company's own reaction data."
)
ids=()
for application in "${applications[@]}"; do
  IFS='|' read -r hub user type province sector public hours personal project summary <<<"$application"
  body="$(jq -nc --arg facility "$facility" --arg call "$call_id" --arg type "$type" --arg province "$province" --arg sector "$sector" \
    --argjson public "$public" --argjson hours "$hours" --argjson personal "$personal" --arg project "$project" --arg summary "$summary" \
    --arg from "$(day -60)" --arg until "$(day 240)" '{ facilityId: $facility, callId: $call, project: $project, summary: $summary,
      requestedHours: $hours, periodStart: $from, periodEnd: $until, organisationType: $type, sector: $sector, province: $province,
      nameOrganisationPublicly: $public, resources: [], aiActRiskClass: "minimal", personalData: $personal,
      personalDataCountries: (if $personal then ["NL"] else [] end) }')"
  ids+=("$(call POST "$(url "$hub")/me/compute-applications" "$(token "$hub" "$user")" "$body" | jq -r .id)")
done

# Each hub's staff endorse their members' applications, except Brightlands, whose staff have not looked yet.
declare -A hub_staff=()
for i in 0 1 2 3 4 5; do
  IFS='|' read -r hub _ <<<"${applications[$i]}"
  hub_staff[$hub]="${hub_staff[$hub]:-$(token "$hub" staff)}"
  call POST "$(url "$hub")/compute-applications/${ids[$i]}/endorse" "${hub_staff[$hub]}" \
    '{"eligibilityChecked":true,"advice":"A member we know; the organisation type is checked against the Chamber of Commerce register."}' >/dev/null
done

# The endorsed applications reach the factory over the broker.
for _ in $(seq 1 120); do
  [ "$(call GET "$factory/applications" "$staff" | jq 'length')" -ge 6 ] && break
  sleep 0.5
done

tue="$(token "$facility" reviewer-tue)" rug="$(token "$facility" reviewer-rug)"
scores=("4|5" "4|4" "5|4" "4|5" "2|2")
for i in 0 1 2 3 4; do
  IFS='|' read -r first second <<<"${scores[$i]}"
  call POST "$factory/applications/${ids[$i]}/reviews" "$tue" "{\"score\":$first,\"comment\":\"A clear plan with realistic hours for the data it has.\"}" >/dev/null
  call POST "$factory/applications/${ids[$i]}/reviews" "$rug" "{\"score\":$second,\"comment\":\"Sound method; the results will be of use beyond the applicant.\"}" >/dev/null
done
call POST "$factory/applications/${ids[5]}/reviews" "$tue" '{"score":4,"comment":"Careful with the personal data; a realistic request."}' >/dev/null

awards=("4000|gpu-h100" "5000|gpu-mi300x" "8000|gpu-h100" "3000|gpu-h100")
accounts=()
for i in 0 1 2 3; do
  IFS='|' read -r hours partition <<<"${awards[$i]}"
  awarded="$(call POST "$factory/applications/${ids[$i]}/award" "$staff" \
    "{\"hours\":$hours,\"partition\":\"$partition\",\"start\":\"$(day -60)\",\"end\":\"$(day 240)\"}")"
  accounts+=("$(call GET "$factory/allocations" "$staff" | jq -r --arg id "$(jq -r .allocationId <<<"$awarded")" '.[] | select(.allocationId == $id) | .account')")
done
call POST "$factory/applications/${ids[4]}/reject" "$staff" \
  '{"reason":"Training from scratch asks for more than this call gives one project; the fast track lets you try a fine-tuned model first."}' >/dev/null

# Two months of the scheduler's accounting: about 85 % of the first allocation, less of the others.
sacct="$(mktemp)"
trap 'rm -f "$sacct"' EXIT
echo "JobID|JobName|Account|Partition|Elapsed|AllocTRES|ConsumedEnergyRaw|State|End" >"$sacct"
job=4100000
used=("3400|gpu-h100" "1250|gpu-mi300x" "2600|gpu-h100" "900|gpu-h100")
for i in 0 1 2 3; do
  IFS='|' read -r hours partition <<<"${used[$i]}"
  for run in $(seq 1 $(( hours / 50 ))); do
    job=$(( job + 1 ))
    ended="$(date -u -d "$(( 58 - run % 57 )) days ago 3 hours ago" +%FT%T)"
    # 50 accelerator-hours a job: 8 GPUs for 6 h 15 min, at about 0.6 kWh per GPU-hour (joules in ConsumedEnergyRaw).
    echo "$job|train-$run|${accounts[$i]}|$partition|06:15:00|billing=64,cpu=64,gres/gpu=8,mem=500G,node=1|108000000|COMPLETED|$ended" >>"$sacct"
  done
done
curl -fs -X POST "$factory/usage" -H "Authorization: Bearer $staff" -H 'Content-Type: text/plain' --data-binary "@$sacct" >/dev/null
log "compute demo: 1 call, ${#applications[@]} applications, 4 awards, $(( job - 4100000 )) jobs of usage"
