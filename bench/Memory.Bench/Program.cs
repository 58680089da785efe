using MemoryFunctions.Bench;

// Usage: dotnet run -c Release --project bench/Memory.Bench -- store [--quick]
// ("memory-probe <dims>" is the child process the store benchmark starts to measure resident memory in isolation.)
var mode = args.Length > 0 ? args[0] : "store";
switch (mode)
{
    case "store":
        await StoreBenchmark.RunAsync(quick: args.Contains("--quick"));
        return 0;
    case "memory-probe" when args.Length > 1 && int.TryParse(args[1], out var dimensions):
        Console.WriteLine(await MemoryProbe.MeasureAsync(dimensions, 10_000));
        return 0;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{mode}'. Available: store");
        return 1;
}
