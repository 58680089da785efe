using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// Embeds the facts, finds each one's neighbours and asks what to do with it, in one step: the vectors and the neighbours
/// (stored memories, text and all) stay inside it, so only the facts go into orchestration history and only the decisions
/// come out. A retry repeats the embedding and the search with the decision, which costs a few store reads.
/// </summary>
public sealed class ReconcileStep(EmbedFactsStep embed, FindSimilarStep findSimilar, DecideStep decide, IOperationStore operations)
    : IWorkflowStep<ReconcileInput, DecideOutput>
{
    public async Task<DecideOutput> RunAsync(ReconcileInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Facts.Count == 0)
        {
            return new DecideOutput([], TokenUsage.None);
        }

        var request = await operations.ReadRequestAsync(input.Partition, input.OperationId, cancellationToken);
        var embedded = await embed.RunAsync(new EmbedInput([.. input.Facts.Select(fact => fact.Text)]), cancellationToken);
        var similar = await findSimilar.RunAsync(
            new FindSimilarInput(input.OperationId, input.Partition, input.Facts, embedded.Vectors, request.AgentId), cancellationToken);
        return await decide.RunAsync(new DecideInput(input.OperationId, similar.Facts), cancellationToken);
    }
}
