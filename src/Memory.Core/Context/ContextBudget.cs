namespace MemoryFunctions.Core.Context;

/// <summary>Tokens left in a context block; remembers whether anything was refused, so the block can say it was truncated.</summary>
internal sealed class ContextBudget(int maxTokens, int fixedCost)
{
    private int _used = fixedCost;

    public bool Refused { get; private set; }

    public bool TryTake(int tokens)
    {
        if (_used + tokens > maxTokens)
        {
            Refused = true;
            return false;
        }

        _used += tokens;
        return true;
    }
}
