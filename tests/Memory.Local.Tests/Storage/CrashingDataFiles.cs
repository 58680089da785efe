using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Local.Tests.Storage;

/// <summary>How much of what the process wrote survives the crash.</summary>
public enum CrashKind
{
    /// <summary>The process dies (SIGKILL): every write it made is in the page cache and reaches the file.</summary>
    Kill,

    /// <summary>As <see cref="Kill"/>, but the write under way is cut in half (a torn frame or slot).</summary>
    KillMidWrite,

    /// <summary>Power is lost: only what an fsync covered survives; every later write to that file is undone.</summary>
    PowerLoss,
}

/// <summary>
/// The real file system until a chosen step (each <see cref="Write"/>, <see cref="Sync"/> and <see cref="Move"/> is one),
/// where the "process" dies: that step and every later one throw, as a dead process makes no further I/O. After the
/// engine is closed, <see cref="LoseUnsyncedWrites"/> models a power loss by undoing what no fsync covered.
/// </summary>
internal sealed class CrashingDataFiles(CrashKind kind, int crashAtStep) : IDataFiles
{
    private readonly Lock _gate = new();
    // Per file, what to restore for each write since its last fsync: its length and the bytes the write overwrote.
    private readonly List<(string Path, long Position, long LengthBefore, byte[] Overwritten)> _unsynced = [];

    /// <summary>Steps taken (the crashing one included); a run with no crash counts the steps an action takes.</summary>
    public int Steps { get; private set; }

    public bool Crashed { get; private set; }

    public FileStream Open(string path, FileMode mode, FileAccess access, FileShare share) => PhysicalDataFiles.Instance.Open(path, mode, access, share);

    public void Write(FileStream file, ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            var dies = Step();
            if (dies && kind != CrashKind.KillMidWrite)
            {
                throw Dead();
            }

            Remember(file, bytes.Length);
            file.Write(dies ? bytes[..(bytes.Length / 2)] : bytes);
            if (dies)
            {
                throw Dead();
            }
        }
    }

    public void Sync(FileStream file)
    {
        lock (_gate)
        {
            if (Step())
            {
                throw Dead();
            }

            PhysicalDataFiles.Instance.Sync(file);
            _unsynced.RemoveAll(write => string.Equals(write.Path, file.Name, StringComparison.Ordinal));
        }
    }

    public void Move(string source, string destination)
    {
        lock (_gate)
        {
            if (Step())
            {
                throw Dead();
            }

            PhysicalDataFiles.Instance.Move(source, destination);
        }
    }

    /// <summary>For <see cref="CrashKind.PowerLoss"/>, once the engine has closed its files: undoes every write no fsync covered, newest first.</summary>
    public void LoseUnsyncedWrites()
    {
        if (kind != CrashKind.PowerLoss)
        {
            return;
        }

        foreach (var (path, position, lengthBefore, overwritten) in Enumerable.Reverse(_unsynced))
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            file.Position = position;
            file.Write(overwritten);
            file.SetLength(lengthBefore);
        }

        _unsynced.Clear();
    }

    private bool Step()
    {
        if (Crashed)
        {
            throw Dead();
        }

        Steps++;
        Crashed = Steps == crashAtStep;
        return Crashed;
    }

    private void Remember(FileStream file, int count)
    {
        var position = file.Position;
        var overlap = (int)Math.Max(0, Math.Min(count, file.Length - position));
        var overwritten = new byte[overlap];
        if (overlap > 0)
        {
            // The log and snapshots only append; keys.bin, the one file written in place, is opened for reading too.
            file.ReadExactly(overwritten);
            file.Position = position;
        }

        _unsynced.Add((file.Name, position, file.Length, overwritten));
    }

    private static IOException Dead() => new("Injected crash: the process is dead and makes no further I/O.");
}
