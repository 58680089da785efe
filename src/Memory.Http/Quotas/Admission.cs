namespace MemoryFunctions.Http.Quotas;

/// <summary>
/// The answer of <see cref="TenantAdmission.AdmitAsync"/>: a <see cref="Refusal"/>, or leave to write, held as a reservation
/// against the tenant's quotas so a concurrent check counts it. <see cref="Commit()"/> once the write succeeded (it then counts
/// until the store's count holds it); dispose in every case: a reservation disposed without a commit is released at once,
/// so a write that was refused or failed (a 400 from the handler, the model still loading, a store error) holds nothing.
/// </summary>
public sealed class Admission : IDisposable
{
    private readonly AdmissionLedger.Reservation? _reservation;

    internal Admission(QuotaRefusal? refusal, AdmissionLedger.Reservation? reservation)
    {
        Refusal = refusal;
        _reservation = reservation;
    }

    /// <summary>Leave to write without a reservation: no holdings quota applies.</summary>
    public static Admission Unlimited { get; } = new(null, null);

    /// <summary>Null when the write may go ahead; else which quota it is past.</summary>
    public QuotaRefusal? Refusal { get; }

    /// <summary>The write succeeded: it counts as the tenant's from now on (until a later count of the store holds it).</summary>
    public void Commit() => _reservation?.Commit(_reservation.Count);

    /// <summary>
    /// Part of the write succeeded: <paramref name="written"/> of the memories admitted (an import batch whose other lines
    /// existed already or failed); 0 releases it all.
    /// </summary>
    public void Commit(int written) => _reservation?.Commit(written);

    public void Dispose() => _reservation?.Dispose();
}
