using MemoryFunctions.Cosmos.Documents;

namespace MemoryFunctions.Cosmos.Tests.Documents;

public sealed class CosmosDatesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToText_AnyOffset_FixedWidthUtc()
    {
        var text = CosmosDates.ToText(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1));

        Assert.Equal("2026-01-02T01:04:05.0000001Z", text);
        Assert.Equal(28, text.Length);
    }

    [Fact]
    public void ToText_Instants_StringOrderEqualsTimeOrder()
    {
        var instants = new[] { Now, Now.AddTicks(1), Now.AddSeconds(9), Now.AddSeconds(10), Now.AddYears(-30), Now.AddMilliseconds(100) };

        var byText = instants.OrderBy(CosmosDates.ToText, StringComparer.Ordinal);

        Assert.Equal(instants.Order(), byText);
    }

    [Fact]
    public void Parse_FormattedText_RoundTripsExactly()
    {
        var value = Now.AddTicks(7654321);

        Assert.Equal(value, CosmosDates.Parse(CosmosDates.ToText(value)));
    }

    [Fact]
    public void TimeToLiveSeconds_NoExpiry_Null()
    {
        Assert.Null(CosmosDates.TimeToLiveSeconds(null, Now));
    }

    [Fact]
    public void TimeToLiveSeconds_FutureExpiry_SecondsRoundedUp()
    {
        Assert.Equal(3600, CosmosDates.TimeToLiveSeconds(Now.AddHours(1), Now));
        Assert.Equal(2, CosmosDates.TimeToLiveSeconds(Now.AddMilliseconds(1500), Now));
    }

    [Fact]
    public void TimeToLiveSeconds_PastOrNowExpiry_AtLeastOne()
    {
        Assert.Equal(1, CosmosDates.TimeToLiveSeconds(Now, Now));
        Assert.Equal(1, CosmosDates.TimeToLiveSeconds(Now.AddDays(-3), Now));
    }

    [Fact]
    public void TimeToLiveSeconds_FarFuture_ClampedToIntMax()
    {
        Assert.Equal(int.MaxValue, CosmosDates.TimeToLiveSeconds(DateTimeOffset.MaxValue, Now));
    }
}
