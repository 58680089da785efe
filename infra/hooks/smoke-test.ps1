# Post-deploy smoke test (windows twin of smoke-test.sh): ingest a conversation, wait for the operation, find
# the extracted preference through search, erase the smoke user. Exits non-zero on any misbehaviour.
#   SMOKE_TEST_SKIP=true, SMOKE_TEST_TIMEOUT_SECONDS=180
$ErrorActionPreference = 'Stop'

function Fail([string] $message) { Write-Host "ERROR: $message" -ForegroundColor Red; exit 1 }

if ($env:SMOKE_TEST_SKIP -eq 'true') { Write-Host 'SMOKE_TEST_SKIP=true: smoke test skipped.'; exit 0 }
foreach ($name in 'RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'SERVICE_API_URI', 'MEMORY_OPERATOR_KEY') {
  if (-not [Environment]::GetEnvironmentVariable($name)) { Fail "$name is not set; run this through 'azd up' / 'azd deploy'." }
}

$api = $env:SERVICE_API_URI.TrimEnd('/')
$timeout = if ($env:SMOKE_TEST_TIMEOUT_SECONDS) { [int] $env:SMOKE_TEST_TIMEOUT_SECONDS } else { 180 }
$user = "smoke-$((Get-Date).ToUniversalTime().ToString('yyyyMMddHHmmss'))-$(Get-Random -Maximum 99999)"

# 1. the operator key (admin of MEMORY_TENANT), made by the preprovision hook; function keys grant nothing
$key = $env:MEMORY_OPERATOR_KEY

function Invoke-Api([string] $method, [string] $uri, $body = $null) {
  $request = @{
    Method = $method; Uri = $uri; SkipHttpErrorCheck = $true; TimeoutSec = 60
    Headers = @{ 'x-functions-key' = $key; Accept = 'application/json' }
  }
  if ($null -ne $body) { $request.Body = ($body | ConvertTo-Json -Depth 10); $request.ContentType = 'application/json' }
  try { return Invoke-WebRequest @request } catch { return [pscustomobject] @{ StatusCode = 0; Content = "$_"; Headers = @{} } }
}

# Every memory.text anywhere in a search response, whatever the envelope (results/items) is called.
function Get-MemoryTexts($node) {
  if ($node -is [string] -or $null -eq $node) { return }
  if ($node -is [System.Collections.IEnumerable]) { foreach ($item in $node) { Get-MemoryTexts $item }; return }
  if ($node -is [pscustomobject]) {
    foreach ($property in $node.PSObject.Properties) {
      if ($property.Name -eq 'memory' -and $property.Value.text -is [string]) { $property.Value.text }
      Get-MemoryTexts $property.Value
    }
  }
}

$userCreated = $false
try {
  # 2. ingest: expect 202 + Location (retry on cold-start 404/5xx: nothing was accepted yet)
  $conversation = @{ messages = @(@{ role = 'user'; content = 'I work at Contoso and I prefer Python over JavaScript.' }); sessionId = 'smoke' }
  Write-Host "POST $api/users/$user/messages"
  for ($attempt = 1; $attempt -le 12; $attempt++) {
    $response = Invoke-Api POST "$api/users/$user/messages" $conversation
    if ($response.StatusCode -ne 404 -and $response.StatusCode -ne 0 -and $response.StatusCode -lt 500) { break }
    Write-Host "  got $($response.StatusCode) while the app warms up (attempt $attempt); retrying..."
    Start-Sleep -Seconds 10
  }
  if ($response.StatusCode -ne 202) { Fail "POST messages returned $($response.StatusCode), expected 202: $($response.Content)" }
  $userCreated = $true
  $location = "$($response.Headers['Location'])"
  if (-not $location) { Fail '202 without a Location header.' }
  $operationUri = [Uri]::new([Uri] "$api/", $location).AbsoluteUri  # absolute, /api/... or relative
  Write-Host "  accepted; operation at $operationUri"

  # 3. poll until succeeded
  $deadline = (Get-Date).AddSeconds($timeout)
  while ($true) {
    $response = Invoke-Api GET $operationUri
    if ($response.StatusCode -ne 200) { Fail "GET operation returned $($response.StatusCode): $($response.Content)" }
    $operation = $response.Content | ConvertFrom-Json
    $status = "$($operation.status)".ToLowerInvariant()
    if ($status -eq 'succeeded') { Write-Host '  operation succeeded'; break }
    if ($status -eq 'failed') { Fail "ingestion failed: $($operation.error | ConvertTo-Json -Compress -Depth 10)" }
    if ((Get-Date) -gt $deadline) { Fail "operation still '$status' after $timeout s." }
    Write-Host "  operation is '$status'..."
    Start-Sleep -Seconds 5
  }

  # 4. search must return the preference
  Write-Host "POST $api/users/$user/search"
  $response = Invoke-Api POST "$api/users/$user/search" @{ query = 'Which programming language does the user prefer?'; topK = 5 }
  if ($response.StatusCode -ne 200) { Fail "search returned $($response.StatusCode): $($response.Content)" }
  $texts = @(Get-MemoryTexts ($response.Content | ConvertFrom-Json))
  $hit = $texts | Where-Object { $_ -match '(?i)python' } | Select-Object -First 1
  if (-not $hit) { Fail "no search result mentions Python. Memories returned: $($texts -join ' | ')" }
  Write-Host "  found: $hit"

  # 5. erase the smoke user
  $response = Invoke-Api DELETE "$api/users/$user"
  if ($response.StatusCode -lt 200 -or $response.StatusCode -ge 300) { Fail "DELETE user returned $($response.StatusCode)" }
  $userCreated = $false
  Write-Host 'Smoke test passed: ingest -> operation succeeded -> search found the preference -> user erased.'
}
finally {
  if ($userCreated) {
    Write-Host "erasing smoke user $user"
    $null = Invoke-Api DELETE "$api/users/$user"
  }
}
