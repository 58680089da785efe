namespace MemoryFunctions.Server.Tests.Stress;

/// <summary>
/// Reads the live key slots of the embedded store's <c>keys.bin</c> (layout in Memory.Local's PartitionKeyring: 128-byte
/// slots after a header slot; byte 4 = 1 when live, key id at 8..24, key at 56..88). Erasure is crypto-shredding, so
/// "the user's data is unreadable" means: the keys that sealed it are in no file any more.
/// </summary>
internal static class KeyringFile
{
    private const int SlotSize = 128;

    public static HashSet<string> LiveKeys(string dataDirectory)
    {
        var bytes = ReadShared(Path.Combine(dataDirectory, "keys.bin"));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var offset = SlotSize; offset + SlotSize <= bytes.Length; offset += SlotSize)
        {
            if (bytes[offset + 4] == 1)
            {
                keys.Add(Convert.ToHexString(bytes, offset + 56, 32));
            }
        }

        return keys;
    }

    /// <summary>Names of the files under <paramref name="dataDirectory"/> that contain <paramref name="needle"/>.</summary>
    public static List<string> FilesContaining(string dataDirectory, byte[] needle) =>
        [.. Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories)
            .Where(file => Path.GetFileName(file) != "LOCK" && ReadShared(file).AsSpan().IndexOf(needle) >= 0)
            .Select(Path.GetFileName)
            .OfType<string>()];

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
