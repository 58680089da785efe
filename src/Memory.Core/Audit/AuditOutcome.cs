namespace MemoryFunctions.Core.Audit;

/// <summary>How an audited action ended, as far as the audit log knows.</summary>
public enum AuditOutcome
{
    /// <summary>
    /// Recorded before the action ran, and not yet replaced by its outcome: the action is running, or the process stopped
    /// (or the outcome could not be written) before it was recorded. The record is never missing because of that.
    /// </summary>
    Started,

    /// <summary>The action completed.</summary>
    Succeeded,

    /// <summary>The store refused the action (full, throttled, unavailable: <c>StoreFailureException</c>); the caller may retry.</summary>
    Refused,

    /// <summary>The action failed for another reason, or the request was cancelled while it ran; its effect may be partial.</summary>
    Failed,
}
