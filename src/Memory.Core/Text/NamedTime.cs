using System.Globalization;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Text;

/// <summary>
/// A stretch of calendar time a text names: the days <paramref name="From"/> to <paramref name="To"/> (a day, a week, a
/// month or a year), or with <paramref name="AnyYearMonth"/> that month of any year ("in May" without a year), and with
/// <paramref name="AnyYearDay"/> too that day of it in any year ("on May 2nd").
/// </summary>
public sealed record NamedTime(DateOnly From, DateOnly To, int? AnyYearMonth = null, int? AnyYearDay = null)
{
    public bool Covers(DateOnly date) => AnyYearMonth is { } month
        ? date.Month == month && (AnyYearDay is not { } day || date.Day == day)
        : From <= date && date <= To;

    /// <summary>Some day lies in both.</summary>
    public bool Overlaps(NamedTime other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return (AnyYearMonth, other.AnyYearMonth) switch
        {
            ({ } mine, { } theirs) => mine == theirs && (AnyYearDay is null || other.AnyYearDay is null || AnyYearDay == other.AnyYearDay),
            ({ }, null) => other.To.DayNumber - other.From.DayNumber >= 365 || Enumerable.Range(0, other.To.DayNumber - other.From.DayNumber + 1).Any(d => Covers(other.From.AddDays(d))),
            (null, { }) => other.Overlaps(this),
            _ => From <= other.To && other.From <= To,
        };
    }

    public static NamedTime Day(DateOnly day) => new(day, day);

    public static NamedTime Month(int year, int month) => new(new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1));

    public static NamedTime Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    public override string ToString() => AnyYearMonth is { } month
        ? $"{(AnyYearDay is { } day ? $"{day} " : string.Empty)}{CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month)}"
        : From == To
            ? EventDates.Day(From)
            : From.Day == 1 && To == From.AddMonths(1).AddDays(-1)
                ? EventDates.Month(From)
                : From.DayOfYear == 1 && To == new DateOnly(From.Year, 12, 31)
                    ? EventDates.Year(From)
                    : $"{EventDates.Day(From)} – {EventDates.Day(To)}";
}
