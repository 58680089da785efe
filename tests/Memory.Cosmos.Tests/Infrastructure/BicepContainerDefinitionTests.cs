using System.Text.Json;
using System.Text.RegularExpressions;

namespace MemoryFunctions.Cosmos.Tests.Infrastructure;

/// <summary>
/// One source of truth: src/Memory.Cosmos/cosmos-container.json defines the memory container for both the code and
/// the Bicep that provisions it. These tests read the Bicep as text (no Bicep compiler is needed) and fail when the
/// infrastructure stops taking its container settings from that file, or when a secret or key-based access sneaks in.
/// </summary>
public sealed class BicepContainerDefinitionTests
{
    private const string DefinitionFromAppFolder = "'../../src/Memory.Cosmos/cosmos-container.json'";
    private const string DefinitionFromInfraFolder = "'../src/Memory.Cosmos/cosmos-container.json'";

    private static readonly string RepoRoot = FindRepoRoot();
    private static readonly string InfraDirectory = Path.Combine(RepoRoot, "infra");
    private static readonly string DefinitionPath = Path.Combine(RepoRoot, "src", "Memory.Cosmos", "cosmos-container.json");

    [Fact]
    public void CosmosModule_SharedDefinition_IsLoadedWithLoadJsonContentFromTheRealFile()
    {
        var cosmos = ReadInfra("app", "cosmos.bicep");

        AssertMatches(cosmos, $"var containerDefinition = loadJsonContent({DefinitionFromAppFolder})");
        var resolved = Path.GetFullPath(Path.Combine(InfraDirectory, "app", "../../src/Memory.Cosmos/cosmos-container.json"));
        Assert.Equal(Path.GetFullPath(DefinitionPath), resolved);
        Assert.True(File.Exists(resolved), $"{resolved} does not exist.");
    }

    [Fact]
    public void CosmosModule_DatabaseAndContainerNames_ComeFromDefinition()
    {
        var cosmos = ReadInfra("app", "cosmos.bicep");

        AssertMatches(cosmos, "name: containerDefinition.databaseName");
        AssertMatches(cosmos, "id: containerDefinition.databaseName");
        AssertMatches(cosmos, "name: containerDefinition.containerName");
        AssertMatches(cosmos, "id: containerDefinition.containerName");
        AssertMatches(cosmos, "defaultTtl: containerDefinition.defaultTtlSeconds");
    }

    [Fact]
    public void CosmosModule_PartitionKey_IsHierarchicalOverDefinitionPaths()
    {
        var cosmos = ReadInfra("app", "cosmos.bicep");

        AssertMatches(cosmos, "partitionKey: { paths: containerDefinition.partitionKeyPaths kind: 'MultiHash' version: 2 }");
        Assert.Equal(["/tenantId", "/userId"], ReadDefinition().GetProperty("partitionKeyPaths").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public void CosmosModule_VectorEmbeddingPolicy_UsesDefinitionPathTypeAndDistance()
    {
        var cosmos = ReadInfra("app", "cosmos.bicep");

        AssertMatches(
            cosmos,
            "vectorEmbeddings: [ { path: containerDefinition.vector.path dataType: containerDefinition.vector.dataType " +
            "distanceFunction: containerDefinition.vector.distanceFunction dimensions: embeddingDimensions } ]");
    }

    [Fact]
    public void CosmosModule_VectorIndex_UsesDefinitionPathAndIndexTypeParameter()
    {
        var cosmos = ReadInfra("app", "cosmos.bicep");

        AssertMatches(cosmos, "vectorIndexes: [ { path: containerDefinition.vector.path type: vectorIndexType } ]");
        AssertMatches(cosmos, $"param vectorIndexType string = loadJsonContent({DefinitionFromAppFolder}).vector.indexType");
    }

    [Fact]
    public void CosmosModule_EmbeddingDimensionsParameter_DefaultsToDefinition()
    {
        var cosmos = ReadInfra("app", "cosmos.bicep");

        AssertMatches(cosmos, $"param embeddingDimensions int = loadJsonContent({DefinitionFromAppFolder}).vector.dimensions");
    }

    [Fact]
    public void MainTemplate_EmbeddingDimensionsAndIndexType_DefaultToDefinitionAndFlowToCosmosAndApp()
    {
        var main = ReadInfra("main.bicep");

        AssertMatches(main, $"param embeddingDimensions int = loadJsonContent({DefinitionFromInfraFolder}).vector.dimensions");
        AssertMatches(main, $"param cosmosVectorIndexType string = loadJsonContent({DefinitionFromInfraFolder}).vector.indexType");
        AssertMatches(main, "embeddingDimensions: embeddingDimensions");
        AssertMatches(main, "vectorIndexType: cosmosVectorIndexType");
        AssertMatches(main, "Memory__Cosmos__EmbeddingDimensions: string(embeddingDimensions)");
        AssertMatches(main, "Memory__OpenAI__EmbeddingDimensions: string(embeddingDimensions)");
        AssertMatches(main, "Memory__Cosmos__VectorIndexType: cosmosVectorIndexType");
        Assert.True(File.Exists(Path.GetFullPath(Path.Combine(InfraDirectory, "../src/Memory.Cosmos/cosmos-container.json"))));
    }

    [Fact]
    public void CosmosModule_FullTextPolicyAndIndex_UseDefinitionPathAndLanguage()
    {
        var cosmos = ReadInfra("app", "cosmos.bicep");

        AssertMatches(
            cosmos,
            "fullTextPolicy: { defaultLanguage: containerDefinition.fullText.language fullTextPaths: [ { " +
            "path: containerDefinition.fullText.path language: containerDefinition.fullText.language } ] }");
        AssertMatches(cosmos, "fullTextIndexes: [ { path: containerDefinition.fullText.path } ]");
    }

    [Fact]
    public void CosmosModule_ExcludedPaths_ComeFromDefinitionWhichExcludesTheVectorPath()
    {
        var cosmos = ReadInfra("app", "cosmos.bicep");
        var definition = ReadDefinition();

        AssertMatches(cosmos, "excludedPaths: map(containerDefinition.excludedPaths, excludedPath => { path: excludedPath })");
        var vectorPath = definition.GetProperty("vector").GetProperty("path").GetString();
        var excluded = definition.GetProperty("excludedPaths").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains($"{vectorPath}/*", excluded);
    }

    [Fact]
    public void CosmosModule_CompositeIndexes_ComeFromTheSharedDefinition()
    {
        var cosmos = ReadInfra("app", "cosmos.bicep");
        var composite = ReadDefinition().GetProperty("compositeIndexes")[0].EnumerateArray()
            .Select(index => (index.GetProperty("path").GetString(), index.GetProperty("order").GetString()))
            .ToList();

        AssertMatches(cosmos, "compositeIndexes: containerDefinition.compositeIndexes");
        Assert.Equal([("/createdAt", "descending"), ("/id", "ascending")], composite);
    }

    [Fact]
    public void CosmosModule_Capabilities_EnableVectorAndFullTextSearch()
    {
        var cosmos = ReadInfra("app", "cosmos.bicep");

        AssertMatches(cosmos, "name: 'EnableNoSQLVectorSearch'");
        AssertMatches(cosmos, "name: 'EnableNoSQLFullTextSearch'");
    }

    [Theory]
    [InlineData("app/cosmos.bicep", "disableLocalAuth: true")]
    [InlineData("app/openai.bicep", "disableLocalAuth: true")]
    [InlineData("app/eventgrid.bicep", "disableLocalAuth: true")]
    [InlineData("main.bicep", "allowSharedKeyAccess: false")]
    [InlineData("main.bicep", "disableLocalAuth: true")]
    public void Module_KeyBasedAccess_IsDisabled(string relativePath, string setting)
    {
        AssertMatches(ReadInfra(relativePath.Split('/')), setting);
    }

    [Fact]
    public void Infrastructure_NoFile_EnablesKeyBasedAccess()
    {
        foreach (var (path, text) in InfraFiles())
        {
            Assert.False(Matches(text, "disableLocalAuth: false"), $"{path} enables local (key) auth.");
            Assert.False(Matches(text, "allowSharedKeyAccess: true"), $"{path} enables storage shared keys.");
        }
    }

    [Theory]
    [InlineData("listKeys")]
    [InlineData("listConnectionStrings")]
    [InlineData("primaryKey")]
    [InlineData("AccountKey=")]
    public void Infrastructure_NoFile_ReadsOrEmbedsKeys(string forbidden)
    {
        foreach (var (path, text) in InfraFiles())
        {
            Assert.False(
                text.Contains(forbidden, StringComparison.OrdinalIgnoreCase),
                $"{path} contains '{forbidden}': the deployment must stay keyless.");
        }
    }

    [Fact]
    public void Infrastructure_NoBicepFile_HasSecureOutput()
    {
        foreach (var (path, text) in InfraFiles().Where(f => f.Path.EndsWith(".bicep", StringComparison.Ordinal)))
        {
            var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            for (var i = 0; i < lines.Count; i++)
            {
                if (!lines[i].StartsWith("@secure()", StringComparison.Ordinal))
                {
                    continue;
                }

                var next = lines.Skip(i + 1).FirstOrDefault(l => !l.StartsWith('@')) ?? string.Empty;
                Assert.False(next.StartsWith("output ", StringComparison.Ordinal), $"{path} has a secure output: {next}");
            }
        }
    }

    [Theory]
    [InlineData("Memory__Store: 'Cosmos'")]
    [InlineData("Memory__Cosmos__AccountEndpoint: cosmos.outputs.endpoint")]
    [InlineData("Memory__Cosmos__DatabaseName: cosmos.outputs.databaseName")]
    [InlineData("Memory__Cosmos__ContainerName: cosmos.outputs.containerName")]
    [InlineData("Memory__Cosmos__CreateIfNotExists: 'false'")]
    [InlineData("Memory__OpenAI__Endpoint: openAi.outputs.endpoint")]
    [InlineData("Memory__OpenAI__ChatModel: openAi.outputs.chatDeploymentName")]
    [InlineData("Memory__OpenAI__EmbeddingModel: openAi.outputs.embeddingDeploymentName")]
    [InlineData("AZURE_CLIENT_ID: apiIdentity.outputs.clientId")]
    public void MainTemplate_AppSettings_AreSetFromOutputs(string setting)
    {
        AssertMatches(ReadInfra("main.bicep"), setting);
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MemoryFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"MemoryFunctions.sln not found above {AppContext.BaseDirectory}.");
    }

    private static string ReadInfra(params string[] relativePath)
    {
        var path = Path.Combine([InfraDirectory, .. relativePath]);
        Assert.True(File.Exists(path), $"{path} does not exist.");
        return File.ReadAllText(path);
    }

    private static JsonElement ReadDefinition()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DefinitionPath));
        return document.RootElement.Clone();
    }

    private static IEnumerable<(string Path, string Text)> InfraFiles()
    {
        var files = Directory.EnumerateFiles(InfraDirectory, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        return files.Select(f => (Path.GetRelativePath(RepoRoot, f), File.ReadAllText(f)));
    }

    // Bicep is whitespace-insensitive between tokens: a space in the expected text matches any run of whitespace
    // (including line breaks), and none is also accepted around punctuation, so formatting changes don't break tests.
    private static bool Matches(string text, string expected)
    {
        var tokens = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape);
        var pattern = string.Join(@"\s*", tokens.Select(t => Regex.Replace(t, @"(\\[\[\]\(\)\{\}]|[,:=>])", @"\s*$1\s*")));
        return Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(5));
    }

    private static void AssertMatches(string text, string expected) =>
        Assert.True(Matches(text, expected), $"Expected the Bicep to contain: {expected}");
}
