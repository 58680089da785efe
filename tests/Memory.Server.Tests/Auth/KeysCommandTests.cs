using MemoryFunctions.Server.Hosting;
using MemoryFunctions.Testing.Auth;

namespace MemoryFunctions.Server.Tests.Auth;

public sealed class KeysCommandTests
{
    [Fact]
    public void New_PrintsAFreshKeyAndTheHashTheServerExpectsForIt()
    {
        var first = Run(["keys", "new"]);
        var second = Run(["keys", "new"]);

        var key = Line(first.Output, "key:");
        Assert.Equal(0, first.Exit);
        Assert.Equal(TestKeys.Hash(key), Line(first.Output, "hash:"));
        Assert.True(key.Length >= 40, key);
        Assert.NotEqual(key, Line(second.Output, "key:"));
    }

    [Fact]
    public void New_WithACallbackUrl_PrintsItInBothForms()
    {
        var (exit, output) = Run(["keys", "new", "--id", "hooked", "--callback-url", "https://hooks.example/memory"]);

        Assert.Equal(0, exit);
        Assert.Contains("export Memory__Auth__Keys__0__CallbackUrl=https://hooks.example/memory", output, StringComparison.Ordinal);
        Assert.Contains("\"CallbackUrl\": \"https://hooks.example/memory\"", output, StringComparison.Ordinal);
        Assert.Contains("Memory:Callbacks:AllowedHosts", output, StringComparison.Ordinal);
        Assert.Equal(2, Run(["keys", "new", "--callback-url", "not a url"]).Exit);
    }

    [Fact]
    public void Hash_KeyOnStandardInput_PrintsOnlyItsHash()
    {
        var (exit, output) = Run(["keys", "hash"], "my-existing-key\n");

        Assert.Equal(0, exit);
        Assert.Equal(TestKeys.Hash("my-existing-key"), output.Trim());
    }

    [Theory]
    [InlineData("hash", "")]
    [InlineData("rotate", "")]
    public void Run_NoKeyOrUnknownVerb_Exit2WithUsage(string verb, string input)
    {
        var (exit, output) = Run(["keys", verb], input);

        Assert.Equal(2, exit);
        Assert.Contains("keys", output, StringComparison.Ordinal);
    }

    private static (int Exit, string Output) Run(string[] args, string input = "")
    {
        using var writer = new StringWriter();
        var exit = KeysCommand.Run(args, new StringReader(input), writer);
        return (exit, writer.ToString());
    }

    private static string Line(string output, string label) =>
        output.Split('\n').Single(line => line.StartsWith(label, StringComparison.Ordinal))[label.Length..].Trim();
}
