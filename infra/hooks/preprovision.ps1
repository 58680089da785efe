# azd preprovision hook (windows twin of preprovision.sh; read that file for the why of each step): detects the
# deploying principal's type, checks Flex Consumption in the location, the task hub name and the models, and lists
# soft-deleted Azure OpenAI accounts for the template to restore, and makes the app's scoped API keys. Needs: az, azd.
$ErrorActionPreference = 'Stop'

function Fail([string] $message) { Write-Host "ERROR: $message" -ForegroundColor Red; exit 1 }
function Require-Env([string[]] $names) {
  foreach ($name in $names) {
    if (-not [Environment]::GetEnvironmentVariable($name)) { Fail "$name is not set; run this through 'azd up' / 'azd provision'." }
  }
}
function Normalize-Location([string] $location) { ($location -replace ' ', '').ToLowerInvariant() }

# The value azd passes for a parameter of main.parameters.json: "${NAME=default}" is $NAME when set, else default.
$infra = Split-Path $PSScriptRoot -Parent
$parameters = Get-Content (Join-Path $infra 'main.parameters.json') -Raw | ConvertFrom-Json
function Get-ParameterValue([string] $parameter) {
  $raw = "$($parameters.parameters.$parameter.value)"
  if ($raw -match '^\$\{([A-Za-z_][A-Za-z0-9_]*)(=([^}]*))?\}$') {
    $fromEnvironment = [Environment]::GetEnvironmentVariable($Matches[1])
    if ($fromEnvironment) { return $fromEnvironment } else { return $Matches[3] }
  }
  return $raw
}

foreach ($tool in 'az', 'azd') {
  if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) { Fail "'$tool' is required (see docs/deploy.md, prerequisites)." }
}
Require-Env 'AZURE_ENV_NAME', 'AZURE_LOCATION'

# 1. principal type, from the claims of azd's own ARM token (idtyp user/app; scp only in user tokens)
$principalType = $env:AZURE_PRINCIPAL_TYPE
if (-not $principalType) {
  $token = (azd auth token --output json 2>$null | ConvertFrom-Json).token
  if ($token) {
    $payload = $token.Split('.')[1].Replace('-', '+').Replace('_', '/')
    $payload += '=' * ((4 - $payload.Length % 4) % 4)
    $claims = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($payload)) | ConvertFrom-Json
    $principalType = if ($claims.idtyp -eq 'app') { 'ServicePrincipal' } elseif ($claims.idtyp -eq 'user' -or $claims.scp) { 'User' } else { 'ServicePrincipal' }
  }
  else {
    $principalType = if ((az account show --query user.type -o tsv) -eq 'servicePrincipal') { 'ServicePrincipal' } else { 'User' }
  }
}
if ($principalType -notin 'User', 'ServicePrincipal', 'Group') { Fail "AZURE_PRINCIPAL_TYPE is '$principalType'; expected User, ServicePrincipal or Group." }
azd env set AZURE_PRINCIPAL_TYPE $principalType
Write-Host "deploying principal type: $principalType"

# 2. Flex Consumption in the location
$flexLocations = @(az functionapp list-flexconsumption-locations --query '[].name' -o tsv)
if ((Normalize-Location $env:AZURE_LOCATION) -notin ($flexLocations | ForEach-Object { Normalize-Location $_ })) {
  Fail "location '$($env:AZURE_LOCATION)' does not offer Flex Consumption. Pick one of: $($flexLocations -join ' ') (azd env set AZURE_LOCATION <region>)."
}

# 3. task hub name
$taskHub = Get-ParameterValue 'durableTaskHubName'
if ($taskHub -cnotmatch '^[A-Za-z][A-Za-z0-9]{2,44}$') { Fail "DURABLE_TASK_HUB_NAME '$taskHub' is not a valid task hub name: 3-45 letters and digits, starting with a letter." }

# 4. models still deployable in the Azure OpenAI region with the chosen SKU
$openAiLocation = if ($env:AZURE_OPENAI_LOCATION) { $env:AZURE_OPENAI_LOCATION } else { $env:AZURE_LOCATION }
$models = az cognitiveservices model list --location $openAiLocation -o json | ConvertFrom-Json
$now = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
foreach ($kind in 'chat', 'embedding') {
  $name = Get-ParameterValue "${kind}ModelName"; $version = Get-ParameterValue "${kind}ModelVersion"; $sku = Get-ParameterValue "${kind}DeploymentSkuName"
  $offered = $models | Where-Object {
    $_.model.format -eq 'OpenAI' -and $_.model.name -eq $name -and $_.model.version -eq $version -and
    ("$($_.model.deprecation.inference)" -eq '' -or "$($_.model.deprecation.inference)" -gt $now) -and
    ($_.model.skus | Where-Object { $_.name -eq $sku -and ("$($_.deprecationDate)" -eq '' -or "$($_.deprecationDate)" -gt $now) })
  }
  if (-not $offered) { Fail "Azure OpenAI in '$openAiLocation' does not offer $kind model $name version $version with SKU $sku for new deployments. See docs/deploy.md, 'Models'." }
  Write-Host "$kind model $name $version ($sku) is deployable in $openAiLocation"
}

# 5. soft-deleted Azure OpenAI accounts in this environment's resource group, restored by the template
$abbreviations = Get-Content (Join-Path $infra 'abbreviations.json') -Raw | ConvertFrom-Json
$resourceGroup = if ($env:AZURE_RESOURCE_GROUP) { $env:AZURE_RESOURCE_GROUP } else { "$($abbreviations.resourcesResourceGroups)$($env:AZURE_ENV_NAME)" }
$softDeleted = @(az cognitiveservices account list-deleted -o json | ConvertFrom-Json |
    Where-Object { $_.kind -eq 'OpenAI' -and $_.id.ToLowerInvariant().Contains("/resourcegroups/$($resourceGroup.ToLowerInvariant())/") } |
    ForEach-Object { $_.name }) -join ','
azd env set AZURE_OPENAI_SOFT_DELETED_ACCOUNTS $softDeleted
if ($softDeleted) { Write-Host "soft-deleted Azure OpenAI account(s) in $resourceGroup will be restored: $softDeleted" }

# 6. scoped API keys (operator: admin of MEMORY_TENANT; Event Grid: write to it), made once per environment and kept;
# only their sha256 hashes reach the template (see preprovision.sh for the why).
foreach ($name in 'MEMORY_OPERATOR_KEY', 'MEMORY_EVENTGRID_KEY') {
  if ([Environment]::GetEnvironmentVariable($name) -and [Environment]::GetEnvironmentVariable("${name}_HASH")) {
    Write-Host "${name}: kept from the azd environment"
    continue
  }
  $bytes = [System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32)
  $key = 'mfk_' + [Convert]::ToHexString($bytes).ToLowerInvariant()
  $hash = [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes($key))).ToLowerInvariant()
  azd env set $name $key
  azd env set "${name}_HASH" "sha256:$hash"
  Write-Host "${name}: made a new key (azd env get-value $name)"
}
