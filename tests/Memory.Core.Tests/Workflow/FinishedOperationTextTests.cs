using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MemoryFunctions.Testing;

namespace MemoryFunctions.Core.Tests.Workflow;

/// <summary>
/// Issue 25, symptom 3: a finished operation's record keeps no copy of its turns' text unless configured, including the
/// fact of a NOOP that names no memory (a rejected or undecided fact: nothing else holds it).
/// </summary>
public sealed class FinishedOperationTextTests
{
    private static readonly MemoryPartition Partition = new("t", "ann");

    private static readonly AppliedDecision[] Decisions =
    [
        new(MemoryAction.Add, "Ann lives in Oslo", "m1", null, null),
        new(MemoryAction.Noop, "Ann lives in Oslo", "m1", null, "exact repeat"),
        new(MemoryAction.Noop, "Ann's PIN is 4711", null, null, "no decision for this fact"),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FinishAsync_NoopNamingNoMemory_LosesItsFactUnlessFinishedRequestsAreKept(bool keepFinishedRequests)
    {
        var store = new InMemoryMemoryStore();
        var writer = new ActiveOperationWriter(store.Operations, Options.Create(new IngestionOptions { KeepFinishedRequests = keepFinishedRequests }), new FakeTimeProvider(), NullLogger<ActiveOperationWriter>.Instance);
        var request = new IngestionRequest([new ConversationMessage("m0", MessageRole.User, "I live in Oslo; my PIN is 4711.", DateTimeOffset.UnixEpoch)]);
        await store.Operations.CreateAsync(new MemoryOperation { Id = "op-1", TenantId = Partition.TenantId, UserId = Partition.UserId, Request = request });

        await writer.FinishAsync(Partition, "op-1", "complete", operation => operation with { Status = OperationStatus.Succeeded, Decisions = Decisions }, CancellationToken.None);

        var finished = (await store.Operations.GetAsync(Partition, "op-1"))!;
        Assert.Equal(keepFinishedRequests ? Decisions : [Decisions[0], Decisions[1], Decisions[2] with { Fact = string.Empty }], finished.Decisions);
        Assert.Equal(keepFinishedRequests ? 1 : 0, finished.Request.Messages.Count);
        Assert.Equal("no decision for this fact", finished.Decisions[2].Reason);
    }
}
