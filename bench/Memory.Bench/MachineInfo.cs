using System.Globalization;
using System.Runtime.InteropServices;

namespace MemoryFunctions.Bench;

/// <summary>What a reader needs next to a number measured on a shared machine.</summary>
internal static class MachineInfo
{
    /// <summary>1-, 5- and 15-minute load averages from /proc/loadavg ("n/a" elsewhere).</summary>
    public static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path))
        {
            return "n/a";
        }

        var parts = File.ReadAllText(path).Split(' ');
        return parts.Length >= 3 ? $"{parts[0]} / {parts[1]} / {parts[2]}" : "n/a";
    }

    public static string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Environment.ProcessorCount} cores · {RuntimeInformation.OSDescription} · .NET {Environment.Version} · Release; benchmark process and server on workstation GC");
}
