using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Local.Tests.Storage;

/// <summary>
/// The real file system with a settable amount of free space: a write that would grow files past it writes what fits
/// (as a real disk does) and then fails with ENOSPC. Overwriting existing bytes needs no space, shrinking gives none back
/// (tests set <see cref="FreeBytes"/> themselves). Null means unlimited.
/// </summary>
internal sealed class FaultyDataFiles : IDataFiles
{
    private const int NoSpaceLeftOnDevice = 28;
    private readonly Lock _gate = new();

    public long? FreeBytes { get; set; }

    /// <summary>Writes refused so far, to show a test really hit the full disk.</summary>
    public int RefusedWrites { get; private set; }

    public FileStream Open(string path, FileMode mode, FileAccess access, FileShare share) => PhysicalDataFiles.Instance.Open(path, mode, access, share);

    public void Write(FileStream file, ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            var growth = Math.Max(0, file.Position + bytes.Length - file.Length);
            if (FreeBytes is not { } free || growth <= free)
            {
                FreeBytes -= growth;
                file.Write(bytes);
                return;
            }

            var fits = (int)(bytes.Length - (growth - free));
            file.Write(bytes[..fits]);
            FreeBytes = 0;
            RefusedWrites++;
            throw new IOException($"No space left on device : '{file.Name}'", NoSpaceLeftOnDevice);
        }
    }

    public void Sync(FileStream file) => PhysicalDataFiles.Instance.Sync(file);

    public void Move(string source, string destination) => PhysicalDataFiles.Instance.Move(source, destination);
}
