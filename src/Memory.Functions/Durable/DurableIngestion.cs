using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Erasure;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// Makes the <see cref="IngestionService"/> (and the <see cref="UserErasureService"/>) of one invocation, over the <see cref="DurableTaskClient"/> that invocation
/// bound with <c>[DurableClient]</c>. The isolated worker offers the client only as a binding (built from connection
/// data the host sends with the invocation), never through DI, so each trigger that submits binds it and passes it
/// here: nothing is remembered between invocations, and no trigger depends on another having run first.
/// </summary>
public sealed class DurableIngestion(IMemoryStore store, IOperationStore operations, InstanceSweep sweep, FinishedHistoryPurge historyPurge, AdminAudit audit, ConversationParticipants participants, TimeProvider timeProvider, ILoggerFactory loggerFactory)
{
    public IngestionService For(DurableTaskClient client) =>
        new(store, operations, Starter(client), timeProvider, loggerFactory.CreateLogger<IngestionService>());

    /// <summary>
    /// The erase of this invocation: always continued in the background (<see cref="ErasureMode.Always"/>), by the erase
    /// orchestration, which purges the user's instances after the store's data is gone.
    /// </summary>
    public UserErasureService ErasureFor(DurableTaskClient client) =>
        new(store, operations, Starter(client), audit, timeProvider, loggerFactory.CreateLogger<UserErasureService>(), participants, ErasureMode.Always);

    private DurableWorkflowStarter Starter(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new DurableWorkflowStarter(client, store, sweep, historyPurge, loggerFactory.CreateLogger<DurableWorkflowStarter>());
    }
}
