namespace MemoryFunctions.Http.Callbacks;

/// <summary>One delivery attempt's <paramref name="Outcome"/>, and for a failure what went wrong (for logs; never the URL's query).</summary>
public sealed record CallbackAttempt(CallbackOutcome Outcome, string? Failure = null);
