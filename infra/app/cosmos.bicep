// Cosmos DB for NoSQL: account (Entra ID only), database and the memory container, built from the container
// definition shared with src/Memory.Cosmos so the code and the infrastructure cannot drift apart
// (tests/Memory.Infra.Tests compares the compiled container with that file).
// API 2025-10-15: the first GA version whose indexingPolicy has fullTextIndexes next to vectorIndexes.

param name string
param location string = resourceGroup().location
param tags object = {}

@description('Serverless (pay per RU) or provisioned autoscale throughput on the container.')
param serverless bool = true

@description('Autoscale max RU/s for the container when not serverless.')
param autoscaleMaxThroughput int = 1000

@description('Vector dimensions; must match what the embedding model returns.')
param embeddingDimensions int = loadJsonContent('../../src/Memory.Cosmos/cosmos-container.json').vector.dimensions

@allowed([
  'flat'
  'quantizedFlat'
  'diskANN'
])
param vectorIndexType string = loadJsonContent('../../src/Memory.Cosmos/cosmos-container.json').vector.indexType

@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Enabled'

@description('Adds the DeleteAllItemsByPartitionKey capability (public preview) so erasing a user is one partition delete; without it the store erases document by document.')
param deleteAllItemsByPartitionKey bool = false

var containerDefinition = loadJsonContent('../../src/Memory.Cosmos/cosmos-container.json')

var serverlessCapability = [
  {
    name: 'EnableServerless'
  }
]
var featureCapabilities = [
  {
    name: 'EnableNoSQLVectorSearch'
  }
  {
    name: 'EnableNoSQLFullTextSearch'
  }
]
var deleteByPartitionKeyCapability = deleteAllItemsByPartitionKey
  ? [
      {
        name: 'DeleteAllItemsByPartitionKey'
      }
    ]
  : []

resource account 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    // Serverless can later be changed to provisioned throughput (one way only), never back.
    capabilities: concat(serverless ? serverlessCapability : [], featureCapabilities, deleteByPartitionKeyCapability)
    // Keys are off: data-plane access only through Entra ID + Cosmos DB SQL role assignments (see rbac.bicep).
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: publicNetworkAccess
    enableAutomaticFailover: false
    enableMultipleWriteLocations: false
    // Priority-based execution: a user's erase deletes at PriorityLevel.Low, so when the container is busy the account
    // throttles those deletes first and everyone else's requests (High, the default) keep their throughput. Free of charge.
    enablePriorityBasedExecution: true
    defaultPriorityLevel: 'High'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-10-15' = {
  parent: account
  name: containerDefinition.databaseName
  properties: {
    resource: {
      id: containerDefinition.databaseName
    }
  }
}

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-10-15' = {
  parent: database
  name: containerDefinition.containerName
  properties: {
    resource: {
      id: containerDefinition.containerName
      // Hierarchical partition key (tenant, user): every query is scoped to one user's logical partition.
      partitionKey: {
        paths: containerDefinition.partitionKeyPaths
        kind: 'MultiHash'
        version: 2
      }
      // -1 = TTL on, no default expiry; memories with expiresAt set a per-item ttl.
      defaultTtl: containerDefinition.defaultTtlSeconds
      vectorEmbeddingPolicy: {
        vectorEmbeddings: [
          {
            path: containerDefinition.vector.path
            dataType: containerDefinition.vector.dataType
            distanceFunction: containerDefinition.vector.distanceFunction
            dimensions: embeddingDimensions
          }
        ]
      }
      fullTextPolicy: {
        defaultLanguage: containerDefinition.fullText.language
        // The memory text, a kept turn's resolved dates and the words of the turn it answers (issue 26); each path's
        // language is the policy's defaultLanguage.
        fullTextPaths: map(containerDefinition.fullText.paths, fullTextPath => {
          path: fullTextPath
        })
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          {
            path: '/*'
          }
        ]
        // The vector path must stay out of the range index: indexing 1536 floats per item would cost RUs for nothing.
        excludedPaths: map(containerDefinition.excludedPaths, excludedPath => {
          path: excludedPath
        })
        // Listing and history pages: ORDER BY createdAt DESC, id ASC within a partition.
        // The list query orders by (createdAt DESC, id ASC), which Cosmos only serves from a composite index.
        compositeIndexes: containerDefinition.compositeIndexes
        vectorIndexes: [
          {
            path: containerDefinition.vector.path
            type: vectorIndexType
          }
        ]
        fullTextIndexes: map(containerDefinition.fullText.paths, fullTextPath => {
          path: fullTextPath
        })
      }
    }
    options: serverless
      ? {}
      : {
          autoscaleSettings: {
            maxThroughput: autoscaleMaxThroughput
          }
        }
  }
}

output name string = account.name
output resourceId string = account.id
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
output containerName string = container.name
