using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Llm;

namespace MemoryFunctions.OpenAI.Tests.Llm;

/// <summary>
/// The embedded JSON schemas (what the model is constrained to) and the records the answers are parsed into (what the
/// code reads) must describe the same shape: same properties, all required (OpenAI strict mode), nullability and enums alike.
/// </summary>
public sealed class SchemaParserAgreementTests
{
    public static TheoryData<string, string, Type> Shapes => new()
    {
        { "extract.v1", "$", typeof(ExtractionOutput) },
        { "extract.v1", "$.facts[]", typeof(ExtractedFactOutput) },
        { "reconcile.v1", "$", typeof(ReconciliationOutput) },
        { "reconcile.v1", "$.decisions[]", typeof(DecisionOutput) },
        { "summarize.v1", "$", typeof(SummaryOutput) },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Schema_Properties_MatchTheRecordsConstructorExactly(string prompt, string path, Type record)
    {
        var schema = SchemaAt(prompt, path);
        var parameters = record.GetConstructors().Single().GetParameters();
        var nullability = new NullabilityInfoContext();

        var schemaProperties = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(parameters.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!)).Order(), schemaProperties);
        Assert.Equal(schemaProperties, schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order());
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        foreach (var parameter in parameters)
        {
            var type = schema.GetProperty("properties").GetProperty(JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!)).GetProperty("type");
            var schemaNullable = type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "null");
            Assert.True(
                schemaNullable == (nullability.Create(parameter).ReadState == NullabilityState.Nullable),
                $"{record.Name}.{parameter.Name}: nullable in schema {schemaNullable}, in record {!schemaNullable}");
        }
    }

    [Theory]
    [InlineData("extract.v1")]
    [InlineData("reconcile.v1")]
    [InlineData("summarize.v1")]
    public void Parse_SampleGeneratedFromTheSchema_ValidatesAndParses(string prompt)
    {
        var schema = Prompt(prompt).Schema;
        foreach (var preferNull in new[] { false, true })
        {
            var sample = Sample(schema, preferNull)!.ToJsonString();

            Assert.Empty(JsonSchemaCheck.Validate(schema, JsonDocument.Parse(sample).RootElement));
            Assert.Empty(Parse(prompt, sample));
        }
    }

    [Fact]
    public void Serialize_RecordsWithEveryEnumValue_ValidateAgainstTheSchemas()
    {
        var extract = PromptLibrary.Extract.Schema;
        foreach (var kind in Enum(extract, "$.facts[]", "kind"))
        {
            foreach (var source in Enum(extract, "$.facts[]", "source"))
            {
                var output = new ExtractionOutput([new ExtractedFactOutput("Lives in Oslo", kind, source, 1, 0.5, null, false, "2026-11-01", [1])]);
                Assert.Empty(JsonSchemaCheck.Validate(extract, JsonSerializer.SerializeToElement(output, StructuredChat.SerializerOptions)));
            }
        }

        var decisionSchema = SchemaAt("reconcile.v1", "$.decisions[]");
        foreach (var action in Enum(PromptLibrary.Reconcile.Schema, "$.decisions[]", "action"))
        {
            var decision = new DecisionOutput(1, action, 2, "merged", "why");
            Assert.Empty(JsonSchemaCheck.Validate(decisionSchema, JsonSerializer.SerializeToElement(decision, StructuredChat.SerializerOptions)));
        }

        Assert.Empty(JsonSchemaCheck.Validate(PromptLibrary.Summarize.Schema, JsonSerializer.SerializeToElement(new SummaryOutput("s"), StructuredChat.SerializerOptions)));
    }

    [Fact]
    public void Enums_InTheSchemas_AreExactlyWhatTheCodeMaps()
    {
        Assert.Equal(
            new[] { MemoryKind.Fact, MemoryKind.Preference, MemoryKind.Episodic, MemoryKind.Procedural }.Select(k => k.ToString().ToLowerInvariant()),
            Enum(PromptLibrary.Extract.Schema, "$.facts[]", "kind"));
        Assert.Equal(["user", "agent"], Enum(PromptLibrary.Extract.Schema, "$.facts[]", "source"));
        Assert.Equal(System.Enum.GetNames<MemoryAction>().Select(a => a.ToUpperInvariant()), Enum(PromptLibrary.Reconcile.Schema, "$.decisions[]", "action"));
    }

    [Fact]
    public void Validate_BadEnumMissingAndExtraProperties_NamesEachProblem()
    {
        var output = new ExtractionOutput([new ExtractedFactOutput("x", "belief", "user", 1, 0.5, null, false, null, [1])]);
        var node = JsonSerializer.SerializeToNode(output, StructuredChat.SerializerOptions)!;
        var fact = node["facts"]![0]!.AsObject();
        fact.Remove("slot");
        fact["mood"] = "happy";

        var errors = JsonSchemaCheck.Validate(PromptLibrary.Extract.Schema, JsonSerializer.SerializeToElement(node));

        Assert.Contains(errors, e => e.StartsWith("$.facts[0].kind: \"belief\" is not one of", StringComparison.Ordinal));
        Assert.Contains("$.facts[0]: required property 'slot' is missing", errors);
        Assert.Contains("$.facts[0]: property 'mood' is not allowed", errors);
    }

    [Fact]
    public void Parse_WrongTypeOrNullWhereNotAllowed_IsRejected()
    {
        Assert.NotEmpty(Parse("summarize.v1", """{"summary":null}"""));
        Assert.NotEmpty(Parse("summarize.v1", """{"summary":3}"""));
        Assert.NotEmpty(Parse("extract.v1", """{"facts":[{"text":"x","kind":"fact","source":"user","confidence":"high","importance":0.5,"slot":null,"isRetraction":false,"validFrom":null,"messages":[1]}]}"""));
    }

    private static IReadOnlyList<string> Parse(string prompt, string json) => prompt switch
    {
        "extract.v1" => StructuredChat.TryParse<ExtractionOutput>(json, root => JsonSchemaCheck.Validate(Prompt(prompt).Schema, root), null, out _),
        "reconcile.v1" => ParseReconciliation(json),
        _ => StructuredChat.TryParse<SummaryOutput>(json, root => JsonSchemaCheck.Validate(Prompt(prompt).Schema, root), null, out _),
    };

    private static IReadOnlyList<string> ParseReconciliation(string json)
    {
        var errors = StructuredChat.TryParse<ReconciliationOutput>(json, root => JsonSchemaCheck.Validate(PromptLibrary.Reconcile.Schema, root), null, out var output);
        var itemSchema = SchemaAt("reconcile.v1", "$.decisions[]");
        return errors.Count > 0 ? errors : output!.Decisions
            .SelectMany(d => StructuredChat.TryParse<DecisionOutput>(d.GetRawText(), root => JsonSchemaCheck.Validate(itemSchema, root), null, out _))
            .ToList();
    }

    private static LlmPrompt Prompt(string name) => name switch
    {
        "extract.v1" => PromptLibrary.Extract,
        "reconcile.v1" => PromptLibrary.Reconcile,
        _ => PromptLibrary.Summarize,
    };

    private static JsonElement SchemaAt(string prompt, string path)
    {
        var schema = Prompt(prompt).Schema;
        foreach (var segment in path.Split('.').Skip(1))
        {
            schema = schema.GetProperty("properties").GetProperty(segment.TrimEnd('[', ']')).GetProperty("items");
        }

        return schema;
    }

    private static List<string> Enum(JsonElement schema, string path, string property)
    {
        foreach (var segment in path.Split('.').Skip(1))
        {
            schema = schema.GetProperty("properties").GetProperty(segment.TrimEnd('[', ']')).GetProperty("items");
        }

        return schema.GetProperty("properties").GetProperty(property).GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    /// <summary>The simplest value the schema allows: first enum value, one array item, null where allowed and asked for.</summary>
    private static JsonNode? Sample(JsonElement schema, bool preferNull)
    {
        if (schema.TryGetProperty("enum", out var values))
        {
            return JsonNode.Parse(values[0].GetRawText());
        }

        var types = schema.GetProperty("type") is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Select(t => t.GetString()!).ToList()
            : [schema.GetProperty("type").GetString()!];
        if (preferNull && types.Contains("null"))
        {
            return null;
        }

        return types.First(t => t != "null") switch
        {
            "object" => new JsonObject(schema.GetProperty("properties").EnumerateObject()
                .Select(p => KeyValuePair.Create(p.Name, Sample(p.Value, preferNull)))),
            "array" => new JsonArray(Sample(schema.GetProperty("items"), preferNull)),
            "string" => "2026-11-01",
            "number" => 0.5,
            "integer" => 1,
            "boolean" => true,
            var other => throw new InvalidOperationException($"Unexpected schema type {other}"),
        };
    }
}
