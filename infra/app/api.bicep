// The Function app on a Flex Consumption plan (FC1, Linux), .NET isolated, declared directly so that every property
// is type-checked against the Microsoft.Web resource schema. One user-assigned identity reaches the deployment
// package container, the host storage (AzureWebJobsStorage, which Durable Functions' Azure Storage backend also
// uses for its queues, tables and blobs) and Application Insights.

param name string
param planName string
param location string = resourceGroup().location
param tags object = {}

@description('azd finds the app to deploy src/Memory.Functions to by this tag (azure.yaml service name).')
param serviceName string = 'api'

param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param deploymentContainerName string
param identityId string
param identityClientId string
@description('Locates the Application Insights component; it holds no secret (local auth is off there, ingestion needs an Entra token).')
param applicationInsightsConnectionString string

@description('The app\'s own settings (Memory__*, TASKHUB_NAME, ...); the host settings built here are added to them.')
param appSettings { *: string }

@description('Subnet delegated to Microsoft.App/environments for VNet integration; empty = none.')
param virtualNetworkSubnetId string = ''

param runtimeVersion string = '10.0'

@description('Client id of the Entra app registration callers get tokens for; empty = no platform authentication (keys only).')
param entraClientId string = ''
@description('Issuer of the callers\' tokens (https://login.microsoftonline.com/<tenant>/v2.0).')
param entraIssuer string = ''
@description('Accepted token audiences (client id and Application ID URI).')
param entraAudiences string[] = []
@description('Settings the worker needs to check the same tokens (Memory__Auth__Entra__*); empty without Entra ID.')
param entraAppSettings { *: string } = {}
@description('Scoped API keys the worker accepts (Memory__Auth__Keys__*: ids, hashes, tenants, roles; never a key).')
param keyAppSettings { *: string } = {}

// Reached without any credential: health for probes and the smoke test, and the Event Grid webhook, whose deliveries
// carry the function key (?code=), never a bearer token. The platform does not look at requests to these paths at all.
var anonymousPaths = [
  '/api/health'
  '/api/eventgrid'
]

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

// Identity-based host storage: no AzureWebJobsStorage connection string and no WEBSITE_CONTENT* settings (Flex
// Consumption deploys from the blob container below, not from a file share).
var hostSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
  // With local auth disabled on the component, ingestion is accepted only with the Entra token this
  // authentication string makes the SDK fetch.
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': serviceName
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
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
        name: 'dotnet-isolated'
        version: runtimeVersion
      }
    }
    // Flex Consumption rejects many classic siteConfig properties; these two are accepted.
    siteConfig: {
      alwaysOn: false
      minTlsVersion: '1.2'
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: union(appSettings, entraAppSettings, keyAppSettings, hostSettings)
  }

  // App Service authentication in front of the worker: it validates a bearer token when one is sent (signature, issuer,
  // audience; an invalid one is answered 401 here) and lets requests without one through (AllowAnonymous), because
  // scoped API keys are checked by the worker, which also decides tenant, user and role for both kinds of credential
  // (docs/security.md). No token store, no login redirects: this is an API.
  resource auth 'config' = if (!empty(entraClientId)) {
    name: 'authsettingsV2'
    properties: {
      platform: {
        enabled: true
      }
      globalValidation: {
        requireAuthentication: false
        unauthenticatedClientAction: 'AllowAnonymous'
        excludedPaths: anonymousPaths
      }
      httpSettings: {
        requireHttps: true
      }
      identityProviders: {
        azureActiveDirectory: {
          enabled: true
          registration: {
            clientId: entraClientId
            openIdIssuer: entraIssuer
          }
          validation: {
            allowedAudiences: entraAudiences
          }
        }
      }
      login: {
        tokenStore: {
          enabled: false
        }
      }
    }
  }
}

// No publishing passwords: azd deploys with an Entra token.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output defaultHostname string = site.properties.defaultHostName
// Functions' default route prefix (host.json routePrefix "api").
output apiUri string = 'https://${site.properties.defaultHostName}/api'
