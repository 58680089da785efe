using Microsoft.Extensions.AI;

namespace MemoryFunctions.Core.Workflow;

/// <summary>Embeds the facts' texts in one batch, vectors in the same order.</summary>
public sealed class EmbedFactsStep(IEmbeddingGenerator<string, Embedding<float>> embedder) : IWorkflowStep<EmbedInput, EmbedOutput>
{
    public async Task<EmbedOutput> RunAsync(EmbedInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Texts.Count == 0)
        {
            return new EmbedOutput([]);
        }

        var embeddings = await embedder.GenerateAsync(input.Texts, cancellationToken: cancellationToken);
        return new EmbedOutput([.. embeddings.Select(embedding => embedding.Vector.ToArray())]);
    }
}
