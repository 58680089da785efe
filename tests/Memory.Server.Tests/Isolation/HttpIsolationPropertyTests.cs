using FsCheck.Fluent;
using MemoryFunctions.Server.Tests.Support;
using MemoryFunctions.Testing.Auth;
using MemoryFunctions.Testing.Isolation;

namespace MemoryFunctions.Server.Tests.Isolation;

/// <summary>
/// Property: random scripts of several tenants and users through every data route (memories, search, context, export,
/// history, ingestion and operation lookup, erasure) never show one partition another's data, and an erased user is gone
/// from the API and from every file of the data directory. Run open, and with each partition's own Entra token.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class HttpIsolationPropertyTests(MemoryServerFixture fixture)
{
    [Fact]
    public void RandomScripts_HttpApi_NoPartitionSeesAnotherAndErasureLeavesNoBytes()
    {
        using var client = fixture.CreateClient();
        var property = Prop.ForAll(IsolationScripts.Scripts(maxLength: 30), script =>
            Task.Run(() => new HttpIsolationHarness(client, fixture.DataDirectory).RunAsync(script)).GetAwaiter().GetResult());

        FsCheck.Check.One(IsolationScripts.Config(maxTest: 15), property);
    }

    /// <summary>
    /// The same property with every partition calling with its own delegated Entra token (signed by a key made here), and
    /// each request repeated with the next partition's token, which must get 403 and none of the partition's data.
    /// </summary>
    [Fact]
    public void RandomScripts_EachPartitionWithItsOwnEntraToken_NoneSeesOrReachesAnother()
    {
        using var issuer = new TestTokenIssuer();
        using var factory = fixture.CreateFactory([], issuer);
        using var client = factory.CreateClient();
        var property = Prop.ForAll(IsolationScripts.Scripts(maxLength: 30), script =>
            Task.Run(() => new HttpIsolationHarness(client, fixture.DataDirectory, issuer).RunAsync(script)).GetAwaiter().GetResult());

        FsCheck.Check.One(IsolationScripts.Config(maxTest: 10), property);
    }
}
