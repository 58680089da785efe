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

    public static string Of(UserExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return FormattableString.Invariant($"memories={export.Memories.Count} history={export.History.Count} operations={export.Operations.Count}");
    }
}
