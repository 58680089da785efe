using MemoryFunctions.Core.Context;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Local.Ingestion;

namespace MemoryFunctions.Local.Tests.Ingestion;

public sealed class ExtractiveSummarizerTests
{
    private readonly ExtractiveSummarizer _summarizer = new();

    [Fact]
    public async Task SummarizeAsync_Profile_NewestValuePerSlotWinsAndDuplicatesDropped()
    {
        var result = await _summarizer.SummarizeAsync(new SummaryRequest(
            SummarySubject.Profile,
            "Works at Contoso\nLives in Oslo\nLoves steak",
            ["Works at Fabrikam since 2026-10-28", "Lives in Oslo", "No longer true: Loves steak", "Is vegetarian"],
            200));

        Assert.Equal("Works at Fabrikam since 2026-10-28\nLives in Oslo\nIs vegetarian", result.Text);
    }

    [Fact]
    public async Task SummarizeAsync_Session_CondensesTurnsAndSkipsAcknowledgements()
    {
        var result = await _summarizer.SummarizeAsync(new SummaryRequest(
            SummarySubject.Session,
            "User: I work at Contoso.",
            ["User: Thanks!", "Assistant: Congratulations on the new job. Anything else I can help with?", "User: I joined Fabrikam last week. It is great."],
            200));

        Assert.Equal("User: I work at Contoso.\nAssistant: Congratulations on the new job.\nUser: I joined Fabrikam last week.", result.Text);
    }

    [Fact]
    public async Task SummarizeAsync_OverBudget_DropsOldestLinesFirst()
    {
        var turns = Enumerable.Range(1, 50).Select(i => $"User: This is turn number {i} with some words.").ToList();

        var result = await _summarizer.SummarizeAsync(new SummaryRequest(SummarySubject.Session, null, turns, 64));

        Assert.True(TokenEstimator.Estimate(result.Text) <= 64);
        Assert.EndsWith("turn number 50 with some words.", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("turn number 1 ", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SummarizeAsync_Session_KeepsEachTurnsMostInformativeSentenceNotItsFirst()
    {
        var result = await _summarizer.SummarizeAsync(new SummaryRequest(
            SummarySubject.Session,
            null,
            ["Caroline: Hi! So good to hear from you. I went to the LGBTQ support group in Boston on Tuesday.", "Melanie: Haha, same here honestly.", "Melanie: How was it?", "Melanie: Oh nice."],
            200));

        Assert.Equal("Caroline: I went to the LGBTQ support group in Boston on Tuesday.", result.Text);
    }

    [Fact]
    public async Task SummarizeAsync_SessionOverBudget_DropsTheLeastInformativeLinesFirst()
    {
        List<string> turns = ["Tom: I finally booked the flights to Lisbon for March, 240 euros each.", .. Enumerable.Repeat("Maya: Work has been a blur lately again.", 30)];

        var result = await _summarizer.SummarizeAsync(new SummaryRequest(SummarySubject.Session, null, turns, 48));

        Assert.True(TokenEstimator.Estimate(result.Text) <= 48);
        Assert.StartsWith("Tom: I finally booked the flights to Lisbon", result.Text, StringComparison.Ordinal);
    }
}
