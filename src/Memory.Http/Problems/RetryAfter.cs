namespace MemoryFunctions.Http.Problems;

/// <summary>
/// The one rule for telling a caller when to come back: <c>Retry-After</c> takes whole seconds (RFC 9110 §10.2.3), so a
/// wait is rounded up, and never 0, which would invite an immediate retry of what was just refused.
/// </summary>
public static class RetryAfter
{
    public static int WholeSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}
