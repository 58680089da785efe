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
        OperationId(partition, epoch, Hash(string.Create(CultureInfo.InvariantCulture, $"{partition.TenantId}\n{partition.UserId}\n{epoch}\n{idempotencyKey}"))[..32]);

    /// <summary>A new operation id for a request without an idempotency key; <paramref name="unique"/> makes it unique.</summary>
    public static string NewOperation(MemoryPartition partition, long epoch, Guid unique) => OperationId(partition, epoch, unique.ToString("N"));

    /// <summary>The one erase operation that deletes what was written before <paramref name="epoch"/> (the epoch the erase moved the partition to).</summary>
    public static string ForErase(MemoryPartition partition, long epoch) => OperationId(partition, epoch, EraseSuffix);

    /// <summary>
    /// What every operation id of the user starts with, and so every Durable instance id (an instance id is its
    /// operation's id): the task hub can be searched by user (<c>OrchestrationQuery.InstanceIdPrefix</c>) without
    /// naming the user. A hash of tenant and user: it does not reveal them, though a guessed user id can be checked.
    /// </summary>
    public static string OperationPrefix(MemoryPartition partition) =>
        "op_" + Hash($"{partition.TenantId}\n{partition.UserId}")[..24] + "_";

    /// <summary>
    /// Reads an id made by <see cref="ForOperation"/>, <see cref="NewOperation"/> or <see cref="ForErase"/> under
    /// <paramref name="prefix"/>: the epoch the operation began in and whether it is an erase. False for any other id
    /// (another user's, or one made before ids carried the user).
    /// </summary>
    public static bool TryReadOperationId(string id, string prefix, out long epoch, out bool erase)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(prefix);
        (epoch, erase) = (0, false);
        var end = id.StartsWith(prefix, StringComparison.Ordinal) ? id.IndexOf('_', prefix.Length) : -1;
        if (end < 0)
        {
            return false;
        }

        erase = id.AsSpan(end + 1).SequenceEqual(EraseSuffix);
        return long.TryParse(id.AsSpan(prefix.Length, end - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out epoch);
    }

    private const string EraseSuffix = "erase";

    private static string OperationId(MemoryPartition partition, long epoch, string suffix) =>
        string.Create(CultureInfo.InvariantCulture, $"{OperationPrefix(partition)}{epoch}_{suffix}");

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
