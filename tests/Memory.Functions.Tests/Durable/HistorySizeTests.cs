using System.Globalization;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Tests.Support;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace MemoryFunctions.Functions.Tests.Durable;

/// <summary>
/// What one operation writes into orchestration history: the serialized input and result of every step, plus the
/// orchestration's own input and output, printed per step. Steps pass the operation id, not the turns, and no vector
/// crosses from one step to another, so the total stays under a fixed budget however long the turns are: from five
/// turns of 1 KB to the request limit (100 turns of 8,000 characters, 800 KB of text).
/// </summary>
public sealed class HistorySizeTests(ITestOutputHelper output)
{
    /// <summary>
    /// The budget for an operation of five facts (docs/functions.md has the table): what remains grows with the facts (at
    /// most <see cref="IngestionOptions.MaxFactsPerRequest"/> of at most <see cref="IngestionOptions.MaxFactLength"/>
    /// characters), never with the turns.
    /// </summary>
    private const int BudgetBytes = 16 * 1024;

    /// <summary>What pads every turn and is no fact: it must appear in no payload history records.</summary>
    private const string Padding = " Hmm, let me think about that for a while";

    private static readonly string[] Facts = ["I live in Oslo.", "I work at Contoso.", "I prefer tea over coffee.", "My favorite color is blue.", "I love hiking."];

    [Theory]
    [InlineData(5, 1_000)]
    [InlineData(100, 8_000)]
    public async Task Ingest_FiveFacts_HistoryStaysUnderTheBudgetWhateverTheTurnsLength(int turns, int turnLength)
    {
        await using var host = await DurableFunctionsHost.StartAsync();
        var partition = DurableFunctionsHost.NewPartition();

        var instance = await host.IngestAsync(partition, DurableFunctionsHost.Turns([.. Enumerable.Range(0, turns).Select(i => Turn(i, turnLength))]));

        Assert.Equal(OperationStatus.Succeeded, instance.ReadOutputAs<IngestionWorkflowResult>()!.Status);
        var runs = host.Activities.Of(instance.InstanceId);
        foreach (var step in runs.GroupBy(run => run.Step))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{step.Key,-28} runs {step.Count(),2}  input {step.Sum(r => r.InputBytes),7} B  output {step.Sum(r => r.OutputBytes),7} B"));
        }

        var total = HistoryBytes(host, instance);
        var text = turns * turnLength;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{turns} turns of {turnLength} characters ({text} in all): history payload {total} B"));
        Assert.Equal(5, instance.ReadOutputAs<IngestionWorkflowResult>()!.Decisions.Count);
        Assert.True(total <= BudgetBytes, $"history holds {total} B for one operation, over the budget of {BudgetBytes} B");
        Assert.All(runs, run => Assert.True(run.InputBytes + run.OutputBytes < 4 * 1024, $"{run.Step} carries {run.InputBytes + run.OutputBytes} B"));
    }

    /// <summary>
    /// The growth of history with the turns' length, fitted: five turns of 1 KB, 100 KB and 1 MB each. The two larger sizes
    /// are over the API's turn limit (8,000 characters, Core's <c>TurnRules</c>) and are submitted through the service, past
    /// the intake, to show that the Durable layer itself holds no text whatever the intake allows. Flat is a fitted exponent
    /// of history bytes against conversation size near 0; history that held the turns once would fit about 1.
    /// </summary>
    [Fact]
    public async Task Ingest_TurnsOf1KBTo1MB_HistoryBytesAreFlat()
    {
        await using var host = await DurableFunctionsHost.StartAsync();
        int[] lengths = [1_000, 100_000, 1_000_000];
        var totals = new List<int>();
        foreach (var length in lengths)
        {
            var instance = await host.IngestAsync(DurableFunctionsHost.NewPartition(), DurableFunctionsHost.Turns([.. Enumerable.Range(0, 5).Select(i => Turn(i, length))]));
            Assert.Equal(OperationStatus.Succeeded, instance.ReadOutputAs<IngestionWorkflowResult>()!.Status);
            totals.Add(HistoryBytes(host, instance));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"5 turns of {length,9:N0} characters: history payload {totals[^1],6:N0} B"));
        }

        var exponent = GrowthExponent([.. lengths.Select(length => 5.0 * length)], [.. totals.Select(total => (double)total)]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fitted exponent of history bytes against conversation size: {exponent:F4}"));
        Assert.All(totals, total => Assert.True(total <= BudgetBytes, $"history holds {total} B for one operation, over the budget of {BudgetBytes} B"));
        Assert.InRange(exponent, -0.01, 0.01);
    }

    /// <summary>
    /// What one operation puts into history: every activity's input and result, and the orchestration's input and output.
    /// Checks on the way that none of them holds conversation text that is not a fact (the turns' padding).
    /// </summary>
    private static int HistoryBytes(DurableFunctionsHost host, OrchestrationMetadata instance)
    {
        var runs = host.Activities.Of(instance.InstanceId);
        string[] payloads = [.. runs.SelectMany(run => new[] { run.Input, run.Output }), instance.SerializedInput!, instance.SerializedOutput!, instance.SerializedCustomStatus ?? string.Empty];
        Assert.DoesNotContain(payloads, payload => payload.Contains(Padding.Trim(), StringComparison.Ordinal));
        return runs.Sum(run => run.InputBytes + run.OutputBytes) + instance.SerializedInput!.Length + instance.SerializedOutput!.Length;
    }

    /// <summary>The least-squares slope of ln y against ln x: y grows as x to that power.</summary>
    private static double GrowthExponent(double[] x, double[] y)
    {
        var (lx, ly) = (x.Select(v => Math.Log(v)).ToArray(), y.Select(v => Math.Log(v)).ToArray());
        var (mx, my) = (lx.Average(), ly.Average());
        return lx.Zip(ly, (a, b) => (a - mx) * (b - my)).Sum() / lx.Sum(a => (a - mx) * (a - mx));
    }

    /// <summary>Turn <paramref name="index"/>: one of the five facts (the first five turns) or none, padded to <paramref name="length"/> characters.</summary>
    private static string Turn(int index, int length)
    {
        var head = index < Facts.Length ? Facts[index] : "Nothing much to add.";
        var padding = string.Concat(Enumerable.Repeat(Padding, length / Padding.Length + 1));
        return (head + padding)[..length];
    }
}
