using System.Globalization;
using System.Text.RegularExpressions;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Http.Validation;

/// <summary>The per-field checks every request shares. Each message names the field and says what would be accepted.</summary>
public static partial class FieldRules
{
    public static void RequiredText(ValidationErrors errors, string field, string? value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"'{field}' is required; send a non-empty string.");
            return;
        }

        TextContent(errors, field, value, maxLength);
    }

    public static void OptionalText(ValidationErrors errors, string field, string? value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"'{field}' must not be empty or blank; omit it to leave it unchanged.");
            return;
        }

        TextContent(errors, field, value, maxLength);
    }

    public static void OptionalId(ValidationErrors errors, string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not null && !IdRules.IsValid(value))
        {
            errors.Add(field, IdRules.Describe(field));
        }
    }

    public static void Range(ValidationErrors errors, string field, double? value, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is { } v && (!double.IsFinite(v) || v < min || v > max))
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"'{field}' must be between {min} and {max}; got {v}."));
        }
    }

    public static void Range(ValidationErrors errors, string field, int? value, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is { } v && (v < min || v > max))
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"'{field}' must be between {min} and {max}; got {v}."));
        }
    }

    public static void Tags(ValidationErrors errors, string field, IReadOnlyList<string>? tags, MemoryHttpOptions limits)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(limits);
        if (tags is null)
        {
            return;
        }

        if (tags.Count > limits.MaxTags)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"'{field}' has {tags.Count} tags; at most {limits.MaxTags} are allowed."));
        }

        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            var name = string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]");
            if (string.IsNullOrWhiteSpace(tag) || tag.Length > limits.MaxTagLength || tag.Any(char.IsControl))
            {
                errors.Add(name, string.Create(CultureInfo.InvariantCulture, $"'{name}' must be a non-blank string of at most {limits.MaxTagLength} characters without control characters."));
            }
        }
    }

    public static void Metadata(ValidationErrors errors, string field, IReadOnlyDictionary<string, MetadataValue>? metadata, MemoryHttpOptions limits)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(limits);
        if (metadata is null)
        {
            return;
        }

        if (metadata.Count > limits.MaxMetadataKeys)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"'{field}' has {metadata.Count} keys; at most {limits.MaxMetadataKeys} are allowed."));
        }

        foreach (var (key, value) in metadata)
        {
            var name = $"{field}.{key}";
            if (key.Length > limits.MaxMetadataKeyLength || !MetadataKeyRegex().IsMatch(key))
            {
                errors.Add(name, string.Create(CultureInfo.InvariantCulture, $"'{name}': metadata keys must be 1-{limits.MaxMetadataKeyLength} letters, digits, '_', '.' or '-', starting with a letter or '_'."));
            }
            else if (value.Type == MetadataValueType.String && TextRules.HasControlCharacters(value.Text!))
            {
                errors.Add(name, $"'{name}' must not contain control characters.");
            }
            else if (value.Type == MetadataValueType.String && value.Text!.Length > limits.MaxMetadataValueLength)
            {
                errors.Add(name, string.Create(CultureInfo.InvariantCulture, $"'{name}' is longer than {limits.MaxMetadataValueLength} characters; shorten it."));
            }
            else if (value.Type == MetadataValueType.Number && !double.IsFinite(value.Number))
            {
                errors.Add(name, $"'{name}' must be a finite number.");
            }
        }
    }

    public static void Before(ValidationErrors errors, string earlierField, DateTimeOffset? earlier, string laterField, DateTimeOffset? later)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (earlier is { } from && later is { } to && from >= to)
        {
            errors.Add(laterField, $"'{laterField}' must be later than '{earlierField}'.");
        }
    }

    private static void TextContent(ValidationErrors errors, string field, string value, int maxLength)
    {
        if (TextRules.HasControlCharacters(value))
        {
            errors.Add(field, $"'{field}' must not contain control characters (NUL, escape, DEL, ...); tabs and line breaks are fine.");
            return;
        }

        MaxLength(errors, field, value, maxLength);
    }

    private static void MaxLength(ValidationErrors errors, string field, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"'{field}' is {value.Length} characters long; at most {maxLength} are allowed."));
        }
    }

    // Keys become property paths in store queries (Cosmos SQL, the embedded index), so they stay identifier-like.
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]*\\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex MetadataKeyRegex();
}
