namespace MemoryFunctions.Http.Quotas;

/// <summary>
/// The answer of <see cref="TenantAdmission.AdmitAsync"/>: a <see cref="Refusal"/>, or leave to write, held as a reservation
/// against the tenant's quotas until disposed (when the write is done), so a concurrent check counts it.
/// </summary>
public sealed class Admission(QuotaRefusal? refusal, IDisposable? reservation) : IDisposable
{
    /// <summary>Leave to write without a reservation: no holdings quota applies.</summary>
    public static Admission Unlimited { get; } = new(null, null);

    /// <summary>Null when the write may go ahead; else which quota it is past.</summary>
    public QuotaRefusal? Refusal { get; } = refusal;

    public void Dispose() => reservation?.Dispose();
}
