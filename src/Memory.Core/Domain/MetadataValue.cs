using System.Globalization;
using System.Text.Json.Serialization;

namespace MemoryFunctions.Core.Domain;

/// <summary>
/// A scalar metadata value (string, number or boolean). Metadata is deliberately flat so that equality filters
/// translate one-to-one into parameterised store queries.
/// </summary>
[JsonConverter(typeof(MetadataValueJsonConverter))]
public readonly record struct MetadataValue
{
    private MetadataValue(MetadataValueType type, string? text, double number, bool boolean)
    {
        Type = type;
        Text = text;
        Number = number;
        Boolean = boolean;
    }

    public MetadataValueType Type { get; }

    public string? Text { get; }

    public double Number { get; }

    public bool Boolean { get; }

    public static MetadataValue FromString(string value) => new(MetadataValueType.String, value ?? throw new ArgumentNullException(nameof(value)), 0, false);

    public static MetadataValue FromNumber(double value) => new(MetadataValueType.Number, null, value, false);

    public static MetadataValue FromBoolean(bool value) => new(MetadataValueType.Boolean, null, 0, value);

    public override string ToString() => Type switch
    {
        MetadataValueType.String => Text!,
        MetadataValueType.Number => Number.ToString("R", CultureInfo.InvariantCulture),
        _ => Boolean ? "true" : "false",
    };
}
