// The one identity the app uses for everything: deployment package, host storage, Application Insights ingestion,
// Cosmos DB and Azure OpenAI (AZURE_CLIENT_ID points DefaultAzureCredential at it).

param name string
param location string = resourceGroup().location
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output name string = identity.name
output resourceId string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
