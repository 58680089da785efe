namespace MemoryFunctions.Server.Tests.Docs;

/// <summary>
/// One curl command of a Markdown page and what the page says it answers: the text of the comment lines after it
/// (<c># 200 {"status":"healthy",…}</c>, joined) and, when a <c>json</c> block follows the code block it ends, that block.
/// </summary>
public sealed record DocExample(string Page, int Line, string Command, string Documented, string? ResponseBlock)
{
    public override string ToString() => $"{Page}:{Line}";
}
