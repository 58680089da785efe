using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Local.Storage.Documents;

namespace MemoryFunctions.Local.Tests.Format;

/// <summary>
/// The JSON bodies of format version 2, pinned byte for byte. The golden strings are what the reflection encoder wrote
/// before Memory.Local owned its documents (captured from it when the documents replaced it), so files written by either
/// read alike. A change here is a format change: bump <c>EntryCodec.FormatVersion</c> and add a fixture.
/// </summary>
public sealed class DocumentFormatTests
{
    private const string FullMemoryJson = """
        {"Id":"mem_1","TenantId":"t1","UserId":"alice","AgentId":"agent-7","SessionId":"s-1","Kind":"Turn","Speaker":"Alice","Text":"Alice likes C\u002B\u002B \u0026 \u0022green\u0022 tea, caf\u00E9 \u2615","Metadata":{"topic":"drinks","score":2.5,"pinned":true},"Tags":["tea","morning"],"Source":"Agent","Confidence":0.75,"Importance":0.25,"ContentHash":"hash-1","Provenance":{"OperationId":"op_1","MessageIds":["m1","m2"]},"CreatedAt":"2026-11-01T12:30:15.123+00:00","UpdatedAt":"2026-11-01T13:30:15.123+00:00","ValidFrom":"2026-10-31T12:30:15.123+00:00","ValidTo":"2026-11-02T12:30:15.123+00:00","SupersededBy":"mem_2","ExpiresAt":"2026-12-01T12:30:15.123+00:00","ETag":"\u002242\u0022"}
        """;

    private const string SparseMemoryJson = """
        {"Id":"mem_3","TenantId":"t1","UserId":"alice","AgentId":null,"SessionId":null,"Kind":"Fact","Speaker":null,"Text":"Alice lives in Oslo","Metadata":{},"Tags":[],"Source":"User","Confidence":1,"Importance":0.5,"ContentHash":"hash-3","Provenance":{"OperationId":null,"MessageIds":[]},"CreatedAt":"2026-11-01T12:30:15.123+00:00","UpdatedAt":"2026-11-01T12:30:15.123+00:00","ValidFrom":"2026-11-01T12:30:15.123+00:00","ValidTo":null,"SupersededBy":null,"ExpiresAt":null,"ETag":""}
        """;

    private const string FullHistoryJson = """
        {"Id":"mem_1.update.abc","MemoryId":"mem_1","TenantId":"t1","UserId":"alice","Operation":"Supersede","Before":"Alice likes green tea","After":"Alice likes black tea","At":"2026-11-01T12:30:15.123+00:00","OperationId":"op_1","Actor":"workflow","Reason":"newer statement"}
        """;

    private const string SparseHistoryJson = """
        {"Id":"mem_3.add.def","MemoryId":"mem_3","TenantId":"t1","UserId":"alice","Operation":"Add","Before":null,"After":null,"At":"2026-11-01T12:30:15.123+00:00","OperationId":null,"Actor":"api","Reason":null}
        """;

    private const string FullOperationJson = """
        {"Id":"op_1","TenantId":"t1","UserId":"alice","Status":"Failed","Request":{"Messages":[{"Id":"m1","Role":"User","Content":"I like green tea","Timestamp":"2026-11-01T12:30:15.123+00:00","Speaker":"Alice"},{"Id":"m2","Role":"Assistant","Content":"Noted.","Timestamp":"2026-11-01T12:30:20.123+00:00","Speaker":null}],"AgentId":"agent-7","SessionId":"s-1","Metadata":{"channel":"chat"}},"IdempotencyKey":"key-1","RequestFingerprint":"fp-1","Progress":{"Step":"apply","Done":2,"Total":3},"Decisions":[{"Action":"Supersede","Fact":"Alice likes black tea","MemoryId":"mem_1","SupersededMemoryId":"mem_0","Reason":"newer"},{"Action":"Noop","Fact":"Alice likes tea","MemoryId":null,"SupersededMemoryId":null,"Reason":null}],"Error":{"Type":"urn:example:problem","Title":"Failed","Detail":"It failed."},"Usage":{"InputTokens":120,"OutputTokens":30},"CreatedAt":"2026-11-01T12:30:15.123+00:00","UpdatedAt":"2026-11-01T12:31:15.123+00:00","ETag":"\u002243\u0022","Epoch":7}
        """;

    private const string SparseOperationJson = """
        {"Id":"op_2","TenantId":"t1","UserId":"alice","Status":"Queued","Request":{"Messages":[],"AgentId":null,"SessionId":null,"Metadata":null},"IdempotencyKey":null,"RequestFingerprint":null,"Progress":null,"Decisions":[],"Error":null,"Usage":{"InputTokens":0,"OutputTokens":0},"CreatedAt":"2026-11-01T12:30:15.123+00:00","UpdatedAt":"2026-11-01T12:30:15.123+00:00","ETag":"","Epoch":0}
        """;

    private const string FullAuditJson = """
        {"Id":"0193a1b2c3d4","TenantId":"t1","UserId":"alice","Action":"EraseUser","Outcome":"Succeeded","Actor":"entra:oid@tid","TraceId":"4bf92f3577b34da6a3ce929d0e0e4736","StartedAt":"2026-11-01T12:30:15.123+00:00","CompletedAt":"2026-11-01T12:30:16.123+00:00","Detail":"memories=3 operations=1"}
        """;

    private const string SparseAuditJson = """
        {"Id":"a2","TenantId":"t1","UserId":"bob","Action":"ExportUser","Outcome":"Started","Actor":"anonymous","TraceId":null,"StartedAt":"2026-11-01T12:30:15.123+00:00","CompletedAt":null,"Detail":null}
        """;

    [Fact]
    public void ToDocument_AuditRecord_WritesTheGoldenJsonOfFormat3AndReadsItBack()
    {
        Assert.Equal(FullAuditJson, Json(DocumentMapper.ToDocument(RecordSamples.FullAudit)));
        Assert.Equal(SparseAuditJson, Json(DocumentMapper.ToDocument(RecordSamples.SparseAudit)));
        Assert.Equal(RecordSamples.FullAudit, DocumentMapper.ToRecord(Read(FullAuditJson, DocumentJsonContext.Default.AuditDocument)));
        Assert.Equal(RecordSamples.SparseAudit, DocumentMapper.ToRecord(Read(SparseAuditJson, DocumentJsonContext.Default.AuditDocument)));
    }

    [Fact]
    public void ToDocument_EveryRecordType_WritesTheGoldenJson()
    {
        Assert.Equal(FullMemoryJson, Json(DocumentMapper.ToDocument(RecordSamples.FullMemory)));
        Assert.Equal(SparseMemoryJson, Json(DocumentMapper.ToDocument(RecordSamples.SparseMemory)));
        Assert.Equal(FullHistoryJson, Json(DocumentMapper.ToDocument(RecordSamples.FullHistory)));
        Assert.Equal(SparseHistoryJson, Json(DocumentMapper.ToDocument(RecordSamples.SparseHistory)));
        Assert.Equal(FullOperationJson, Json(DocumentMapper.ToDocument(RecordSamples.FullOperation)));
        Assert.Equal(SparseOperationJson, Json(DocumentMapper.ToDocument(RecordSamples.SparseOperation)));
    }

    [Fact]
    public void ToRecord_GoldenJson_ReadsBackEveryField()
    {
        AssertSameMemory(RecordSamples.FullMemory, ReadMemory(FullMemoryJson, RecordSamples.FullMemory.Embedding));
        AssertSameMemory(RecordSamples.SparseMemory, ReadMemory(SparseMemoryJson, []));
        Assert.Equal(RecordSamples.FullHistory, DocumentMapper.ToRecord(Read(FullHistoryJson, DocumentJsonContext.Default.HistoryDocument)));
        Assert.Equal(RecordSamples.SparseHistory, DocumentMapper.ToRecord(Read(SparseHistoryJson, DocumentJsonContext.Default.HistoryDocument)));
        AssertSameOperation(RecordSamples.FullOperation, DocumentMapper.ToRecord(Read(FullOperationJson, DocumentJsonContext.Default.OperationDocument)));
        AssertSameOperation(RecordSamples.SparseOperation, DocumentMapper.ToRecord(Read(SparseOperationJson, DocumentJsonContext.Default.OperationDocument)));
    }

    [Fact]
    public void ToRecord_FieldsOlderFilesLack_GetCoreDefaults()
    {
        var memory = DocumentMapper.ToRecord(
            Read("""{"Id":"m","TenantId":"t","UserId":"u","Text":"x","ContentHash":"h"}""", DocumentJsonContext.Default.MemoryDocument),
            []);
        var operation = DocumentMapper.ToRecord(
            Read("""{"Id":"o","TenantId":"t","UserId":"u","Request":{"Messages":[]}}""", DocumentJsonContext.Default.OperationDocument));

        Assert.Equal((MemoryKind.Fact, MemorySource.User, 1.0, 0.5, Provenance.Direct), (memory.Kind, memory.Source, memory.Confidence, memory.Importance, memory.Provenance));
        Assert.Empty(memory.Metadata);
        Assert.Equal((OperationStatus.Queued, TokenUsage.None, 0L), (operation.Status, operation.Usage, operation.Epoch));
        Assert.Empty(operation.Decisions);
    }

    [Fact]
    public void ToRecord_UnknownStoredName_IsRefusedAsDamage()
    {
        var document = Read("""{"Id":"m","TenantId":"t","UserId":"u","Kind":"fact","Text":"x","ContentHash":"h"}""", DocumentJsonContext.Default.MemoryDocument);

        Assert.Throws<InvalidDataException>(() => DocumentMapper.ToRecord(document, []));
    }

    [Fact]
    public void StoredNames_EveryCoreEnumValue_HasAStoredName()
    {
        AssertCovers(StoredNames.Kinds);
        AssertCovers(StoredNames.Sources);
        AssertCovers(StoredNames.HistoryOperations);
        AssertCovers(StoredNames.Statuses);
        AssertCovers(StoredNames.Roles);
        AssertCovers(StoredNames.Actions);
        AssertCovers(StoredNames.AuditActions);
        AssertCovers(StoredNames.AuditOutcomes);
    }

    [Fact]
    public void Documents_EveryProperty_NamesItsJsonExplicitly()
    {
        var documentTypes = typeof(DocumentMapper).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(DocumentMapper).Namespace && type.IsClass && !type.IsAbstract && type.Name is not (nameof(DocumentMapper) or nameof(StoredNames)))
            .Where(type => type.Name.EndsWith("Document", StringComparison.Ordinal) || type.DeclaringType == typeof(OperationParts))
            .ToList();

        Assert.True(documentTypes.Count >= 10, string.Join(", ", documentTypes.Select(type => type.Name)));
        Assert.All(
            documentTypes.SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)),
            property => Assert.NotNull(property.GetCustomAttribute<JsonPropertyNameAttribute>()));
    }

    private static string Json<T>(T document) => JsonSerializer.Serialize(document, typeof(T), DocumentJsonContext.Default);

    private static T Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) => JsonSerializer.Deserialize(json, typeInfo)!;

    private static MemoryRecord ReadMemory(string json, float[] embedding) => DocumentMapper.ToRecord(Read(json, DocumentJsonContext.Default.MemoryDocument), embedding);

    private static void AssertCovers<TEnum>(StoredNameTable<TEnum> table)
        where TEnum : struct, Enum
    {
        Assert.Equal(Enum.GetValues<TEnum>().Order(), table.Values.Order());
        Assert.All(Enum.GetValues<TEnum>(), value => Assert.Equal(value, table.Parse(table.NameOf(value))));
    }

    /// <summary>Records hold collections, which record equality compares by reference: compare those by content, the rest as records.</summary>
    private static void AssertSameMemory(MemoryRecord expected, MemoryRecord actual)
    {
        Assert.Equal(expected.Embedding, actual.Embedding);
        Assert.Equal(expected.Metadata.OrderBy(pair => pair.Key), actual.Metadata.OrderBy(pair => pair.Key));
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Provenance.MessageIds, actual.Provenance.MessageIds);
        Assert.Equal(WithoutCollections(expected), WithoutCollections(actual));
    }

    private static MemoryRecord WithoutCollections(MemoryRecord memory) => memory with
    {
        Embedding = NoFloats,
        Metadata = NoMetadata,
        Tags = NoStrings,
        Provenance = new Provenance(memory.Provenance.OperationId, NoStrings),
    };

    private static void AssertSameOperation(MemoryOperation expected, MemoryOperation actual)
    {
        Assert.Equal(expected.Request.Messages, actual.Request.Messages);
        Assert.Equal(expected.Request.Metadata?.OrderBy(pair => pair.Key), actual.Request.Metadata?.OrderBy(pair => pair.Key));
        Assert.Equal((expected.Request.AgentId, expected.Request.SessionId), (actual.Request.AgentId, actual.Request.SessionId));
        Assert.Equal(expected.Decisions, actual.Decisions);
        Assert.Equal(expected with { Request = NoRequest, Decisions = NoDecisions }, actual with { Request = NoRequest, Decisions = NoDecisions });
    }

    private static readonly float[] NoFloats = [];
    private static readonly string[] NoStrings = [];
    private static readonly AppliedDecision[] NoDecisions = [];
    private static readonly IngestionRequest NoRequest = new([]);
    private static readonly IReadOnlyDictionary<string, MetadataValue> NoMetadata = new Dictionary<string, MetadataValue>();
}
