using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Ingestion;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// Extracts candidate facts from the request's turns and keeps the first <see cref="IngestionOptions.MaxFactsPerRequest"/>:
/// how many facts a body yields is known only now, and every later step costs per fact (a model call each, with a chat
/// model), so the cap bounds the whole operation. The turns themselves are still kept verbatim by the next step.
/// </summary>
public sealed class ExtractFactsStep(IFactExtractor extractor, IOptions<IngestionOptions> options, ILogger<ExtractFactsStep> logger)
    : IWorkflowStep<ExtractInput, ExtractOutput>
{
    public async Task<ExtractOutput> RunAsync(ExtractInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await extractor.ExtractAsync(input.Request, cancellationToken);
        StepTelemetry.RecordTokens(result.Usage, WorkflowStepNames.ExtractFacts);
        var facts = result.Facts.Take(options.Value.MaxFactsPerRequest).ToList();
        Log.FactsExtracted(logger, input.OperationId, result.Facts.Count, input.Request.Messages.Count);
        for (var i = 0; i < facts.Count; i++)
        {
            Log.FactText(logger, input.OperationId, i, facts[i].Text);
        }

        return new ExtractOutput(facts, result.Usage, result.Facts.Count - facts.Count);
    }
}
