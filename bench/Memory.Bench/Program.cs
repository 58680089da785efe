using MemoryFunctions.Bench;

// Usage: dotnet run -c Release --project bench/Memory.Bench -- store [--quick]
var mode = args.Length > 0 ? args[0] : "store";
if (mode != "store")
{
    Console.Error.WriteLine($"Unknown benchmark '{mode}'. Available: store");
    return 1;
}

await StoreBenchmark.RunAsync(quick: args.Contains("--quick"));
return 0;
