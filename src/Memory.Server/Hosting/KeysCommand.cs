using MemoryFunctions.Http.Auth;

namespace MemoryFunctions.Server.Hosting;

/// <summary>
/// <c>keys new</c>: prints a fresh random key (give it to the client) and its hash (put it in <c>Memory:Auth:Keys:N:Hash</c>).
/// <c>keys hash</c>: prints the hash of a key read from standard input, so the key never appears in the shell history.
/// Settings only ever hold hashes (docs/security.md).
/// </summary>
internal static class KeysCommand
{
    public const string Verb = "keys";

    public static bool IsRequested(string[] args) => args is [Verb, ..];

    public static int Run(string[] args, TextReader input, TextWriter output)
    {
        switch (args)
        {
            case [_, "new"]:
                var key = ApiKeyHashes.NewKey();
                output.WriteLine($"key:  {key}");
                output.WriteLine($"hash: {ApiKeyHashes.Hash(key)}");
                output.WriteLine("Give the key to the client (x-functions-key header); store only the hash, with the key's Id, Tenants, User and Role.");
                return 0;
            case [_, "hash"]:
                var presented = input.ReadLine()?.Trim();
                if (string.IsNullOrEmpty(presented))
                {
                    output.WriteLine("Pipe the key in on standard input: printf %s \"$KEY\" | dotnet run --project src/Memory.Server -- keys hash");
                    return 2;
                }

                output.WriteLine(ApiKeyHashes.Hash(presented));
                return 0;
            default:
                output.WriteLine("Usage: keys new | keys hash (key on standard input)");
                return 2;
        }
    }
}
