using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Services;

/// <summary>
/// The accepted operation, and whether this call created it (false: an idempotent repeat found the first one).
/// <paramref name="KeyReused"/>: the idempotency key belongs to <paramref name="Operation"/>, submitted with a different
/// request; nothing was started, and the caller is told so (HTTP 422) instead of getting the first operation's answer.
/// </summary>
public sealed record IngestionSubmission(MemoryOperation Operation, bool Created, bool KeyReused = false);
