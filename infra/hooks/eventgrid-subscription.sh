#!/usr/bin/env bash
# Subscribes the app's Event Grid webhook (POST /api/eventgrid, function-key protected) to the conversation-turns
# topic. This cannot be part of the Bicep: the endpoint URL carries a key, which exists only once the code is
# deployed and must never pass through the template, its outputs or the repository. The key is read (or created)
# here, at deploy time, and handed straight to Event Grid, which stores it with the subscription.
# Creating the subscription makes Event Grid run the CloudEvents validation handshake against the function, so a
# success here also proves the endpoint answers. Idempotent (create = create or update). Needs: az (logged in), jq.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

require_tools az jq
require_env RESOURCE_GROUP AZURE_FUNCTION_APP_NAME SERVICE_API_URI EVENTGRID_TOPIC_ID EVENTGRID_EVENT_TYPE

subscription_name="${EVENTGRID_SUBSCRIPTION_NAME:-conversation-turns}"
route="eventgrid"    # the route the Functions app and the local server share
key_name="eventgrid" # a key of its own, so it can be rotated without touching other callers

# Two functions serve /api/eventgrid (POST for deliveries, OPTIONS for the CloudEvents validation handshake), both
# function-key protected. Event Grid sends one key, so both get the same function key: it opens these two and no
# other function (a host key would open every user's memories). Right after a deployment the host may not have
# listed its functions yet, so wait for them.
functions=()
attempt=0
while (( ${#functions[@]} == 0 )); do
  attempt=$((attempt + 1))
  mapfile -t functions < <(
    az functionapp function list -g "$RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" -o json 2>/dev/null |
      jq -r --arg suffix "/api/$route" '.[] | select((.invokeUrlTemplate // "" | ascii_downcase) | endswith($suffix)) | .name | split("/") | last'
  )
  if (( ${#functions[@]} == 0 )); then
    (( attempt < 12 )) || fail "no function of $AZURE_FUNCTION_APP_NAME serves /api/$route; check the deployment."
    log "waiting for the deployed functions to be listed (attempt $attempt)..."
    sleep 10
  fi
done

function_key() {
  az functionapp function keys list -g "$RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" --function-name "$1" -o json |
    jq -r --arg name "$key_name" '.[$name] // empty'
}
key=""
for function_name in "${functions[@]}"; do
  [[ -n "$key" ]] || key="$(function_key "$function_name")"
done
if [[ -z "$key" ]]; then
  log "creating function key '$key_name'"
  key="$(az functionapp function keys set -g "$RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" \
    --function-name "${functions[0]}" --key-name "$key_name" --query value -o tsv)"
fi
[[ -n "$key" ]] || fail "could not read or create function key '$key_name'."
for function_name in "${functions[@]}"; do
  az functionapp function keys set -g "$RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" \
    --function-name "$function_name" --key-name "$key_name" --key-value "$key" --output none
done
log "function key '$key_name' set on: ${functions[*]}"

log "subscribing ${SERVICE_API_URI%/}/$route to '$EVENTGRID_EVENT_TYPE' events on $(basename "$EVENTGRID_TOPIC_ID")"
az eventgrid event-subscription create \
  --name "$subscription_name" \
  --source-resource-id "$EVENTGRID_TOPIC_ID" \
  --endpoint-type webhook \
  --endpoint "${SERVICE_API_URI%/}/$route?code=$key" \
  --event-delivery-schema cloudeventschemav1_0 \
  --included-event-types "$EVENTGRID_EVENT_TYPE" \
  --max-delivery-attempts 10 \
  --event-ttl 1440 \
  --output none

log "Event Grid subscription '$subscription_name' is in place."
