using FsCheck.Fluent;
using MemoryFunctions.Testing.Isolation;

namespace MemoryFunctions.Local.Tests.Isolation;

/// <summary>
/// Property: whatever several tenants and users do, in any order, no read, search, context, export, history or operation
/// lookup shows one partition anything of another, and an erased partition leaves no byte of its text in the data files.
/// </summary>
public sealed class ServiceIsolationPropertyTests
{
    [Fact]
    public void RandomScripts_EmbeddedStore_NoPartitionSeesAnotherAndErasureLeavesNoBytes()
    {
        var property = Prop.ForAll(IsolationScripts.Scripts(), script =>
        {
            // Task.Run: FsCheck calls synchronously; keep the awaits off xunit's synchronisation context.
            Task.Run(async () =>
            {
                await using var harness = new ServiceIsolationHarness();
                await harness.RunAsync(script);
            }).GetAwaiter().GetResult();
        });

        FsCheck.Check.One(IsolationScripts.Config(maxTest: 40), property);
    }
}
