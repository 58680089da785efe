namespace MemoryFunctions.Testing.Server;

/// <summary>One memory from a user export: enough to count texts. <see cref="Ended"/> when it has a validTo (superseded or retracted).</summary>
public sealed record ExportedMemory(string Id, string Kind, string Text, bool Ended);
