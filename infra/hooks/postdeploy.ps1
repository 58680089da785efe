# azd postdeploy hook (windows): subscribe the deployed Event Grid webhook to the topic, then smoke-test the API.
# azd exports the environment's values (main.bicep outputs) as environment variables before running this.
$ErrorActionPreference = 'Stop'

& "$PSScriptRoot/eventgrid-subscription.ps1"
if ($LASTEXITCODE) { exit $LASTEXITCODE }
& "$PSScriptRoot/smoke-test.ps1"
if ($LASTEXITCODE) { exit $LASTEXITCODE }
