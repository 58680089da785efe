using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.Contracts;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>Turns validated body filter fields into Core's <see cref="MemoryFilter"/>; <c>asOf</c> defaults to now.</summary>
public static class FilterMapper
{
    public static MemoryFilter ToFilter(MemoryFilterFields fields, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new MemoryFilter
        {
            At = fields.AsOf ?? now,
            IncludeSuperseded = fields.IncludeSuperseded ?? false,
            Kinds = fields.Kinds is { Count: > 0 } kinds ? kinds.Distinct().ToList() : null,
            AgentId = fields.AgentId,
            SessionId = fields.SessionId,
            Tags = fields.Tags is { Count: > 0 } tags ? tags.Distinct(StringComparer.Ordinal).ToList() : null,
            Metadata = fields.Metadata is { Count: > 0 } metadata ? metadata : null,
            CreatedFrom = fields.CreatedFrom,
            CreatedTo = fields.CreatedTo,
        };
    }
}
