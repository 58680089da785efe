using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MemoryFunctions.Core.Domain;

/// <summary>
/// Deterministic identifiers. A memory's id derives from its partition, agent scope and normalised content, so the
/// same statement stored twice (or written again by a retried workflow step) lands on the same document.
/// </summary>
public static class MemoryIds
{
    public static string ContentHash(string text) => Hash(Normalize(text));

    public static string ForMemory(MemoryPartition partition, string? agentId, string text) =>
        "mem_" + Hash($"{partition.TenantId}\n{partition.UserId}\n{agentId}\n{Normalize(text)}")[..32];

    /// <summary>The one profile memory of a user (kind <see cref="MemoryKind.Profile"/>), rewritten as facts are learned.</summary>
    public static string ForProfile(MemoryPartition partition) =>
        "prf_" + Hash($"{partition.TenantId}\n{partition.UserId}")[..32];

    /// <summary>The rolling summary memory of one session (kind <see cref="MemoryKind.Summary"/>).</summary>
    public static string ForSessionSummary(MemoryPartition partition, string sessionId) =>
        "sum_" + Hash($"{partition.TenantId}\n{partition.UserId}\n{sessionId}")[..32];

    /// <summary>
    /// A kept conversation turn (kind <see cref="MemoryKind.Turn"/>): the same message posted again (same id, time and
    /// text) lands on the same document, while the defaulted ids of two different posts ("msg-0") never collide.
    /// </summary>
    public static string ForTurn(MemoryPartition partition, string? agentId, string? sessionId, string messageId, DateTimeOffset timestamp, string content) =>
        "trn_" + Hash($"{partition.TenantId}\n{partition.UserId}\n{agentId}\n{sessionId}\n{messageId}\n{timestamp.UtcTicks}\n{Normalize(content)}")[..32];

    /// <summary>
    /// An operation id that is stable for one idempotency key of one user within one partition epoch, so a repeated request
    /// finds the first operation, while the same key after an erase (a new epoch) starts a new one: keys go with the user.
    /// </summary>
    public static string ForOperation(MemoryPartition partition, long epoch, string idempotencyKey) =>
        "op_" + Hash(string.Create(CultureInfo.InvariantCulture, $"{partition.TenantId}\n{partition.UserId}\n{epoch}\n{idempotencyKey}"))[..32];

    /// <summary>Case, punctuation at the ends and runs of white space do not make a statement new.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.Trim().TrimEnd('.', '!', ';'))
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
