namespace MemoryFunctions.Server.Tests.Properties;

/// <summary>The If-Match a PATCH step sends: the memory's current ETag, one it had before (or never had), or <c>*</c>.</summary>
public enum ETagChoice
{
    Current,
    Stale,
    Star,
}
