# Subscribes the app's Event Grid webhook (POST /api/eventgrid, function-key protected) to the conversation-turns
# topic (windows twin of eventgrid-subscription.sh; read that file for the why). Idempotent. Needs: az (logged in).
$ErrorActionPreference = 'Stop'

function Fail([string] $message) { Write-Host "ERROR: $message" -ForegroundColor Red; exit 1 }
function Require-Env([string[]] $names) {
  foreach ($name in $names) {
    if (-not [Environment]::GetEnvironmentVariable($name)) { Fail "$name is not set; run this through 'azd up' / 'azd deploy'." }
  }
}

if (-not (Get-Command az -ErrorAction SilentlyContinue)) { Fail "'az' is required (see docs/deploy.md, prerequisites)." }
Require-Env 'RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'SERVICE_API_URI', 'EVENTGRID_TOPIC_ID', 'EVENTGRID_EVENT_TYPE'

$resourceGroup = $env:RESOURCE_GROUP
$app = $env:AZURE_FUNCTION_APP_NAME
$subscriptionName = if ($env:EVENTGRID_SUBSCRIPTION_NAME) { $env:EVENTGRID_SUBSCRIPTION_NAME } else { 'conversation-turns' }
$route = 'eventgrid'
$keyName = 'eventgrid'

# POST and OPTIONS on /api/eventgrid are two functions; both get the same function key (see the .sh twin for why).
$functions = @()
for ($attempt = 1; $functions.Count -eq 0; $attempt++) {
  $json = az functionapp function list -g $resourceGroup -n $app -o json 2>$null
  if ($LASTEXITCODE -eq 0 -and $json) {
    $functions = @(($json | Out-String | ConvertFrom-Json) |
        Where-Object { "$($_.invokeUrlTemplate)".ToLowerInvariant().EndsWith("/api/$route") } |
        ForEach-Object { ($_.name -split '/')[-1] })
  }
  if ($functions.Count -eq 0) {
    if ($attempt -ge 12) { Fail "no function of $app serves /api/$route; check the deployment." }
    Write-Host "waiting for the deployed functions to be listed (attempt $attempt)..."
    Start-Sleep -Seconds 10
  }
}

$key = $null
foreach ($function in $functions) {
  if (-not $key) { $key = (az functionapp function keys list -g $resourceGroup -n $app --function-name $function -o json | ConvertFrom-Json).$keyName }
}
if (-not $key) {
  Write-Host "creating function key '$keyName'"
  $key = az functionapp function keys set -g $resourceGroup -n $app --function-name $functions[0] --key-name $keyName --query value -o tsv
}
if (-not $key) { Fail "could not read or create function key '$keyName'." }
foreach ($function in $functions) {
  az functionapp function keys set -g $resourceGroup -n $app --function-name $function --key-name $keyName --key-value $key --output none
  if ($LASTEXITCODE) { Fail "setting function key '$keyName' on $function failed." }
}
Write-Host "function key '$keyName' set on: $($functions -join ', ')"

$api = $env:SERVICE_API_URI.TrimEnd('/')
Write-Host "subscribing $api/$route to '$($env:EVENTGRID_EVENT_TYPE)' events on $(Split-Path $env:EVENTGRID_TOPIC_ID -Leaf)"
az eventgrid event-subscription create `
  --name $subscriptionName `
  --source-resource-id $env:EVENTGRID_TOPIC_ID `
  --endpoint-type webhook `
  --endpoint "$api/$route`?code=$key" `
  --event-delivery-schema cloudeventschemav1_0 `
  --included-event-types $env:EVENTGRID_EVENT_TYPE `
  --max-delivery-attempts 10 `
  --event-ttl 1440 `
  --output none
if ($LASTEXITCODE) { Fail 'creating the Event Grid subscription failed.' }

Write-Host "Event Grid subscription '$subscriptionName' is in place."
