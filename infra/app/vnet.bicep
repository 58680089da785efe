// Virtual network for vnetEnabled=true: one subnet delegated to Flex Consumption's VNet integration and one for
// private endpoints (storage and Cosmos DB; Azure OpenAI and Event Grid stay on public endpoints with Entra auth).

param name string
param location string = resourceGroup().location
param tags object = {}

param privateEndpointSubnetName string = 'private-endpoints'
param appSubnetName string = 'app'

module virtualNetwork 'br/public:avm/res/network/virtual-network:0.6.1' = {
  name: 'vnet-deployment'
  params: {
    name: name
    location: location
    tags: tags
    addressPrefixes: [
      '10.0.0.0/16'
    ]
    subnets: [
      {
        name: privateEndpointSubnetName
        addressPrefix: '10.0.1.0/24'
        privateEndpointNetworkPolicies: 'Disabled'
        privateLinkServiceNetworkPolicies: 'Enabled'
      }
      {
        name: appSubnetName
        addressPrefix: '10.0.2.0/24'
        privateEndpointNetworkPolicies: 'Disabled'
        privateLinkServiceNetworkPolicies: 'Enabled'
        // Flex Consumption integrates through a subnet delegated to Microsoft.App/environments.
        delegation: 'Microsoft.App/environments'
      }
    ]
  }
}

output privateEndpointSubnetName string = privateEndpointSubnetName
output appSubnetId string = '${virtualNetwork.outputs.resourceId}/subnets/${appSubnetName}'
