// Azure OpenAI: keyless account (Entra ID only, custom subdomain required for token auth) with one chat and one
// embedding deployment. Each deployment is named after its model, so the app's ChatModel/EmbeddingModel settings
// are both the model and the deployment name.

param name string
param location string = resourceGroup().location
param tags object = {}

param chatModelName string
param chatModelVersion string
param chatDeploymentSkuName string = 'GlobalStandard'
@description('Thousands of tokens per minute.')
param chatDeploymentCapacity int = 30

param embeddingModelName string
param embeddingModelVersion string
param embeddingDeploymentSkuName string = 'GlobalStandard'
@description('Thousands of tokens per minute.')
param embeddingDeploymentCapacity int = 30

@description('Names of soft-deleted Azure OpenAI accounts in this resource group (the preprovision hook lists them). When this account is one of them it is restored: creating it anew would collide with the deleted one until it is purged.')
param softDeletedAccountNames string[] = []

resource account 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    restore: contains(softDeletedAccountNames, name)
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
    }
  }
}

resource chatDeployment 'Microsoft.CognitiveServices/accounts/deployments@2025-06-01' = {
  parent: account
  name: chatModelName
  sku: {
    name: chatDeploymentSkuName
    capacity: chatDeploymentCapacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: chatModelName
      version: chatModelVersion
    }
    versionUpgradeOption: 'OnceNewDefaultVersionAvailable'
  }
}

// Deployments on one account must be created one at a time, hence the explicit dependency.
resource embeddingDeployment 'Microsoft.CognitiveServices/accounts/deployments@2025-06-01' = {
  parent: account
  name: embeddingModelName
  sku: {
    name: embeddingDeploymentSkuName
    capacity: embeddingDeploymentCapacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: embeddingModelName
      version: embeddingModelVersion
    }
    versionUpgradeOption: 'OnceNewDefaultVersionAvailable'
  }
  dependsOn: [
    chatDeployment
  ]
}

output name string = account.name
output resourceId string = account.id
output endpoint string = account.properties.endpoint
output chatDeploymentName string = chatDeployment.name
output embeddingDeploymentName string = embeddingDeployment.name
