// Event Grid custom topic that agent workflows publish conversation turns to (CloudEvents 1.0, type
// MemoryFunctions.Conversation.Turns). Publishers authenticate with Entra ID (EventGrid Data Sender role); access
// keys and SAS are disabled. The WebHook subscription to the app's POST /api/eventgrid is created by
// infra/hooks/postdeploy.*: its URL carries a function key, which exists only once the code is deployed and must
// not pass through the template (no listKeys here).

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
    minimumTlsVersionAllowed: '1.2'
  }
}

output name string = topic.name
output resourceId string = topic.id
output endpoint string = topic.properties.endpoint
