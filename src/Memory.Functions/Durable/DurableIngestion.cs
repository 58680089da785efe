using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// Makes the <see cref="IngestionService"/> of one invocation, over the <see cref="DurableTaskClient"/> that invocation
/// bound with <c>[DurableClient]</c>. The isolated worker offers the client only as a binding (built from connection
/// data the host sends with the invocation), never through DI, so each trigger that submits binds it and passes it
/// here: nothing is remembered between invocations, and no trigger depends on another having run first.
/// </summary>
public sealed class DurableIngestion(IMemoryStore store, IOperationStore operations, TimeProvider timeProvider, ILoggerFactory loggerFactory)
{
    public IngestionService For(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var starter = new DurableWorkflowStarter(client, loggerFactory.CreateLogger<DurableWorkflowStarter>());
        return new IngestionService(store, operations, starter, timeProvider, loggerFactory.CreateLogger<IngestionService>());
    }
}
