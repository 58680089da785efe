using System.Text.Json;

namespace MemoryFunctions.Local.Storage;

/// <summary>
/// A small JSON file beside the store's files, replaced whole: written to a temporary file, flushed to disk, renamed over
/// the old one, and the directory flushed, so a crash leaves the old file or the new one, never a torn one.
/// </summary>
internal static class DurableJsonFile
{
    /// <summary>Writes one JSON object whose properties <paramref name="writeProperties"/> writes, as <paramref name="fileName"/> in <paramref name="dataDirectory"/>.</summary>
    public static void Write(string dataDirectory, string fileName, Action<Utf8JsonWriter> writeProperties)
    {
        var path = Path.Combine(dataDirectory, fileName);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writeProperties(writer);
                writer.WriteEndObject();
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(dataDirectory);
    }
}
