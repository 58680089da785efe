using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace MemoryFunctions.Server.Tests.HostileCallers;

/// <summary>Requests written byte for byte on a socket, so the test chooses every header line (HttpClient sets Host itself).</summary>
internal static class RawHttp
{
    public static async Task<(int Status, string Response)> SendAsync(Uri server, string method, string target, string host, string? origin = null, string? body = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var bytes = Encoding.UTF8.GetBytes(body ?? string.Empty);
        var request = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {target} HTTP/1.1\r\nHost: {host}\r\n")
            .Append(origin is null ? string.Empty : $"Origin: {origin}\r\n")
            .Append(body is null ? string.Empty : "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {bytes.Length}\r\nConnection: close\r\n\r\n")
            .ToString();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        await stream.WriteAsync(bytes);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
        return (int.Parse(response.Split(' ', 3)[1], CultureInfo.InvariantCulture), response);
    }
}
