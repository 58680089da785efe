namespace MemoryFunctions.Bench.Context;

internal sealed class ContextReport
{
    public string Text { get; set; } = string.Empty;

    public string ToMarkdown() => Text;
}
