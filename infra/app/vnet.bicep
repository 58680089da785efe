// Virtual network for vnetEnabled=true: one subnet delegated to Microsoft.App/environments (Flex Consumption's
// VNet integration) and one for private endpoints (storage and Cosmos DB; Azure OpenAI and Event Grid stay on
// public endpoints with Entra auth).

param name string
param location string = resourceGroup().location
param tags object = {}

param privateEndpointSubnetName string = 'private-endpoints'
param appSubnetName string = 'app'

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.0.0.0/16'
      ]
    }
    subnets: [
      {
        name: privateEndpointSubnetName
        properties: {
          addressPrefix: '10.0.1.0/24'
          privateEndpointNetworkPolicies: 'Disabled'
          privateLinkServiceNetworkPolicies: 'Enabled'
        }
      }
      {
        name: appSubnetName
        properties: {
          addressPrefix: '10.0.2.0/24'
          privateEndpointNetworkPolicies: 'Disabled'
          privateLinkServiceNetworkPolicies: 'Enabled'
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
    ]
  }

  resource privateEndpointSubnet 'subnets' existing = {
    name: privateEndpointSubnetName
  }

  resource appSubnet 'subnets' existing = {
    name: appSubnetName
  }
}

output id string = vnet.id
output privateEndpointSubnetId string = vnet::privateEndpointSubnet.id
output appSubnetId string = vnet::appSubnet.id
