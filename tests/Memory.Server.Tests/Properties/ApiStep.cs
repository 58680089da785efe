using System.Globalization;

namespace MemoryFunctions.Server.Tests.Properties;

/// <summary>
/// One step of a random API script. <see cref="Partition"/> indexes <see cref="ApiModel.Partitions"/>; <see cref="Target"/>
/// and <see cref="Variant"/> pick among what exists when the step runs (a memory, a key, an ETag kind), and Retry and
/// ReuseKey refer to the last ingest before them, so every sub-script is still a valid script and FsCheck can shrink a failure by dropping steps.
/// </summary>
public sealed record ApiStep(ApiStepKind Kind, int Partition, int Target, int Variant)
{
    /// <summary>Idempotency keys per user: few, so scripts reuse them; <see cref="NoKey"/> sends none.</summary>
    public const int Keys = 2;

    public const int NoKey = Keys;

    public int Key => Target % (Keys + 1);

    /// <summary>For Patch: the ETag sent in If-Match.</summary>
    public ETagChoice ETag => (ETagChoice)(Variant % 3);

    /// <summary>Reads like the request it makes, so a shrunk counterexample is a readable script.</summary>
    public override string ToString()
    {
        var p = Partition.ToString(CultureInfo.InvariantCulture);
        return Kind switch
        {
            ApiStepKind.Write => $"write p{p}",
            ApiStepKind.Ingest => $"ingest p{p} key={(Key == NoKey ? "none" : "k" + Key.ToString(CultureInfo.InvariantCulture))}",
            ApiStepKind.Retry => "retry the last ingest",
            ApiStepKind.ReuseKey => "reuse the last ingest's key with a new body",
            ApiStepKind.Patch => $"patch p{p} memory#{Target} if-match={ETag.ToString().ToLowerInvariant()}",
            ApiStepKind.Delete => $"delete p{p} memory#{Target}",
            ApiStepKind.Erase => $"erase p{p}",
            ApiStepKind.Settle => $"settle p{p}",
            _ => "restart",
        };
    }
}
