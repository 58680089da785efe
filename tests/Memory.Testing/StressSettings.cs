using System.Globalization;
using Xunit;

namespace MemoryFunctions.Testing;

/// <summary>
/// Whether stress tests run, and a stress run's size and seed. CI runs the solution with no filter, so a
/// <c>Category=Stress</c> test skips itself unless MEMORY_STRESS_TESTS=1:
/// <c>MEMORY_STRESS_TESTS=1 dotnet test --filter Category=Stress</c>. 200 trials and a fresh seed unless
/// MEMORY_STRESS_TRIALS / MEMORY_STRESS_SEED say otherwise.
/// </summary>
public static class StressSettings
{
    private const string EnabledVariable = "MEMORY_STRESS_TESTS";

    /// <summary>Skips the calling <c>[SkippableFact]</c> unless stress tests were asked for.</summary>
    public static void SkipUnlessEnabled() =>
        Skip.IfNot(Environment.GetEnvironmentVariable(EnabledVariable) == "1", $"Stress test: set {EnabledVariable}=1 to run it.");

    public static int Trials => Number("MEMORY_STRESS_TRIALS") ?? 200;

    public static int Seed => Number("MEMORY_STRESS_SEED") ?? Environment.TickCount;

    /// <summary>The integer in environment variable <paramref name="name"/>, if it holds one.</summary>
    public static int? Number(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
