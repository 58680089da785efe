// The Function app on a Flex Consumption plan (FC1), .NET isolated. One user-assigned identity is used for the
// deployment package container, the host storage (AzureWebJobsStorage, which Durable Functions also uses for
// its queues, tables and blobs), Application Insights ingestion, Cosmos DB and Azure OpenAI.

param name string
param location string = resourceGroup().location
param tags object = {}
param serviceName string = 'api'

param appServicePlanId string
param storageAccountName string
param deploymentContainerName string
param identityId string
param identityClientId string
param applicationInsightsName string

@description('Application settings on top of the host settings built here.')
param appSettings object = {}

param virtualNetworkSubnetId string = ''

param runtimeName string = 'dotnet-isolated'
param runtimeVersion string = '10.0'
param instanceMemoryMB int = 2048
param maximumInstanceCount int = 40

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Identity-based host storage: no AzureWebJobsStorage connection string. Durable Functions' Azure Storage
// backend needs all three services.
var hostSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storageAccount.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storageAccount.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storageAccount.properties.primaryEndpoints.table
  // The connection string only locates the resource; with local auth disabled on the component, ingestion
  // is accepted only with the Entra token this authentication string makes the SDK fetch.
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
}

module site 'br/public:avm/res/web/site:0.15.1' = {
  name: '${serviceName}-flex-consumption'
  params: {
    kind: 'functionapp,linux'
    name: name
    location: location
    tags: union(tags, {
      'azd-service-name': serviceName
    })
    serverFarmResourceId: appServicePlanId
    managedIdentities: {
      systemAssigned: false
      userAssignedResourceIds: [
        identityId
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageAccount.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
    // Flex Consumption rejects several classic siteConfig properties; keep to what the azd quickstarts set.
    siteConfig: {
      alwaysOn: false
    }
    httpsOnly: true
    // No publishing passwords: azd deploys with an Entra token.
    basicPublishingCredentialsPolicies: [
      {
        name: 'ftp'
        allow: false
      }
      {
        name: 'scm'
        allow: false
      }
    ]
    virtualNetworkSubnetId: !empty(virtualNetworkSubnetId) ? virtualNetworkSubnetId : null
    appSettingsKeyValuePairs: union(appSettings, hostSettings)
  }
}

output name string = site.outputs.name
output resourceId string = site.outputs.resourceId
output defaultHostname string = site.outputs.defaultHostname
// Functions' default route prefix; the smoke test and docs append /users/... to this.
output apiUri string = 'https://${site.outputs.defaultHostname}/api'
