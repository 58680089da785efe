using System.Globalization;
using MemoryFunctions.Functions.Tests.Support;
using Xunit.Abstractions;

namespace MemoryFunctions.Functions.Tests.Durable;

/// <summary>
/// What one operation writes into orchestration history: the serialized input and result of every step (plus the
/// orchestration's own input and output). Reported per step so the payload budget is visible; asserted against the
/// vector bound that matters: no embedding may travel through history more than once.
/// </summary>
public sealed class HistorySizeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ingest_FiveFacts_EmbeddingsCrossHistoryAtMostOnce()
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
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"history payload per operation: {total} B"));
        var vectorBytes = VectorJsonBytes(dimensions: 384, count: 5);
        Assert.True(total < 2 * vectorBytes, $"{total} B of history for 5 facts carries their vectors more than once ({vectorBytes} B each way)");
    }

    /// <summary>Approximate JSON size of <paramref name="count"/> vectors of floats (about 11 characters a float).</summary>
    private static int VectorJsonBytes(int dimensions, int count) => dimensions * count * 11;
}
