using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace MemoryFunctions.Server.Tests.Properties;

/// <summary>Random scripts for <see cref="ApiStateMachine"/>: writes and ingestion most often, erases and restarts now and then.</summary>
public static class ApiScripts
{
    /// <summary>
    /// Fixed seed, so the default run checks the same scripts on every machine and FsCheck prints the same shrunk script;
    /// set <c>MEMORY_PROPERTY_SEED</c> to explore others (a stress run prints the seed it used).
    /// </summary>
    public static ulong Seed { get; } =
        ulong.TryParse(Environment.GetEnvironmentVariable("MEMORY_PROPERTY_SEED"), System.Globalization.CultureInfo.InvariantCulture, out var seed) ? seed : 20261130;

    /// <summary>
    /// Scripts of half <paramref name="maxLength"/> to <paramref name="maxLength"/> steps. Shrinking drops
    /// steps (any sub-script is valid, see <see cref="ApiStep"/>) and never rewrites one, so a counterexample is a
    /// short list of the original requests.
    /// </summary>
    public static Arbitrary<ApiStep[]> Scripts(int maxLength)
    {
        var kinds = Gen.Frequency(
            (5, Gen.Constant(ApiStepKind.Write)),
            (4, Gen.Constant(ApiStepKind.Ingest)),
            (3, Gen.Constant(ApiStepKind.Retry)),
            (1, Gen.Constant(ApiStepKind.ReuseKey)),
            (4, Gen.Constant(ApiStepKind.Patch)),
            (2, Gen.Constant(ApiStepKind.Delete)),
            (2, Gen.Constant(ApiStepKind.Erase)),
            (1, Gen.Constant(ApiStepKind.Settle)),
            (1, Gen.Constant(ApiStepKind.Restart)));
        var step =
            from kind in kinds
            from partition in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)))
            from target in Gen.Choose(0, 99)
            from variant in Gen.Choose(0, 99)
            select new ApiStep(kind, partition, target, variant);
        var script = Gen.Choose(maxLength / 2, maxLength).SelectMany(length => Gen.ArrayOf(step, length));
        return Arb.From(script, Shrink);
    }

    public static Config Config(int maxTest) =>
        FsCheck.Config.QuickThrowOnFailure
            .WithMaxTest(maxTest)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));

    /// <summary>Halves first (fast on long scripts), then drops one step at a time.</summary>
    private static IEnumerable<ApiStep[]> Shrink(ApiStep[] script)
    {
        if (script.Length > 1)
        {
            yield return script[..(script.Length / 2)];
            yield return script[(script.Length / 2)..];
        }

        for (var i = 0; i < script.Length; i++)
        {
            yield return [.. script[..i], .. script[(i + 1)..]];
        }
    }
}
