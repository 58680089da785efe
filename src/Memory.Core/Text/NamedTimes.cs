using System.Globalization;
using System.Text.RegularExpressions;

namespace MemoryFunctions.Core.Text;

/// <summary>
/// Finds the calendar times an English text names: full dates ("7 May 2023", "May 7, 2023", "2023-05-07"), days without a
/// year ("on May 2nd": that day of any year), months with or without a year ("in May 2023", "during March"), years ("in 2022"), and — given the moment the text is read — relative
/// expressions (<see cref="RelativeDates"/>: "last week", "two months ago"). A month name counts only beside a number or
/// after a preposition, so "may" the verb is not May.
/// </summary>
public static partial class NamedTimes
{
    public static IReadOnlyList<NamedTime> Find(string text, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<NamedTime>();
        foreach (Match match in Absolute().Matches(text))
        {
            if (Read(match) is { } time && !found.Contains(time))
            {
                found.Add(time);
            }
        }

        if (now is { } at)
        {
            foreach (var mention in RelativeDates.Mentions(text, at))
            {
                var written = mention[(mention.IndexOf(" = ", StringComparison.Ordinal) + 3)..];
                var around = written.StartsWith("around ", StringComparison.Ordinal);
                if (Absolute().Match(written) is { Success: true } resolved && Read(resolved) is { } time)
                {
                    // "Around" a day (last week, about two weeks ago): the days either side count too.
                    time = around ? new NamedTime(time.From.AddDays(-3), time.To.AddDays(3)) : time;
                    if (!found.Contains(time))
                    {
                        found.Add(time);
                    }
                }
            }
        }

        return found;
    }

    /// <summary>
    /// <paramref name="text"/> without the times it names (relative ones too, when <paramref name="now"/> is given): what a
    /// word search should look for once the times are taken care of by other means.
    /// </summary>
    public static string Without(string text, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = Absolute().Replace(text, match => Read(match) is null ? match.Value : " ");
        return now is null ? rest : RelativeDates.WithoutExpressions(rest);
    }

    private static NamedTime? Read(Match match)
    {
        var g = match.Groups;
        var year = g["y"].Success ? int.Parse(g["y"].Value, CultureInfo.InvariantCulture) : (int?)null;
        var month = g["m"].Success ? Month(g["m"].Value) : g["mm"].Success ? int.Parse(g["mm"].Value, CultureInfo.InvariantCulture) : (int?)null;
        var day = g["d"].Success ? int.Parse(g["d"].Value, CultureInfo.InvariantCulture) : (int?)null;
        if (month is null)
        {
            return year is { } onlyYear ? NamedTime.Year(onlyYear) : null;
        }

        if (month is < 1 or > 12)
        {
            return null;
        }

        if (year is not { } y)
        {
            // A day without a year ("on 7 May") is that day of any year: no year is guessed, but the day is kept, since a
            // question naming a day asks about that day, not the month around it.
            return day is { } dayOfMonth && dayOfMonth >= 1 && dayOfMonth <= DateTime.DaysInMonth(2024, month.Value)
                ? new NamedTime(DateOnly.MinValue, DateOnly.MinValue, month, dayOfMonth)
                : day is null ? new NamedTime(DateOnly.MinValue, DateOnly.MinValue, month) : null;
        }

        if (day is { } d)
        {
            return d >= 1 && d <= DateTime.DaysInMonth(y, month.Value) ? NamedTime.Day(new DateOnly(y, month.Value, d)) : null;
        }

        return NamedTime.Month(y, month.Value);
    }

    private static int Month(string name) =>
        Array.FindIndex(CultureInfo.InvariantCulture.DateTimeFormat.MonthNames, month => month.Equals(name, StringComparison.OrdinalIgnoreCase)) + 1;

    [GeneratedRegex("""
        \b(?:
            (?<y>(?:19|20)\d{2})-(?<mm>0[1-9]|1[0-2])-(?<d>[0-3]\d)
          | (?<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?<m>january|february|march|april|may|june|july|august|september|october|november|december)(?:,?\s+(?<y>(?:19|20)\d{2}))?
          | (?<m>january|february|march|april|may|june|july|august|september|october|november|december)\s+(?<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?<y>(?:19|20)\d{2}))?
          | (?<m>january|february|march|april|may|june|july|august|september|october|november|december),?\s+(?<y>(?:19|20)\d{2})
          | (?<=\b(?:in|during|since|until|by|of|early|late|mid|last|this|next|around|before|after)\s+)(?<m>january|february|march|april|may|june|july|august|september|october|november|december)
          | (?<y>(?:19|20)\d{2})
        )\b
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Absolute();
}
