namespace MemoryFunctions.Local.Tests.Ingestion;

/// <summary>One line of the labelled extraction set: "[Speaker] turn => statement | statement".</summary>
internal sealed record LabelledTurn(string? Speaker, string Text, IReadOnlyList<string> Expected)
{
    public static IReadOnlyList<LabelledTurn> Load(string path) =>
        [.. File.ReadLines(path).Where(line => line.Length > 0 && !line.StartsWith('#')).Select(Parse)];

    private static LabelledTurn Parse(string line)
    {
        var parts = line.Split("=>", 2, StringSplitOptions.TrimEntries);
        var text = parts[0];
        string? speaker = null;
        if (text.StartsWith('['))
        {
            var end = text.IndexOf(']', StringComparison.Ordinal);
            (speaker, text) = (text[1..end], text[(end + 1)..].Trim());
        }

        return new LabelledTurn(speaker, text, parts[1].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }
}
