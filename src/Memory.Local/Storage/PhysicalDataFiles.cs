namespace MemoryFunctions.Local.Storage;

/// <summary>The real file system. Unbuffered streams: the engine hands each write over as one buffer.</summary>
internal sealed class PhysicalDataFiles : IDataFiles
{
    public static PhysicalDataFiles Instance { get; } = new();

    public FileStream Open(string path, FileMode mode, FileAccess access, FileShare share) => new(path, mode, access, share, bufferSize: 0);

    public void Write(FileStream file, ReadOnlySpan<byte> bytes) => file.Write(bytes);

    public void Sync(FileStream file) => file.Flush(flushToDisk: true);

    public void Move(string source, string destination) => File.Move(source, destination, overwrite: true);
}
