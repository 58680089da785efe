using MemoryFunctions.Testing.Server;

namespace MemoryFunctions.Server.Tests.Hosting;

/// <summary>The server's command line as a person meets it: help, bad settings, and what start-up says.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_ListsVerbsAndMainSettings_AndExitsWithoutServing(string flag)
    {
        var (exit, output, error) = await ServerCommandLine.RunAsync([flag]);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        foreach (var expected in new[] { "keys new", "keys hash", "audit", "repair-store", "backup", "restore", "reembed", "Urls", "Memory:Local:DataDirectory", "Memory:Auth:Keys", "Memory:Embeddings:Provider" })
        {
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Memory__Store", "Redis", "Memory:Store")]
    [InlineData("Memory__Embeddings__Provider", "word2vec", "Memory:Embeddings:Provider")]
    [InlineData("Memory__Http__MaxRequestBodyBytes", "-5", "MaxRequestBodyBytes")]
    public async Task InvalidSetting_OneLineNamingTheSetting_NoStackTrace(string variable, string value, string named)
    {
        var (exit, output, error) = await ServerCommandLine.RunAsync([], new Dictionary<string, string> { [variable] = value, ["Memory__Embeddings__Provider"] = variable.Contains("Provider", StringComparison.Ordinal) ? value : "Hashing" });

        Assert.Equal(2, exit);
        var cannot = Assert.Single(error.Split('\n'), line => line.StartsWith("Cannot start:", StringComparison.Ordinal));
        Assert.Contains(named, cannot, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SaysWhatItDoes_ThenWhereItListensAndWhetherItIsOpen()
    {
        var data = Path.Combine(Path.GetTempPath(), "memory-startup-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await ServerProcess.StartAsync(
                ServerBinary.Locate(typeof(CommandLineTests).Assembly), data, LoopbackPort.Next(), TimeSpan.FromSeconds(90), new Dictionary<string, string> { ["Memory__Embeddings__Provider"] = "Hashing" });
            var output = await WaitForAsync(server, "Ready in");

            var lines = output.Split('\n');
            var starting = Array.FindIndex(lines, line => line.Contains("Starting MemoryFunctions: store Local", StringComparison.Ordinal));
            var opened = Array.FindIndex(lines, line => line.Contains("Local store opened at", StringComparison.Ordinal) && line.Contains("0 memories", StringComparison.Ordinal));
            var ready = Array.FindIndex(lines, line => line.Contains("Ready in", StringComparison.Ordinal));
            Assert.True(starting >= 0 && starting < opened && opened < ready, output);
            Assert.Contains($"{server.BaseAddress.ToString().TrimEnd('/')}/api/health", lines[ready], StringComparison.Ordinal);
            Assert.Contains("authentication OFF", lines[ready], StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static async Task<string> WaitForAsync(ServerProcess server, string text)
    {
        for (var i = 0; i < 200 && !server.OutputTail().Contains(text, StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
        }

        return server.OutputTail();
    }
}
