// Data-plane role assignments: the app's managed identity gets what the app needs at run time; the deploying
// principal (optional) gets the same data access for local debugging plus EventGrid Data Sender to publish
// test events. Role names → ids: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles

param storageAccountName string
param appInsightsName string
param cosmosAccountName string
param openAiAccountName string
param eventGridTopicName string

@description('Principal id of the Function app\'s user-assigned identity.')
param appPrincipalId string

@description('Principal id of the deploying user or CI principal; empty = no user assignments.')
param userPrincipalId string = ''

@description('Kind of the deploying principal; the preprovision hook detects it (a CI service principal is not a User).')
param userPrincipalType 'User' | 'ServicePrincipal' | 'Group'

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  cognitiveServicesOpenAIUser: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
  eventGridDataSender: 'd5a91429-5739-47e2-a06b-3470a27159e7'
}

// Cosmos DB data-plane roles are not Azure RBAC roles: they live under the account (sqlRoleDefinitions).
var cosmosBuiltInDataContributor = '00000000-0000-0000-0000-000000000002'

var hasUser = !empty(userPrincipalId)

// Host storage: blobs (deployment package, leases), queues and tables (Durable Functions task hub).
var storageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' existing = {
  name: cosmosAccountName
}

resource openAiAccount 'Microsoft.CognitiveServices/accounts@2025-06-01' existing = {
  name: openAiAccountName
}

resource eventGridTopic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: eventGridTopicName
}

// ---- app identity ----

resource appStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    name: guid(storageAccount.id, appPrincipalId, roleId)
    scope: storageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appMonitoring 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appPrincipalId, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appOpenAi 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(openAiAccount.id, appPrincipalId, roles.cognitiveServicesOpenAIUser)
  scope: openAiAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.cognitiveServicesOpenAIUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appCosmos 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-10-15' = {
  parent: cosmosAccount
  name: guid(cosmosAccount.id, appPrincipalId, cosmosBuiltInDataContributor)
  properties: {
    roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/${cosmosBuiltInDataContributor}'
    principalId: appPrincipalId
    scope: cosmosAccount.id
  }
}

// ---- deploying user / CI principal ----

resource userStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: if (hasUser) {
    name: guid(storageAccount.id, userPrincipalId, roleId)
    scope: storageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: userPrincipalId
      principalType: userPrincipalType
    }
  }
]

resource userMonitoring 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasUser) {
  name: guid(applicationInsights.id, userPrincipalId, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

resource userOpenAi 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasUser) {
  name: guid(openAiAccount.id, userPrincipalId, roles.cognitiveServicesOpenAIUser)
  scope: openAiAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.cognitiveServicesOpenAIUser)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

resource userEventGrid 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasUser) {
  name: guid(eventGridTopic.id, userPrincipalId, roles.eventGridDataSender)
  scope: eventGridTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventGridDataSender)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

resource userCosmos 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-10-15' = if (hasUser) {
  parent: cosmosAccount
  name: guid(cosmosAccount.id, userPrincipalId, cosmosBuiltInDataContributor)
  properties: {
    roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/${cosmosBuiltInDataContributor}'
    principalId: userPrincipalId
    scope: cosmosAccount.id
  }
  // The Cosmos DB resource provider rejects concurrent role-assignment writes on one account.
  dependsOn: [
    appCosmos
  ]
}
