using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Http.Json;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Http.Quotas;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace MemoryFunctions.Http.EventGrid;

/// <summary>
/// The Event Grid webhook of both hosts (the Functions app's trigger calls these handlers). The credential a subscription
/// presents (a key bound to the tenant(s) it feeds) must reach every event's tenant and user; see <see cref="OutOfScope"/>.
/// </summary>
public static class EventGridApi
{
    /// <summary>Event Grid's delivery header: <c>SubscriptionValidation</c> for the handshake, <c>Notification</c> otherwise.</summary>
    public const string EventTypeHeader = "aeg-event-type";

    private const string SubscriptionValidationEventType = "SubscriptionValidation";

    public const string Route = "/eventgrid";

    /// <summary>
    /// Maps <c>POST</c> and <c>OPTIONS</c> <c>{routePrefix}/eventgrid</c>: <c>/api/eventgrid</c> on the bare app, or pass
    /// <c>routePrefix: ""</c> when mapping into a group that already sits under <c>/api</c> (such as the API-keyed one;
    /// Event Grid can send the key as <c>?code=</c> in the subscription's endpoint URL).
    /// </summary>
    public static IEndpointRouteBuilder MapEventGridApi(this IEndpointRouteBuilder endpoints, string routePrefix = "/api")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var route = routePrefix + Route;
        endpoints.MapPost(route, ReceiveAsync).WithName("ReceiveEventGridEvents").WithTags("EventGrid")
            .Accepts<System.Text.Json.JsonElement>("application/json", "application/cloudevents-batch+json", "application/cloudevents+json");
        endpoints.MapMethods(route, [HttpMethods.Options], AllowDeliveryAsync).WithName("EventGridAbuseProtection").WithTags("EventGrid");
        return endpoints;
    }

    /// <summary>
    /// Handshake, or submission of every valid event. Only a delivery in which nothing could be used is a 400: Event
    /// Grid does not retry a 400 (it dead-letters), which is right for events that will never become valid.
    /// </summary>
    public static async Task<Results<Ok<SubscriptionValidationResponse>, Ok<EventGridReceipt>, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request,
        [FromServices] IEventGridIngestion ingestion,
        [FromServices] TimeProvider timeProvider,
        [FromServices] CallerAuthenticator authenticator,
        [FromServices] TenantAdmission admission,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ingestion);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(admission);
        var (caller, refused) = await RequestScope.AuthenticateAsync(request, MemoryRole.Write, authenticator, cancellationToken);
        if (caller is null)
        {
            return refused!;
        }

        if (!request.HasJsonContentType())
        {
            // Event Grid sends application/json, CloudEvents application/cloudevents-batch+json: both pass.
            return ApiProblems.UnsupportedMediaType(request.ContentType);
        }

        var body = await EventGridBody.ReadAsync(request, ConversationEventLimits.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(
                $"An Event Grid delivery is at most {ConversationEventLimits.MaxBodyBytes} bytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Payload too large",
                type: ProblemTypes.PayloadTooLarge);
        }

        // The whole delivery is refused: with a repeated key, which event or which field was meant is not known.
        if (RepeatedKeys.Find(body.ToMemory().Span) is var (path, key))
        {
            return ApiProblems.Validation(RepeatedKeys.FieldOf(path), RepeatedKeys.Describe(path, key) + " Nothing in this delivery was processed.");
        }

        var batch = ConversationEventParser.Parse(body, timeProvider.GetUtcNow());
        if (batch.ValidationCode is { } code)
        {
            return ValidationRefusal(request, batch) ?? (Results<Ok<SubscriptionValidationResponse>, Ok<EventGridReceipt>, ProblemHttpResult>)TypedResults.Ok(new SubscriptionValidationResponse(code));
        }

        if (batch.Submissions.Count == 0 && batch.Ignored.Count == 0)
        {
            return TypedResults.Problem(
                batch.Rejected.Count == 0
                    ? "The delivery holds no events; send a JSON array of Event Grid events or a CloudEvents batch."
                    : string.Join(" ", batch.Rejected.Select(rejection => $"{rejection.EventId ?? "(no id)"}: {rejection.Reason}")),
                statusCode: StatusCodes.Status400BadRequest,
                title: "No usable event",
                type: ProblemTypes.Validation,
                extensions: new Dictionary<string, object?> { ["rejected"] = batch.Rejected });
        }

        if (OutOfScope(caller, batch) is { } outOfScope)
        {
            return outOfScope;
        }

        // Admission quotas, as at POST …/messages, one admission per event; a refusal is the whole delivery's, like a scope
        // refusal: a 429 Event Grid retries later (nothing of it was queued), a 403 (users, memories) it dead-letters, where an
        // operator sees it (or drops, when the subscription has no dead-letter destination). The admissions are held until the events are submitted, so a concurrent delivery counts them;
        // each is committed when its event was accepted, and released otherwise.
        if (batch.Submissions.GroupBy(submission => submission.Partition.TenantId, StringComparer.Ordinal)
            .Select(tenant => admission.NeverAdmitted(tenant.Key, tenant.Count())).OfType<string>().FirstOrDefault() is { } tooMany)
        {
            // 413: Event Grid does not retry it (it dead-letters, or drops without a dead-letter destination), where a 429
            // would be retried until the events expire.
            return ApiProblems.DeliveryPastQueueQuota(tooMany);
        }

        var admissions = new List<Admission>(batch.Submissions.Count);
        try
        {
            foreach (var submission in batch.Submissions)
            {
                var admitted = await admission.AdmitAsync(submission.Partition, AdmittedWrite.Operation, cancellationToken: cancellationToken);
                admissions.Add(admitted);
                if (admitted.Refusal is { } refusal)
                {
                    return ScopedCall.QuotaRefused(request, refusal);
                }
            }

            return TypedResults.Ok(await SubmitAsync(ingestion, batch, admissions, cancellationToken));
        }
        finally
        {
            admissions.ForEach(admitted => admitted.Dispose());
        }
    }

    /// <summary>Submits each event, committing its admission (<paramref name="admissions"/>, in the same order) when it made a new operation.</summary>
    private static async Task<EventGridReceipt> SubmitAsync(IEventGridIngestion ingestion, EventGridBatch batch, List<Admission> admissions, CancellationToken cancellationToken)
    {
        var accepted = new List<EventGridAcceptedEvent>(batch.Submissions.Count);
        var rejected = new List<EventGridRejection>(batch.Rejected);
        foreach (var (submission, admitted) in batch.Submissions.Zip(admissions))
        {
            var outcome = await ingestion.SubmitAsync(submission.Partition, submission.Request, submission.IdempotencyKey, submission.Fingerprint, cancellationToken);
            if (outcome.KeyReused)
            {
                // A redelivery carries the same data; other data under the same event identity is another event, which must
                // not be answered with the first one's operation (its turns would never be ingested).
                rejected.Add(new EventGridRejection(
                    submission.EventId,
                    $"This event's source and id were already used by an event with other data (operation {outcome.Operation.Id}); give each event its own id."));
            }
            else
            {
                if (outcome.Created)
                {
                    // A redelivery is answered with the first operation and adds nothing to count.
                    admitted.Commit();
                }

                accepted.Add(new EventGridAcceptedEvent(submission.EventId, outcome.Operation.Id));
            }
        }

        return new EventGridReceipt(accepted, batch.Ignored, rejected);
    }

    /// <summary>
    /// The handshake is answered only when it is the whole delivery, and only to a delivery Event Grid marks as one: a
    /// validation event batched with conversation events would otherwise answer 200 and drop them silently, and echoing
    /// the code for a <c>Notification</c> would let any event body confirm a subscription. Such a batch is refused whole
    /// (400, nothing processed), so the sender knows to split it.
    /// </summary>
    private static ProblemHttpResult? ValidationRefusal(HttpRequest request, EventGridBatch batch)
    {
        var others = batch.Submissions.Count + batch.Ignored.Count + batch.Rejected.Count;
        var eventType = request.Headers[EventTypeHeader].ToString();
        string? detail = others > 0
            ? $"A SubscriptionValidationEvent must be delivered alone; this delivery also held {others} other event(s), and none was processed. Send them in a separate delivery."
            : eventType.Length > 0 && !string.Equals(eventType, SubscriptionValidationEventType, StringComparison.Ordinal)
                ? $"A SubscriptionValidationEvent arrived with {EventTypeHeader}: {eventType}; the validation code is echoed only for {EventTypeHeader}: {SubscriptionValidationEventType}."
                : null;
        return detail is null
            ? null
            : TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Validation event not alone", type: ProblemTypes.Validation);
    }

    /// <summary>
    /// The whole delivery is refused (403, nothing processed) when any event names a tenant or user the credential was not
    /// given: a partial 200 would hide a forged event in a success that Event Grid never retries, while a 403 is not
    /// retried either and lands in the subscription's dead letters, where an operator sees it. A subscription per tenant
    /// never mixes tenants in one delivery, so an honest publisher is never refused.
    /// </summary>
    private static ProblemHttpResult? OutOfScope(MemoryCaller caller, EventGridBatch batch)
    {
        var refused = batch.Submissions
            .Select(submission => (submission.EventId, Problem: RequestScope.Authorize(caller, submission.Partition, MemoryRole.Write)))
            .Where(outcome => outcome.Problem is not null)
            .ToList();
        return refused.Count == 0
            ? null
            : ApiProblems.OutOfScope(
                $"{refused.Count} of {batch.Submissions.Count} event(s) name a tenant or user the credential '{caller.Name}' does not reach "
                + $"({string.Join(", ", refused.Select(outcome => outcome.EventId))}); nothing in this delivery was processed. "
                + "Give each tenant its own subscription and key.");
    }

    /// <summary>CloudEvents abuse protection, behind the same credential as the deliveries it announces.</summary>
    public static async Task<Results<Ok, ProblemHttpResult>> AllowDeliveryAsync(HttpRequest request, [FromServices] CallerAuthenticator authenticator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, refused) = await RequestScope.AuthenticateAsync(request, MemoryRole.Write, authenticator, cancellationToken);
        if (caller is null)
        {
            return refused!;
        }

        return EventGridHandshake.TryAllow(request.Headers, request.HttpContext.Response.Headers)
            ? TypedResults.Ok()
            : TypedResults.Problem(
                $"An OPTIONS request to this endpoint must carry the {EventGridHandshake.RequestOriginHeader} header.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Not a webhook validation request",
                type: ProblemTypes.Validation);
    }
}
