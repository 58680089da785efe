namespace MemoryFunctions.Server.Tests.Support;

/// <summary>One server for all end-to-end tests: starting a host per class would cost seconds each on the shared build machine.</summary>
[CollectionDefinition(Name)]
public sealed class MemoryServerDefinition : ICollectionFixture<MemoryServerFixture>
{
    public const string Name = "memory server";
}
