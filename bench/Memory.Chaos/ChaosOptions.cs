using System.Globalization;

namespace MemoryFunctions.Chaos;

/// <summary>Command-line settings of a chaos run; every value has a default, so no argument is required.</summary>
public sealed record ChaosOptions
{
    public int Cycles { get; init; } = 50;

    /// <summary>Concurrent clients; each has its own user and alternates direct writes with ingestion posts.</summary>
    public int Writers { get; init; } = 4;

    /// <summary>Every n-th request of a writer is an ingestion post, the others direct writes.</summary>
    public int IngestEvery { get; init; } = 5;

    /// <summary>Requests per second, all writers together, while the server is up.</summary>
    public double RequestsPerSecond { get; init; } = 150;

    /// <summary>Uptime before each kill is uniform in [MinUptime, MaxUptime].</summary>
    public TimeSpan MinUptime { get; init; } = TimeSpan.FromSeconds(0.3);

    public TimeSpan MaxUptime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Log records between compactions (<c>Memory:Local:CompactAfterLogRecords</c>), low so kills also land in compactions.</summary>
    public int CompactAfterLogRecords { get; init; } = 5_000;

    /// <summary>How long the final check waits for acknowledged operations to finish.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromMinutes(3);

    public int Seed { get; init; } = Environment.TickCount;

    /// <summary>Null: a fresh temporary directory, deleted afterwards.</summary>
    public string? DataDirectory { get; init; }

    public static ChaosOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new ChaosOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--cycles" => options with { Cycles = Positive(name, value) },
                "--writers" => options with { Writers = Positive(name, value) },
                "--ingest-every" => options with { IngestEvery = Positive(name, value) },
                "--rate" => options with { RequestsPerSecond = Positive(name, value) },
                "--min-uptime" => options with { MinUptime = Seconds(name, value) },
                "--max-uptime" => options with { MaxUptime = Seconds(name, value) },
                "--compact-records" => options with { CompactAfterLogRecords = Positive(name, value) },
                "--operation-timeout" => options with { OperationTimeout = Seconds(name, value) },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--data-dir" => options with { DataDirectory = value },
                _ => throw new ArgumentException($"Unknown option {name}. Options: --cycles --writers --rate --ingest-every --min-uptime --max-uptime --compact-records --operation-timeout --seed --data-dir"),
            };
        }

        return options.MaxUptime < options.MinUptime
            ? throw new ArgumentException("--max-uptime must not be below --min-uptime.")
            : options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : throw new ArgumentException($"{name} must be a positive integer.");

    private static TimeSpan Seconds(string name, string value) =>
        double.TryParse(value, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{name} must be a positive number of seconds.");
}
