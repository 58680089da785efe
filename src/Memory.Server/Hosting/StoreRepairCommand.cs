using System.Globalization;
using MemoryFunctions.Core.Audit;
using MemoryFunctions.Local;

namespace MemoryFunctions.Server.Hosting;

/// <summary>
/// <c>repair-store</c>: salvages a local data directory the store refused to open (see
/// <see cref="LocalStorageEngine.RepairAsync"/>), reading the same configuration the server would (appsettings.json,
/// environment, <c>--Memory:Local:DataDirectory &lt;dir&gt;</c>), then exits without serving.
/// </summary>
internal static class StoreRepairCommand
{
    public const string Verb = "repair-store";

    public static bool IsRequested(string[] args) => args is [Verb, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = WebApplication.CreateBuilder(args[1..]).Configuration;
        var options = new LocalStoreOptions();
        configuration.GetSection(LocalStoreOptions.SectionName).Bind(options);
        var audit = new AuditOptions();
        configuration.GetSection(AuditOptions.SectionName).Bind(audit);
        var report = await LocalStorageEngine.RepairAsync(options, audit);
        if (report.QuarantineDirectory is null)
        {
            Console.WriteLine($"Nothing to repair in {Path.GetFullPath(options.DataDirectory)}: no snapshot or log files.");
            return 0;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Salvaged {report.RecordsSalvaged} records into a fresh snapshot in {Path.GetFullPath(options.DataDirectory)}."));
        foreach (var region in report.DamagedRegions)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  unreadable: {region.File} bytes {region.Offset}..{region.Offset + region.Length} ({region.Reason})"));
        }

        Console.WriteLine($"The original files are in {report.QuarantineDirectory}; delete that folder once the server runs as expected.");
        return 0;
    }
}
