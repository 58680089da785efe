using System.Text.Json;
using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Local.Storage;

/// <summary>
/// <c>embedding-model.json</c> in the data directory: which model made the stored vectors. Kept apart from the log and
/// snapshot on purpose: it changes only at start-up, before any write, and a person can read it.
/// Format: <c>{"formatVersion":1,"modelId":"…","dimensions":384}</c>; replaced by write-to-temp, fsync and rename.
/// </summary>
internal static class EmbeddingModelFile
{
    public const string FileName = "embedding-model.json";
    private const int FormatVersion = 1;

    public static EmbeddingModelStamp? Read(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var version = root.GetProperty("formatVersion").GetInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"{path} has format version {version}; this release reads version {FormatVersion}.");
            }

            return new EmbeddingModelStamp(root.GetProperty("modelId").GetString() ?? string.Empty, root.GetProperty("dimensions").GetInt32());
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path} is damaged ({error.Message}). It names the model that made the stored vectors; restore it from a backup.", error);
        }
    }

    public static void Write(string dataDirectory, EmbeddingModelStamp stamp) =>
        DurableJsonFile.Write(dataDirectory, FileName, writer =>
        {
            writer.WriteNumber("formatVersion", FormatVersion);
            writer.WriteString("modelId", stamp.ModelId);
            writer.WriteNumber("dimensions", stamp.Dimensions);
        });
}
