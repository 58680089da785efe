using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemoryFunctions.Http.Json;

/// <summary>
/// Enums as camelCase names, and nothing else: unlike <see cref="JsonStringEnumConverter"/>, which parses with
/// <c>Enum.TryParse</c> and so reads <c>"fact, preference"</c> as a bitwise combination (here: <c>preference</c>) and
/// trims white space, a value must be exactly one member's name (case aside).
/// </summary>
internal sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;
}
