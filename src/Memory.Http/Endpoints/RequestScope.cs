using System.Diagnostics.CodeAnalysis;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Http.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>Resolves the partition a request addresses: tenant from <c>x-tenant-id</c> (default "default") and the route's user.</summary>
public static class RequestScope
{
    public static bool TryResolve(HttpRequest request, string userId, out MemoryPartition partition, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        var tenantValues = request.Headers[MemoryHeaders.TenantId];
        var tenant = tenantValues.Count == 0 ? MemoryHeaders.DefaultTenant : tenantValues.ToString();
        if (tenantValues.Count > 1 || !IdRules.IsValid(tenant))
        {
            errors.Add(MemoryHeaders.TenantId, IdRules.Describe(MemoryHeaders.TenantId) + " Send it once, or omit it for the 'default' tenant.");
        }

        if (!IdRules.IsValid(userId))
        {
            errors.Add("userId", IdRules.Describe("userId"));
        }

        partition = new MemoryPartition(tenant, userId);
        problem = errors.IsEmpty ? null : ApiProblems.Validation(errors.ToDictionary());
        return problem is null;
    }

    /// <summary>Resolves the partition and validates a memory id from the route in one go.</summary>
    public static bool TryResolve(HttpRequest request, string userId, string id, out MemoryPartition partition, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        if (!TryResolve(request, userId, out partition, out problem))
        {
            return false;
        }

        if (!IdRules.IsValid(id))
        {
            problem = ApiProblems.Validation("id", IdRules.Describe("id"));
            return false;
        }

        return true;
    }
}
