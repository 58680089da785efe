using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Http.Quotas;

/// <summary>
/// One tenant's admissions on this instance: a gate so its checks take turns, and the writes it admitted that the store's
/// count may not hold yet: running ones (admitted, not yet known to have written), and committed ones (written) with the
/// time they were committed (a reused count taken before that time does not hold them). A write that fails is released:
/// it leaves at once and is never counted again.
/// </summary>
internal sealed class AdmissionLedger(string tenantId, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private readonly List<Reservation> _running = [];
    private readonly List<(Reservation Write, DateTimeOffset CommittedAt, long Sequence)> _committed = [];
    private long _commits;

    public string TenantId { get; } = tenantId;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Admissions entered and not yet left (a check under way or a reservation held): the ledger is in use.</summary>
    public int Holders { get; set; }

    public bool HasCommitted
    {
        get
        {
            lock (_lock)
            {
                return _committed.Count > 0;
            }
        }
    }

    /// <summary>How many reservations have been committed so far: read before a count, it tells which commits the count may have missed.</summary>
    public long CommitsSoFar
    {
        get
        {
            lock (_lock)
            {
                return _commits;
            }
        }
    }

    /// <summary>
    /// The store's <paramref name="usage"/> plus what it may not hold yet: <see cref="PendingUsage.Committed"/> adds the
    /// writes that succeeded, <see cref="PendingUsage.WithRunning"/> those still running too. Committed writes are forgotten
    /// once a count taken after them has been seen: for a reused count, by its time; for a store that counts exactly at the
    /// call, when they were committed before the count began (<paramref name="commitsBeforeCount"/>, <see cref="CommitsSoFar"/>
    /// read then). A write committed while the count ran may or may not be in it, so it is kept: counted twice at worst,
    /// never missed.
    /// </summary>
    public PendingUsage WithPending(TenantUsage usage, string userId, long commitsBeforeCount)
    {
        lock (_lock)
        {
            var counted = _committed.Where(entry => usage.CountedAt is { } countedAt ? entry.CommittedAt < countedAt : entry.Sequence <= commitsBeforeCount).ToList();
            _committed.RemoveAll(counted.Contains);
            var committed = _committed.Select(entry => entry.Write).ToList();

            // A user some counted write added is in the store's count now: later writes admitted as its first are not new.
            var countedUsers = counted.Select(entry => entry.Write.NewUser).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var write in committed.Concat(_running).Where(write => write.NewUser is { } user && countedUsers.Contains(user)))
            {
                write.NewUser = null;
            }

            return new PendingUsage(Add(usage, committed, userId), Add(usage, [.. committed, .. _running], userId));
        }
    }

    /// <summary>
    /// Counts <paramref name="count"/> of <paramref name="write"/> (adding user <paramref name="newUser"/>, if any) as running
    /// until they are committed or released.
    /// </summary>
    public Reservation Reserve(AdmittedWrite write, int count, string? newUser, Action left)
    {
        var reservation = new Reservation(this, write, count, newUser, left);
        lock (_lock)
        {
            _running.Add(reservation);
        }

        return reservation;
    }

    private static TenantUsage Add(TenantUsage usage, IReadOnlyCollection<Reservation> writes, string userId)
    {
        var newUsers = writes.Select(write => write.NewUser).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return usage with
        {
            Users = usage.Users + newUsers.Count,
            Memories = usage.Memories + writes.Where(write => write.Write == AdmittedWrite.Memory).Sum(write => write.Count),
            UnfinishedOperations = usage.UnfinishedOperations + writes.Count(write => write.Write == AdmittedWrite.Operation),
            PartitionInUse = usage.PartitionInUse || newUsers.Contains(userId, StringComparer.Ordinal),
        };
    }

    /// <summary>The reservation stops running: committed with <paramref name="written"/> of what it reserved, or released (0).</summary>
    private void Leave(Reservation reservation, int written)
    {
        lock (_lock)
        {
            if (_running.Remove(reservation) && written > 0)
            {
                reservation.Count = Math.Min(written, reservation.Count);
                _committed.Add((reservation, timeProvider.GetUtcNow(), ++_commits));
            }
        }
    }

    /// <summary>
    /// One admitted write: running until <see cref="Commit"/> (it succeeded: it counts until the store's count holds it) or
    /// <see cref="Dispose"/> without a commit (it failed or was refused: released at once). Dispose it in either case.
    /// </summary>
    internal sealed class Reservation(AdmissionLedger ledger, AdmittedWrite write, int count, string? newUser, Action left) : IDisposable
    {
        private int _disposed;

        public AdmittedWrite Write { get; } = write;

        /// <summary>The user this write adds, if its partition held nothing when admitted; cleared once a count holds that user.</summary>
        public string? NewUser { get; set; } = newUser;

        /// <summary>How many of <see cref="Write"/> it adds: 1, or an import batch's memories (once committed, those written).</summary>
        public int Count { get; set; } = count;

        public void Commit(int written) => ledger.Leave(this, written);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                ledger.Leave(this, written: 0);
                left();
            }
        }
    }
}

/// <summary>
/// A tenant's usage as admission sees it: <paramref name="Committed"/>, the store's count plus the writes that succeeded since;
/// <paramref name="WithRunning"/>, that plus the writes admitted and still running, which may yet fail.
/// </summary>
internal readonly record struct PendingUsage(TenantUsage Committed, TenantUsage WithRunning);
