using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Text;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// How far a rolling summary's or profile's text has moved since its vector was made. Only a search that names kinds
/// summary or profile reads those vectors (the context block reads the records by id), yet embedding the whole text on
/// every refresh was 46–80 % of the model's word pieces per ingested turn (docs/performance.md, "Where the model's
/// ingestion time goes"). So a refresh keeps the vector until the text has changed materially: each refresh adds the
/// Jaccard distance between the term sets of the previous and the new text, and the vector is made again once the sum
/// reaches <see cref="IngestionOptions.SummaryReembedDrift"/>. Jaccard distance is a metric, so the sum bounds how far the
/// text is from the one the vector was made from; the lexical channel always indexes the current text.
/// </summary>
internal static class SummaryVectorDrift
{
    /// <summary>Metadata of the record: the drift accumulated since its vector was made (0 right after embedding).</summary>
    public const string MetadataKey = "embeddingDrift";

    public static double Of(MemoryRecord? record) =>
        record is not null && record.Metadata.TryGetValue(MetadataKey, out var drift) && drift.Type == MetadataValueType.Number ? drift.Number : 0;

    /// <summary>1 − |A ∩ B| / |A ∪ B| over the two texts' lexical terms; 0 for equal sets (two empty texts included).</summary>
    public static double Between(string previous, string next)
    {
        var before = TextTokenizer.Terms(previous).ToHashSet(StringComparer.Ordinal);
        var after = TextTokenizer.Terms(next).ToHashSet(StringComparer.Ordinal);
        var union = before.Count + after.Count;
        if (union == 0)
        {
            return 0;
        }

        var shared = after.Count(before.Contains);
        return 1 - ((double)shared / (union - shared));
    }

    /// <summary>Rounded so the metadata reads cleanly; the rounding error (below 0.0005 per refresh) stays far below any useful threshold.</summary>
    public static MetadataValue ToMetadata(double drift) => MetadataValue.FromNumber(Math.Round(drift, 3, MidpointRounding.AwayFromZero));
}
