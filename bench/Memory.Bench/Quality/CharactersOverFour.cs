using MemoryFunctions.Core.Context;

namespace MemoryFunctions.Bench.Quality;

/// <summary>Core's characters ÷ 4 estimate as a token counter, for benchmarks whose numbers do not depend on token counts.</summary>
internal sealed class CharactersOverFour : ITokenCounter
{
    public static readonly CharactersOverFour Instance = new();

    public int CountTokens(string text) => TokenEstimator.Estimate(text);
}
