using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Local.Tests;

public sealed class HashingEmbedderTests
{
    private static HashingEmbedder Create(int dimensions = 384) => new(Options.Create(new HashingEmbedderOptions { Dimensions = dimensions }));

    [Fact]
    public async Task GenerateAsync_SameText_SameVectorAcrossInstances()
    {
        using var first = Create();
        using var second = Create();

        var a = await first.GenerateVectorAsync("Alice likes green tea");
        var b = await second.GenerateVectorAsync("Alice likes green tea");

        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.Equal(384, a.Length);
    }

    [Theory]
    [InlineData("Alice likes green tea")]
    [InlineData("x")]
    [InlineData("Ünïcödé wörds, numbers 42 and punctuation!!!")]
    public void Embed_AnyText_UnitNorm(string text)
    {
        using var embedder = Create(128);

        Assert.Equal(1.0f, TensorPrimitives.Norm(embedder.Embed(text)), 4);
    }

    [Fact]
    public void Embed_OnlyPunctuation_ZeroVector()
    {
        using var embedder = Create(64);

        Assert.All(embedder.Embed("?!..."), value => Assert.Equal(0f, value));
    }

    [Fact]
    public void Embed_SimilarTexts_CloserThanUnrelated()
    {
        using var embedder = Create();
        var anchor = embedder.Embed("Alice likes drinking green tea in the morning");
        var similar = embedder.Embed("In the morning Alice drinks green tea");
        var unrelated = embedder.Embed("The quarterly budget report is due on Friday");

        var near = TensorPrimitives.CosineSimilarity(anchor, similar);
        var far = TensorPrimitives.CosineSimilarity(anchor, unrelated);

        Assert.True(near > 0.5f, $"similar: {near}");
        Assert.True(far < 0.2f, $"unrelated: {far}");
    }

    [Fact]
    public void Embed_DifferentCase_SameVector()
    {
        using var embedder = Create();

        Assert.Equal(embedder.Embed("GREEN Tea"), embedder.Embed("green tea"));
    }

    [Fact]
    public void GetService_Metadata_NamesProviderModelAndDimensions()
    {
        using var embedder = Create(512);

        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("hashing", metadata.ProviderName);
        Assert.Equal(HashingEmbedder.ModelId, metadata.DefaultModelId);
        Assert.Equal(512, metadata.DefaultModelDimensions);
        Assert.Same(embedder, embedder.GetService<HashingEmbedder>());
        Assert.Null(embedder.GetService<EmbeddingGeneratorMetadata>("keyed"));
    }
}
