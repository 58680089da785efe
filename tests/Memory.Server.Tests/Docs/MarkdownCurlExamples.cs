using System.Text;
using System.Text.RegularExpressions;

namespace MemoryFunctions.Server.Tests.Docs;

/// <summary>
/// Reads the shell examples of a Markdown page, so the page itself is what the docs test runs: every <c>bash</c> block's
/// variable assignments (<c>BASE=…</c>) and curl commands in page order, each with the comment lines that follow it.
/// A block right after a <c>&lt;!-- not run by the docs test: why --&gt;</c> line is left out.
/// </summary>
public static partial class MarkdownCurlExamples
{
    /// <summary>The line before a bash block that shows what the local server cannot do (Cosmos DB, Functions only).</summary>
    public const string NotRun = "<!-- not run by the docs test";

    public static (IReadOnlyDictionary<string, string> Variables, IReadOnlyList<DocExample> Examples) Read(string page, string markdown)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var examples = new List<DocExample>();
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() == "```json" && examples.Count > 0 && PreviousFenceWasBash(lines, i))
            {
                var block = ReadBlock(lines, ref i);
                examples[^1] = examples[^1] with { ResponseBlock = block };
            }
            else if (lines[i].Trim() == "```bash" && (i == 0 || !lines[i - 1].StartsWith(NotRun, StringComparison.Ordinal)))
            {
                ReadBash(page, lines, ref i, variables, examples);
            }
        }

        return (variables, examples);
    }

    private static void ReadBash(string page, string[] lines, ref int i, Dictionary<string, string> variables, List<DocExample> examples)
    {
        for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
        {
            var line = lines[i];
            var assignment = Assignment().Match(line);
            if (assignment.Success)
            {
                var (words, _) = ShellWords.Split(assignment.Groups["value"].Value, variables);
                variables[assignment.Groups["name"].Value] = string.Concat(words);
            }
            else if (line.StartsWith("curl ", StringComparison.Ordinal))
            {
                var start = i;
                var command = new StringBuilder(line);
                while ((line.EndsWith('\\') || ShellWords.OpensQuote(command.ToString())) && i + 1 < lines.Length)
                {
                    line = lines[++i];
                    command.Append('\n').Append(line);
                }

                var documented = new StringBuilder();
                while (i + 1 < lines.Length && lines[i + 1].StartsWith('#'))
                {
                    documented.Append(lines[++i].TrimStart('#').Trim()).Append('\n');
                }

                examples.Add(new DocExample(page, start + 1, command.ToString(), documented.ToString(), null));
            }
        }
    }

    private static string ReadBlock(string[] lines, ref int i)
    {
        var block = new StringBuilder();
        for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
        {
            block.Append(lines[i]).Append('\n');
        }

        return block.ToString();
    }

    /// <summary>A json block describes the response of the curl example just above it only when nothing but prose is between.</summary>
    private static bool PreviousFenceWasBash(string[] lines, int i)
    {
        var fence = Array.FindLastIndex(lines, i - 1, line => line.TrimStart().StartsWith("```", StringComparison.Ordinal));
        var opening = Array.FindLastIndex(lines, fence - 1, line => line.TrimStart().StartsWith("```", StringComparison.Ordinal));
        return opening >= 0 && lines[opening].Trim() == "```bash" && !lines[(fence + 1)..i].Any(line => line.StartsWith('#'));
    }

    [GeneratedRegex(@"^(?<name>[A-Z_][A-Z0-9_]*)=(?<value>.*)$")]
    private static partial Regex Assignment();
}
