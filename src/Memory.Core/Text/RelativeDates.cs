using System.Globalization;
using System.Text.RegularExpressions;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Text;

/// <summary>
/// Resolves relative date expressions against the turn's timestamp, so a memory read months later still says when, and
/// says it no more precisely than the speaker did: "yesterday" becomes "on 3 November 2026", "last week" "around
/// 28 October 2026", "last month" "in October 2026", "five years ago" "in 2021". A hedge in front ("about two weeks ago")
/// is absorbed into the "around". Dates are written in words, as people ask about them. Weekdays: "next Friday" is the
/// first Friday strictly after the turn's day, "last Friday" the most recent one strictly before, "this/on/coming
/// Friday" (or bare "Friday") the next one on or after it — unless the clause is in the past tense ("I ran a 10k on
/// Saturday"), when it is the most recent one on or before it. "Every Sunday" or "each Sunday" is a habit, not a day,
/// and is left as said.
/// </summary>
public static partial class RelativeDates
{
    private static readonly string[] Weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    /// <summary>The clause with its first expressions resolved, the first date found, and that date as written.</summary>
    public static ResolvedDate Resolve(string clause, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(clause);
        var pastTense = PastTense().IsMatch(clause);
        var today = DateOnly.FromDateTime(timestamp.Date);
        DateOnly? found = null;
        string? phrase = null;
        var text = Expression().Replace(clause, match =>
        {
            var (date, precision) = Precise(match, today, pastTense);
            if (found is null)
            {
                (found, phrase) = (date, Phrase(date, precision));
            }

            return (precision switch
            {
                DatePrecision.Day => "on ",
                DatePrecision.Week => "around ",
                _ => "in ",
            }) + Write(date, precision);
        });
        return new ResolvedDate(text, found, phrase);
    }

    /// <summary>
    /// Every relative expression of <paramref name="text"/> (any number of sentences) with the date it means, said at
    /// <paramref name="timestamp"/>: "yesterday = 3 November 2026", "last week = around 28 October 2026". Expressions that
    /// mean the day itself ("today", "this morning") say nothing the timestamp does not, and are left out.
    /// </summary>
    public static IReadOnlyList<string> Mentions(string text, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mentions = new List<string>();
        // Most turns say no relative date: one scan of the whole text spares them the sentence split (this runs on every kept turn).
        if (!Expression().IsMatch(text))
        {
            return mentions;
        }

        var today = DateOnly.FromDateTime(timestamp.Date);
        foreach (var sentence in Sentences.Split(text))
        {
            var pastTense = PastTense().IsMatch(sentence);
            foreach (Match match in Expression().Matches(sentence))
            {
                // "Today is Sunday" names the day it is said, whatever the calendar says: no other date is meant.
                if (match.Groups["weekday"].Success && !match.Groups["rel"].Success && SaysToday().IsMatch(sentence.AsSpan(0, match.Index)))
                {
                    continue;
                }

                var (date, precision) = Precise(match, today, pastTense);
                var mention = $"{match.Value.Trim()} = {Phrase(date, precision)}";
                if ((date != today || precision != DatePrecision.Day) && !mentions.Contains(mention, StringComparer.OrdinalIgnoreCase))
                {
                    mentions.Add(mention);
                }
            }
        }

        return mentions;
    }

    /// <summary><paramref name="text"/> with its relative expressions blanked out.</summary>
    public static string WithoutExpressions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Expression().Replace(text, " ");
    }

    /// <summary>The start of <paramref name="date"/> in the offset of <paramref name="timestamp"/>.</summary>
    public static DateTimeOffset ToInstant(DateOnly date, DateTimeOffset timestamp) =>
        new(date.ToDateTime(TimeOnly.MinValue), timestamp.Offset);

    /// <summary>A hedged day ("about two weeks ago") is only as precise as a week.</summary>
    private static (DateOnly Date, DatePrecision Precision) Precise(Match match, DateOnly today, bool pastTense)
    {
        var (date, precision) = Evaluate(match, today, pastTense);
        return (date, match.Groups["hedge"].Success && precision == DatePrecision.Day ? DatePrecision.Week : precision);
    }

    private static string Phrase(DateOnly date, DatePrecision precision) =>
        precision == DatePrecision.Week ? "around " + Write(date, precision) : Write(date, precision);

    private static string Write(DateOnly date, DatePrecision precision) => precision switch
    {
        DatePrecision.Year => EventDates.Year(date),
        DatePrecision.Month => EventDates.Month(date),
        _ => EventDates.Day(date),
    };

    private static (DateOnly Date, DatePrecision Precision) Evaluate(Match match, DateOnly today, bool pastTense)
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
            }, DatePrecision.Day);
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
                _ when pastTense => today.AddDays(-((current - target + 7) % 7)),
                _ => today.AddDays((target - current + 7) % 7),
            }, DatePrecision.Day);
        }

        if (g["period"].Success)
        {
            var sign = g["prel"].Value.Equals("last", StringComparison.OrdinalIgnoreCase) ? -1 : g["prel"].Value.Equals("next", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            return (Shift(today, g["period"].Value, sign), PrecisionOf(g["period"].Value));
        }

        var count = Number(g["n"].Value);
        var unit = g["unit"].Value;
        var direction = g["ago"].Success ? -count : count;
        return (Shift(today, unit, direction), PrecisionOf(unit));
    }

    private static DatePrecision PrecisionOf(string unit) => unit.ToUpperInvariant().TrimEnd('S') switch
    {
        "DAY" => DatePrecision.Day,
        "WEEK" or "WEEKEND" => DatePrecision.Week,
        "MONTH" => DatePrecision.Month,
        _ => DatePrecision.Year,
    };

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

    [GeneratedRegex(@"^(?:I|we)\s+(?:(?:just|finally|recently|also|actually)\s+)?(?:\w+ed|went|ran|got|bought|met|saw|took|made|flew|began|won|lost|sold|had|gave|did|wrote|read|was|were|came|left|found|brought|caught|drove|ate|swam|sang|spent|threw|held)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PastTense();

    [GeneratedRegex(@"\b(?:today|it)(?:'s|\u2019s|\s+is)\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SaysToday();

    [GeneratedRegex("""
        \b(?<hedge>(?:about|around|roughly|approximately|almost|nearly|like|maybe|over)\s+)?(?:
            (?<fixed>the\ day\ before\ yesterday|the\ day\ after\ tomorrow|yesterday|tomorrow|today|tonight|this\ morning|this\ evening)
          | (?<!\b(?:every|each)\s+)(?:(?<rel>last|next|this|coming|on)\s+)?(?<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)
          | (?<prel>last|next|this)\s+(?<period>week|weekend|month|year)
          | in\s+(?<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\ couple\ of|a\ few|\d{1,3})\s+(?<unit>days?|weeks?|months?|years?)
          | (?<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\ couple\ of|a\ few|\d{1,3})\s+(?<unit>days?|weeks?|months?|years?)\s+(?<ago>ago)
        )\b
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Expression();
}
