namespace MemoryFunctions.Local.Storage;

/// <summary>
/// Every write the engine makes to its data directory goes through here, so the tests can run the real engine against a
/// full disk or a failing fsync (a fault-injecting implementation) instead of only hoping the error paths work.
/// </summary>
internal interface IDataFiles
{
    FileStream Open(string path, FileMode mode, FileAccess access, FileShare share);

    /// <summary>Writes at the stream's position; a full disk surfaces as an <see cref="IOException"/> that <see cref="DiskFull.Is"/> recognises.</summary>
    void Write(FileStream file, ReadOnlySpan<byte> bytes);

    /// <summary>fsync: the bytes written so far survive power loss once this returns.</summary>
    void Sync(FileStream file);

    void Move(string source, string destination);
}
