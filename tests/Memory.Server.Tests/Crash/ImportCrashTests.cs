using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MemoryFunctions.Testing.Server;

namespace MemoryFunctions.Server.Tests.Crash;

/// <summary>
/// The real server as a child process, SIGKILLed in the middle of a bulk import right after a progress report, then started
/// again: every line the report called settled is there, every memory there is whole (text, tags, metadata and a full
/// vector of its own line), none twice; and the same file posted again completes the import exactly.
/// </summary>
[Trait("Category", "Crash")]
public sealed partial class ImportCrashTests : IDisposable
{
    private const int Lines = 8_000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string> Settings = new() { ["Memory__Embeddings__Provider"] = "Hashing" };
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "memory-import-crash-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Server_KilledMidImport_KeepsEverySettledLineWholeAndTheRerunCompletesIt()
    {
        var serverDll = ServerBinary.Locate(typeof(ImportCrashTests).Assembly);
        var port = LoopbackPort.Next();
        var user = "import-crash-" + Guid.NewGuid().ToString("N")[..8];
        var file = string.Concat(Enumerable.Range(1, Lines).Select(i => Line(i) + "\n"));

        long settled;
        await using (var server = await ServerProcess.StartAsync(serverDll, _dataDirectory, port, StartTimeout, Settings))
        {
            settled = await ImportUntilFirstProgressAsync(port, user, file);
            server.Kill();
        }

        await using var restarted = await ServerProcess.StartAsync(serverDll, _dataDirectory, port, StartTimeout, Settings);
        using var http = new HttpClient { BaseAddress = restarted.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var survivors = await ExportAsync(http, user);
        Assert.True(settled > 0 && settled < Lines, $"The kill came at line {settled} of {Lines}, not in the middle of the import.");
        Assert.All(survivors, AssertWhole);
        var numbers = survivors.Select(memory => (int)memory!["metadata"]!["n"]!).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.All(Enumerable.Range(1, (int)settled), i => Assert.Contains(i, numbers));

        using var content = new StringContent(file, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var rerun = await http.PostAsync(new Uri($"/api/users/{user}/imports", UriKind.Relative), content);
        var last = JsonNode.Parse((await rerun.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!;
        Assert.Equal("completed", (string?)last["type"]);
        Assert.Equal(survivors.Count, (long)last["existing"]!);
        Assert.Equal(Lines - survivors.Count, (long)last["imported"]!);
        var all = await ExportAsync(http, user);
        Assert.Equal(Lines, all.Count);
        Assert.All(all, AssertWhole);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static string Line(int i) => $$$"""{"text":"Crash import line {{{i}}} keeps its own words","tags":["import"],"metadata":{"n":{{{i}}}}}""";

    private static void AssertWhole(JsonNode? memory)
    {
        var n = (int)memory!["metadata"]!["n"]!;
        Assert.Equal($"Crash import line {n} keeps its own words", (string?)memory["text"]);
        Assert.Equal("import", (string?)Assert.Single(memory["tags"]!.AsArray()));
        var vector = memory["embedding"]!.AsArray().Select(value => (double)value!).ToList();
        Assert.Equal(384, vector.Count);
        Assert.InRange(Math.Sqrt(vector.Sum(value => value * value)), 0.99, 1.01);
    }

    /// <summary>
    /// Streams the file (chunked, over a raw socket, so the reports can be read while the body is still being sent) until the
    /// first progress report, and returns the line it says is settled; the caller kills the server right then.
    /// </summary>
    private static async Task<long> ImportUntilFirstProgressAsync(int port, string user, string file)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, port);
        var stream = socket.GetStream();
        var head = $"POST /api/users/{user}/imports HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var sending = SendChunksAsync(stream, Encoding.UTF8.GetBytes(file), stop.Token);
        var received = new StringBuilder();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadAsync(buffer, stop.Token);
            Assert.True(read > 0, "The server closed the connection before any progress report: " + received);
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            if (ProgressReport().Match(received.ToString()) is { Success: true } match)
            {
                await stop.CancelAsync();
                await sending.ContinueWith(_ => { }, TaskScheduler.Default);
                return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }
    }

    private static async Task SendChunksAsync(NetworkStream stream, byte[] body, CancellationToken cancellationToken)
    {
        foreach (var chunk in body.Chunk(8 * 1024))
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(chunk.Length.ToString("X", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
            await stream.WriteAsync(chunk, cancellationToken);
            await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
            // Paced, so the upload alone takes seconds and the first progress report (after a second) comes mid-import.
            await Task.Delay(50, cancellationToken);
        }

        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
    }

    private static async Task<List<JsonNode?>> ExportAsync(HttpClient http, string user)
    {
        using var response = await http.GetAsync(new Uri($"/api/users/{user}/export", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!["memories"]!.AsArray()];
    }

    [GeneratedRegex("\"type\":\"progress\"[^}]*\"committedThroughLine\":(\\d+)")]
    private static partial Regex ProgressReport();
}
