using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Embeddings.MiniLM;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Bench.Ann;

/// <summary>
/// <see cref="SentenceCorpus"/> sentences and their all-MiniLM-L6-v2 vectors, embedded once and cached under
/// <c>bench/.cache</c> or <c>$MEMORY_BENCH_CACHE</c> (100k sentences take minutes of both cores; the cache is keyed by
/// count and seed, never committed).
/// </summary>
internal sealed class EmbeddedCorpus
{
    public const int Dimensions = MiniLMEmbeddingGenerator.Dimensions;

    private EmbeddedCorpus(List<string> texts, float[] vectors)
    {
        Texts = texts;
        Vectors = vectors;
    }

    public List<string> Texts { get; }

    /// <summary>Row-major, <see cref="Dimensions"/> floats per text, unit length.</summary>
    public float[] Vectors { get; }

    public int Count => Texts.Count;

    public ReadOnlySpan<float> Vector(int row) => Vectors.AsSpan(row * Dimensions, Dimensions);

    /// <summary>
    /// Row <paramref name="row"/> as a stored memory of <paramref name="partition"/>: a fact one time in three, else a kept
    /// turn, a minute after the one before from <paramref name="start"/>.
    /// </summary>
    public MemoryRecord Record(int row, MemoryPartition partition, DateTimeOffset start)
    {
        var at = start.AddMinutes(row);
        var text = Texts[row];
        return new MemoryRecord
        {
            Id = MemoryIds.ForMemory(partition, null, text),
            TenantId = partition.TenantId,
            UserId = partition.UserId,
            Kind = row % 3 == 0 ? MemoryKind.Fact : MemoryKind.Turn,
            Text = text,
            Embedding = Vector(row).ToArray(),
            ContentHash = MemoryIds.ContentHash(text),
            CreatedAt = at,
            UpdatedAt = at,
            ValidFrom = at,
        };
    }

    public static async Task<EmbeddedCorpus> LoadOrEmbedAsync(int count, int seed, CancellationToken cancellationToken)
    {
        var texts = SentenceCorpus.Generate(count, seed);
        var path = Path.Combine(CacheDirectory(), $"minilm-{count}-{seed}.f32");
        if (CachedPrefix(count, seed) is { } cachedPath)
        {
            var bytes = new byte[(long)count * Dimensions * sizeof(float)];
            await using (var file = File.OpenRead(cachedPath))
            {
                await file.ReadExactlyAsync(bytes, cancellationToken);
            }

            var cached = new float[count * Dimensions];
            Buffer.BlockCopy(bytes, 0, cached, 0, bytes.Length);
            return new EmbeddedCorpus(texts, cached);
        }

        var vectors = await EmbedAsync(texts, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path + ".tmp", MemoryMarshal.AsBytes(vectors.AsSpan()).ToArray(), cancellationToken);
        File.Move(path + ".tmp", path, overwrite: true);
        return new EmbeddedCorpus(texts, vectors);
    }

    /// <summary>
    /// A cache file of at least <paramref name="count"/> vectors for the seed: the generator is prefix-stable (the first n
    /// sentences of a larger corpus are the corpus of n), so a smaller run reads the start of a larger one's vectors.
    /// </summary>
    private static string? CachedPrefix(int count, int seed)
    {
        var directory = CacheDirectory();
        if (!Directory.Exists(directory))
        {
            return null;
        }

        var suffix = $"-{seed}.f32";
        return Directory.EnumerateFiles(directory, "minilm-*" + suffix)
            .Select(path => (Path: path, Count: int.TryParse(Path.GetFileName(path)["minilm-".Length..^suffix.Length], out var n) ? n : -1))
            .Where(file => file.Count >= count && new FileInfo(file.Path).Length == (long)file.Count * Dimensions * sizeof(float))
            .OrderBy(file => file.Count)
            .Select(file => file.Path)
            .FirstOrDefault();
    }

    private static async Task<float[]> EmbedAsync(List<string> texts, CancellationToken cancellationToken)
    {
        using var embedder = new MiniLMEmbeddingGenerator(Options.Create(new MiniLMEmbedderOptions()));
        var vectors = new float[texts.Count * Dimensions];
        var started = Stopwatch.StartNew();
        var done = 0;
        const int batch = 256;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, (texts.Count + batch - 1) / batch),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (part, token) =>
            {
                var from = part * batch;
                var slice = texts.GetRange(from, Math.Min(batch, texts.Count - from));
                var embeddings = await embedder.GenerateAsync(slice, cancellationToken: token);
                for (var i = 0; i < embeddings.Count; i++)
                {
                    embeddings[i].Vector.Span.CopyTo(vectors.AsSpan((from + i) * Dimensions, Dimensions));
                }

                if (Interlocked.Add(ref done, slice.Count) % (batch * 40) < slice.Count)
                {
                    Console.Error.WriteLine($"embedded {done:N0} of {texts.Count:N0} sentences in {started.Elapsed.TotalSeconds:F0} s");
                }
            });
        return vectors;
    }

    /// <summary>
    /// <c>MEMORY_BENCH_CACHE</c> when set (a cache shared by several clones), else bench/.cache of the clone the benchmark
    /// runs in (never committed), else a temporary folder.
    /// </summary>
    internal static string CacheDirectory()
    {
        if (Environment.GetEnvironmentVariable("MEMORY_BENCH_CACHE") is { Length: > 0 } shared)
        {
            return shared;
        }

        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MemoryFunctions.sln")))
            {
                return Path.Combine(directory.FullName, "bench", ".cache");
            }
        }

        return Path.Combine(Path.GetTempPath(), "memory-bench-cache");
    }

    /// <summary>
    /// Where a cached store directory named <paramref name="name"/> lives: one per store format, since a store of an older
    /// format is rewritten when it opens, and a start-up measured on it would time that rewrite.
    /// </summary>
    internal static string CachedStoreDirectory(string name) =>
        Path.Combine(CacheDirectory(), string.Create(CultureInfo.InvariantCulture, $"{name}-format{MemoryFunctions.Local.Storage.EntryCodec.FormatVersion}"));
}
