using System.Text;

namespace MemoryFunctions.Server.Tests.Docs;

/// <summary>
/// The part of POSIX shell word splitting the docs' curl examples use: single quotes (literal, may span lines), double
/// quotes (with <c>$NAME</c> expanded), bare words (expanded), backslash-newline joins lines, and <c>#</c> at the start of
/// a word begins a comment. Anything else (command substitution, globs) is not shell the docs should show.
/// </summary>
public static class ShellWords
{
    /// <summary>The words of <paramref name="command"/> and its trailing comment (null if none).</summary>
    public static (IReadOnlyList<string> Words, string? Comment) Split(string command, IReadOnlyDictionary<string, string> variables)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            switch (c)
            {
                case '\\' when i + 1 < command.Length && command[i + 1] == '\n':
                    i++;
                    break;
                case ' ' or '\t' or '\n':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    break;
                case '#' when !inWord:
                    return (words, command[(i + 1)..].Trim());
                case '\'':
                    var close = command.IndexOf('\'', i + 1);
                    Assert.True(close > i, $"Unclosed single quote in: {command}");
                    word.Append(command, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    var end = command.IndexOf('"', i + 1);
                    Assert.True(end > i, $"Unclosed double quote in: {command}");
                    word.Append(Expand(command[(i + 1)..end], variables));
                    i = end;
                    inWord = true;
                    break;
                case '$':
                    var name = new string([.. command[(i + 1)..].TakeWhile(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_')]);
                    word.Append(Expand("$" + name, variables));
                    i += name.Length;
                    inWord = true;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return (words, null);
    }

    /// <summary>Whether the text leaves a single quote open (the command continues on the next line).</summary>
    public static bool OpensQuote(string text)
    {
        var open = false;
        foreach (var c in text)
        {
            if (c == '\'')
            {
                open = !open;
            }
            else if (c == '#' && !open)
            {
                break;
            }
        }

        return open;
    }

    private static string Expand(string text, IReadOnlyDictionary<string, string> variables)
    {
        var expanded = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '$')
            {
                expanded.Append(text[i]);
                continue;
            }

            var name = new string([.. text[(i + 1)..].TakeWhile(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_')]);
            Assert.True(variables.TryGetValue(name, out var value), $"The docs use ${name}, which they never set.");
            expanded.Append(value);
            i += name.Length;
        }

        return expanded.ToString();
    }
}
