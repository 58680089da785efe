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
            AssertSameVector(single, batched[i].Vector, texts[i]);
        }
    }

    [Fact]
    public async Task GenerateAsync_ConcurrentCallersWithMixedLengths_ShareBatchesAndGetTheVectorsTheyGetAlone()
    {
        string[] texts =
        [
            "I work at Contoso.", "Sure, here is a plan that keeps your mornings free for focused work.", "Ok, sounds good.",
            "user: I live in Lisbon.\nassistant: Noted. I'll keep that in mind for future suggestions.\nuser: Can you help me plan my week?",
            "Works at Contoso", "Prefers tea over coffee", "x", "Happy to help. Let me know if you want a shorter version.",
        ];
        var alone = new List<ReadOnlyMemory<float>>();
        foreach (var text in texts)
        {
            alone.Add(await _generator.GenerateVectorAsync(text));
        }

        var together = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => _generator.GenerateAsync([texts[i % texts.Length], texts[(i * 5) % texts.Length]]))));

        for (var i = 0; i < together.Length; i++)
        {
            AssertSameVector(alone[i % texts.Length], together[i][0].Vector, texts[i % texts.Length]);
            AssertSameVector(alone[(i * 5) % texts.Length], together[i][1].Vector, texts[(i * 5) % texts.Length]);
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

    /// <summary>Batching may only change the float rounding of padded matrix products: every component within 1e-5.</summary>
    private static void AssertSameVector(ReadOnlyMemory<float> expected, ReadOnlyMemory<float> actual, string text)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = Enumerable.Range(0, expected.Length).Max(d => Math.Abs(expected.Span[d] - actual.Span[d]));
        Assert.True(worst <= 1e-5f, $"'{text}': largest difference {worst}");
    }
}
