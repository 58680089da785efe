namespace MemoryFunctions.Server.Tests.Hostile;

/// <summary>The corpus against the server behind a scoped key bound to the seeded user.</summary>
public sealed class ScopedHostileRequestTests(ScopedHostileServerFixture fixture) : HostileRequestTestsBase(fixture), IClassFixture<ScopedHostileServerFixture>;
