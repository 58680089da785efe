namespace MemoryFunctions.Http.Import;

/// <summary>One line of an NDJSON body: its 1-based number, its bytes without the line break, or null when it was longer than the cap.</summary>
public readonly record struct NdjsonLine(long Number, byte[]? Bytes);
