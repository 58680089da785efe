using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Json;
using MemoryFunctions.Http.Problems;
using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>The prologue of every handler that takes a body, written once so that every route rejects bad input alike.</summary>
public static class ValidatedBody
{
    /// <summary>
    /// Resolves tenant and user (and the memory <paramref name="id"/> when given) and checks the caller may act there with
    /// <paramref name="required"/>, then reads the JSON body within the size
    /// limit, then applies <paramref name="validate"/>; the first failure becomes the problem.
    /// </summary>
    public static async Task<ValidatedBody<T>> ReadAsync<T>(
        HttpRequest request,
        string userId,
        string? id,
        MemoryRole required,
        MemoryApiServices services,
        Func<T, MemoryHttpOptions, Dictionary<string, string[]>> validate,
        CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(validate);
        var scope = id is null
            ? await RequestScope.ResolveAsync(request, userId, required, services.Authenticator, cancellationToken)
            : await RequestScope.ResolveAsync(request, userId, id, required, services.Authenticator, cancellationToken);
        var partition = scope.Partition;
        if (scope.Problem is not null)
        {
            return new(partition, null, scope.Problem);
        }

        var body = await JsonBody.ReadAsync<T>(request, services.Limits.MaxRequestBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return new(partition, null, body.Problem);
        }

        var errors = validate(body.Value!, services.Limits);
        return errors.Count > 0 ? new(partition, null, ApiProblems.Validation(errors)) : new(partition, body.Value, null);
    }
}
