namespace MemoryFunctions.Core.Erasure;

/// <summary>When <see cref="UserErasureService"/> hands the rest of an erase to a background workflow.</summary>
public enum ErasureMode
{
    /// <summary>Only when the store has documents left to delete (Cosmos DB); an embedded-store erase answers at once.</summary>
    WhenStoreNeedsIt,

    /// <summary>
    /// Always: the host has its own copies to remove after the store's (the Functions app purges the user's Durable
    /// instances, which outlive the store's erase and take longer than a request should wait).
    /// </summary>
    Always,
}
