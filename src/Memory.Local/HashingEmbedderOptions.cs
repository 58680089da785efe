using System.ComponentModel.DataAnnotations;

namespace MemoryFunctions.Local;

/// <summary>Settings of <see cref="HashingEmbedder"/>, bound from <c>Memory:Embeddings</c>.</summary>
public sealed class HashingEmbedderOptions
{
    public const string SectionName = "Memory:Embeddings";

    /// <summary>
    /// Vector length. Changing it makes vectors already stored incomparable: the start-up check then refuses to run
    /// until the old value is restored or <c>Memory:Local:DataDirectory</c> points at a new directory.
    /// </summary>
    [Range(8, 16384, ErrorMessage = "Memory:Embeddings:Dimensions must be between 8 and 16384 (default 384).")]
    public int Dimensions { get; set; } = 384;
}
