using System.Globalization;

namespace MemoryFunctions.Core.Domain;

/// <summary>
/// Event dates in words ("7 May 2023"): the one form the extractor writes into statements and the context block shows,
/// because it is how people ask and answer "when", and it cannot be misread as month/day.
/// </summary>
public static class EventDates
{
    public static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset instant) => Day(DateOnly.FromDateTime(instant.UtcDateTime));

    public static string Month(DateOnly date) => date.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Year(DateOnly date) => date.ToString("yyyy", CultureInfo.InvariantCulture);
}
