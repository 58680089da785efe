using MemoryFunctions.Bench;
using MemoryFunctions.Bench.Context;
using MemoryFunctions.Bench.Conversations;
using MemoryFunctions.Bench.Load;

// Usage: dotnet run -c Release --project bench/Memory.Bench -- <mode> [--quick]
//   store   in-process store benchmark (search vs size, exact-loop baseline, bandwidth floor, memory, durable writes)
//   load    HTTP load driver against the built server it starts (or --url http://127.0.0.1:7071) [--concurrency 16]
//   erase   cost of erasing one user at 10k and 200k memories, other users' write latency meanwhile, start-up time and RSS
//   quality [dev|report] [--write]  retrieval quality, hashing vs MiniLM: paraphrase recall, evidence recall per channel and fused
//   model   what the local embedding model costs: resident memory, search p95 at 10k × 384-d with the query embedding,
//           ingestion turns/s through the server with the model and with the hashing embedder
//   context token saving of the context endpoint against the full history, on generated multi-session conversations
//   conversations [written|long|memorybank] [--count 4] [--seed 5] [--baseline-dll <old Memory.Server.dll>] [--write] [--show-misses [500]]
//           answer-in-context rate of /context at 500/1,000/2,000 tokens per question type on two-person multi-session
//           conversations (the small written set, or long generated ones of ~20k tokens; the report seeds unless --seed;
//           or memorybank: public MemoryBank data fetched on this machine, --data <path> or MEMORYBANK_DATA, our own answers),
//           beside BM25 over the raw turns at equal tokens, the full history and an earlier build; --write rewrites its
//           section of docs/performance.md
//   ingestion  cost of one ingestion request against its size (10 facts up to the cap): time, decisions and operation
//           bytes with their fitted growth exponents, and what a request past the cap gets (in process, stops by itself)
//   audited-erase [--erases 200] [--memories 10]  what the audit record adds to an erase (latency, log bytes), in process
//   all     all of the above in one run; rewrites the generated section of docs/performance.md
//   embeddings  what ingestion asks of the MiniLM embedder per turn (calls, texts, word pieces, time, by workflow step) and
//           the process CPU per turn and turns/s with the server's default workers, in process, no HTTP [--quick] [--write]
//   ann     the approximate vector index at 100k × 384-d on MiniLM embeddings (cached under bench/.cache or $MEMORY_BENCH_CACHE) beside the exact
//           scan, hnswlib and FAISS; rewrites its section of docs/performance.md [--count N] [--no-write]
//   http-search [--count N] [--no-write]  search through the built server at 100k MiniLM memories, one caller: client
//           p50/p95 split by the Server-Timing header into query embedding, index, ranking and HTTP/JSON; rewrites its section
//   import  bulk import through the server (NDJSON of memory sentences) against the embedder's own batched rate on the
//           same texts, MiniLM and hashing; rewrites its section of docs/performance.md [--model-count N] [--hashing-count N] [--no-write]
//   startup [--count N] [--no-write]  recovery in seconds: where opening a store of 10k and 200k memories spends its time, and
//           the server's time to healthy, to the first read and to the first search (model) with the idle resident set
//   scale   [--quick] [--no-write]  issue 27 in one run: ann (with peers), http-search, import, startup, embeddings (CPU per
//           turn, short and long sessions) and resident bytes per memory at 200k × 384-d, each rewriting its section, then
//           the "Issue 27 targets" table (every target beside this run's measurement); --quick is smaller and writes nothing
//   fairness  tenant B's ingestion and search latency alone and while tenant A's 4 callers flood 100-turn batches [--quick] [--no-write]
//   slow-loris  tenant B's search latency alone, under 300 slow-loris connections, and with tenant A's read flood too [--quick]
//   cosmos-erase [--memories 100000] [--ru 1000]  erasing one heavy user on Cosmos DB, modelled on the gateway double with
//           an RU budget on a virtual clock, through the erase operation and polling; rewrites its section of docs/performance.md
// ("memory-probe <dims> [count]", "startup-probe <dir>" and "startup-phases <dir>" are child processes the benchmarks start to measure in isolation.)
var mode = args.Length > 0 ? args[0] : "store";
var quick = args.Contains("--quick");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Let finally blocks kill the server process we started.
    e.Cancel = true;
    stop.Cancel();
};

switch (mode)
{
    case "store":
        Console.WriteLine(string.Join(Environment.NewLine, await StoreBenchmark.RunAsync(quick)));
        return 0;
    case "load":
        Console.WriteLine((await LoadBenchmark.RunAsync(LoadSettings.Parse(args), stop.Token)).ToMarkdown(MachineInfo.LoadAverage()));
        return 0;
    case "erase":
        Console.WriteLine(string.Join(Environment.NewLine, await EraseBenchmark.RunAsync(quick)));
        return 0;
    case "startup-probe" when args.Length > 1:
        Console.WriteLine(EraseBenchmark.MeasureStartup(args[1]));
        return 0;
    case "context":
        Console.WriteLine((await ContextBenchmark.RunAsync(LoadSettings.Parse(args), quick, stop.Token)).ToMarkdown());
        return 0;
    case "quality":
        var split = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "report";
        var quality = await MemoryFunctions.Bench.Quality.QualityBenchmark.RunAsync(split, stop.Token);
        Console.WriteLine(quality);
        if (args.Contains("--write"))
        {
            Console.Error.WriteLine($"wrote {PerformanceDoc.RewriteSection($"quality-{split}", $"dotnet run -c Release --project bench/Memory.Bench -- quality {split} --write", quality)}");
        }

        return 0;
    case "model":
        Console.WriteLine(await ModelBenchmark.RunAsync(LoadSettings.Parse(args), stop.Token));
        return 0;
    case "conversations":
        return await ConversationsVerb.RunAsync(args, stop.Token);
    case "ingestion":
        Console.WriteLine(await MemoryFunctions.Bench.Ingestion.LinearityBenchmark.RunAsync(stop.Token));
        return 0;
    case "embeddings":
        var embeddingCost = await MemoryFunctions.Bench.Ingestion.EmbeddingCostBenchmark.RunAsync(LoadSettings.Parse(args), stop.Token);
        Console.WriteLine(embeddingCost);
        if (args.Contains("--write"))
        {
            Console.Error.WriteLine($"wrote {PerformanceDoc.RewriteSection(MemoryFunctions.Bench.Ingestion.EmbeddingCostBenchmark.Section, MemoryFunctions.Bench.Ingestion.EmbeddingCostBenchmark.Command, embeddingCost)}");
        }

        return 0;
    case "audited-erase":
        var auditTable = await AuditedEraseBenchmark.RunAsync(LoadSettings.IntValue(args, "--erases") ?? 200, LoadSettings.IntValue(args, "--memories") ?? 10);
        Console.WriteLine(auditTable);
        Console.WriteLine(PerformanceDoc.RewriteSection(AuditedEraseBenchmark.Section, AuditedEraseBenchmark.Command, auditTable));
        return 0;
    case "ann":
        Console.WriteLine(await MemoryFunctions.Bench.Ann.AnnBenchmark.RunAsync(args, stop.Token));
        return 0;
    case "http-search":
        Console.WriteLine(await MemoryFunctions.Bench.Search.HttpSearchBenchmark.RunAsync(args, stop.Token));
        return 0;
    case "startup":
        Console.WriteLine(await MemoryFunctions.Bench.Startup.StartupBenchmark.RunAsync(args, stop.Token));
        return 0;
    case "startup-phases" when args.Length > 1:
        Console.WriteLine(await MemoryFunctions.Bench.Startup.StartupPhases.MeasureAsync(args[1]));
        return 0;
    case "import":
        Console.WriteLine(await MemoryFunctions.Bench.Import.ImportBenchmark.RunAsync(args, stop.Token));
        return 0;
    case "fairness":
        Console.WriteLine(await FairnessBenchmark.RunAsync(LoadSettings.Parse(args), quick, write: !args.Contains("--no-write"), stop.Token));
        return 0;
    case "slow-loris":
        Console.WriteLine(await SlowLorisBenchmark.RunAsync(LoadSettings.Parse(args), quick, stop.Token));
        return 0;
    case "cosmos-erase":
        var eraseTable = await MemoryFunctions.Bench.CosmosErase.CosmosEraseBenchmark.RunAsync(LoadSettings.IntValue(args, "--memories") ?? 100_000, LoadSettings.IntValue(args, "--ru") ?? 1_000);
        Console.WriteLine(eraseTable);
        if (!args.Contains("--no-write"))
        {
            Console.WriteLine(PerformanceDoc.RewriteSection(MemoryFunctions.Bench.CosmosErase.CosmosEraseBenchmark.Section, MemoryFunctions.Bench.CosmosErase.CosmosEraseBenchmark.Command, eraseTable));
        }

        return 0;
    case "all":
        return await AllBenchmarks.RunAsync(args, quick, stop.Token);
    case "scale":
        return await MemoryFunctions.Bench.Scale.ScaleBenchmark.RunAsync(args, stop.Token);
    case "memory-probe" when args.Length > 1 && int.TryParse(args[1], out var dimensions):
        Console.WriteLine(await MemoryProbe.MeasureAsync(dimensions, args.Length > 2 && int.TryParse(args[2], out var memories) ? memories : 10_000));
        return 0;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{mode}'. Available: store, erase, load, model, context, quality, conversations, ingestion, fairness, slow-loris, ann, http-search, import, startup, scale, all, embeddings, audited-erase, cosmos-erase");
        return 1;
}
