using System.Text.Json.Serialization;

namespace MemoryFunctions.Local.Storage.Documents;

/// <summary>
/// Source-generated (de)serialisation of the stored documents: no reflection over Core types, every name and null
/// written as declared (nulls included, so the bytes match what format version 2 has always held).
/// </summary>
/// <remarks>
/// Document properties have setters, not <c>init</c>: the generated code passes every init-only property to the
/// object initializer, so a field an older file lacks would overwrite its default (Kind "Fact", Confidence 1) with null or 0.
/// </remarks>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MemoryDocument))]
[JsonSerializable(typeof(HistoryDocument))]
[JsonSerializable(typeof(OperationDocument))]
[JsonSerializable(typeof(AuditDocument))]
internal sealed partial class DocumentJsonContext : JsonSerializerContext;
