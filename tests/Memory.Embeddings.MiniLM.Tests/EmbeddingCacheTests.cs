using MemoryFunctions.Embeddings.MiniLM;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Embeddings.MiniLM.Tests;

public sealed class EmbeddingCacheTests(MiniLMFixture fixture) : IClassFixture<MiniLMFixture>
{
    [Fact]
    public void Add_PastCapacity_EvictsTheLeastRecentlyUsed()
    {
        var cache = new EmbeddingCache(2);
        cache.Add("a", [1f]);
        cache.Add("b", [2f]);
        Assert.True(cache.TryGet("a", out _));

        cache.Add("c", [3f]);

        Assert.True(cache.TryGet("a", out var a));
        Assert.Equal([1f], a);
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Add_UserText_KeyedByItsDigestNotTheText()
    {
        var cache = new EmbeddingCache(4);

        cache.Add("I was diagnosed with asthma last spring", [1f]);

        Assert.False(cache.HoldsText("I was diagnosed with asthma last spring"));
        Assert.True(cache.TryGet("I was diagnosed with asthma last spring", out var vector));
        Assert.Equal([1f], vector);
        Assert.False(cache.TryGet("i was diagnosed with asthma last spring", out _));
    }

    [Fact]
    public void Add_CapacityZero_KeepsNothing()
    {
        var cache = new EmbeddingCache(0);
        cache.Add("a", [1f]);
        Assert.False(cache.TryGet("a", out _));
    }

    [Fact]
    public async Task GenerateAsync_RepeatedText_ServedFromTheCacheWithTheSameVector()
    {
        using var generator = new MiniLMEmbeddingGenerator(Options.Create(new MiniLMEmbedderOptions { CacheSize = 8 }));
        var first = await generator.GenerateVectorAsync("where does the user work?");

        var mixed = await generator.GenerateAsync(["a new question about cats", "where does the user work?", "a new question about cats"]);

        Assert.Equal(first.ToArray(), mixed[1].Vector.ToArray());
        Assert.Equal(mixed[0].Vector.ToArray(), mixed[2].Vector.ToArray());
        Assert.Equal(2, generator.CachedTexts);
        var uncached = await fixture.Generator.GenerateVectorAsync("a new question about cats");
        Assert.Equal(uncached.ToArray(), mixed[0].Vector.ToArray(), (x, y) => Math.Abs(x - y) < 1e-4f);
    }
}
