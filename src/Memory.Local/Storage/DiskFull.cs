namespace MemoryFunctions.Local.Storage;

/// <summary>Recognises "out of space" among I/O errors: the one failure the store survives without a restart.</summary>
internal static class DiskFull
{
    // Unix: ENOSPC (28) and Linux's EDQUOT (122), which .NET reports as the HResult (checked on a real tmpfs by
    // DiskFullTmpfsTests). Windows: ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL as HRESULTs.
    private const int NoSpace = 28;
    private const int QuotaLinux = 122;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    public static bool Is(Exception exception) =>
        exception is IOException { HResult: NoSpace or QuotaLinux or WindowsDiskFull or WindowsHandleDiskFull };
}
