using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Tests;

/// <summary>Builds memory records for tests with sensible defaults.</summary>
internal static class TestMemories
{
    public static readonly MemoryPartition Alice = new("contoso", "alice");
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static MemoryRecord Create(string text, MemoryPartition? partition = null, DateTimeOffset? at = null, Func<MemoryRecord, MemoryRecord>? adjust = null)
    {
        var owner = partition ?? Alice;
        var when = at ?? Start;
        var memory = new MemoryRecord
        {
            Id = MemoryIds.ForMemory(owner, null, text),
            TenantId = owner.TenantId,
            UserId = owner.UserId,
            Text = text,
            ContentHash = MemoryIds.ContentHash(text),
            CreatedAt = when,
            UpdatedAt = when,
            ValidFrom = when,
        };
        return adjust is null ? memory : adjust(memory);
    }
}
