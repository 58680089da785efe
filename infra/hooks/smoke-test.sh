#!/usr/bin/env bash
# Post-deploy smoke test: proves the deployed app can ingest a conversation (HTTP → Durable orchestration →
# Azure OpenAI extraction + embeddings → Cosmos DB) and find the fact again through hybrid search.
# Exits non-zero — failing `azd up` / `azd deploy` — if any step does not behave. Needs: curl, jq.
#
#   SMOKE_TEST_SKIP=true              skip entirely
#   SMOKE_TEST_TIMEOUT_SECONDS=180    how long to wait for the ingestion operation
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

if [[ "${SMOKE_TEST_SKIP:-false}" == "true" ]]; then
  log "SMOKE_TEST_SKIP=true: smoke test skipped."
  exit 0
fi

require_tools curl jq
require_env RESOURCE_GROUP AZURE_FUNCTION_APP_NAME SERVICE_API_URI MEMORY_OPERATOR_KEY

api="${SERVICE_API_URI%/}"                                  # https://<app>.azurewebsites.net/api
origin="$(printf '%s' "$api" | sed -E 's#^(https?://[^/]+).*#\1#')" # https://<app>.azurewebsites.net
timeout="${SMOKE_TEST_TIMEOUT_SECONDS:-180}"
user="smoke-$(date -u +%Y%m%d%H%M%S)-$RANDOM"
workdir="$(mktemp -d)"
user_created=false

cleanup() {
  local status=$?
  if [[ "$user_created" == "true" ]]; then
    log "erasing smoke user $user"
    request DELETE "$api/users/$user" >/dev/null
    [[ "$last_status" == 2* ]] || log "WARNING: could not erase $user (status $last_status); delete it by hand."
  fi
  rm -rf "$workdir"
  exit "$status"
}
trap cleanup EXIT

# request METHOD URL [JSON_BODY] → prints the status code; body in $workdir/body, headers in $workdir/headers.
last_status=""
request() {
  local method="$1" url="$2" body="${3:-}"
  local args=(--silent --show-error --max-time 60 -X "$method" "$url"
    -H "x-functions-key: $operator_key" -H "Accept: application/json"
    -o "$workdir/body" -D "$workdir/headers" -w '%{http_code}')
  [[ -n "$body" ]] && args+=(-H "Content-Type: application/json" --data "$body")
  last_status="$(curl "${args[@]}")" || last_status="000"
  printf '%s' "$last_status"
}

header() { grep -i "^$1:" "$workdir/headers" | tail -n 1 | cut -d' ' -f2- | tr -d '\r'; }

# Resolve a Location header (absolute URL, root-relative path or relative path) against the app.
resolve() {
  case "$1" in
    http://* | https://*) printf '%s' "$1" ;;
    /*) printf '%s%s' "$origin" "$1" ;;
    *) printf '%s/%s' "$api" "$1" ;;
  esac
}

# ---- 1. the operator key (admin of MEMORY_TENANT), made by the preprovision hook; function keys grant nothing ----
operator_key="$MEMORY_OPERATOR_KEY"

# ---- 2. ingest a conversation: expect 202 + Location of the operation ----
conversation='{ "messages": [ { "role": "user", "content": "I work at Contoso and I prefer Python over JavaScript." } ], "sessionId": "smoke" }'
log "POST $api/users/$user/messages"
for attempt in $(seq 1 12); do
  status="$(request POST "$api/users/$user/messages" "$conversation")"
  # Cold start after a deployment: 404 (functions not loaded yet), 5xx or no answer. Nothing was accepted, so retry.
  [[ "$status" == "404" || "$status" == "000" || "$status" == 5* ]] || break
  log "  got $status while the app warms up (attempt $attempt); retrying..."
  sleep 10
done
[[ "$status" == "202" ]] || fail "POST messages returned $status, expected 202: $(head -c 2000 "$workdir/body")"
user_created=true
location="$(header Location)"
[[ -n "$location" ]] || fail "202 without a Location header."
operation_url="$(resolve "$location")"
log "  accepted; operation at $operation_url"

# ---- 3. poll the operation until it succeeds ----
deadline=$(( $(date +%s) + timeout ))
while :; do
  status="$(request GET "$operation_url")"
  [[ "$status" == "200" ]] || fail "GET operation returned $status: $(head -c 2000 "$workdir/body")"
  op_status="$(jq -r '.status // empty | ascii_downcase' "$workdir/body")"
  case "$op_status" in
    succeeded) log "  operation succeeded"; break ;;
    failed) fail "ingestion failed: $(jq -c '.error // .' "$workdir/body")" ;;
  esac
  (( $(date +%s) < deadline )) || fail "operation still '$op_status' after ${timeout}s."
  log "  operation is '$op_status'..."
  sleep 5
done

# ---- 4. search: the extracted preference must come back ----
query='{ "query": "Which programming language does the user prefer?", "topK": 5 }'
log "POST $api/users/$user/search"
status="$(request POST "$api/users/$user/search" "$query")"
[[ "$status" == "200" ]] || fail "search returned $status: $(head -c 2000 "$workdir/body")"
# Every memory.text anywhere in the response, whatever the envelope (results/items) is called.
texts="$(jq -r '[.. | objects | .memory? | objects | .text? | strings] | .[]' "$workdir/body")"
if ! grep -qi 'python' <<<"$texts"; then
  fail "no search result mentions Python. Memories returned: ${texts:-<none>}"
fi
log "  found: $(grep -i -m1 'python' <<<"$texts")"

# ---- 5. erase the smoke user (also done by the EXIT trap on failure) ----
status="$(request DELETE "$api/users/$user")"
[[ "$status" == 2* ]] || fail "DELETE user returned $status: $(head -c 2000 "$workdir/body")"
user_created=false
log "Smoke test passed: ingest → operation succeeded → search found the preference → user erased."
