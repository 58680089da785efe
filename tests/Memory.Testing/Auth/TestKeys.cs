using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MemoryFunctions.Testing.Auth;

/// <summary>Settings for scoped API keys (<c>Memory:Auth:Keys</c>), hashed as the server expects: what an operator would configure.</summary>
public static class TestKeys
{
    public static string Hash(string key) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>
    /// One entry per key; <see cref="TestKey.Tenants"/> empty makes it unscoped (then pass <paramref name="singleTenant"/>).
    /// With <paramref name="entra"/>, Entra ID tokens of <see cref="TestTokenIssuer"/> are accepted too.
    /// </summary>
    public static Dictionary<string, string?> Settings(IEnumerable<TestKey> keys, bool singleTenant = false, bool entra = false)
    {
        var settings = new Dictionary<string, string?>(entra ? TestTokenIssuer.Settings() : []) { ["Memory:Auth:SingleTenant"] = singleTenant ? "true" : "false" };
        var index = 0;
        foreach (var key in keys)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"Memory:Auth:Keys:{index++}");
            settings[$"{at}:Id"] = key.Id;
            settings[$"{at}:Hash"] = Hash(key.Key);
            settings[$"{at}:Role"] = key.Role;
            settings[$"{at}:User"] = key.User;
            for (var t = 0; t < key.Tenants.Count; t++)
            {
                settings[string.Create(CultureInfo.InvariantCulture, $"{at}:Tenants:{t}")] = key.Tenants[t];
            }
        }

        return settings;
    }

    /// <summary>A single-tenant deployment's unscoped admin keys: what the former plain <c>ApiKeys</c> setting meant.</summary>
    public static Dictionary<string, string?> Unscoped(params string[] keys) =>
        Settings(keys.Select((key, i) => new TestKey(string.Create(CultureInfo.InvariantCulture, $"unscoped-{i}"), key, [], null, "admin")), singleTenant: true);
}
