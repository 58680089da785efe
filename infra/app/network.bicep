// vnetEnabled=true: the VNet and one private endpoint (with its private DNS zone) per data-plane endpoint the app
// uses: storage blob, queue and table (host storage and the Durable Functions task hub) and Cosmos DB.

param vnetName string
param location string = resourceGroup().location
param tags object = {}
param storageAccountId string
param cosmosAccountId string

var targets = [
  {
    name: 'blob'
    resourceId: storageAccountId
    groupId: 'blob'
    zone: 'privatelink.blob.${environment().suffixes.storage}'
  }
  {
    name: 'queue'
    resourceId: storageAccountId
    groupId: 'queue'
    zone: 'privatelink.queue.${environment().suffixes.storage}'
  }
  {
    name: 'table'
    resourceId: storageAccountId
    groupId: 'table'
    zone: 'privatelink.table.${environment().suffixes.storage}'
  }
  {
    name: 'cosmos'
    resourceId: cosmosAccountId
    groupId: 'Sql'
    zone: 'privatelink.documents.azure.com'
  }
]

module vnet 'vnet.bicep' = {
  name: 'vnet'
  params: {
    name: vnetName
    location: location
    tags: tags
  }
}

module privateEndpoints 'private-endpoint.bicep' = [
  for target in targets: {
    name: 'pe-${target.name}'
    params: {
      name: 'pe-${target.name}-${uniqueString(target.resourceId)}'
      location: location
      tags: tags
      virtualNetworkId: vnet.outputs.id
      subnetId: vnet.outputs.privateEndpointSubnetId
      targetResourceId: target.resourceId
      groupId: target.groupId
      dnsZoneName: target.zone
    }
  }
]

output appSubnetId string = vnet.outputs.appSubnetId
