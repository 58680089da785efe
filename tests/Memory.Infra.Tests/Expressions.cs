namespace MemoryFunctions.Infra.Tests;

/// <summary>The few ARM template expression shapes the tests compare against (what Bicep emits for a symbol).</summary>
public static class Expressions
{
    public static string Parameter(string name) => $"[parameters('{name}')]";

    public static string Variable(string name) => $"[variables('{name}')]";
}
