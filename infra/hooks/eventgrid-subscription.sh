#!/usr/bin/env bash
# Subscribes the Event Grid-triggered function to the conversation-turns topic. This cannot be part of the
# Bicep: an Azure Function endpoint must name a function that exists, and it only exists after `azd deploy`.
# Idempotent (create = create or update). Needs: az (logged in), jq.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

require_tools az jq
require_env RESOURCE_GROUP AZURE_FUNCTION_APP_NAME EVENTGRID_TOPIC_ID

event_type="${EVENTGRID_EVENT_TYPE:-MemoryFunctions.Conversation.Turns}"
subscription_name="${EVENTGRID_SUBSCRIPTION_NAME:-conversation-turns}"

# The function name is discovered from its trigger binding unless pinned with EVENTGRID_FUNCTION_NAME.
# Right after a deployment the host may not have reported its functions yet, so retry for a while.
function_name="${EVENTGRID_FUNCTION_NAME:-}"
attempt=0
while [[ -z "$function_name" ]]; do
  attempt=$((attempt + 1))
  function_name="$(
    az functionapp function list -g "$RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" -o json 2>/dev/null |
      jq -r 'map(select(any(.config.bindings[]?; (.type // "" | ascii_downcase) == "eventgridtrigger")))
             | first | .name // empty | split("/") | last'
  )" || function_name=""
  if [[ -z "$function_name" ]]; then
    (( attempt < 12 )) || fail "no Event Grid-triggered function found in $AZURE_FUNCTION_APP_NAME; set EVENTGRID_FUNCTION_NAME or check the deployment."
    log "waiting for the deployed functions to be listed (attempt $attempt)..."
    sleep 10
  fi
done

app_id="$(az functionapp show -g "$RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" --query id -o tsv)"
log "subscribing $AZURE_FUNCTION_APP_NAME/$function_name to '$event_type' events on $(basename "$EVENTGRID_TOPIC_ID")"

# Azure Function endpoint type: Event Grid calls the function through the platform (no webhook key, no
# validation handshake). The topic takes CloudEvents 1.0 and delivers them unchanged.
az eventgrid event-subscription create \
  --name "$subscription_name" \
  --source-resource-id "$EVENTGRID_TOPIC_ID" \
  --endpoint-type azurefunction \
  --endpoint "$app_id/functions/$function_name" \
  --event-delivery-schema cloudeventschemav1_0 \
  --included-event-types "$event_type" \
  --max-delivery-attempts 10 \
  --event-ttl 1440 \
  --output none

log "Event Grid subscription '$subscription_name' is in place."
