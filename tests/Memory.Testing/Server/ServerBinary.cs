using System.Reflection;

namespace MemoryFunctions.Testing.Server;

/// <summary>
/// Finds <c>Memory.Server.dll</c> as built for the caller. Projects that start the server reference Memory.Server (so
/// it is built first) and record where its output lands as assembly metadata <see cref="MetadataKey"/>; the server's
/// own output folder is used rather than a copy because it holds the server's runtimeconfig, deps file and settings.
/// </summary>
public static class ServerBinary
{
    public const string MetadataKey = "MemoryServerDll";

    private const string FileName = "Memory.Server.dll";

    /// <summary>The path recorded in <paramref name="anchor"/>'s metadata, else a copy next to it; throws naming both places.</summary>
    public static string Locate(Assembly anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        var recorded = anchor.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == MetadataKey)?.Value;
        if (recorded is not null && File.Exists(recorded))
        {
            return recorded;
        }

        var beside = Path.Combine(AppContext.BaseDirectory, FileName);
        if (File.Exists(beside) && File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json")))
        {
            return beside;
        }

        throw new FileNotFoundException(
            $"{FileName} was found neither at '{recorded ?? "(no MemoryServerDll metadata)"}' nor next to the running assembly. "
            + "Build src/Memory.Server with the same configuration first.",
            FileName);
    }
}
