using System.Text.Json;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Local.Storage;

/// <summary>
/// <c>reembed.json</c> in the data directory while a re-embed runs: the model it re-embeds with and how far it got (the
/// last partition and memory id whose new vector is durable; partitions and ids are walked in ordinal order). Its presence
/// means the store holds vectors of two models, so the server refuses to start until the re-embed finishes. Replaced by
/// write-to-temp, fsync and rename after every batch.
/// </summary>
internal sealed record ReembedProgressFile(EmbeddingModelStamp Target, MemoryPartition? Partition, string? LastId)
{
    public const string FileName = "reembed.json";
    private const int FormatVersion = 1;

    public static ReembedProgressFile? Read(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        if (root.GetProperty("formatVersion").GetInt32() != FormatVersion)
        {
            throw new InvalidDataException($"{path} has an unknown format version; delete it and run the re-embed again from the start.");
        }

        var target = new EmbeddingModelStamp(root.GetProperty("modelId").GetString() ?? string.Empty, root.GetProperty("dimensions").GetInt32());
        var partition = root.TryGetProperty("tenantId", out var tenant) && root.TryGetProperty("userId", out var user)
            ? new MemoryPartition(tenant.GetString()!, user.GetString()!)
            : (MemoryPartition?)null;
        return new ReembedProgressFile(target, partition, root.TryGetProperty("lastId", out var last) ? last.GetString() : null);
    }

    public static void Delete(string dataDirectory)
    {
        File.Delete(Path.Combine(dataDirectory, FileName));
        DirectorySync.Flush(dataDirectory);
    }

    public void Write(string dataDirectory) =>
        DurableJsonFile.Write(dataDirectory, FileName, writer =>
        {
            writer.WriteNumber("formatVersion", FormatVersion);
            writer.WriteString("modelId", Target.ModelId);
            writer.WriteNumber("dimensions", Target.Dimensions);
            if (Partition is { } partition)
            {
                writer.WriteString("tenantId", partition.TenantId);
                writer.WriteString("userId", partition.UserId);
                writer.WriteString("lastId", LastId);
            }
        });
}
