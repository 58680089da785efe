namespace MemoryFunctions.Testing.Server;

/// <summary>
/// Unique, mutually unrelated content for crash runs. A fact is "I like {two random words}." and the rule-based
/// extractor stores it as "Likes {words}": random letters share almost no words or n-grams, so the local reconciler
/// sees no neighbour (similarity well below its thresholds) and every fact must end as exactly one memory.
/// </summary>
public static class CrashFacts
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";

    /// <summary>Two random six-letter words.</summary>
    public static string Token(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Word(random) + " " + Word(random);
    }

    /// <summary>The user turn that states the fact.</summary>
    public static string Message(string token) => $"I like {token}.";

    /// <summary>The memory text the fact must end up as.</summary>
    public static string Statement(string token) => $"Likes {token}";

    /// <summary>A direct memory's text, unique per run, writer and sequence number.</summary>
    public static string Note(string runId, int writer, int sequence, string token) =>
        FormattableString.Invariant($"Crash note {runId}-{writer}-{sequence:D6} about {token}");

    private static string Word(Random random) => string.Create(6, random, static (span, rng) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Letters[rng.Next(Letters.Length)];
        }
    });
}
