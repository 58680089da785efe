using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// Extracts candidate facts from the operation's turns (read by its id) and keeps the first
/// <see cref="IngestionOptions.MaxFactsPerRequest"/> of at most <see cref="IngestionOptions.MaxFactLength"/> characters: how many
/// facts a body yields is known only now, and every later step costs per fact (a model call each, with a chat model) and
/// carries the facts through orchestration history, so the caps bound the whole operation. The turns themselves are still
/// kept verbatim by the next step.
/// </summary>
public sealed class ExtractFactsStep(IFactExtractor extractor, IOperationStore operations, IOptions<IngestionOptions> options, ILogger<ExtractFactsStep> logger)
    : IWorkflowStep<ExtractInput, ExtractOutput>
{
    public async Task<ExtractOutput> RunAsync(ExtractInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = await operations.ReadRequestAsync(input.Partition, input.OperationId, cancellationToken);
        if (request.Messages.Count == 0)
        {
            return new ExtractOutput([], TokenUsage.None);
        }

        var result = await extractor.ExtractAsync(request, cancellationToken);
        StepTelemetry.RecordTokens(result.Usage, WorkflowStepNames.ExtractFacts);
        var facts = result.Facts.Where(fact => fact.Text.Length <= options.Value.MaxFactLength).Take(options.Value.MaxFactsPerRequest).ToList();
        Log.FactsExtracted(logger, input.OperationId, result.Facts.Count, request.Messages.Count);
        for (var i = 0; i < facts.Count; i++)
        {
            Log.FactText(logger, input.OperationId, i, facts[i].Text);
        }

        return new ExtractOutput(facts, result.Usage, result.Facts.Count - facts.Count);
    }
}
