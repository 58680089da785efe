using MemoryFunctions.Testing;

namespace MemoryFunctions.Infra.Tests;

/// <summary>Paths in the repository the tests read: the infra folder, the shared container definition, host.json.</summary>
public static class RepoPaths
{
    public static string Root => RepositoryRoot.Path;

    public static string Infra => Path.Combine(Root, "infra");

    public static string MainTemplate => Path.Combine(Infra, "main.bicep");

    public static string MainParameters => Path.Combine(Infra, "main.parameters.json");

    public static string Hooks => Path.Combine(Infra, "hooks");

    public static string ContainerDefinition => Path.Combine(Root, "src", "Memory.Cosmos", "cosmos-container.json");

    public static string HostJson => Path.Combine(Root, "host.json");
}
