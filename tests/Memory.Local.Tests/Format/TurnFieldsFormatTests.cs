using System.Text.Json;
using MemoryFunctions.Local.Storage.Documents;

namespace MemoryFunctions.Local.Tests.Format;

/// <summary>
/// A kept turn's resolved dates, preceding words and posted position (format 4; written within format 3 by releases up to ba52933) are optional fields: written
/// only when set (so every record without them keeps its golden bytes), absent in older files, where they read as null.
/// </summary>
public sealed class TurnFieldsFormatTests
{
    [Fact]
    public void ToDocument_TurnWithContext_WritesTheFieldsAndReadsThemBack()
    {
        var turn = RecordSamples.FullMemory with { ResolvedDates = "yesterday = 31 October 2026", PrecedingText = "What did you do?", Ordinal = 3 };

        var json = JsonSerializer.Serialize(DocumentMapper.ToDocument(turn), DocumentJsonContext.Default.MemoryDocument);
        var read = DocumentMapper.ToRecord(JsonSerializer.Deserialize(json, DocumentJsonContext.Default.MemoryDocument)!, turn.Embedding);

        Assert.Contains("\"ResolvedDates\":\"yesterday = 31 October 2026\",\"PrecedingText\":\"What did you do?\",\"Ordinal\":3,", json, StringComparison.Ordinal);
        Assert.Equal((turn.ResolvedDates, turn.PrecedingText, turn.Ordinal), (read.ResolvedDates, read.PrecedingText, read.Ordinal));
    }

    [Fact]
    public void ToDocument_RecordWithoutThem_WritesNoneOfTheNewNames()
    {
        var json = JsonSerializer.Serialize(DocumentMapper.ToDocument(RecordSamples.SparseMemory), DocumentJsonContext.Default.MemoryDocument);
        var read = DocumentMapper.ToRecord(JsonSerializer.Deserialize(json, DocumentJsonContext.Default.MemoryDocument)!, []);

        Assert.DoesNotContain("ResolvedDates", json, StringComparison.Ordinal);
        Assert.DoesNotContain("PrecedingText", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Ordinal", json, StringComparison.Ordinal);
        Assert.Equal((null, null, null), (read.ResolvedDates, read.PrecedingText, read.Ordinal));
    }
}
