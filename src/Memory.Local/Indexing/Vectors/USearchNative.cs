using System.Runtime.InteropServices;

namespace MemoryFunctions.Local.Indexing.Vectors;

/// <summary>
/// The parts of USearch's C API (<c>c/usearch.h</c>, library <c>libusearch_c</c> shipped in Cloud.Unum.USearch 2.26.6) that
/// the package's managed wrapper does not bind: search with a predicate, exact (brute-force) search and buffer
/// save/load, plus the index calls bound again here so that one handle type serves them all. Enum values and the
/// options layout are the header's (checked against the wrapper's own enums for 2.26.6).
/// </summary>
internal static unsafe partial class USearchNative
{
    private const string Library = "libusearch_c";

    public const int MetricInnerProduct = 2;
    public const int ScalarF32 = 1;
    public const int ScalarF16 = 3;
    public const int ScalarI8 = 4;

    [StructLayout(LayoutKind.Sequential)]
    public struct InitOptions
    {
        public int MetricKind;
        public nint Metric;
        public int Quantization;
        public nuint Dimensions;
        public nuint Connectivity;
        public nuint ExpansionAdd;
        public nuint ExpansionSearch;
        public byte Multi;
    }

    [LibraryImport(Library, EntryPoint = "usearch_init")]
    public static partial nint Init(ref InitOptions options, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_free")]
    public static partial void Free(nint index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_reserve")]
    public static partial void Reserve(USearchHandle index, nuint capacity, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_search")]
    public static partial void ChangeThreadsSearch(USearchHandle index, nuint threads, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_add")]
    public static partial void ChangeThreadsAdd(USearchHandle index, nuint threads, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_size")]
    public static partial nuint Size(USearchHandle index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_memory_usage")]
    public static partial nuint MemoryUsage(USearchHandle index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_add")]
    public static partial void Add(USearchHandle index, ulong key, float* vector, int vectorKind, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_remove")]
    public static partial nuint Remove(USearchHandle index, ulong key, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_search")]
    public static partial nuint Search(USearchHandle index, float* query, int queryKind, nuint count, ulong* keys, float* distances, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_filtered_search")]
    public static partial nuint FilteredSearch(
        USearchHandle index, float* query, int queryKind, nuint count, delegate* unmanaged[Cdecl]<ulong, void*, int> filter, void* filterState, ulong* keys, float* distances, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_exact_search")]
    public static partial void ExactSearch(
        float* dataset, nuint datasetSize, nuint datasetStride, float* queries, nuint queriesSize, nuint queriesStride, int scalarKind, nuint dimensions,
        int metricKind, nuint count, nuint threads, ulong* keys, nuint keysStride, float* distances, nuint distancesStride, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_serialized_length")]
    public static partial nuint SerializedLength(USearchHandle index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_save_buffer")]
    public static partial void SaveBuffer(USearchHandle index, byte* buffer, nuint length, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_load_buffer")]
    public static partial void LoadBuffer(USearchHandle index, byte* buffer, nuint length, out nint error);

    /// <summary>Error messages are static strings of the library (never freed by the caller).</summary>
    public static void ThrowIfFailed(nint error, string call)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"USearch {call} failed: {Marshal.PtrToStringUTF8(error)}");
        }
    }
}
