using MemoryFunctions.Local.Ingestion;

namespace MemoryFunctions.Local.Tests.Ingestion;

public sealed class RelativeDatesTests
{
    // Wednesday 2026-11-04.
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 4, 22, 30, 0, TimeSpan.FromHours(2));

    [Theory]
    [InlineData("I met her yesterday", "I met her on 2026-11-03", "2026-11-03")]
    [InlineData("see you tomorrow", "see you on 2026-11-05", "2026-11-05")]
    [InlineData("the day after tomorrow", "on 2026-11-06", "2026-11-06")]
    [InlineData("next Friday", "on 2026-11-06", "2026-11-06")]
    [InlineData("next Wednesday", "on 2026-11-11", "2026-11-11")]
    [InlineData("last Wednesday", "on 2026-10-28", "2026-10-28")]
    [InlineData("on Monday", "on 2026-11-09", "2026-11-09")]
    [InlineData("this Wednesday", "on 2026-11-04", "2026-11-04")]
    [InlineData("last week", "around 2026-10-28", "2026-10-28")]
    [InlineData("next month", "around 2026-12-04", "2026-12-04")]
    [InlineData("in two weeks", "around 2026-11-18", "2026-11-18")]
    [InlineData("in 3 days", "on 2026-11-07", "2026-11-07")]
    [InlineData("three days ago", "on 2026-11-01", "2026-11-01")]
    [InlineData("a year ago", "around 2025-11-04", "2025-11-04")]
    public void Resolve_Expression_AbsoluteDateFromTurnTimestamp(string clause, string expectedText, string expectedDate)
    {
        var (text, date) = RelativeDates.Resolve(clause, Wednesday);

        Assert.Equal(expectedText, text);
        Assert.Equal(DateOnly.Parse(expectedDate, System.Globalization.CultureInfo.InvariantCulture), date);
    }

    [Fact]
    public void Resolve_NoExpression_TextUnchangedAndNoDate()
    {
        var (text, date) = RelativeDates.Resolve("I work at Contoso", Wednesday);

        Assert.Equal("I work at Contoso", text);
        Assert.Null(date);
    }

    [Fact]
    public void ToInstant_Date_MidnightInTurnOffset()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.FromHours(2)), RelativeDates.ToInstant(new DateOnly(2026, 11, 3), Wednesday));
    }
}
