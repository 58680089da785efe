using MemoryFunctions.Http.Auth;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Callbacks;

/// <summary>
/// A key's default callback URL (<see cref="ScopedKeyOptions.CallbackUrl"/>) must pass the rule a request's would
/// (<see cref="CallbackUrlRule"/> with <c>Memory:Callbacks</c>), or the host does not start: a default that every
/// submission would be refused for is a configuration mistake, named at start-up with the key and the fix.
/// </summary>
internal sealed class KeyCallbackUrlValidator(IOptionsMonitor<CallbackOptions> callbacks) : IValidateOptions<MemoryAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, MemoryAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Keys
            .Select((key, index) => (key, index))
            .Where(entry => entry.key.CallbackUrl is not null)
            .Select(entry => (entry.index, Problem: CallbackUrlRule.Check(entry.key.CallbackUrl!, callbacks.CurrentValue)))
            .Where(entry => entry.Problem is not null)
            .Select(entry => $"Memory:Auth:Keys:{entry.index}:CallbackUrl is refused: {entry.Problem} Fix that key's CallbackUrl, or the Memory:Callbacks settings if the host is meant to be called.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
