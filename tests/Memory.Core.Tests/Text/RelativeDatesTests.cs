using MemoryFunctions.Core.Text;

namespace MemoryFunctions.Core.Tests.Text;

public sealed class RelativeDatesTests
{
    // Wednesday 2026-11-04.
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 4, 22, 30, 0, TimeSpan.FromHours(2));

    [Theory]
    [InlineData("I met her yesterday", "I met her on 3 November 2026", "2026-11-03")]
    [InlineData("see you tomorrow", "see you on 5 November 2026", "2026-11-05")]
    [InlineData("the day after tomorrow", "on 6 November 2026", "2026-11-06")]
    [InlineData("next Friday", "on 6 November 2026", "2026-11-06")]
    [InlineData("next Wednesday", "on 11 November 2026", "2026-11-11")]
    [InlineData("last Wednesday", "on 28 October 2026", "2026-10-28")]
    [InlineData("on Monday", "on 9 November 2026", "2026-11-09")]
    [InlineData("this Wednesday", "on 4 November 2026", "2026-11-04")]
    [InlineData("last week", "around 28 October 2026", "2026-10-28")]
    [InlineData("next month", "in December 2026", "2026-12-04")]
    [InlineData("in two weeks", "around 18 November 2026", "2026-11-18")]
    [InlineData("in 3 days", "on 7 November 2026", "2026-11-07")]
    [InlineData("three days ago", "on 1 November 2026", "2026-11-01")]
    [InlineData("about three days ago", "around 1 November 2026", "2026-11-01")]
    [InlineData("a year ago", "in 2025", "2025-11-04")]
    [InlineData("I started painting about five years ago", "I started painting in 2021", "2021-11-04")]
    public void Resolve_Expression_AbsoluteDateNoMorePreciseThanSaid(string clause, string expectedText, string expectedDate)
    {
        var resolved = RelativeDates.Resolve(clause, Wednesday);

        Assert.Equal(expectedText, resolved.Text);
        Assert.Equal(DateOnly.Parse(expectedDate, System.Globalization.CultureInfo.InvariantCulture), resolved.Date);
    }

    [Fact]
    public void Resolve_NoExpression_TextUnchangedAndNoDate()
    {
        var resolved = RelativeDates.Resolve("I work at Contoso", Wednesday);

        Assert.Equal(new ResolvedDate("I work at Contoso", null, null), resolved);
    }

    [Fact]
    public void ToInstant_Date_MidnightInTurnOffset()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.FromHours(2)), RelativeDates.ToInstant(new DateOnly(2026, 11, 3), Wednesday));
    }

    [Fact]
    public void Mentions_EveryExpressionOfEverySentence_WithItsDate()
    {
        var mentions = RelativeDates.Mentions("I ran the 10k yesterday! Next Friday we fly out. Today is quiet.", Wednesday);

        Assert.Equal(["yesterday = 3 November 2026", "Next Friday = 6 November 2026"], mentions);
    }

    [Fact]
    public void Mentions_TenseReadPerSentence()
    {
        // "on Saturday" in a past-tense sentence is the Saturday before; in a plan, the one after.
        Assert.Equal(["on Saturday = 31 October 2026"], RelativeDates.Mentions("Long day. I ran a 10k on Saturday.", Wednesday));
        Assert.Equal(["on Saturday = 7 November 2026"], RelativeDates.Mentions("Long day. Let's meet on Saturday.", Wednesday));
    }

    [Fact]
    public void Mentions_WeekdaySaidToBeToday_IsTheDayItselfNotAnotherDate()
    {
        // The weekday is wrong for the date (as in public chat data); the turn's own date stands, nothing else is meant.
        Assert.Empty(RelativeDates.Mentions("Today is Sunday and I'm planning to watch a movie.", Wednesday));
        Assert.Empty(RelativeDates.Mentions("It's Friday, finally!", Wednesday));
        Assert.Equal(["Sunday = 8 November 2026"], RelativeDates.Mentions("The match is Sunday.", Wednesday));
    }

    [Fact]
    public void MentionsAndResolve_RecurringWeekday_NoDate()
    {
        // "Every Sunday" is a habit, not a day: resolving it dated a recipe the aunt makes weekly to one Sunday.
        Assert.Empty(RelativeDates.Mentions("My aunt swears by paella, she makes it every Sunday.", Wednesday));
        Assert.Empty(RelativeDates.Mentions("We play football each Saturday morning.", Wednesday));
        Assert.Equal("We play football each Saturday morning.", RelativeDates.Resolve("We play football each Saturday morning.", Wednesday).Text);
        Assert.Equal(["Sunday = 8 November 2026"], RelativeDates.Mentions("The match is Sunday, as every year.", Wednesday));
    }

    [Fact]
    public void Mentions_NothingRelative_Empty()
    {
        Assert.Empty(RelativeDates.Mentions("Mostly jazz, with some blues!", Wednesday));
        Assert.Empty(RelativeDates.Mentions("I went there this morning.", Wednesday));
    }
}
