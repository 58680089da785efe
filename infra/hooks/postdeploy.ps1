# azd postdeploy hook (windows): wire the Event Grid topic to the deployed function, then smoke-test the API.
# azd exports the environment's values (main.bicep outputs) as environment variables before running this.
$ErrorActionPreference = 'Stop'

& "$PSScriptRoot/eventgrid-subscription.ps1"
if ($LASTEXITCODE) { exit $LASTEXITCODE }
& "$PSScriptRoot/smoke-test.ps1"
if ($LASTEXITCODE) { exit $LASTEXITCODE }
