// Event Grid custom topic that agent workflows publish conversation turns to (CloudEvents 1.0, type
// MemoryFunctions.Conversation.Turns). Publishers authenticate with Entra ID (EventGrid Data Sender role);
// access keys are disabled. The subscription to the Event Grid-triggered function is created by
// infra/hooks/postdeploy.* once the code is deployed, because it must name an existing function.

param name string
param location string = resourceGroup().location
param tags object = {}

resource topic 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

output name string = topic.name
output resourceId string = topic.id
output endpoint string = topic.properties.endpoint
