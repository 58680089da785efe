using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using MemoryFunctions.Local;
using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Bench.Startup;

/// <summary>
/// Child process of <see cref="StartupBenchmark"/>: where opening the embedded store spends its time. The store is opened
/// once (wall and CPU), then its files are read again in passes that each add one stage — frames and checksums, then
/// AES-GCM unsealing, then decoding the records — so each stage's cost is the difference between two passes, and
/// applying the records to the in-memory indexes is what opening costs beyond decoding. Then the wait for the approximate
/// search indexes a start-up builds in the background (every partition's lexical index, the large ones' vector index).
/// </summary>
internal static class StartupPhases
{
    /// <summary>
    /// One line: cold open wall/CPU s (the first, as a server pays it: code compiled on first use), warm open wall/CPU s,
    /// then CPU s of frames + checksums, unseal, decode, apply (warm open minus decoding), index build s, RSS MiB.
    /// </summary>
    public static async Task<string> MeasureAsync(string directory)
    {
        var (coldWall, coldCpu, indexes, resident) = await OpenAsync(directory);
        var (openWall, openCpu, _, _) = await OpenAsync(directory);

        var files = Directory.GetFiles(directory, "snapshot.bin").Concat(Directory.GetFiles(directory, "wal-*.log")).ToList();
        using var keyring = PartitionKeyring.Open(directory, PhysicalDataFiles.Instance);
        var read = Pass(() => files.ForEach(path => WalkFrames(path, null)));
        var unsealed = Pass(() => files.ForEach(path => WalkFrames(path, keyring)));
        var decoded = Pass(() => files.ForEach(path => Decode(path, keyring)));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{coldWall:F2} {coldCpu:F2} {openWall:F2} {openCpu:F2} {read:F2} {unsealed - read:F2} {decoded - unsealed:F2} {openCpu - decoded:F2} {indexes:F2} {resident / (1024.0 * 1024.0):F0}");
    }

    private static async Task<(double Wall, double Cpu, double Indexes, long Resident)> OpenAsync(string directory)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await using var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory });
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var indexStarted = Stopwatch.GetTimestamp();
        await engine.WhenLexicalIndexesBuiltAsync();
        await engine.WhenVectorIndexesBuiltAsync();
        var indexes = Stopwatch.GetElapsedTime(indexStarted).TotalSeconds;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        process.Refresh();
        return (wall, cpu, indexes, process.WorkingSet64);
    }

    private static double Pass(Action pass)
    {
        var thread = Process.GetCurrentProcess();
        var before = thread.TotalProcessorTime;
        pass();
        thread.Refresh();
        return (thread.TotalProcessorTime - before).TotalSeconds;
    }

    private static void Decode(string path, PartitionKeyring keyring)
    {
        using var reader = new FrameFileReader(path, keyring);
        while (reader.TryRead(out _))
        {
        }
    }

    /// <summary>Frames and checksums; with a keyring also decrypts each sealed body (its layout: <see cref="EntryCodec"/>).</summary>
    private static void WalkFrames(string path, PartitionKeyring? keyring)
    {
        var bytes = File.ReadAllBytes(path);
        var body = new byte[1 << 16];
        for (var offset = 0; offset + FrameBuffer.HeaderSize <= bytes.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
            var payload = bytes.AsSpan(offset + FrameBuffer.HeaderSize, length);
            if (Crc32C.Compute(payload) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4)))
            {
                throw new InvalidDataException($"checksum at {offset} in {path}");
            }

            var type = (EntryType)payload[0];
            if (keyring is not null && type is EntryType.MemoryPut or EntryType.MemoryDelete or EntryType.History or EntryType.OperationPut)
            {
                var sealedBody = payload[9..];
                if (keyring.Find(new Guid(sealedBody[..16])) is { } cipher)
                {
                    var ciphertext = sealedBody[44..];
                    if (body.Length < ciphertext.Length)
                    {
                        body = new byte[ciphertext.Length * 2];
                    }

                    cipher.Decrypt(sealedBody.Slice(16, 12), ciphertext, sealedBody.Slice(28, 16), body.AsSpan(0, ciphertext.Length));
                }
            }

            offset += FrameBuffer.HeaderSize + length;
        }
    }
}
