// MemoryFunctions on Azure, keyless: every service-to-service call authenticates with the app's user-assigned
// managed identity and Entra ID data-plane roles. No keys, connection strings with secrets, or key outputs.
// Layout follows the azd Functions quickstarts: subscription scope, one resource group, infra/app/*.bicep modules.
targetScope = 'subscription'

// Defaults for embedding dimensions and vector index type come from src/Memory.Cosmos/cosmos-container.json, the
// container definition shared with the code; app/cosmos.bicep builds the container from the same file.

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used for the resource group name and to derive unique resource names.')
param environmentName string

@minLength(1)
@description('Primary location for all resources except Azure OpenAI (the region must offer Flex Consumption).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Location of the Azure OpenAI account (model availability differs by region). Empty = same as location.')
param openAiLocation string = ''

@description('Object id of the deploying user (azd sets AZURE_PRINCIPAL_ID) to grant data-plane roles for testing. Empty = none.')
param principalId string = ''

@description('Kind of principal in principalId: User for an interactive login, ServicePrincipal for CI.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Put the Function app in a virtual network and reach storage and Cosmos DB through private endpoints only.')
param vnetEnabled bool = false

// ---- Azure OpenAI models ----
@description('Chat model; the deployment gets the same name, which is what Memory__OpenAI__ChatModel holds.')
param chatModelName string = 'gpt-4o-mini'
param chatModelVersion string = '2024-07-18'
@allowed([
  'GlobalStandard'
  'DataZoneStandard'
  'Standard'
])
param chatDeploymentSkuName string = 'GlobalStandard'
@description('Chat deployment capacity in thousands of tokens per minute.')
param chatDeploymentCapacity int = 30

@description('Embedding model; the deployment gets the same name, which is what Memory__OpenAI__EmbeddingModel holds.')
param embeddingModelName string = 'text-embedding-3-small'
param embeddingModelVersion string = '1'
@allowed([
  'GlobalStandard'
  'DataZoneStandard'
  'Standard'
])
param embeddingDeploymentSkuName string = 'GlobalStandard'
@description('Embedding deployment capacity in thousands of tokens per minute.')
param embeddingDeploymentCapacity int = 30

@description('Embedding dimensions requested from the model and declared in the container vector policy. Defaults to the shared container definition.')
param embeddingDimensions int = loadJsonContent('../src/Memory.Cosmos/cosmos-container.json').vector.dimensions

// ---- Cosmos DB ----
@description('Serverless (pay per RU, no idle cost) or provisioned autoscale throughput.')
param cosmosServerless bool = true
@description('Autoscale max RU/s for the container when cosmosServerless is false.')
param cosmosAutoscaleMaxThroughput int = 1000
@description('Vector index type. Defaults to the shared container definition; flat only supports up to 505 dimensions.')
@allowed([
  'flat'
  'quantizedFlat'
  'diskANN'
])
param cosmosVectorIndexType string = loadJsonContent('../src/Memory.Cosmos/cosmos-container.json').vector.indexType

// ---- Durable Functions ----
@description('Durable Functions task hub name (letters and digits, 3-45 chars); host.json reads it as %TASKHUB_NAME%.')
param durableTaskHubName string = 'MemoryFunctions'

// Optional name overrides (empty = derived from the resource token).
param resourceGroupName string = ''
param functionAppName string = ''

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var effectiveOpenAiLocation = empty(openAiLocation) ? location : openAiLocation
var appName = !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}api-${resourceToken}'
// Flex Consumption pulls the app package from this blob container.
var deploymentContainerName = 'app-package-${resourceToken}'
var vnetName = '${abbrs.networkVirtualNetworks}${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// The one identity the app uses for everything: deployment storage, AzureWebJobsStorage, Cosmos, OpenAI, App Insights.
module apiIdentity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  name: 'apiIdentity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.11.1' = {
  name: 'logAnalytics'
  scope: rg
  params: {
    name: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    location: location
    tags: tags
    dataRetention: 30
  }
}

module appInsights 'br/public:avm/res/insights/component:0.6.0' = {
  name: 'appInsights'
  scope: rg
  params: {
    name: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    // Telemetry ingestion requires Entra auth (APPLICATIONINSIGHTS_AUTHENTICATION_STRING + Monitoring Metrics Publisher).
    disableLocalAuth: true
  }
}

module storage 'br/public:avm/res/storage/storage-account:0.8.3' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // identity only: no account keys, no SAS
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: vnetEnabled ? 'Disabled' : 'Enabled'
    networkAcls: vnetEnabled
      ? {
          defaultAction: 'Deny'
          bypass: 'None'
        }
      : {
          defaultAction: 'Allow'
          bypass: 'AzureServices'
        }
    blobServices: {
      containers: [
        {
          name: deploymentContainerName
        }
      ]
    }
  }
}

module appServicePlan 'br/public:avm/res/web/serverfarm:0.1.1' = {
  name: 'appServicePlan'
  scope: rg
  params: {
    name: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    sku: {
      name: 'FC1'
      tier: 'FlexConsumption'
    }
    reserved: true
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
    publicNetworkAccess: vnetEnabled ? 'Disabled' : 'Enabled'
  }
}

module openAi 'app/openai.bicep' = {
  name: 'openAi'
  scope: rg
  params: {
    name: '${abbrs.cognitiveServicesOpenAI}${resourceToken}'
    location: effectiveOpenAiLocation
    tags: tags
    chatModelName: chatModelName
    chatModelVersion: chatModelVersion
    chatDeploymentSkuName: chatDeploymentSkuName
    chatDeploymentCapacity: chatDeploymentCapacity
    embeddingModelName: embeddingModelName
    embeddingModelVersion: embeddingModelVersion
    embeddingDeploymentSkuName: embeddingDeploymentSkuName
    embeddingDeploymentCapacity: embeddingDeploymentCapacity
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

module network 'app/vnet.bicep' = if (vnetEnabled) {
  name: 'network'
  scope: rg
  params: {
    name: vnetName
    location: location
    tags: tags
  }
}

module privateEndpoints 'app/private-endpoints.bicep' = if (vnetEnabled) {
  name: 'privateEndpoints'
  scope: rg
  params: {
    location: location
    tags: tags
    virtualNetworkName: vnetName
    subnetName: vnetEnabled ? network.outputs.privateEndpointSubnetName : ''
    storageAccountName: storage.outputs.name
    cosmosAccountName: cosmos.outputs.name
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: appName
    location: location
    tags: tags
    appServicePlanId: appServicePlan.outputs.resourceId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    identityId: apiIdentity.outputs.resourceId
    identityClientId: apiIdentity.outputs.clientId
    applicationInsightsName: appInsights.outputs.name
    virtualNetworkSubnetId: vnetEnabled ? network.outputs.appSubnetId : ''
    // Configuration keys read by the app (Memory.Functions → Memory.Cosmos / Memory.OpenAI options).
    appSettings: {
      Memory__Store: 'Cosmos'
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
      AZURE_CLIENT_ID: apiIdentity.outputs.clientId
      TASKHUB_NAME: durableTaskHubName
    }
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    appInsightsName: appInsights.outputs.name
    cosmosAccountName: cosmos.outputs.name
    openAiAccountName: openAi.outputs.name
    eventGridTopicName: eventGrid.outputs.name
    appPrincipalId: apiIdentity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

// Outputs become `azd env` values (and environment variables of the hooks).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.apiUri
output AZURE_FUNCTION_IDENTITY_CLIENT_ID string = apiIdentity.outputs.clientId
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE_NAME string = cosmos.outputs.databaseName
output COSMOS_CONTAINER_NAME string = cosmos.outputs.containerName
output AZURE_OPENAI_ENDPOINT string = openAi.outputs.endpoint
output AZURE_OPENAI_CHAT_DEPLOYMENT string = openAi.outputs.chatDeploymentName
output AZURE_OPENAI_EMBEDDING_DEPLOYMENT string = openAi.outputs.embeddingDeploymentName
output EVENTGRID_TOPIC_NAME string = eventGrid.outputs.name
output EVENTGRID_TOPIC_ENDPOINT string = eventGrid.outputs.endpoint
output EVENTGRID_TOPIC_ID string = eventGrid.outputs.resourceId
output EVENTGRID_EVENT_TYPE string = 'MemoryFunctions.Conversation.Turns'
output EMBEDDING_DIMENSIONS int = embeddingDimensions
output COSMOS_VECTOR_INDEX_TYPE string = cosmosVectorIndexType
