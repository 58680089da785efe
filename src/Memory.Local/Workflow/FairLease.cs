namespace MemoryFunctions.Local.Workflow;

/// <summary>An item handed out by <see cref="FairScheduler{T}"/>, and how long it waited in the queue.</summary>
internal readonly record struct FairLease<T>(string TenantId, T Item, TimeSpan Waited);
