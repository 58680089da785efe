using MemoryFunctions.Core.Context;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.OpenAI.Tokens;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.OpenAI.Tests.Tokens;

public sealed class TiktokenTokenCounterTests
{
    private static readonly TiktokenTokenCounter O200k = new(Options.Create(new TokenCountingOptions()));

    [Theory]
    [InlineData("", 0)]
    [InlineData("Hello world", 2)]
    [InlineData("Works as a nurse at St. Mary's hospital", 9)]
    public void CountTokens_Text_CountsO200kTokens(string text, int expected)
    {
        Assert.Equal(expected, O200k.CountTokens(text));
    }

    [Fact]
    public void CountTokens_NonLatinText_CountsFarFromCharactersOverFour()
    {
        // Characters ÷ 4 says 3 tokens for these 12 characters; every script counts differently, which is why a real tokenizer is used.
        var japanese = "東京に住んでいる看護師です";

        Assert.NotEqual(TokenEstimator.Estimate(japanese), O200k.CountTokens(japanese));
    }

    [Fact]
    public void CountTokens_Cl100kEncoding_IsASetting()
    {
        var cl100k = new TiktokenTokenCounter(Options.Create(new TokenCountingOptions { Encoding = "cl100k_base" }));

        Assert.Equal(2, cl100k.CountTokens("Hello world"));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(90)]
    [InlineData(150)]
    [InlineData(400)]
    public void ContextBuilder_RealTokenizer_BlockFitsTheBudget(int maxTokens)
    {
        var ranked = Enumerable.Range(0, 40)
            .Select(i => new RankedMemory(Memory($"Fact {i}: likes café crème, 東京, and the number {i * 7919}"), 1, new ScoreExplanation(null, null, null, null, 1, 1, 1, 1)))
            .ToList();

        var block = ContextBuilder.Build(null, null, ranked, maxTokens, O200k);

        Assert.Equal(O200k.CountTokens(block.Text), block.EstimatedTokens);
        Assert.True(block.EstimatedTokens <= maxTokens, $"{block.EstimatedTokens} > {maxTokens}");
        Assert.True(block.Truncated);
    }

    private static MemoryRecord Memory(string text)
    {
        var partition = new MemoryPartition("t", "u");
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        return new MemoryRecord
        {
            Id = MemoryIds.ForMemory(partition, null, text),
            TenantId = partition.TenantId,
            UserId = partition.UserId,
            Text = text,
            ContentHash = MemoryIds.ContentHash(text),
            CreatedAt = at,
            UpdatedAt = at,
            ValidFrom = at,
        };
    }
}
