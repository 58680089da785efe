using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemoryFunctions.Http.Json;

/// <summary>
/// The one set of JSON settings of the HTTP contract. Both hosts read request bodies and write responses with it, so a
/// field name, an enum spelling or an unknown-field rejection means the same thing whichever host answers.
/// </summary>
public static class MemoryJson
{
    /// <summary>camelCase names, enums as exact camelCase names (no integers, no lists), unknown and repeated fields rejected, nulls omitted on output.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Applies the contract's settings to options a host owns (e.g. <c>JsonOptions.SerializerOptions</c>).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.PropertyNameCaseInsensitive = false;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        // A repeated key is refused rather than last-wins: a proxy or filter that reads the first value must not see
        // a different request from the one we act on.
        options.AllowDuplicateProperties = false;
        if (!options.Converters.OfType<StrictEnumConverterFactory>().Any())
        {
            options.Converters.Add(new StrictEnumConverterFactory());
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
