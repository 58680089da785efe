using System.Text.Json.Nodes;

namespace MemoryFunctions.Infra.Tests;

/// <summary>
/// The Cosmos DB account and container in the compiled template: the search capabilities the store needs, and a
/// container whose every policy equals src/Memory.Cosmos/cosmos-container.json, the definition the code reads too.
/// </summary>
public sealed class CosmosTemplateTests
{
    [SkippableFact]
    public void Account_EnablesVectorAndFullTextSearch_AndDeleteByPartitionKeyOnlyWhenAsked()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var cosmos = CompiledInfra.Template.Module("cosmos");
        var account = cosmos.Template.OnlyOne("Microsoft.DocumentDB/databaseAccounts");

        Assert.Equal(
            "[concat(if(parameters('serverless'), variables('serverlessCapability'), createArray()), variables('featureCapabilities'), variables('deleteByPartitionKeyCapability'))]",
            account.Properties["capabilities"]?.ToString());
        Assert.Equal(["EnableNoSQLVectorSearch", "EnableNoSQLFullTextSearch"], CapabilityNames(cosmos.Template.Variables["featureCapabilities"]));
        Assert.Equal(["EnableServerless"], CapabilityNames(cosmos.Template.Variables["serverlessCapability"]));
        Assert.Equal(
            "[if(parameters('deleteAllItemsByPartitionKey'), createArray(createObject('name', 'DeleteAllItemsByPartitionKey')), createArray())]",
            cosmos.Template.Variables["deleteByPartitionKeyCapability"]?.ToString());
        // Delete-by-partition-key is a public preview: off unless cosmosDeleteByPartitionKey=true (docs/deploy.md).
        Assert.Equal(Expressions.Parameter("cosmosDeleteByPartitionKey"), cosmos.Passed("deleteAllItemsByPartitionKey")?.ToString());
        Assert.False(CompiledInfra.Template.Parameters["cosmosDeleteByPartitionKey"]?["defaultValue"]?.GetValue<bool>());
        Assert.True(CompiledInfra.Template.Parameters["cosmosServerless"]?["defaultValue"]?.GetValue<bool>());
    }

    [SkippableFact]
    public void Account_EnablesPriorityBasedExecution_SoAnErasesLowPriorityDeletesYieldToEveryoneElse()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var account = CompiledInfra.Template.Module("cosmos").Template.OnlyOne("Microsoft.DocumentDB/databaseAccounts");

        // Without it the service ignores x-ms-cosmos-priority-level, and an erase's deletes compete with user requests.
        Assert.True(account.Properties["enablePriorityBasedExecution"]?.GetValue<bool>());
        Assert.Equal("High", account.Properties["defaultPriorityLevel"]?.GetValue<string>());
    }

    [SkippableFact]
    public void Container_EqualsTheSharedDefinition()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var definition = JsonNode.Parse(File.ReadAllText(RepoPaths.ContainerDefinition))!;
        var container = CompiledInfra.Template.OnlyOne("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers");

        var deployed = container.Template.Evaluate(container.Properties["resource"]);

        var expected = new JsonObject
        {
            ["id"] = definition["containerName"]!.DeepClone(),
            ["partitionKey"] = new JsonObject { ["paths"] = definition["partitionKeyPaths"]!.DeepClone(), ["kind"] = "MultiHash", ["version"] = 2 },
            ["defaultTtl"] = definition["defaultTtlSeconds"]!.DeepClone(),
            ["vectorEmbeddingPolicy"] = new JsonObject
            {
                ["vectorEmbeddings"] = new JsonArray(new JsonObject
                {
                    ["path"] = definition["vector"]!["path"]!.DeepClone(),
                    ["dataType"] = definition["vector"]!["dataType"]!.DeepClone(),
                    ["distanceFunction"] = definition["vector"]!["distanceFunction"]!.DeepClone(),
                    ["dimensions"] = definition["vector"]!["dimensions"]!.DeepClone(),
                }),
            },
            ["fullTextPolicy"] = new JsonObject
            {
                ["defaultLanguage"] = definition["fullText"]!["language"]!.DeepClone(),
                ["fullTextPaths"] = new JsonArray([.. definition["fullText"]!["paths"]!.AsArray().Select(path => new JsonObject { ["path"] = path!.DeepClone() })]),
            },
            ["indexingPolicy"] = new JsonObject
            {
                ["indexingMode"] = "consistent",
                ["automatic"] = true,
                ["includedPaths"] = new JsonArray(new JsonObject { ["path"] = "/*" }),
                ["excludedPaths"] = new JsonArray([.. definition["excludedPaths"]!.AsArray().Select(path => new JsonObject { ["path"] = path!.DeepClone() })]),
                ["compositeIndexes"] = definition["compositeIndexes"]!.DeepClone(),
                ["vectorIndexes"] = new JsonArray(new JsonObject
                {
                    ["path"] = definition["vector"]!["path"]!.DeepClone(),
                    ["type"] = definition["vector"]!["indexType"]!.DeepClone(),
                }),
                ["fullTextIndexes"] = new JsonArray([.. definition["fullText"]!["paths"]!.AsArray().Select(path => new JsonObject { ["path"] = path!.DeepClone() })]),
            },
        };
        Assert.True(JsonNode.DeepEquals(expected, deployed), $"Deployed container:\n{deployed}\nexpected from cosmos-container.json:\n{expected}");
    }

    [SkippableFact]
    public void Database_IsTheSharedDefinitionsDatabase()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var definition = JsonNode.Parse(File.ReadAllText(RepoPaths.ContainerDefinition))!;
        var database = CompiledInfra.Template.OnlyOne("Microsoft.DocumentDB/databaseAccounts/sqlDatabases");

        Assert.Equal(definition["databaseName"]!.ToString(), database.Template.Evaluate(database.Properties["resource"]!["id"])?.ToString());
    }

    [SkippableFact]
    public void Settings_DimensionsAndIndexType_FollowTheSameParameters()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var settings = AppSettings.App();

        Assert.Equal("[string(parameters('embeddingDimensions'))]", settings["Memory__Cosmos__EmbeddingDimensions"]);
        Assert.Equal("[string(parameters('embeddingDimensions'))]", settings["Memory__OpenAI__EmbeddingDimensions"]);
        Assert.Equal(Expressions.Parameter("cosmosVectorIndexType"), settings["Memory__Cosmos__VectorIndexType"]);
        Assert.Equal(Expressions.Parameter("embeddingDimensions"), CompiledInfra.Template.Module("cosmos").Passed("embeddingDimensions")?.ToString());
        Assert.Equal(Expressions.Parameter("cosmosVectorIndexType"), CompiledInfra.Template.Module("cosmos").Passed("vectorIndexType")?.ToString());
    }

    private static List<string> CapabilityNames(JsonNode? capabilities) =>
        [.. capabilities!.AsArray().Select(capability => capability!["name"]!.ToString())];
}
