#!/usr/bin/env bash
# Subscribes the app's Event Grid webhook (POST /api/eventgrid) to the conversation-turns topic. This cannot be part
# of the Bicep: the endpoint URL carries a key, which must never pass through the template, its outputs or the
# repository. The key is the scoped Event Grid key the preprovision hook made (the template has only its hash); it is
# handed straight to Event Grid here, which stores it with the subscription.
# Creating the subscription makes Event Grid run the CloudEvents validation handshake against the function, so a
# success here also proves the endpoint answers. Idempotent (create = create or update). Needs: az (logged in).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

require_tools az
require_env SERVICE_API_URI EVENTGRID_TOPIC_ID EVENTGRID_EVENT_TYPE MEMORY_EVENTGRID_KEY

subscription_name="${EVENTGRID_SUBSCRIPTION_NAME:-conversation-turns}"
route="eventgrid" # the route the Functions app and the local server share
# The Event Grid key the preprovision hook made (write to MEMORY_TENANT only): a function key would grant nothing,
# and this one cannot write to any other tenant (docs/security.md, "Event Grid").
key="$MEMORY_EVENTGRID_KEY"

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
