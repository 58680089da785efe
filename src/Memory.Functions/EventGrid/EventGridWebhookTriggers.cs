using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Functions.Http;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.EventGrid;
using MemoryFunctions.Http.Quotas;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MemoryFunctions.Functions.EventGrid;

/// <summary>
/// Event Grid delivers <c>MemoryFunctions.Conversation.Turns</c> events to <c>POST /api/eventgrid</c> as a WebHook
/// subscription, the same route, parser, validation and handshakes as the local server (<see cref="EventGridApi"/>).
/// An HTTP trigger rather than the Event Grid trigger: the worker's Event Grid extension is not on the build machines'
/// NuGet mirror, and a webhook keeps one code path for both hosts. Anonymous at the platform: the subscription's scoped key
/// (<c>?code=</c> in its endpoint URL, or a secret <c>x-functions-key</c> delivery header) is checked in the worker and must
/// reach every event's tenant (docs/security.md). A redelivered event maps to the operation it started (idempotency key from the event's
/// identity), so Event Grid's retries start nothing new.
/// </summary>
public sealed class EventGridWebhookTriggers(DurableIngestion ingestion, TimeProvider timeProvider, CallerAuthenticator authenticator, TenantAdmission admission)
{
    [Function("ReceiveEventGridEvents")]
    public async Task<IResult> ReceiveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.EventGrid)] HttpRequest request,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken) =>
        await EventGridApi.ReceiveAsync(request, new IngestionServiceEventGridIngestion(ingestion.For(durableClient)), timeProvider, authenticator, admission, cancellationToken);

    /// <summary>CloudEvents abuse protection: Event Grid probes with <c>OPTIONS</c> before delivering CloudEvents.</summary>
    [Function("EventGridAbuseProtection")]
    public async Task<IResult> AllowDeliveryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "options", Route = FunctionRoutes.EventGrid)] HttpRequest request, CancellationToken cancellationToken) =>
        await EventGridApi.AllowDeliveryAsync(request, authenticator, cancellationToken);
}
