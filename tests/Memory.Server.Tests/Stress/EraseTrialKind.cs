namespace MemoryFunctions.Server.Tests.Stress;

/// <summary>What a random-moment erase trial has in flight when the erase comes.</summary>
public enum EraseTrialKind
{
    /// <summary>One conversation of 50 user turns.</summary>
    LongConversation,

    /// <summary>
    /// One conversation of 50 user turns, erased only once the workflow has stored its turns (progress 2 of 7): the
    /// random delay then falls among the fact writes, which a loaded machine's extraction pushes past 0.35 s otherwise.
    /// </summary>
    LongConversationWhileWriting,

    /// <summary>30 operations of the user queued at once.</summary>
    QueuedOperations,

    /// <summary>A long conversation with an Idempotency-Key, then the same key with a short body after the erase.</summary>
    KeyRetriedAfterErase,
}
