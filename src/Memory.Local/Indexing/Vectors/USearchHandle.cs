using Microsoft.Win32.SafeHandles;

namespace MemoryFunctions.Local.Indexing.Vectors;

/// <summary>
/// Owns one native USearch index. A SafeHandle, so a search already inside the library keeps the index alive until it
/// returns even if the partition is erased meanwhile; the native memory (vectors and graph) is freed after that.
/// </summary>
internal sealed class USearchHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public USearchHandle()
        : base(ownsHandle: true)
    {
    }

    public static USearchHandle Create(ref USearchNative.InitOptions options)
    {
        var pointer = USearchNative.Init(ref options, out var error);
        USearchNative.ThrowIfFailed(error, "init");
        var handle = new USearchHandle();
        handle.SetHandle(pointer);
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        USearchNative.Free(handle, out var error);
        return error == 0;
    }
}
