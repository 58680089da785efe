using MemoryFunctions.Embeddings.MiniLM;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Embeddings.MiniLM.Tests;

/// <summary>One model load (~1 s) shared by every test that needs the real weights.</summary>
public sealed class MiniLMFixture : IDisposable
{
    public MiniLMEmbeddingGenerator Generator { get; } = new(Options.Create(new MiniLMEmbedderOptions { BatchSize = 4 }));

    public void Dispose() => Generator.Dispose();
}
