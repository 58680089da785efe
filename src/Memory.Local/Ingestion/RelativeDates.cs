using System.Globalization;
using System.Text.RegularExpressions;

namespace MemoryFunctions.Local.Ingestion;

/// <summary>
/// Resolves relative date expressions against the turn's timestamp, so a memory read months later still says when.
/// Day-precise expressions become "on yyyy-MM-dd", week/month/year ones "around yyyy-MM-dd". Weekdays: "next Friday" is
/// the first Friday strictly after the turn's day, "last Friday" the most recent one strictly before, "this/on/coming
/// Friday" (or bare "Friday") the next one on or after it.
/// </summary>
internal static partial class RelativeDates
{
    private static readonly string[] Weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    public static (string Text, DateOnly? Date) Resolve(string clause, DateTimeOffset timestamp)
    {
        var today = DateOnly.FromDateTime(timestamp.Date);
        DateOnly? found = null;
        var text = Expression().Replace(clause, match =>
        {
            var (date, precise) = Evaluate(match, today);
            if (date is null)
            {
                return match.Value;
            }

            found ??= date;
            return (precise ? "on " : "around ") + date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        });
        return (text, found);
    }

    public static DateTimeOffset ToInstant(DateOnly date, DateTimeOffset timestamp) =>
        new(date.ToDateTime(TimeOnly.MinValue), timestamp.Offset);

    private static (DateOnly? Date, bool Precise) Evaluate(Match match, DateOnly today)
    {
        var g = match.Groups;
        if (g["fixed"].Success)
        {
            return (g["fixed"].Value.ToUpperInvariant() switch
            {
                "THE DAY BEFORE YESTERDAY" => today.AddDays(-2),
                "THE DAY AFTER TOMORROW" => today.AddDays(2),
                "YESTERDAY" => today.AddDays(-1),
                "TOMORROW" => today.AddDays(1),
                _ => today,
            }, true);
        }

        if (g["weekday"].Success)
        {
            var target = Array.IndexOf(Weekdays, g["weekday"].Value.ToLowerInvariant());
            var current = (int)today.DayOfWeek;
            var relation = g["rel"].Value.ToUpperInvariant();
            return (relation switch
            {
                "LAST" => today.AddDays(-(((current - target + 6) % 7) + 1)),
                "NEXT" => today.AddDays(((target - current + 6) % 7) + 1),
                _ => today.AddDays((target - current + 7) % 7),
            }, true);
        }

        if (g["period"].Success)
        {
            var sign = g["prel"].Value.Equals("last", StringComparison.OrdinalIgnoreCase) ? -1 : g["prel"].Value.Equals("next", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            return (Shift(today, g["period"].Value, sign), false);
        }

        var count = Number(g["n"].Value);
        var unit = g["unit"].Value;
        var direction = g["ago"].Success ? -count : count;
        return (Shift(today, unit, direction), unit.StartsWith("day", StringComparison.OrdinalIgnoreCase));
    }

    private static DateOnly Shift(DateOnly day, string unit, int amount) => unit.ToUpperInvariant().TrimEnd('S') switch
    {
        "DAY" => day.AddDays(amount),
        "WEEK" => day.AddDays(7 * amount),
        "WEEKEND" => day.AddDays(((6 - (int)day.DayOfWeek + 7) % 7) + (7 * amount)),
        "MONTH" => day.AddMonths(amount),
        _ => day.AddYears(amount),
    };

    private static int Number(string word) => word.ToUpperInvariant() switch
    {
        "A" or "AN" or "ONE" => 1,
        "TWO" or "A COUPLE OF" or "A COUPLE" => 2,
        "THREE" or "A FEW" => 3,
        "FOUR" => 4,
        "FIVE" => 5,
        "SIX" => 6,
        "SEVEN" => 7,
        "EIGHT" => 8,
        "NINE" => 9,
        "TEN" => 10,
        _ => int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1,
    };

    [GeneratedRegex("""
        \b(?:
            (?<fixed>the\ day\ before\ yesterday|the\ day\ after\ tomorrow|yesterday|tomorrow|today|tonight|this\ morning|this\ evening)
          | (?:(?<rel>last|next|this|coming|on)\s+)?(?<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)
          | (?<prel>last|next|this)\s+(?<period>week|weekend|month|year)
          | in\s+(?<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\ couple\ of|a\ few|\d{1,3})\s+(?<unit>days?|weeks?|months?|years?)
          | (?<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\ couple\ of|a\ few|\d{1,3})\s+(?<unit>days?|weeks?|months?|years?)\s+(?<ago>ago)
        )\b
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Expression();
}
