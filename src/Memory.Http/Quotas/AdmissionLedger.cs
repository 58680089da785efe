using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Http.Quotas;

/// <summary>
/// One tenant's admissions on this instance: a gate so its checks take turns, and the writes it admitted that the store's
/// count may not hold yet: running ones, and finished ones with the time they finished (a reused count taken before that
/// time does not hold them).
/// </summary>
internal sealed class AdmissionLedger(string tenantId, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private readonly List<Reservation> _running = [];
    private readonly List<(Reservation Write, DateTimeOffset FinishedAt, long Sequence)> _finished = [];
    private long _finishes;

    public string TenantId { get; } = tenantId;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Admissions entered and not yet left (a check under way or a reservation held): the ledger is in use.</summary>
    public int Holders { get; set; }

    public bool HasFinished
    {
        get
        {
            lock (_lock)
            {
                return _finished.Count > 0;
            }
        }
    }

    /// <summary>How many reservations have finished so far: read before a count, it tells which finishes the count may have missed.</summary>
    public long FinishesSoFar
    {
        get
        {
            lock (_lock)
            {
                return _finishes;
            }
        }
    }

    /// <summary>
    /// The store's <paramref name="usage"/> plus what it may not hold yet. Finished writes are forgotten once a count taken
    /// after them has been seen: for a reused count, by its time; for a store that counts exactly at the call, when they
    /// finished before the count began (<paramref name="finishesBeforeCount"/>, <see cref="FinishesSoFar"/> read then). A
    /// write that finished while the count ran may or may not be in it, so it is kept: counted twice at worst, never missed.
    /// </summary>
    public TenantUsage WithPending(TenantUsage usage, string userId, long finishesBeforeCount)
    {
        lock (_lock)
        {
            _finished.RemoveAll(entry => usage.CountedAt is { } counted ? entry.FinishedAt < counted : entry.Sequence <= finishesBeforeCount);
            var pending = _running.Concat(_finished.Select(entry => entry.Write)).ToList();
            var newUsers = pending.Select(write => write.NewUser).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            return usage with
            {
                Users = usage.Users + newUsers.Count,
                Memories = usage.Memories + pending.Count(write => write.Write == AdmittedWrite.Memory),
                UnfinishedOperations = usage.UnfinishedOperations + pending.Count(write => write.Write == AdmittedWrite.Operation),
                PartitionInUse = usage.PartitionInUse || newUsers.Contains(userId, StringComparer.Ordinal),
            };
        }
    }

    /// <summary>Counts <paramref name="write"/> (adding user <paramref name="newUser"/>, if any) as pending until the reservation is disposed.</summary>
    public IDisposable Reserve(AdmittedWrite write, string? newUser, Action left)
    {
        var reservation = new Reservation(this, write, newUser, left);
        lock (_lock)
        {
            _running.Add(reservation);
        }

        return reservation;
    }

    private void Finish(Reservation reservation)
    {
        lock (_lock)
        {
            if (_running.Remove(reservation))
            {
                _finished.Add((reservation, timeProvider.GetUtcNow(), ++_finishes));
            }
        }
    }

    private sealed class Reservation(AdmissionLedger ledger, AdmittedWrite write, string? newUser, Action left) : IDisposable
    {
        private int _disposed;

        public AdmittedWrite Write { get; } = write;

        public string? NewUser { get; } = newUser;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                ledger.Finish(this);
                left();
            }
        }
    }
}
