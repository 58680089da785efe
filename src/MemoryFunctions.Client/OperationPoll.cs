namespace MemoryFunctions.Client;

/// <summary>One decision of the polling helper: after poll <see cref="Attempt"/> saw <see cref="Status"/>, it waited <see cref="Delay"/> because of <see cref="Reason"/>.</summary>
public sealed record OperationPoll(int Attempt, string Status, TimeSpan Delay, OperationPollReason Reason);
