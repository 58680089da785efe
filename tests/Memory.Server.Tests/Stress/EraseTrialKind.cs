namespace MemoryFunctions.Server.Tests.Stress;

/// <summary>What a random-moment erase trial has in flight when the erase comes.</summary>
public enum EraseTrialKind
{
    /// <summary>One conversation of 50 user turns.</summary>
    LongConversation,

    /// <summary>30 operations of the user queued at once.</summary>
    QueuedOperations,

    /// <summary>A long conversation with an Idempotency-Key, then the same key with a short body after the erase.</summary>
    KeyRetriedAfterErase,
}
