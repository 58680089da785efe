namespace MemoryFunctions.Core.Operations;

/// <summary>Model tokens spent (zero with the local, model-free implementations).</summary>
public sealed record TokenUsage(long InputTokens, long OutputTokens)
{
    public static TokenUsage None { get; } = new(0, 0);

    public long TotalTokens => InputTokens + OutputTokens;

    public static TokenUsage operator +(TokenUsage left, TokenUsage right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.InputTokens + right.InputTokens, left.OutputTokens + right.OutputTokens);
    }

    public static TokenUsage Add(TokenUsage left, TokenUsage right) => left + right;
}
