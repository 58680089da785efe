using MemoryFunctions.Core.Context;

namespace MemoryFunctions.Testing.Fakes;

/// <summary>Four characters a token (<see cref="TokenEstimator"/>): for tests about budgets, not about a tokenizer.</summary>
public sealed class ApproximateTokenCounter : ITokenCounter
{
    public static readonly ApproximateTokenCounter Instance = new();

    public int CountTokens(string text) => TokenEstimator.Estimate(text);
}
