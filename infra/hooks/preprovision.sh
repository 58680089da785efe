#!/usr/bin/env bash
# azd preprovision hook (posix): what the template cannot find out for itself, checked or detected before
# `azd provision` runs it, so a bad choice fails in seconds with a remedy instead of halfway through a deployment.
#   1. the deploying principal's type (User or ServicePrincipal) for its role assignments;
#   2. the location offers Flex Consumption;
#   3. the Durable Functions task hub name follows its naming rule;
#   4. the chat and embedding model versions can still be deployed there;
#   5. soft-deleted Azure OpenAI accounts of this environment, which the template then restores instead of colliding;
#   6. the app's scoped API keys (operator: admin of MEMORY_TENANT; Event Grid: write to it), made once and kept.
# Values found are stored with `azd env set`; main.parameters.json passes them to the template. Needs: az, azd, jq.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
infra="$(dirname "$here")"
parameters="$infra/main.parameters.json"

require_tools az azd jq sha256sum od
require_env AZURE_ENV_NAME AZURE_LOCATION

# ---- 1. principal type: role assignments fail with UnmatchedPrincipalType when it is wrong ----
# The claims of azd's own ARM token say who runs azd: a user token carries idtyp=user (and scp), an app-only token
# idtyp=app (and no scp). AZURE_PRINCIPAL_TYPE set by hand wins.
detect_principal_type() {
  local token payload
  token="$(azd auth token --output json 2>/dev/null | jq -r '.token // empty')" || token=""
  if [[ -n "$token" ]]; then
    payload="$(cut -d. -f2 <<<"$token" | tr '_-' '/+')"
    while (( ${#payload} % 4 )); do payload+="="; done
    base64 -d <<<"$payload" 2>/dev/null |
      jq -r 'if .idtyp == "app" then "ServicePrincipal" elif .idtyp == "user" or has("scp") then "User" else "ServicePrincipal" end'
    return
  fi
  # Fall back on the Azure CLI's login (docs/deploy.md: log both tools in as the same principal).
  case "$(az account show --query user.type -o tsv)" in
    servicePrincipal) printf 'ServicePrincipal' ;;
    *) printf 'User' ;;
  esac
}
principal_type="${AZURE_PRINCIPAL_TYPE:-$(detect_principal_type)}"
[[ "$principal_type" == "User" || "$principal_type" == "ServicePrincipal" || "$principal_type" == "Group" ]] ||
  fail "AZURE_PRINCIPAL_TYPE is '$principal_type'; expected User, ServicePrincipal or Group."
azd env set AZURE_PRINCIPAL_TYPE "$principal_type"
log "deploying principal type: $principal_type"

# ---- 2. Flex Consumption in the location (asked of Azure, not a list in this repo that ages) ----
location="$(normalize_location "$AZURE_LOCATION")"
flex_locations="$(az functionapp list-flexconsumption-locations --query '[].name' -o tsv)"
offers_flex=false
while read -r candidate; do
  if [[ "$(normalize_location "$candidate")" == "$location" ]]; then offers_flex=true; fi
done <<<"$flex_locations"
"$offers_flex" ||
  fail "location '$AZURE_LOCATION' does not offer Flex Consumption. Pick one of: $(tr '\n' ' ' <<<"$flex_locations")(azd env set AZURE_LOCATION <region>)."
log "Flex Consumption is offered in $AZURE_LOCATION"

# ---- 3. task hub name: Azure Storage backend rule, 3-45 letters and digits starting with a letter ----
task_hub="$(parameter_value "$parameters" durableTaskHubName)"
[[ "$task_hub" =~ ^[A-Za-z][A-Za-z0-9]{2,44}$ ]] ||
  fail "DURABLE_TASK_HUB_NAME '$task_hub' is not a valid task hub name: 3-45 letters and digits, starting with a letter."

# ---- 4. models: still deployable in the Azure OpenAI region with the chosen SKU ----
openai_location="${AZURE_OPENAI_LOCATION:-$AZURE_LOCATION}"
models="$(az cognitiveservices model list --location "$openai_location" -o json)"
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
check_model() {
  local kind="$1" name version sku
  name="$(parameter_value "$parameters" "${kind}ModelName")"
  version="$(parameter_value "$parameters" "${kind}ModelVersion")"
  sku="$(parameter_value "$parameters" "${kind}DeploymentSkuName")"
  jq -e --arg name "$name" --arg version "$version" --arg sku "$sku" --arg now "$now" '
    any(.[]; .model.format == "OpenAI" and .model.name == $name and .model.version == $version
      and ((.model.deprecation.inference // "9999") > $now)
      and any(.model.skus[]?; .name == $sku and ((.deprecationDate // "9999") > $now)))' <<<"$models" >/dev/null ||
    fail "Azure OpenAI in '$openai_location' does not offer $kind model $name version $version with SKU $sku for new deployments (retired, not in the region, or not with that SKU). See docs/deploy.md, 'Models', to choose another."
  log "$kind model $name $version ($sku) is deployable in $openai_location"
}
check_model chat
check_model embedding

# ---- 5. soft-deleted Azure OpenAI accounts in this environment's resource group ----
# After `azd down` without --purge the account lingers soft-deleted and blocks creating one of the same name;
# the template restores a listed account instead (openai.bicep, restore).
resource_group="${AZURE_RESOURCE_GROUP:-$(jq -r '.resourcesResourceGroups' "$infra/abbreviations.json")$AZURE_ENV_NAME}"
soft_deleted="$(az cognitiveservices account list-deleted -o json |
  jq -r --arg group "/resourcegroups/$(tr '[:upper:]' '[:lower:]' <<<"$resource_group")/" \
    '[.[] | select(.kind == "OpenAI" and (.id | ascii_downcase | contains($group))) | .name] | join(",")')"
azd env set AZURE_OPENAI_SOFT_DELETED_ACCOUNTS "$soft_deleted"
[[ -z "$soft_deleted" ]] || log "soft-deleted Azure OpenAI account(s) in $resource_group will be restored: $soft_deleted"

# ---- 6. scoped API keys: function keys are app-wide and grant nothing in the worker (docs/security.md) ----
# Without a credential the Functions app refuses to start, so every environment gets an operator key (admin of
# MEMORY_TENANT, used by the smoke test and by hand) and an Event Grid key (write to MEMORY_TENANT, in the
# subscription's endpoint URL). Rotate one: azd env set <NAME> "" && azd provision.
ensure_scoped_key MEMORY_OPERATOR_KEY
ensure_scoped_key MEMORY_EVENTGRID_KEY
