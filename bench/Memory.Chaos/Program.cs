using MemoryFunctions.Chaos;

// Usage: dotnet run -c Release --project bench/Memory.Chaos -- [--cycles 50] [--writers 4] [--rate 150] [--ingest-every 5] [--min-uptime 0.3] [--max-uptime 2]
//        [--compact-records 5000] [--operation-timeout 180] [--seed N] [--data-dir DIR]
// Exit code: 0 clean; 1 loss, duplicate, unfinished/failed operation or refused request; 2 bad arguments.
ChaosOptions options;
try
{
    options = ChaosOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

return await ChaosRun.RunAsync(options, Console.Out);
