using FsCheck;
using FsCheck.Fluent;
using MemoryFunctions.Core.Domain;
using Microsoft.FSharp.Core;

namespace MemoryFunctions.Testing.Isolation;

/// <summary>
/// Random operation scripts over six partitions: two tenants times three users, the same user ids in both tenants, so
/// a store keyed by user id alone would leak. Every partition writes a marker word into all its texts that no other
/// partition uses; finding a foreign marker in any answer is a leak.
/// </summary>
public static class IsolationScripts
{
    /// <summary>Fixed seed: a failure reproduces on every machine; FsCheck prints the shrunk script.</summary>
    public const ulong Seed = 20261121;

    public static readonly IReadOnlyList<string> Topics = ["coffee", "flights", "zebras", "piano", "garden"];

    public static IReadOnlyList<(string Tenant, string User)> Partitions { get; } =
        [("tenant-a", "alice"), ("tenant-a", "bob"), ("tenant-a", "carol"), ("tenant-b", "alice"), ("tenant-b", "bob"), ("tenant-b", "carol")];

    /// <summary>Scripts of 5 to <paramref name="maxLength"/> steps, writes twice as likely as each kind of read.</summary>
    public static Arbitrary<IsolationOp[]> Scripts(int maxLength = 40)
    {
        var kinds = Gen.Frequency(
            (6, Gen.Constant(IsolationOpKind.Add)),
            (2, Gen.Constant(IsolationOpKind.Update)),
            (1, Gen.Constant(IsolationOpKind.Delete)),
            (2, Gen.Constant(IsolationOpKind.Get)),
            (1, Gen.Constant(IsolationOpKind.List)),
            (2, Gen.Constant(IsolationOpKind.Search)),
            (2, Gen.Constant(IsolationOpKind.Context)),
            (1, Gen.Constant(IsolationOpKind.Export)),
            (2, Gen.Constant(IsolationOpKind.History)),
            (2, Gen.Constant(IsolationOpKind.Submit)),
            (2, Gen.Constant(IsolationOpKind.GetOperation)),
            (1, Gen.Constant(IsolationOpKind.Erase)));
        var op =
            from kind in kinds
            from partition in Gen.Choose(0, Partitions.Count - 1)
            from target in Gen.Choose(0, 999)
            from topic in Gen.Choose(0, Topics.Count - 1)
            select new IsolationOp(kind, partition, target, topic);
        var script = Gen.Choose(5, maxLength).SelectMany(length => Gen.ArrayOf(op, length));
        return script.ToArbitrary();
    }

    /// <summary>Bounded and seeded: the same scripts on every run, fast enough for every build.</summary>
    public static Config Config(int maxTest) =>
        FsCheck.Config.QuickThrowOnFailure
            .WithMaxTest(maxTest)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));

    /// <summary>The word only partition <paramref name="partition"/> of run <paramref name="run"/> writes.</summary>
    public static string Marker(int partition, string run) => $"qz{partition}mark{run}";

    /// <summary>Markers of every partition but <paramref name="partition"/>: none of them may appear in its answers.</summary>
    public static IEnumerable<string> ForeignMarkers(int partition, string run) =>
        Enumerable.Range(0, Partitions.Count).Where(other => other != partition).Select(other => Marker(other, run));

    public static MemoryPartition PartitionOf(int partition, string userSuffix = "") =>
        new(Partitions[partition].Tenant, Partitions[partition].User + userSuffix);

    /// <summary>Fails naming the leak when <paramref name="answer"/> contains another partition's marker.</summary>
    public static void AssertNoForeignMarker(string answer, int partition, string run, string what)
    {
        ArgumentNullException.ThrowIfNull(answer);
        foreach (var marker in ForeignMarkers(partition, run))
        {
            Xunit.Assert.False(answer.Contains(marker, StringComparison.Ordinal), $"{what} of partition {partition} leaked '{marker}': {answer}");
        }
    }

    /// <summary>Fails naming the file when any file under <paramref name="directory"/> still holds <paramref name="text"/> (UTF-8).</summary>
    public static void AssertNoFileContains(string directory, string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(file) == "LOCK")
            {
                // Held exclusively by the open engine, so unreadable; it must stay empty.
                Xunit.Assert.Equal(0, new FileInfo(file).Length);
                continue;
            }

            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
            }

            Xunit.Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"'{text}' is still in {file} after erasure.");
        }
    }
}
