#:project ../src/Memory.Local/Memory.Local.csproj
#:project ../tests/Memory.Testing/Memory.Testing.csproj
#:property TreatWarningsAsErrors=false
#:property PublishAot=false

// Ingestion throughput of the whole local workflow (rule-based decisions, in-memory fakes), in turns per second.
// Run: dotnet run bench/ingestion-throughput.cs -c Release -- [users] [operationsPerUser] [workers]
using System.Diagnostics;
using System.Globalization;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Local.Ingestion;
using MemoryFunctions.Local.Workflow;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

var users = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var perUser = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;

string[][] script =
[
    ["Hi! I'm a software engineer and I live in Oslo.", "Nice to meet you. How can I help?", "I work at Contoso. Can you suggest a book?", "Try 'The Pragmatic Programmer'."],
    ["I love hiking and I prefer Python over JavaScript.", "Noted.", "I'm going to visit Paris next Friday.", "Have a great trip!"],
    ["I joined Fabrikam last week.", "Congratulations!", "My sister Anna lives in Berlin.", "That's lovely."],
    ["I love steak. I eat meat.", "Got it.", "What's the weather like tomorrow?", "Sunny."],
    ["I no longer eat meat.", "Thanks for letting me know.", "I live in Oslo.", "I remember."],
];

var store = new InMemoryMemoryStore();
var operations = store.Operations;
var time = TimeProvider.System;
var steps = WorkflowStepServices.Build(store, operations, new FakeEmbeddingGenerator(256), new RuleBasedFactExtractor(),
    new SimilarityReconciler(Options.Create(new SimilarityReconcilerOptions())), new ExtractiveSummarizer(),
    new IngestionOptions(), time);
var runner = new LocalWorkflowRunner(steps, operations, Options.Create(new LocalIngestionOptions { Workers = workers, QueueCapacity = 4096 }), time, NullLogger<LocalWorkflowRunner>.Instance);
var service = new IngestionService(store, operations, runner, time, NullLogger<IngestionService>.Instance);
await runner.StartAsync(CancellationToken.None);

var turns = 0;
var stopwatch = Stopwatch.StartNew();
for (var round = 0; round < perUser; round++)
{
    for (var user = 0; user < users; user++)
    {
        var lines = script[round % script.Length];
        var at = new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.Zero).AddDays(round);
        var messages = lines.Select((text, i) => new ConversationMessage($"m{round}_{i}", i % 2 == 0 ? MessageRole.User : MessageRole.Assistant, text, at)).ToList();
        await service.SubmitAsync(new MemoryPartition("bench", $"user{user}"), new IngestionRequest(messages, SessionId: "s1"), $"{user}-{round}");
        turns += messages.Count;
    }
}

var submitted = stopwatch.Elapsed;
while (operations.All.Any(operation => !operation.IsFinished))
{
    await Task.Delay(5);
}

stopwatch.Stop();
var failed = operations.All.Count(operation => operation.Status == MemoryFunctions.Core.Operations.OperationStatus.Failed);
var memories = 0;
for (var user = 0; user < users; user++)
{
    await foreach (var _ in store.ExportMemoriesAsync(new MemoryPartition("bench", $"user{user}")))
    {
        memories++;
    }
}

await runner.StopAsync(CancellationToken.None);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"workers={workers} operations={users * perUser} turns={turns} failed={failed} memories={memories} " +
    $"submit={submitted.TotalMilliseconds:F0}ms total={stopwatch.Elapsed.TotalMilliseconds:F0}ms " +
    $"throughput={turns / stopwatch.Elapsed.TotalSeconds:F0} turns/s ({users * perUser / stopwatch.Elapsed.TotalSeconds:F0} operations/s)"));
