namespace MemoryFunctions.Functions.Durable;

/// <summary>Whether to deliver a completion callback (<paramref name="Send"/>) and the retry schedule, as <c>Memory:Callbacks</c> said when the operation ended.</summary>
public sealed record CallbackPlan(bool Send, int MaxAttempts, TimeSpan FirstRetryDelay)
{
    public static CallbackPlan None { get; } = new(false, 0, TimeSpan.Zero);
}
