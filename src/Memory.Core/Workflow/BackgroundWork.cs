namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// Marks the current async flow as background work done for an owner (a tenant's ingestion), so that shared resources
/// can serve foreground requests first and share what is left fairly between owners. The embedder honours it
/// (MiniLM's inference queue: a search's query goes before any ingestion text, and ingestion inferences leave one
/// inference slot free). Unmarked work is foreground. Ambient (an <see cref="AsyncLocal{T}"/>) because the mark must reach
/// the embedder through <c>IEmbeddingGenerator</c>, whose signature cannot carry it.
/// </summary>
public static class BackgroundWork
{
    /// <summary>The owner of background work whose runner did not name one (a Durable activity: its tenant is in its input, not known here).</summary>
    public const string UnnamedOwner = "workflow";

    private static readonly AsyncLocal<string?> Owner = new();

    /// <summary>The owner of the background work this flow is doing, or null for foreground work (a request being answered).</summary>
    public static string? CurrentOwner => Owner.Value;

    /// <summary>Marks this flow, until the returned scope is disposed, as background work for <paramref name="owner"/>.</summary>
    public static IDisposable For(string owner)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var scope = new Scope(Owner.Value);
        Owner.Value = owner;
        return scope;
    }

    /// <summary>Restores the mark that was in force before <see cref="For"/>.</summary>
    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => Owner.Value = previous;
    }
}
