using MemoryFunctions.Bench.Load;

namespace MemoryFunctions.Bench.Context;

internal static class ContextBenchmark
{
    public static Task<ContextReport> RunAsync(LoadSettings settings, bool quick, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
