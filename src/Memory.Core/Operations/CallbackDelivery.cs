namespace MemoryFunctions.Core.Operations;

/// <summary>
/// Where a finished operation's completion callback stands, kept on the operation by a host that delivers callbacks
/// in-process (the local server), so a delivery still owed survives a restart or a crash: the attempts made so far and,
/// once it is settled (delivered, refused or given up), when. Null until the first attempt ends.
/// </summary>
public sealed record CallbackDelivery(int Attempts, DateTimeOffset? SettledAt = null)
{
    public bool IsSettled => SettledAt is not null;
}
