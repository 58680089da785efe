using Microsoft.DurableTask.Client;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// The isolated worker hands out <see cref="DurableTaskClient"/> only as a <c>[DurableClient]</c> binding (built from
/// connection data the host sends with each invocation), never through DI. Functions that may start ingestion bind
/// it and park it here, so the singleton <see cref="DurableWorkflowStarter"/> behind <c>IngestionService</c> can use
/// it. The binding data (task hub, gRPC endpoint) is the same for every invocation of one host process, and the
/// extension itself caches clients per endpoint, so keeping the latest one is safe.
/// </summary>
public sealed class DurableClientHolder
{
    private DurableTaskClient? _client;

    public DurableTaskClient Client =>
        Volatile.Read(ref _client)
        ?? throw new InvalidOperationException(
            "No Durable Task client yet: a function that submits ingestion must bind [DurableClient] and call DurableClientHolder.Use first.");

    public void Use(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        Volatile.Write(ref _client, client);
    }
}
