using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Local.Indexing;

/// <summary>
/// Keeps one instance of the strings a partition's records and history events repeat: every record names the same
/// tenant and user, records of a session share its id, and a history event repeats its memory's id, text and operation.
/// Records decoded from the files (or from a request) each bring their own copies, which would otherwise all stay
/// resident and be copied by every collection while a large store loads. Values are only ever swapped for equal ones.
/// Not thread-safe: <see cref="PartitionIndex"/> calls it under its write lock.
/// </summary>
internal sealed class SharedStrings
{
    private string? _tenant;
    private string? _user;
    private string? _agent;
    private string? _session;
    private string? _actor;

    /// <summary>The record with its repeated strings swapped for the partition's instances, and its vector as <paramref name="embedding"/>.</summary>
    public MemoryRecord Share(MemoryRecord memory, float[] embedding)
    {
        var (tenant, user) = (Keep(ref _tenant, memory.TenantId)!, Keep(ref _user, memory.UserId)!);
        var (agent, session) = (Keep(ref _agent, memory.AgentId), Keep(ref _session, memory.SessionId));
        return ReferenceEquals(tenant, memory.TenantId) && ReferenceEquals(user, memory.UserId) && ReferenceEquals(agent, memory.AgentId)
            && ReferenceEquals(session, memory.SessionId) && ReferenceEquals(embedding, memory.Embedding)
            ? memory
            : memory with { TenantId = tenant, UserId = user, AgentId = agent, SessionId = session, Embedding = embedding };
    }

    /// <summary>The event with the strings it repeats from <paramref name="memory"/> (null: not held) and the partition swapped.</summary>
    public HistoryEvent Share(HistoryEvent history, MemoryRecord? memory)
    {
        var memoryId = Same(history.MemoryId, memory?.Id)!;
        var before = Same(history.Before, memory?.Text);
        var after = Same(history.After, memory?.Text);
        var operation = Same(history.OperationId, memory?.Provenance.OperationId);
        var (tenant, user, actor) = (Keep(ref _tenant, history.TenantId)!, Keep(ref _user, history.UserId)!, Keep(ref _actor, history.Actor)!);
        return ReferenceEquals(memoryId, history.MemoryId) && ReferenceEquals(before, history.Before) && ReferenceEquals(after, history.After)
            && ReferenceEquals(operation, history.OperationId) && ReferenceEquals(tenant, history.TenantId) && ReferenceEquals(user, history.UserId)
            && ReferenceEquals(actor, history.Actor)
            ? history
            : history with { MemoryId = memoryId, Before = before, After = after, OperationId = operation, TenantId = tenant, UserId = user, Actor = actor };
    }

    /// <summary><paramref name="known"/> when it equals <paramref name="value"/>; else <paramref name="value"/>.</summary>
    private static string? Same(string? value, string? known) =>
        value is not null && known is not null && string.Equals(value, known, StringComparison.Ordinal) ? known : value;

    /// <summary>The kept instance when <paramref name="value"/> equals it; else <paramref name="value"/>, kept from now on.</summary>
    private static string? Keep(ref string? kept, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (kept is not null && string.Equals(kept, value, StringComparison.Ordinal))
        {
            return kept;
        }

        kept = value;
        return value;
    }
}
