namespace MemoryFunctions.Server.Tests.Hostile;

/// <summary>The corpus against the open server, as `dotnet run` serves it.</summary>
public sealed class HostileRequestTests(HostileServerFixture fixture) : HostileRequestTestsBase(fixture), IClassFixture<HostileServerFixture>;
