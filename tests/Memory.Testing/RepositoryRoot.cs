namespace MemoryFunctions.Testing;

/// <summary>The repository's root folder (the one holding MemoryFunctions.sln), for tests that read committed files.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "MemoryFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"MemoryFunctions.sln not found above {AppContext.BaseDirectory}.");
    }
}
