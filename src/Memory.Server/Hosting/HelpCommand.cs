namespace MemoryFunctions.Server.Hosting;

/// <summary><c>--help</c> (or <c>-h</c>, <c>help</c>): the verbs and the settings a person changes first, then exits.</summary>
internal static class HelpCommand
{
    public static bool IsRequested(string[] args) => args is ["--help" or "-h" or "-?" or "help", ..];

    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("""
            MemoryFunctions local server: per-user memories for AI agents over HTTP (docs/api.md).

            Usage: dotnet run --project src/Memory.Server [-- <verb>] [--<Setting> <value> ...]

            Verbs:
              (none)          serve the API at http://127.0.0.1:7071/api (health: /api/health, inspector: /, OpenAPI: /openapi/v1.json)
              keys new        make an API key; prints the key and the settings (environment variables, JSON) that admit it
                              [--id agent-1] [--tenant default] [--user <user id>] [--role read|write|admin]
              keys hash       print the hash of a key read from standard input
              audit           print a tenant's audit trail: --tenant <id> [--limit 100] [--url http://127.0.0.1:7071 --key <admin key>]
              repair-store    salvage a local data directory the server refused to open
              backup          copy the local store consistently, while the server runs: --to <new directory>
              restore         restore a backup into the (new or empty) data directory: --from <backup>
                              and --erasures-from <the data directory it replaces> (or --without-later-erasures)
              reembed         re-embed every stored memory with the configured embedder (a model change); server stopped, resumable
              --help          this text

            Main settings (appsettings.json, environment variables as Memory__Section__Key, or --Memory:Section:Key <value>):
              Urls                            where to listen (http://127.0.0.1:7071)
              Memory:Local:DataDirectory      the embedded store's directory (data, under the project folder with dotnet run)
              Memory:Embeddings:Provider      MiniLM (semantic, loads a model at start) or Hashing (lexical, no model)
              Memory:Auth:Keys                scoped API keys (keys new); none configured = open, loopback only
              Memory:Auth:Entra:*             Microsoft Entra ID tokens (docs/security.md)
              Memory:Store                    Local (default) or Cosmos (with Memory:Cosmos:AccountEndpoint)
              Memory:OpenAI:*                 real chat and embedding models (docs/models.md)
              Logging:Console:FormatterName   simple (default) or json

            Every setting: README.md, section Configuration.
            """);
        return 0;
    }
}
