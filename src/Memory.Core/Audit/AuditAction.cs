namespace MemoryFunctions.Core.Audit;

/// <summary>An administrative action that reaches a whole user and is therefore audited.</summary>
public enum AuditAction
{
    /// <summary>Everything stored about the user was read out (data portability).</summary>
    ExportUser,

    /// <summary>Everything stored about the user was erased (right to be forgotten).</summary>
    EraseUser,
}
