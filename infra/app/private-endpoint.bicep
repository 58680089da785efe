// One private endpoint with its private DNS zone (linked to the VNet) and the zone group that registers the
// endpoint's A record. private-endpoints are declared per target in main.bicep (storage blob/queue/table, Cosmos).

param name string
param location string = resourceGroup().location
param tags object = {}

param virtualNetworkId string
param subnetId string

@description('Resource the endpoint connects to.')
param targetResourceId string

@description('Sub-resource of the target: blob, queue, table, Sql, ...')
param groupId string

@description('Private DNS zone of that sub-resource, e.g. privatelink.blob.core.windows.net.')
param dnsZoneName string

resource dnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: dnsZoneName
  location: 'global'
  tags: tags

  resource vnetLink 'virtualNetworkLinks' = {
    name: 'link-${uniqueString(virtualNetworkId)}'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: virtualNetworkId
      }
    }
  }
}

resource endpoint 'Microsoft.Network/privateEndpoints@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: '${name}-connection'
        properties: {
          privateLinkServiceId: targetResourceId
          groupIds: [
            groupId
          ]
        }
      }
    ]
  }

  resource zoneGroup 'privateDnsZoneGroups' = {
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: replace(dnsZoneName, '.', '-')
          properties: {
            privateDnsZoneId: dnsZone.id
          }
        }
      ]
    }
  }
}
