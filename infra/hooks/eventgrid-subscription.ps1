# Subscribes the app's Event Grid webhook (POST /api/eventgrid, scoped Event Grid key) to the conversation-turns
# topic (windows twin of eventgrid-subscription.sh; read that file for the why). Idempotent. Needs: az (logged in).
$ErrorActionPreference = 'Stop'

function Fail([string] $message) { Write-Host "ERROR: $message" -ForegroundColor Red; exit 1 }
function Require-Env([string[]] $names) {
  foreach ($name in $names) {
    if (-not [Environment]::GetEnvironmentVariable($name)) { Fail "$name is not set; run this through 'azd up' / 'azd deploy'." }
  }
}

if (-not (Get-Command az -ErrorAction SilentlyContinue)) { Fail "'az' is required (see docs/deploy.md, prerequisites)." }
Require-Env 'SERVICE_API_URI', 'EVENTGRID_TOPIC_ID', 'EVENTGRID_EVENT_TYPE', 'MEMORY_EVENTGRID_KEY'

$subscriptionName = if ($env:EVENTGRID_SUBSCRIPTION_NAME) { $env:EVENTGRID_SUBSCRIPTION_NAME } else { 'conversation-turns' }
$route = 'eventgrid'
# The scoped Event Grid key the preprovision hook made (write to MEMORY_TENANT only; see the .sh twin).
$key = $env:MEMORY_EVENTGRID_KEY

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
