namespace MemoryFunctions.Http.Contracts;

/// <summary>A user of the tenant: a user id whose partition holds memories or operations.</summary>
public sealed record UserSummaryResponse(string UserId);
