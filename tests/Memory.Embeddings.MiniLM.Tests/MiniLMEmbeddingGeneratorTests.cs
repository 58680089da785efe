using System.Numerics.Tensors;
using MemoryFunctions.Embeddings.MiniLM;
using Microsoft.Extensions.AI;

namespace MemoryFunctions.Embeddings.MiniLM.Tests;

public sealed class MiniLMEmbeddingGeneratorTests(MiniLMFixture fixture) : IClassFixture<MiniLMFixture>
{
    /// <summary>[UNK] in the uncased BERT vocabulary that all-MiniLM-L6-v2 uses.</summary>
    private const int UnknownTokenId = 100;

    private readonly MiniLMEmbeddingGenerator _generator = fixture.Generator;

    [Fact]
    public async Task GenerateAsync_AnyText_GivesUnitLength384DimensionalVectors()
    {
        var embeddings = await _generator.GenerateAsync(["Works as a nurse", "", "🙂"]);

        Assert.All(embeddings, embedding =>
        {
            Assert.Equal(MiniLMEmbeddingGenerator.Dimensions, embedding.Vector.Length);
            Assert.Equal(1f, TensorPrimitives.Norm(embedding.Vector.Span), 3);
            Assert.Equal(MiniLMEmbeddingGenerator.ModelId, embedding.ModelId);
        });
    }

    [Fact]
    public async Task GenerateAsync_Paraphrase_IsCloserThanUnrelatedFacts()
    {
        var query = await _generator.GenerateVectorAsync("what is the user's job?");
        var facts = await _generator.GenerateAsync(["Works as a nurse at St. Mary's hospital", "Lives in a flat in Oslo", "Has a dog called Rex"]);

        var similarities = facts.Select(fact => TensorPrimitives.CosineSimilarity(query.Span, fact.Vector.Span)).ToArray();

        Assert.True(similarities[0] > similarities[1] && similarities[0] > similarities[2], string.Join(", ", similarities));
    }

    [Fact]
    public async Task GenerateAsync_Batch_MatchesOneByOneInInputOrder()
    {
        string[] texts = ["a much longer sentence about the user's holiday plans in Norway next summer", "short", "medium length text here", "x", "another one"];

        var batched = await _generator.GenerateAsync(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            var single = await _generator.GenerateVectorAsync(texts[i]);
            Assert.True(TensorPrimitives.CosineSimilarity(single.Span, batched[i].Vector.Span) > 0.9999f, texts[i]);
        }
    }

    [Fact]
    public void Encode_NewlinesTabsAndAccents_TokeniseLikeSpacesAndPlainLetters()
    {
        var plain = _generator.Encode("cafe creme in zurich with my naive friend");

        Assert.Equal(plain, _generator.Encode("Café\ncrème\tin Zürich\r\nwith my naïve friend"));
        Assert.DoesNotContain(UnknownTokenId, plain);
    }

    [Fact]
    public void Encode_LongText_StopsAtTheTrainingLength()
    {
        var ids = _generator.Encode(string.Join(' ', Enumerable.Repeat("memory", 2000)));

        Assert.Equal(256, ids.Length);
        Assert.Equal(ids[0], _generator.Encode("")[0]);
        Assert.Equal(ids[^1], _generator.Encode("")[^1]);
    }

    [Fact]
    public async Task GenerateAsync_ConcurrentCallers_GetTheSameVectorsAsAlone()
    {
        var alone = await _generator.GenerateVectorAsync("Prefers tea over coffee");

        var together = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => _generator.GenerateVectorAsync("Prefers tea over coffee"))));

        Assert.All(together, vector => Assert.True(alone.Span.SequenceEqual(vector.Span)));
    }

    [Fact]
    public async Task GenerateAsync_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _generator.GenerateAsync(["anything"], cancellationToken: cancelled.Token));
    }

    [Fact]
    public void GetService_Metadata_NamesTheModelAndItsDimensions()
    {
        var metadata = _generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal(MiniLMEmbeddingGenerator.ModelId, metadata?.DefaultModelId);
        Assert.Equal(384, metadata?.DefaultModelDimensions);
    }
}
