using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Http.Auth;

namespace MemoryFunctions.Server.Hosting;

/// <summary>
/// <c>keys new [--id ID] [--tenant T] [--user U] [--role read|write|admin] [--callback-url URL]</c>: prints a fresh random key (give it to the
/// client) and the settings that admit it, ready to paste: environment variables and the appsettings.json entry, both
/// holding only its hash. <c>keys hash</c>: prints the hash of a key read from standard input, so the key never appears
/// in the shell history. Settings only ever hold hashes (docs/security.md).
/// </summary>
internal static class KeysCommand
{
    public const string Verb = "keys";
    private const string Usage = "Usage: keys new [--id agent-1] [--tenant default] [--user <user id>] [--role read|write|admin] [--callback-url https://…] | keys hash (key on standard input)";

    public static bool IsRequested(string[] args) => args is [Verb, ..];

    public static int Run(string[] args, TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        switch (args)
        {
            case [_, "new", .. var options]:
                return New(options, output);
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
                output.WriteLine(Usage);
                return 2;
        }
    }

    private static int New(string[] options, TextWriter output)
    {
        if (!TryParse(options, out var entry, out var error))
        {
            output.WriteLine(error);
            output.WriteLine(Usage);
            return 2;
        }

        var key = ApiKeyHashes.NewKey();
        entry.Hash = ApiKeyHashes.Hash(key);
        output.WriteLine($"key:  {key}");
        output.WriteLine($"hash: {entry.Hash}");
        output.WriteLine();
        output.WriteLine("Give the key to the client (header x-functions-key); it is shown only now. The server needs only the hash.");
        output.WriteLine(entry.CallbackUrl is null
            ? "Operations submitted with this key may name a callbackUrl; --callback-url sets a default for those that do not (its host must be in Memory:Callbacks:AllowedHosts)."
            : "Operations submitted with this key without a callbackUrl are reported to the CallbackUrl below (a request's own wins); its host must be in Memory:Callbacks:AllowedHosts, or the server does not start.");
        output.WriteLine("Add the next free index to Memory:Auth:Keys (0 here), as environment variables:");
        output.WriteLine();
        foreach (var (name, value) in EnvironmentVariables(entry, index: 0))
        {
            output.WriteLine($"export {name}={value}");
        }

        output.WriteLine();
        output.WriteLine("or as an entry of \"Memory\": { \"Auth\": { \"Keys\": [ … ] } } in appsettings.json:");
        output.WriteLine();
        output.WriteLine(Json(entry).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static bool TryParse(string[] options, out ScopedKeyOptions entry, out string? error)
    {
        entry = new ScopedKeyOptions { Id = "agent-1", Role = MemoryRole.Write };
        entry.Tenants.Add("default");
        error = null;
        for (var i = 0; i < options.Length; i += 2)
        {
            var value = i + 1 < options.Length ? options[i + 1] : null;
            switch (options[i])
            {
                case "--id" when value is not null && IdRules.IsValid(value):
                    entry.Id = value;
                    break;
                case "--tenant" when value is not null && IdRules.IsValid(value):
                    entry.Tenants[0] = value;
                    break;
                case "--user" when value is not null && IdRules.IsValid(value):
                    entry.User = value;
                    break;
                case "--role" when Enum.TryParse<MemoryRole>(value, ignoreCase: true, out var role) && role > MemoryRole.None && !int.TryParse(value, out _):
                    entry.Role = role;
                    break;
                case "--callback-url" when Uri.TryCreate(value, UriKind.Absolute, out _):
                    entry.CallbackUrl = value;
                    break;
                default:
                    error = $"'{options[i]} {value}' is not understood: ids follow the id rule ({IdRules.Describe("id")}), roles are read, write or admin, a callback URL is absolute.";
                    return false;
            }
        }

        return true;
    }

    private static IEnumerable<(string Name, string Value)> EnvironmentVariables(ScopedKeyOptions entry, int index)
    {
        var prefix = $"Memory__Auth__Keys__{index}__";
        yield return (prefix + "Id", entry.Id);
        yield return (prefix + "Hash", entry.Hash);
        yield return (prefix + "Tenants__0", entry.Tenants[0]);
        if (entry.User is not null)
        {
            yield return (prefix + "User", entry.User);
        }

        yield return (prefix + "Role", entry.Role.ToString());
        if (entry.CallbackUrl is not null)
        {
            yield return (prefix + "CallbackUrl", entry.CallbackUrl);
        }
    }

    private static JsonObject Json(ScopedKeyOptions entry)
    {
        var json = new JsonObject { ["Id"] = entry.Id, ["Hash"] = entry.Hash, ["Tenants"] = new JsonArray(entry.Tenants[0]) };
        if (entry.User is not null)
        {
            json["User"] = entry.User;
        }

        json["Role"] = entry.Role.ToString();
        if (entry.CallbackUrl is not null)
        {
            json["CallbackUrl"] = entry.CallbackUrl;
        }

        return json;
    }
}
