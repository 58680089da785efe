using System.Globalization;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.OpenApi;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Http.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>
/// A user's operations, newest first, optionally of some statuses, one page at a time: an agent that submitted many need
/// not keep every id. Read role, like a single operation.
/// </summary>
/// <remarks>
/// Each page reads the user's operation records (the store keeps them per partition) and pages in memory by
/// (created, id), so a cursor stays valid while new operations arrive; the cost is linear in the user's operations.
/// </remarks>
public static class OperationListApi
{
    public static RouteHandlerBuilder MapOperationListApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes.MapGet("/users/{userId}/operations", ListOperationsAsync).WithName("ListOperations").WithTags("Ingestion")
            .WithQuery("status", "string", $"Only operations in these statuses ({string.Join(", ", Enum.GetNames<OperationStatus>().Select(n => n.ToLowerInvariant()))}); repeat for several.", repeated: true)
            .WithQuery("pageSize", "integer", "Operations per page (default and maximum as for memories).")
            .WithQuery("cursor", "string", "The previous page's nextCursor, unchanged.")
            .ProducesCommonProblems();
    }

    public static Task<Results<Ok<OperationListResponse>, ProblemHttpResult>> ListOperationsAsync(
        HttpRequest request, string userId, [FromServices] IOperationStore operations, MemoryApiServices services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(services);
        return ScopedCall.RunAsync<Ok<OperationListResponse>>(request, new(userId, MemoryRole.Read), services, async partition =>
        {
            var errors = new ValidationErrors();
            var statuses = new HashSet<OperationStatus>();
            foreach (var value in request.Query["status"])
            {
                if (Enum.TryParse<OperationStatus>(value, ignoreCase: true, out var status) && !int.TryParse(value, out _))
                {
                    statuses.Add(status);
                }
                else
                {
                    errors.Add("status", $"'status' must be one of {string.Join(", ", Enum.GetNames<OperationStatus>().Select(n => n.ToLowerInvariant()))}; got '{value}'.");
                }
            }

            var (pageSize, token) = QueryParser.ParsePage(request.Query, partition, services.Limits, services.Cursors, "this user's operations", errors);
            (long Ticks, string Id)? after = null;
            if (token is not null)
            {
                if (token.Split(':', 2) is [var ticks, var id] && long.TryParse(ticks, CultureInfo.InvariantCulture, out var at))
                {
                    after = (at, id);
                }
                else
                {
                    errors.Add("cursor", "'cursor' is not a cursor issued for this user's operations; pass 'nextCursor' from the previous page unchanged, or omit it to start over.");
                }
            }

            if (!errors.IsEmpty)
            {
                return ApiProblems.Validation(errors.ToDictionary());
            }

            var page = new List<MemoryOperation>(pageSize + 1);
            await foreach (var operation in operations.ExportAsync(partition, cancellationToken))
            {
                if ((statuses.Count == 0 || statuses.Contains(operation.Status)) && (after is null || IsAfter(operation, after.Value)))
                {
                    page.Add(operation);
                }
            }

            page.Sort((a, b) => b.CreatedAt != a.CreatedAt ? b.CreatedAt.CompareTo(a.CreatedAt) : string.CompareOrdinal(b.Id, a.Id));
            var next = page.Count > pageSize ? page[pageSize - 1] : null;
            return TypedResults.Ok(new OperationListResponse(
                [.. page.Take(pageSize).Select(OperationResponse.From)],
                next is null ? null : services.Cursors.Encode(partition, string.Create(CultureInfo.InvariantCulture, $"{next.CreatedAt.UtcTicks}:{next.Id}"))));
        }, cancellationToken);
    }

    /// <summary>Newest first: an operation comes after the cursor's when it was created earlier, or at the same instant with a smaller id.</summary>
    private static bool IsAfter(MemoryOperation operation, (long Ticks, string Id) cursor) =>
        operation.CreatedAt.UtcTicks < cursor.Ticks || (operation.CreatedAt.UtcTicks == cursor.Ticks && string.CompareOrdinal(operation.Id, cursor.Id) < 0);
}
