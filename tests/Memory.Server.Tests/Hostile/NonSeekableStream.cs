namespace MemoryFunctions.Server.Tests.Hostile;

/// <summary>A body whose length the client cannot know, so it goes out chunked, without Content-Length.</summary>
public sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
{
    public override bool CanSeek => false;
}
