using MemoryFunctions.Core.Text;

namespace MemoryFunctions.Core.Tests.Text;

public sealed class NamedTimesTests
{
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 4, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Which city did Maya visit in May 2023?", "May 2023")]
    [InlineData("What happened on 7 May 2023?", "7 May 2023")]
    [InlineData("what happened on the 7th of may, 2023", "7 May 2023")]
    [InlineData("What did she do on May 7, 2023?", "7 May 2023")]
    [InlineData("Anything on 2023-05-07?", "7 May 2023")]
    [InlineData("Where did Tom live in 2022?", "2022")]
    [InlineData("What did Tom do during March?", "March")]
    [InlineData("the week of 9 June", "9 June")]
    [InlineData("On May 2nd, which movie did I watch?", "2 May")]
    [InlineData("What did I do on the 30th of April?", "30 April")]
    public void Find_NamedTime_ReadAsWritten(string text, string expected)
    {
        Assert.Equal([expected], NamedTimes.Find(text).Select(time => time.ToString()));
    }

    [Theory]
    [InlineData("May I ask what the user likes?")]
    [InlineData("We should march on, said Tom")]
    [InlineData("He scored 150 points")]
    [InlineData("on 31 February")]
    [InlineData("")]
    public void Find_NoTimeNamed_Nothing(string text)
    {
        Assert.Empty(NamedTimes.Find(text));
    }

    [Fact]
    public void Find_RelativeExpression_ReadAtTheGivenMoment()
    {
        Assert.Equal(["3 November 2026"], NamedTimes.Find("What did I eat yesterday?", Wednesday).Select(t => t.ToString()));
        Assert.Empty(NamedTimes.Find("What did I eat yesterday?"));
        var lastWeek = Assert.Single(NamedTimes.Find("where was I last week", Wednesday));
        Assert.True(lastWeek.Covers(new DateOnly(2026, 10, 28)));
        Assert.False(lastWeek.Covers(new DateOnly(2026, 11, 4)));
    }

    [Fact]
    public void Overlaps_MonthOfAnyYearAndRanges()
    {
        var may = Assert.Single(NamedTimes.Find("in May"));
        var may2023 = NamedTime.Month(2023, 5);
        Assert.True(may.Overlaps(may2023));
        Assert.True(may2023.Overlaps(may));
        Assert.True(may.Overlaps(NamedTime.Day(new DateOnly(2021, 5, 30))));
        Assert.False(may.Overlaps(NamedTime.Day(new DateOnly(2021, 6, 1))));
        Assert.True(NamedTime.Year(2023).Overlaps(NamedTime.Day(new DateOnly(2023, 12, 31))));
        Assert.False(NamedTime.Year(2023).Overlaps(NamedTime.Day(new DateOnly(2024, 1, 1))));
    }

    [Fact]
    public void DayOfAnyYear_CoversThatDayOnly_InEveryYear()
    {
        var second = Assert.Single(NamedTimes.Find("On May 2nd, which movie did I watch?"));
        Assert.True(second.Covers(new DateOnly(2023, 5, 2)));
        Assert.True(second.Covers(new DateOnly(2026, 5, 2)));
        Assert.False(second.Covers(new DateOnly(2023, 5, 3)));
        Assert.False(second.Covers(new DateOnly(2023, 6, 2)));
        Assert.True(second.Overlaps(NamedTime.Day(new DateOnly(2023, 5, 2))));
        Assert.False(second.Overlaps(NamedTime.Day(new DateOnly(2023, 5, 3))));
        Assert.True(second.Overlaps(NamedTime.Month(2023, 5)));
        Assert.True(NamedTime.Year(2023).Overlaps(second));
        Assert.True(second.Overlaps(Assert.Single(NamedTimes.Find("in May"))));
        Assert.False(second.Overlaps(Assert.Single(NamedTimes.Find("on May 3rd"))));
        Assert.True(second.Overlaps(Assert.Single(NamedTimes.Find("2 May"))));
    }

    [Fact]
    public void Without_NamedTimesBlanked_OtherWordsKept()
    {
        Assert.Equal("Which city did Maya visit in  ?", NamedTimes.Without("Which city did Maya visit in February 2023?"));
        Assert.Equal("What did I eat  ?", NamedTimes.Without("What did I eat yesterday?", Wednesday));
        Assert.Equal("May I ask?", NamedTimes.Without("May I ask?"));
    }
}
