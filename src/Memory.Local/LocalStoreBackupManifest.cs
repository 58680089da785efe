using System.Text.Json;
using System.Text.Json.Serialization;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Local;

/// <summary>
/// <c>backup.json</c>: what a backup holds. <paramref name="Sequence"/> is the store's last logged entry in it (the point
/// in the store's history the backup stands for); <paramref name="Source"/> the data directory it was taken from.
/// </summary>
public sealed record LocalStoreBackupManifest(int FormatVersion, int StoreFormatVersion, long Sequence, long Memories, DateTimeOffset TakenAt, string Source);

/// <summary>What a restore wrote: the restored store's last sequence, its memories, and the users it erased again.</summary>
public sealed record LocalStoreRestoreReport(long Sequence, long Memories, IReadOnlyList<MemoryPartition> ErasedAgain);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(LocalStoreBackupManifest))]
internal sealed partial class BackupJsonContext : JsonSerializerContext;
