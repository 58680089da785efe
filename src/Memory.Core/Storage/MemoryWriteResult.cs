using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Storage;

/// <summary>
/// The outcome of a write. <see cref="Memory"/> is the stored record with its new ETag when written, the existing
/// record when it already existed (or failed a precondition), and null when nothing was found.
/// </summary>
public sealed record MemoryWriteResult(WriteStatus Status, MemoryRecord? Memory)
{
    public static MemoryWriteResult NotFound { get; } = new(WriteStatus.NotFound, null);
}
