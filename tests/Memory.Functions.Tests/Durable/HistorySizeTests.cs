using System.Globalization;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Tests.Support;
using Xunit.Abstractions;

namespace MemoryFunctions.Functions.Tests.Durable;

/// <summary>
/// What one operation writes into orchestration history: the serialized input and result of every step (plus the
/// orchestration's own input and output), printed per step. Today the fact vectors cross history three times (embed's
/// result, find-similar's and apply's inputs); the test pins that accounting so a change to it is seen and the table in
/// docs/functions.md is updated.
/// </summary>
public sealed class HistorySizeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ingest_FiveFacts_VectorsCrossHistoryThreeTimes()
    {
        await using var host = await DurableFunctionsHost.StartAsync();
        var partition = DurableFunctionsHost.NewPartition();

        var instance = await host.IngestAsync(partition, DurableFunctionsHost.Turns(
            "I live in Oslo.", "I work at Contoso.", "I prefer tea over coffee.", "My favorite color is blue.", "I love hiking."));

        var runs = host.Activities.Of(instance.InstanceId);
        foreach (var step in runs.GroupBy(run => run.Step))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{step.Key,-28} runs {step.Count(),2}  input {step.Sum(r => r.InputBytes),7} B  output {step.Sum(r => r.OutputBytes),7} B"));
        }

        var total = runs.Sum(run => run.InputBytes + run.OutputBytes) + instance.SerializedInput!.Length + instance.SerializedOutput!.Length;
        var vectors = runs.Single(run => run.Step == WorkflowStepNames.EmbedFacts).OutputBytes;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"history payload per operation: {total} B, of which vectors {vectors} B per crossing"));
        Assert.True(runs.Single(run => run.Step == WorkflowStepNames.FindSimilar).InputBytes > vectors);
        Assert.True(runs.Single(run => run.Step == WorkflowStepNames.Apply).InputBytes > vectors);
        Assert.True(total > 3 * vectors);
    }
}
