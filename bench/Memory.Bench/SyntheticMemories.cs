using System.Numerics.Tensors;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Bench;

/// <summary>Random unit vectors and short texts over a fixed vocabulary (so BM25 has postings to walk), from a fixed seed.</summary>
internal sealed class SyntheticMemories(int dimensions, int seed)
{
    private static readonly string[] Vocabulary = BuildVocabulary();
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Random _random = new(seed);

    public float[] Vector()
    {
        var vector = new float[dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)((_random.NextDouble() * 2) - 1);
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }

    public string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Vocabulary[_random.Next(Vocabulary.Length)]));

    public MemoryRecord Memory(MemoryPartition partition, int index)
    {
        var text = $"memory {index} " + Text(10);
        var at = Start.AddSeconds(index);
        return new MemoryRecord
        {
            Id = MemoryIds.ForMemory(partition, null, text),
            TenantId = partition.TenantId,
            UserId = partition.UserId,
            Text = text,
            Embedding = Vector(),
            ContentHash = MemoryIds.ContentHash(text),
            CreatedAt = at,
            UpdatedAt = at,
            ValidFrom = at,
        };
    }

    public static HistoryEvent Added(MemoryRecord memory) =>
        HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, memory.CreatedAt, "bench");

    private static string[] BuildVocabulary()
    {
        var random = new Random(1);
        return [.. Enumerable.Range(0, 2000).Select(_ => new string([.. Enumerable.Range(0, random.Next(4, 9)).Select(_ => (char)('a' + random.Next(26)))]))];
    }
}
