namespace MemoryFunctions.Core.Context;

/// <summary>
/// A tokenizer-free estimate: about four characters of English per token, as for the GPT-4 and GPT-4o tokenizers.
/// Budgets are therefore approximate; the estimate errs slightly high for plain prose.
/// </summary>
public static class TokenEstimator
{
    public static int Estimate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Estimate(text.Length);
    }

    /// <summary>The estimate for a text of <paramref name="characters"/> characters.</summary>
    public static int Estimate(int characters) => (characters + 3) / 4;
}
