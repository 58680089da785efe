using System.Text.RegularExpressions;

namespace MemoryFunctions.Core.Domain;

/// <summary>
/// The one identifier rule for tenants, users, agents, sessions and memories. Cosmos DB forbids '/', '\', '?' and '#'
/// in ids and partition keys, and a dot-free first character rules out path traversal ("..") in the file-backed store.
/// </summary>
public static partial class IdRules
{
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$";

    public const int MaxLength = 128;

    public static bool IsValid(string? id) => id is not null && IdRegex().IsMatch(id);

    /// <summary>The message for an invalid id, naming the field and the rule.</summary>
    public static string Describe(string field) =>
        $"'{field}' must be 1-{MaxLength} characters of letters, digits, '.', '_', '@' or '-', starting with a letter or digit.";

    // \z, not $: '$' also matches before a trailing newline, which would let "user\n" through.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}\\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex IdRegex();
}
