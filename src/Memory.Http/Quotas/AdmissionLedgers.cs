namespace MemoryFunctions.Http.Quotas;

/// <summary>
/// The ledgers of the tenants with admissions under way. A ledger leaves when nothing holds it and it remembers no committed
/// write; past <see cref="PruneAbove"/> tenants, idle ones leave even so (tenant ids are caller-chosen when open), which only
/// forgets writes a reused count may not hold yet.
/// </summary>
internal sealed class AdmissionLedgers(TimeProvider timeProvider)
{
    private const int PruneAbove = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, AdmissionLedger> _ledgers = new(StringComparer.Ordinal);

    public AdmissionLedger Enter(string tenantId)
    {
        lock (_lock)
        {
            if (!_ledgers.TryGetValue(tenantId, out var ledger))
            {
                if (_ledgers.Count >= PruneAbove)
                {
                    foreach (var idle in _ledgers.Values.Where(known => known.Holders == 0).ToList())
                    {
                        _ledgers.Remove(idle.TenantId);
                    }
                }

                _ledgers[tenantId] = ledger = new AdmissionLedger(tenantId, timeProvider);
            }

            ledger.Holders++;
            return ledger;
        }
    }

    public void Exit(AdmissionLedger ledger)
    {
        lock (_lock)
        {
            ledger.Holders--;
            if (ledger.Holders == 0 && !ledger.HasCommitted && _ledgers.TryGetValue(ledger.TenantId, out var current) && ReferenceEquals(current, ledger))
            {
                _ledgers.Remove(ledger.TenantId);
            }
        }
    }
}
