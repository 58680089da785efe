using System.Globalization;

namespace MemoryFunctions.Testing;

/// <summary>A stress run's size and seed: 200 trials and a fresh seed unless MEMORY_STRESS_TRIALS / MEMORY_STRESS_SEED say otherwise.</summary>
public static class StressSettings
{
    public static int Trials => Number("MEMORY_STRESS_TRIALS") ?? 200;

    public static int Seed => Number("MEMORY_STRESS_SEED") ?? Environment.TickCount;

    /// <summary>The integer in environment variable <paramref name="name"/>, if it holds one.</summary>
    public static int? Number(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
