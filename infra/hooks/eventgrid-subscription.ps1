# Subscribes the Event Grid-triggered function to the conversation-turns topic (see eventgrid-subscription.sh:
# this needs the deployed function, so it cannot live in the Bicep). Idempotent. Needs: az (logged in).
$ErrorActionPreference = 'Stop'

function Fail([string] $message) { Write-Host "ERROR: $message" -ForegroundColor Red; exit 1 }

if (-not (Get-Command az -ErrorAction SilentlyContinue)) { Fail "'az' is required (see docs/deploy.md, prerequisites)." }
foreach ($name in 'RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'EVENTGRID_TOPIC_ID') {
  if (-not [Environment]::GetEnvironmentVariable($name)) { Fail "$name is not set; run this through 'azd up' / 'azd deploy'." }
}

$resourceGroup = $env:RESOURCE_GROUP
$app = $env:AZURE_FUNCTION_APP_NAME
$eventType = if ($env:EVENTGRID_EVENT_TYPE) { $env:EVENTGRID_EVENT_TYPE } else { 'MemoryFunctions.Conversation.Turns' }
$subscriptionName = if ($env:EVENTGRID_SUBSCRIPTION_NAME) { $env:EVENTGRID_SUBSCRIPTION_NAME } else { 'conversation-turns' }

# Discover the function from its trigger binding unless pinned; the host may need a moment after a deployment.
$functionName = $env:EVENTGRID_FUNCTION_NAME
for ($attempt = 1; -not $functionName; $attempt++) {
  $json = az functionapp function list -g $resourceGroup -n $app -o json 2>$null
  if ($LASTEXITCODE -eq 0 -and $json) {
    $match = ($json | Out-String | ConvertFrom-Json) |
      Where-Object { $_.config.bindings | Where-Object { "$($_.type)" -ieq 'eventGridTrigger' } } |
      Select-Object -First 1
    if ($match) { $functionName = ($match.name -split '/')[-1] }
  }
  if (-not $functionName) {
    if ($attempt -ge 12) { Fail "no Event Grid-triggered function found in $app; set EVENTGRID_FUNCTION_NAME or check the deployment." }
    Write-Host "waiting for the deployed functions to be listed (attempt $attempt)..."
    Start-Sleep -Seconds 10
  }
}

$appId = az functionapp show -g $resourceGroup -n $app --query id -o tsv
if ($LASTEXITCODE) { Fail "could not read the resource id of $app." }
Write-Host "subscribing $app/$functionName to '$eventType' events on $(Split-Path $env:EVENTGRID_TOPIC_ID -Leaf)"

az eventgrid event-subscription create `
  --name $subscriptionName `
  --source-resource-id $env:EVENTGRID_TOPIC_ID `
  --endpoint-type azurefunction `
  --endpoint "$appId/functions/$functionName" `
  --event-delivery-schema cloudeventschemav1_0 `
  --included-event-types $eventType `
  --max-delivery-attempts 10 `
  --event-ttl 1440 `
  --output none
if ($LASTEXITCODE) { Fail 'creating the Event Grid subscription failed.' }

Write-Host "Event Grid subscription '$subscriptionName' is in place."
