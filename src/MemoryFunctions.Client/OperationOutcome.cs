using MemoryFunctions.Client.Models;

namespace MemoryFunctions.Client;

/// <summary>A finished operation, the decisions it made about each fact, and how the helper polled for it.</summary>
public sealed record OperationOutcome(MemoryOperation Operation, IReadOnlyList<OperationPoll> Polls)
{
    /// <summary>What ingestion did with each extracted fact (add, update, supersede, delete, noop), with memory ids.</summary>
    public IReadOnlyList<OperationDecision> Decisions => Operation.Decisions;

    public bool Succeeded => Operation.Status == "succeeded";
}
