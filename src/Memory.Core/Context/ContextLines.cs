using System.Globalization;
using System.Text;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Context;

/// <summary>
/// How each line of a context block reads: every line that has an event date starts with it, compactly ("[7 May 2023]"),
/// a turn says who said it and what its relative dates meant. Memory text is untrusted, so it is flattened to one line
/// and stripped of angle brackets: nothing inside can close the fence or pose as a heading.
/// </summary>
internal static class ContextLines
{
    public static string Fact(MemoryRecord memory) => $"- [{EventDates.Day(memory.ValidFrom)}] {Sanitize(memory.Text)}";

    public static string Dated(DateTimeOffset at, string line) => $"- [{EventDates.Day(at)}] {Sanitize(line)}";

    public static string Undated(string line) => "- " + Sanitize(line);

    /// <summary>A turn's line, showing <paramref name="said"/> (its text, or an excerpt of a long one: <see cref="ContextRelevance.Excerpt"/>).</summary>
    public static string Turn(MemoryRecord turn, string said)
    {
        var speaker = turn.Speaker ?? (turn.Source == MemorySource.User ? "User" : "Assistant");
        var dates = turn.ResolvedDates is { Length: > 0 } resolved ? $" ({Sanitize(resolved)})" : string.Empty;
        return $"- [{EventDates.Day(turn.ValidFrom)}] {Sanitize(speaker)}: {Sanitize(said)}{dates}";
    }

    /// <summary>One line (control characters and Unicode line/paragraph separators become spaces), no angle brackets.</summary>
    public static string Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '<' => '‹',
                '>' => '›',
                // U+2028/U+2029 are not control characters, but models and renderers break lines at them.
                _ when char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => ' ',
                _ => c,
            });
        }

        return builder.ToString().Trim();
    }
}
