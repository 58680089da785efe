using MemoryFunctions.Core.Services;

namespace MemoryFunctions.Core.Audit;

/// <summary>What an audit record says about a completed action: counts only, never anything the user stored.</summary>
public static class AuditDetails
{
    public static string Of(UserErasure erasure)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        return FormattableString.Invariant($"memories={erasure.MemoriesErased} operations={erasure.OperationsErased}");
    }

    /// <summary>An erase that ended in the background: its counts, the workflow instances left (where the host has any) and why it failed.</summary>
    public static string Of(UserErasure erasure, int? instancesLeft, string? failure)
    {
        var detail = Of(erasure);
        detail += instancesLeft is { } left ? FormattableString.Invariant($" instancesLeft={left}") : string.Empty;
        return failure is null ? detail : $"{failure} {detail}";
    }

    public static string Of(UserExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return FormattableString.Invariant($"memories={export.Memories.Count} history={export.History.Count} operations={export.Operations.Count}");
    }
}
