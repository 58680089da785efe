using System.Globalization;
using MemoryFunctions.Core.Audit;
using MemoryFunctions.Local;

namespace MemoryFunctions.Server.Hosting;

/// <summary>
/// <c>backup --to &lt;dir&gt;</c>: a consistent backup of the configured local data directory, taken while the server runs
/// (or not). <c>restore --from &lt;backup&gt; (--erasures-from &lt;old data dir&gt; | --without-later-erasures)</c>: restores
/// into the configured data directory, which must be new or empty. Both read the configuration the server would
/// (appsettings.json, environment, <c>--Memory:Local:DataDirectory &lt;dir&gt;</c>); see <see cref="LocalStoreBackup"/>.
/// </summary>
internal static class BackupCommand
{
    public const string BackupVerb = "backup";
    public const string RestoreVerb = "restore";
    private const string Usage = "Usage: backup --to <new directory> | restore --from <backup directory> (--erasures-from <the data directory it replaces> | --without-later-erasures)";

    public static bool IsRequested(string[] args) => args is [BackupVerb or RestoreVerb, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var rest = args[1..].ToList();
        var to = Take(rest, "--to");
        var from = Take(rest, "--from");
        var erasuresFrom = Take(rest, "--erasures-from");
        var withoutLaterErasures = rest.Remove("--without-later-erasures");
        var configuration = WebApplication.CreateBuilder([.. rest]).Configuration;
        var store = new LocalStoreOptions();
        configuration.GetSection(LocalStoreOptions.SectionName).Bind(store);
        var audit = new AuditOptions();
        configuration.GetSection(AuditOptions.SectionName).Bind(audit);
        try
        {
            if (args[0] == BackupVerb && to is not null)
            {
                var manifest = await LocalStoreBackup.TakeAsync(store.DataDirectory, to, audit);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Backed up {manifest.Memories} memories (through entry {manifest.Sequence}) of {manifest.Source} into {Path.GetFullPath(to)}."));
                return 0;
            }

            if (args[0] == RestoreVerb && from is not null)
            {
                var report = await LocalStoreBackup.RestoreAsync(from, store.DataDirectory, erasuresFrom, withoutLaterErasures, audit);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Restored {report.Memories} memories (through entry {report.Sequence}) into {Path.GetFullPath(store.DataDirectory)}."));
                output.WriteLine(report.ErasedAgain.Count == 0
                    ? "No user erased after the backup needed erasing again."
                    : string.Create(CultureInfo.InvariantCulture, $"Erased again {report.ErasedAgain.Count} users erased after the backup: {string.Join(", ", report.ErasedAgain)}."));
                return 0;
            }
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException or InvalidDataException)
        {
            output.WriteLine(exception.Message);
            return 1;
        }

        output.WriteLine(Usage);
        return 2;
    }

    /// <summary>Removes <paramref name="option"/> and its value from <paramref name="args"/>; the value, or null when absent.</summary>
    private static string? Take(List<string> args, string option)
    {
        var at = args.IndexOf(option);
        if (at < 0 || at + 1 >= args.Count)
        {
            return null;
        }

        var value = args[at + 1];
        args.RemoveRange(at, 2);
        return value;
    }
}
