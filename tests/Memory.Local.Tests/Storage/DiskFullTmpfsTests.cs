using System.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local.Tests.Storage;

/// <summary>
/// The same guarantees as <see cref="DiskFullTests"/> on a real 2 MiB tmpfs, so the kernel's own ENOSPC is what the store
/// recognises. Needs Linux and the right to mount (root in a container that allows it); skipped, saying why, otherwise.
/// </summary>
public sealed class DiskFullTmpfsTests
{
    private static readonly MemoryPartition Alice = new("t1", "alice");
    private static readonly MemoryPartition Bob = new("t1", "bob");

    [SkippableFact]
    public async Task RealTmpfs_FillsUp_WritesRefusedEraseWorksAndWritesResumeWhenSpaceReturns()
    {
        using var mount = new TempDirectory();
        var failure = Run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.Path);
        Skip.If(failure is not null, $"Cannot mount a tmpfs here ({failure}); the fault-injecting DiskFullTests cover the same paths.");
        try
        {
            var options = new LocalStoreOptions { DataDirectory = Path.Combine(mount.Path, "data") };
            var acknowledged = new List<MemoryRecord>();
            var engine = LocalStorageEngine.Open(options);
            await using (engine)
            {
                var store = new LocalMemoryStore(engine);
                var bob = await AddAsync(store, Bob, "Bob's first memory", acknowledged);
                await File.WriteAllBytesAsync(Path.Combine(mount.Path, "filler"), new byte[1_800_000]);
                StoreFailureException? full = null;
                for (var i = 0; i < 2_000 && full is null; i++)
                {
                    try
                    {
                        await AddAsync(store, Alice, $"memory {i} " + new string('x', 1_000), acknowledged);
                    }
                    catch (StoreFailureException exception) when (exception.Kind == StoreFailureKind.Full)
                    {
                        full = exception;
                    }
                }

                Assert.NotNull(full);
                Assert.Equal(acknowledged.Count - 1, (await store.EraseAsync(Alice)).MemoriesErased);
                acknowledged.RemoveAll(memory => memory.Partition == Alice);
                File.Delete(Path.Combine(mount.Path, "filler"));
                await AddAsync(store, Bob, "Bob writes again once space returned", acknowledged);
                Assert.NotNull(await store.GetAsync(Bob, bob.Id));
            }

            await using var reopened = LocalStorageEngine.Open(options);
            var again = new LocalMemoryStore(reopened);
            foreach (var memory in acknowledged)
            {
                Assert.NotNull(await again.GetAsync(memory.Partition, memory.Id));
            }

            Assert.Empty((await again.ListAsync(Alice, new MemoryFilter { At = StoreHarness.T0.AddDays(1) }, 10, null)).Items);
        }
        finally
        {
            Run("umount", mount.Path);
        }
    }

    private static async Task<MemoryRecord> AddAsync(LocalMemoryStore store, MemoryPartition partition, string text, List<MemoryRecord> acknowledged)
    {
        var memory = StoreHarness.Memory(partition, text);
        await store.AddAsync(partition, memory, StoreHarness.Added(memory));
        acknowledged.Add(memory);
        return memory;
    }

    /// <summary>Runs a command; null when it succeeded, else why not.</summary>
    private static string? Run(string command, params string[] arguments)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not Linux";
        }

        var info = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        arguments.ToList().ForEach(info.ArgumentList.Add);
        try
        {
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{command} exited with {process.ExitCode}: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return $"{command} is not available: {exception.Message}";
        }
    }
}
