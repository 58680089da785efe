// MemoryFunctions on Azure, keyless: every service-to-service call authenticates with the app's user-assigned
// managed identity and Entra ID data-plane roles. No keys, connection strings with secrets, or key outputs.
// Layout of the azd Functions quickstarts: subscription scope, one resource group, infra/app/*.bicep modules, every
// resource declared directly (no registry modules) so the compiler checks each property against its schema.
// tests/Memory.Infra.Tests compiles and lints this file and checks the ARM JSON it produces; see docs/deploy.md.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used for the resource group name and to derive unique resource names.')
param environmentName string

@minLength(1)
@description('Primary location for all resources except Azure OpenAI. The preprovision hook checks that it offers Flex Consumption.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Location of the Azure OpenAI account (model availability differs by region). Empty = same as location.')
param openAiLocation string = ''

@description('Object id of the deploying principal (azd sets AZURE_PRINCIPAL_ID) to grant it data-plane roles for testing. Empty = none.')
param principalId string = ''

@description('Kind of principal in principalId; the preprovision hook detects it (User for an interactive login, ServicePrincipal for CI).')
param principalType 'User' | 'ServicePrincipal' | 'Group' = 'User'

@description('Put the Function app in a virtual network and reach storage and Cosmos DB through private endpoints only.')
param vnetEnabled bool = false

// ---- Azure OpenAI models (defaults in main.parameters.json, which the preprovision hook checks against the region's model list) ----
@description('Chat model; the deployment gets the same name, which is what Memory__OpenAI__ChatModel holds.')
param chatModelName string
param chatModelVersion string
param chatDeploymentSkuName 'GlobalStandard' | 'DataZoneStandard' | 'Standard' = 'GlobalStandard'
@description('Chat deployment capacity in thousands of tokens per minute.')
param chatDeploymentCapacity int = 30

@description('Embedding model; the deployment gets the same name, which is what Memory__OpenAI__EmbeddingModel holds.')
param embeddingModelName string
param embeddingModelVersion string
param embeddingDeploymentSkuName 'GlobalStandard' | 'DataZoneStandard' | 'Standard' = 'GlobalStandard'
@description('Embedding deployment capacity in thousands of tokens per minute.')
param embeddingDeploymentCapacity int = 30

@description('Soft-deleted Azure OpenAI account names in the resource group, comma-separated (set by the preprovision hook); a match is restored instead of colliding.')
param openAiSoftDeletedAccountNames string = ''

@description('Embedding dimensions requested from the model and declared in the container vector policy. Defaults to the shared container definition.')
param embeddingDimensions int = loadJsonContent('../src/Memory.Cosmos/cosmos-container.json').vector.dimensions

// ---- Cosmos DB ----
@description('Serverless (pay per RU, no idle cost) or provisioned autoscale throughput. An existing serverless account can only move one way, to provisioned, and not through this parameter: see docs/deploy.md.')
param cosmosServerless bool = true
@description('Autoscale max RU/s for the container when cosmosServerless is false.')
param cosmosAutoscaleMaxThroughput int = 1000
@description('Vector index type. Defaults to the shared container definition; flat only supports up to 505 dimensions.')
param cosmosVectorIndexType 'flat' | 'quantizedFlat' | 'diskANN' = loadJsonContent('../src/Memory.Cosmos/cosmos-container.json').vector.indexType
@description('Enable Cosmos DB delete-by-partition-key (public preview) so erasing a user is one partition delete; off, the store erases document by document.')
param cosmosDeleteByPartitionKey bool = false

// ---- Durable Functions ----
@minLength(3)
@maxLength(45)
@description('Durable Functions task hub (Azure Storage backend): 3-45 letters and digits, starting with a letter; the preprovision hook checks the characters. host.json reads it as %TASKHUB_NAME%.')
param durableTaskHubName string = 'MemoryFunctions'

// ---- Microsoft Entra ID for callers (optional; docs/security.md, docs/deploy.md) ----
@description('Client (application) id of the app registration that represents the API. Empty = no Entra ID: callers use scoped API keys only. azd cannot create the registration (docs/deploy.md).')
param entraClientId string = ''
@description('Entra tenant that issues the callers\' tokens. Empty = the tenant of this deployment.')
param entraTenantId string = ''
@description('Application ID URI of the registration (the audience of tokens requested for it). Empty = api://<entraClientId>.')
param entraApplicationIdUri string = ''

// ---- Scoped API keys (docs/security.md): only their hashes; the preprovision hook makes the keys ----
@description('Memory tenant the deployment\'s own keys reach (operator: admin; Event Grid: write).')
param memoryTenant string = 'default'
@description('sha256:<hex> of the operator key (admin of memoryTenant; smoke test, by hand). Empty = no such key.')
param operatorKeyHash string = ''
@description('sha256:<hex> of the Event Grid subscription\'s key (write to memoryTenant). Empty = no such key.')
param eventGridKeyHash string = ''

// Optional name overrides (empty = derived from the resource token).
param resourceGroupName string = ''
param functionAppName string = ''

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var appName = !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}api-${resourceToken}'
// One issuer and one audience list for both checks: the platform's (authsettingsV2) and the worker's (Memory:Auth:Entra).
var entraIssuer = '${environment().authentication.loginEndpoint}${empty(entraTenantId) ? tenant().tenantId : entraTenantId}/v2.0'
var entraAudience = empty(entraApplicationIdUri) ? 'api://${entraClientId}' : entraApplicationIdUri
var entraAudiences = empty(entraClientId) ? [] : [entraClientId, entraAudience]
// Flex Consumption pulls the app package from this blob container.
var deploymentContainerName = 'app-package-${resourceToken}'
var conversationEventType = 'MemoryFunctions.Conversation.Turns'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    privateNetworkOnly: vnetEnabled
  }
}

module cosmos 'app/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    name: '${abbrs.documentDBDatabaseAccounts}${resourceToken}'
    location: location
    tags: tags
    serverless: cosmosServerless
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    embeddingDimensions: embeddingDimensions
    vectorIndexType: cosmosVectorIndexType
    deleteAllItemsByPartitionKey: cosmosDeleteByPartitionKey
    publicNetworkAccess: vnetEnabled ? 'Disabled' : 'Enabled'
  }
}

module openAi 'app/openai.bicep' = {
  name: 'openAi'
  scope: rg
  params: {
    name: '${abbrs.cognitiveServicesOpenAI}${resourceToken}'
    location: empty(openAiLocation) ? location : openAiLocation
    tags: tags
    chatModelName: chatModelName
    chatModelVersion: chatModelVersion
    chatDeploymentSkuName: chatDeploymentSkuName
    chatDeploymentCapacity: chatDeploymentCapacity
    embeddingModelName: embeddingModelName
    embeddingModelVersion: embeddingModelVersion
    embeddingDeploymentSkuName: embeddingDeploymentSkuName
    embeddingDeploymentCapacity: embeddingDeploymentCapacity
    softDeletedAccountNames: empty(openAiSoftDeletedAccountNames) ? [] : split(openAiSoftDeletedAccountNames, ',')
  }
}

module eventGrid 'app/eventgrid.bicep' = {
  name: 'eventGrid'
  scope: rg
  params: {
    name: '${abbrs.eventGridDomainsTopics}${resourceToken}'
    location: location
    tags: tags
  }
}

module network 'app/network.bicep' = if (vnetEnabled) {
  name: 'network'
  scope: rg
  params: {
    vnetName: '${abbrs.networkVirtualNetworks}${resourceToken}'
    location: location
    tags: tags
    storageAccountId: storage.outputs.resourceId
    cosmosAccountId: cosmos.outputs.resourceId
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: appName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    identityId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    virtualNetworkSubnetId: network.?outputs.appSubnetId ?? ''
    entraClientId: entraClientId
    entraIssuer: entraIssuer
    entraAudiences: entraAudiences
    // Configuration the app binds (CosmosMemoryOptions "Memory:Cosmos", OpenAIModelOptions "Memory:OpenAI");
    // tests/Memory.Infra.Tests checks these names against the options classes.
    appSettings: {
      Memory__Cosmos__AccountEndpoint: cosmos.outputs.endpoint
      Memory__Cosmos__DatabaseName: cosmos.outputs.databaseName
      Memory__Cosmos__ContainerName: cosmos.outputs.containerName
      Memory__Cosmos__EmbeddingDimensions: string(embeddingDimensions)
      Memory__Cosmos__VectorIndexType: cosmosVectorIndexType
      // Bicep owns the container (its policies cannot all be changed later); the app must not create it.
      Memory__Cosmos__CreateIfNotExists: 'false'
      Memory__OpenAI__Endpoint: openAi.outputs.endpoint
      Memory__OpenAI__ChatModel: openAi.outputs.chatDeploymentName
      Memory__OpenAI__EmbeddingModel: openAi.outputs.embeddingDeploymentName
      Memory__OpenAI__EmbeddingDimensions: string(embeddingDimensions)
      // DefaultAzureCredential picks the user-assigned identity through this.
      AZURE_CLIENT_ID: identity.outputs.clientId
      TASKHUB_NAME: durableTaskHubName
    }
    // Memory:Auth:Keys (ScopedKeyOptions): function keys are app-wide and grant nothing in the worker, which refuses
    // to start with no credential; these two are what `azd up` gives it. Entries 0 and 1 whatever is set, so a key's
    // settings never move when the other is added or removed.
    keyAppSettings: union(
      empty(operatorKeyHash) ? {} : {
        Memory__Auth__Keys__0__Id: 'azd-operator'
        Memory__Auth__Keys__0__Hash: operatorKeyHash
        Memory__Auth__Keys__0__Tenants__0: memoryTenant
        Memory__Auth__Keys__0__Role: 'admin'
      },
      empty(eventGridKeyHash) ? {} : {
        Memory__Auth__Keys__1__Id: 'azd-eventgrid'
        Memory__Auth__Keys__1__Hash: eventGridKeyHash
        Memory__Auth__Keys__1__Tenants__0: memoryTenant
        Memory__Auth__Keys__1__Role: 'write'
      })
    // The worker checks tokens itself (tenant, user, roles); the platform's check in front of it uses the same values.
    entraAppSettings: empty(entraClientId) ? {} : {
      Memory__Auth__Entra__Authority: entraIssuer
      Memory__Auth__Entra__Audiences__0: entraClientId
      Memory__Auth__Entra__Audiences__1: entraAudience
    }
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.applicationInsightsName
    cosmosAccountName: cosmos.outputs.name
    openAiAccountName: openAi.outputs.name
    eventGridTopicName: eventGrid.outputs.name
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

// Outputs become `azd env` values (and environment variables of the hooks). None is a secret.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.apiUri
output AZURE_FUNCTION_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE_NAME string = cosmos.outputs.databaseName
output COSMOS_CONTAINER_NAME string = cosmos.outputs.containerName
output AZURE_OPENAI_ENDPOINT string = openAi.outputs.endpoint
output AZURE_OPENAI_CHAT_DEPLOYMENT string = openAi.outputs.chatDeploymentName
output AZURE_OPENAI_EMBEDDING_DEPLOYMENT string = openAi.outputs.embeddingDeploymentName
output EVENTGRID_TOPIC_NAME string = eventGrid.outputs.name
output EVENTGRID_TOPIC_ENDPOINT string = eventGrid.outputs.endpoint
output EVENTGRID_TOPIC_ID string = eventGrid.outputs.resourceId
output EVENTGRID_EVENT_TYPE string = conversationEventType
output EMBEDDING_DIMENSIONS int = embeddingDimensions
output COSMOS_VECTOR_INDEX_TYPE string = cosmosVectorIndexType
output MEMORY_ENTRA_ISSUER string = empty(entraClientId) ? '' : entraIssuer
