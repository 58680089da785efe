namespace MemoryFunctions.Http.EventGrid;

/// <summary>The body Event Grid expects back from a webhook during the subscription validation handshake.</summary>
public sealed record SubscriptionValidationResponse(string ValidationResponse);
