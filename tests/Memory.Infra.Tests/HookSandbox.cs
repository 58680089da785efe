namespace MemoryFunctions.Infra.Tests;

/// <summary>
/// A temporary folder of stand-in commands (<c>az</c>, <c>azd</c>) put first on PATH, in which an infra/hooks/*.sh
/// script runs with exactly the environment a test gives it. Stubs see the folder as <c>STUB_DIR</c>.
/// </summary>
public sealed class HookSandbox : IDisposable
{
    private static readonly string[] ToolsNeeded = ["bash", "jq", "base64"];

    public DirectoryInfo Directory { get; } = System.IO.Directory.CreateTempSubdirectory("memory-hook-");

    /// <summary>Skips the calling test where the posix hooks cannot run, saying why.</summary>
    public static void SkipUnlessHooksRun()
    {
        Skip.If(OperatingSystem.IsWindows(), "The posix hooks run under bash; their .ps1 twins run on Windows.");
        Skip.If(ToolsNeeded.Any(tool => ToolRunner.FindOnPath(tool) is null), "bash, jq and base64 are needed to run the posix hooks.");
    }

    public void WriteStub(string name, string script)
    {
        var path = Path.Combine(Directory.FullName, name);
        File.WriteAllText(path, script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void WriteFile(string name, string content) => File.WriteAllText(Path.Combine(Directory.FullName, name), content);

    /// <summary>Lines a stub appended to <paramref name="name"/>, or none.</summary>
    public IReadOnlyList<string> ReadLines(string name)
    {
        var path = Path.Combine(Directory.FullName, name);
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    /// <summary>Runs infra/hooks/<paramref name="script"/>; variables not given that the hooks read are set empty.</summary>
    public ToolResult Run(string script, IReadOnlyDictionary<string, string> environment, IEnumerable<string> cleared)
    {
        var variables = new Dictionary<string, string>
        {
            ["PATH"] = $"{Directory.FullName}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}",
            ["STUB_DIR"] = Directory.FullName,
        };
        foreach (var name in cleared)
        {
            variables[name] = string.Empty;
        }

        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        return ToolRunner.Run("bash", [Path.Combine(RepoPaths.Hooks, script)], variables);
    }

    public void Dispose() => Directory.Delete(recursive: true);
}
