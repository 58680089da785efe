namespace MemoryFunctions.Core.Context;

/// <summary>
/// Tokens left in a context block; remembers whether anything was refused, so the block can say it was truncated.
/// A section may be capped to a share of the budget while it fills (<see cref="Cap"/>).
/// </summary>
internal sealed class ContextBudget(int maxTokens, int fixedCost)
{
    private int _used = fixedCost;
    private int? _capEnd;

    public bool Refused { get; private set; }

    public bool TryTake(int tokens)
    {
        if (_used + tokens > maxTokens || (_capEnd is { } end && _used + tokens > end))
        {
            Refused = true;
            return false;
        }

        _used += tokens;
        return true;
    }

    /// <summary>Until disposed, at most <paramref name="tokens"/> more may be taken.</summary>
    public IDisposable Cap(int tokens)
    {
        _capEnd = _used + tokens;
        return new CapScope(this);
    }

    private sealed class CapScope(ContextBudget budget) : IDisposable
    {
        public void Dispose() => budget._capEnd = null;
    }
}
