// Private endpoints + private DNS zones for the data the app holds: storage (blob, queue, table — host storage
// and the Durable Functions task hub) and Cosmos DB. Only deployed when vnetEnabled=true.

param location string = resourceGroup().location
param tags object = {}
param virtualNetworkName string
param subnetName string
param storageAccountName string
param cosmosAccountName string

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: virtualNetworkName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' existing = {
  name: cosmosAccountName
}

var endpoints = [
  {
    name: 'blob'
    resourceId: storageAccount.id
    groupId: 'blob'
    zone: 'privatelink.blob.${environment().suffixes.storage}'
  }
  {
    name: 'queue'
    resourceId: storageAccount.id
    groupId: 'queue'
    zone: 'privatelink.queue.${environment().suffixes.storage}'
  }
  {
    name: 'table'
    resourceId: storageAccount.id
    groupId: 'table'
    zone: 'privatelink.table.${environment().suffixes.storage}'
  }
  {
    name: 'cosmos'
    resourceId: cosmosAccount.id
    groupId: 'Sql'
    zone: 'privatelink.documents.azure.com'
  }
]

module dnsZones 'br/public:avm/res/network/private-dns-zone:0.7.1' = [
  for endpoint in endpoints: {
    name: '${endpoint.name}-private-dns-zone'
    params: {
      name: endpoint.zone
      location: 'global'
      tags: tags
      virtualNetworkLinks: [
        {
          name: '${endpoint.name}-link-${take(uniqueString(vnet.id), 6)}'
          virtualNetworkResourceId: vnet.id
          registrationEnabled: false
          location: 'global'
          tags: tags
        }
      ]
    }
  }
]

module privateEndpoints 'br/public:avm/res/network/private-endpoint:0.11.0' = [
  for (endpoint, i) in endpoints: {
    name: '${endpoint.name}-private-endpoint'
    params: {
      name: 'pe-${endpoint.name}-${take(uniqueString(endpoint.resourceId), 6)}'
      location: location
      tags: tags
      subnetResourceId: '${vnet.id}/subnets/${subnetName}'
      privateLinkServiceConnections: [
        {
          name: '${endpoint.name}-connection'
          properties: {
            privateLinkServiceId: endpoint.resourceId
            groupIds: [
              endpoint.groupId
            ]
          }
        }
      ]
      privateDnsZoneGroup: {
        name: '${endpoint.name}-dns-zone-group'
        privateDnsZoneGroupConfigs: [
          {
            name: '${endpoint.name}-a-record'
            privateDnsZoneResourceId: dnsZones[i].outputs.resourceId
          }
        ]
      }
    }
  }
]
