using System.Globalization;

namespace MemoryFunctions.Bench.Load;

/// <summary>
/// Bounds of a load run (every scenario stops by count and by time). Command-line flags:
/// <c>--url http://127.0.0.1:7071</c> (use a running server instead of starting one), <c>--server-dll path</c>,
/// <c>--concurrency 16</c>, <c>--quick</c>.
/// </summary>
internal sealed record LoadSettings
{
    public string? Url { get; init; }

    public string? ServerDll { get; init; }

    /// <summary>Settings for a server started here, as environment variables (<c>--set Memory__Ranking__TimeWeight=0.5</c>, repeatable).</summary>
    public IReadOnlyDictionary<string, string> ServerEnvironment { get; init; } = new Dictionary<string, string>();

    public int Concurrency { get; init; } = 16;

    public int Users { get; init; } = 16;

    public int MemoriesPerUser { get; init; } = 500;

    public TimeSpan SearchDuration { get; init; } = TimeSpan.FromSeconds(20);

    public int MaxSearches { get; init; } = 50_000;

    /// <summary>Ingestion requests (each <see cref="TurnsPerOperation"/> turns); kept under the runner's queue capacity (1,024) so the 202 measures intake, not back-pressure.</summary>
    public int Operations { get; init; } = 1_000;

    public int TurnsPerOperation { get; init; } = 4;

    /// <summary>Arrival rate of the paced ingestion run: 100 requests/s of 4 turns is twice the 200 turns/s target.</summary>
    public double PacedRate { get; init; } = 100;

    public TimeSpan PacedDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan ScenarioTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Print every question whose answer the context missed at this budget (<c>--show-misses [tokens]</c>, 1,000 when no number follows; a budget outside the table is asked for this only).</summary>
    public int? ShowMissesAt { get; init; }

    public static int? IntValue(string[] args, string name) =>
        Value(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    public static LoadSettings Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var settings = quick
            ? new LoadSettings { Users = 8, MemoriesPerUser = 250, SearchDuration = TimeSpan.FromSeconds(8), Operations = 300, PacedDuration = TimeSpan.FromSeconds(5), ScenarioTimeout = TimeSpan.FromMinutes(1) }
            : new LoadSettings();
        return settings with
        {
            Url = Value(args, "--url"),
            ServerDll = Value(args, "--server-dll"),
            ServerEnvironment = args.Select((arg, i) => arg == "--set" && i + 1 < args.Length ? args[i + 1] : null)
                .OfType<string>()
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : string.Empty, StringComparer.Ordinal),
            Concurrency = IntValue(args, "--concurrency") ?? settings.Concurrency,
            ShowMissesAt = args.Contains("--show-misses") ? (int.TryParse(Value(args, "--show-misses"), CultureInfo.InvariantCulture, out var at) ? at : 1000) : null,
        };
    }

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
