namespace MemoryFunctions.Server.Tests.Hostile;

/// <summary>
/// One malformed or adversarial request. <paramref name="Url"/> may hold <c>{user}</c>, <c>{id}</c>, <c>{op}</c> and
/// <c>{cursor}</c>, replaced by the seeded user's values; <paramref name="Body"/> is sent byte for byte, chunked (no
/// Content-Length) when <paramref name="Chunked"/>.
/// </summary>
public sealed record HostileCase(
    string Name,
    string Method,
    string Url,
    byte[]? Body = null,
    string? ContentType = "application/json",
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null,
    bool Chunked = false,
    HostileExpectation Expect = HostileExpectation.Problem)
{
    public override string ToString() => Name;
}
