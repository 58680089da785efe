namespace MemoryFunctions.Core.Domain;

/// <summary>The one rule for which characters stored text may hold, shared by memories, queries and conversation turns.</summary>
public static class TextRules
{
    /// <summary>
    /// True when <paramref name="value"/> holds a control character other than tab, line feed or carriage return: NUL,
    /// escape (terminal control sequences), DEL, C1 controls. They have no place in memories or queries and break
    /// consumers (C strings, terminals, log viewers) further down.
    /// </summary>
    public static bool HasControlCharacters(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));
    }
}
