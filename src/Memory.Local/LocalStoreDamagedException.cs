using System.Globalization;

namespace MemoryFunctions.Local;

/// <summary>
/// The store refused to open because a file holds damage that is not a torn tail: guessing would lose acknowledged
/// writes, so the message names the file, the offset and the repair command (<see cref="LocalStorageEngine.RepairAsync"/>).
/// </summary>
public sealed class LocalStoreDamagedException : IOException
{
    /// <summary>How an operator runs the repair; docs/local-store.md describes what it does.</summary>
    public const string RepairCommand = "dotnet run --project src/Memory.Server -- repair-store";

    public LocalStoreDamagedException()
    {
    }

    public LocalStoreDamagedException(string message)
        : base(message)
    {
    }

    public LocalStoreDamagedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private LocalStoreDamagedException(string message, string path, long offset)
        : base(message) => (FilePath, Offset) = (path, offset);

    /// <summary>The damaged file.</summary>
    public string? FilePath { get; }

    /// <summary>Byte offset of the first unreadable frame in <see cref="FilePath"/>.</summary>
    public long Offset { get; }

    internal static LocalStoreDamagedException InLog(string path, long offset, string reason, long nextReadable) =>
        new(
            string.Create(
                CultureInfo.InvariantCulture,
                $"The local store log {path} has an unreadable record at offset {offset} ({reason}), followed by readable records from offset {nextReadable}. ")
            + RepairAdvice(path),
            path,
            offset);

    internal static LocalStoreDamagedException InSnapshot(string path, string reason) =>
        new($"The local store snapshot {path} is damaged ({reason}). " + RepairAdvice(path), path, 0);

    private static string RepairAdvice(string path) =>
        "The store did not start, so that no acknowledged write is dropped. To salvage every readable record, stop the server and run "
        + $"'{RepairCommand} --Memory:Local:DataDirectory \"{Path.GetDirectoryName(path)}\"' "
        + "(the damaged files are kept in a damaged-<time> folder), or restore the data directory from a backup.";
}
