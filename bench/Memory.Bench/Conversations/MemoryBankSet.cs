using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MemoryFunctions.Bench.Conversations;

/// <summary>
/// Public conversation data beside our own sets: the English evaluation data of MemoryBank (SiliconFriend,
/// github.com/zhongwanjun/MemoryBank-SiliconFriend, MIT licence): 15 people, each talking with an "AI companion" over ten
/// dated days, and 100 probing questions without answers. The data is read from a copy fetched on this machine (a checkout
/// or a bare git directory; <c>--data</c> or <c>MEMORYBANK_DATA</c>), never committed; the answers are our own annotation
/// (Data/memorybank-answers.json, keyed by person and question index). The split is fixed here, before the first run:
/// misses are read on <see cref="DevUsers"/> only, rates are reported on the others.
/// </summary>
internal static class MemoryBankSet
{
    public const string DefaultPath = "/work/.mirror/zhongwanjun+MemoryBank-SiliconFriend/repo";

    public const string Assistant = "AI companion";

    /// <summary>The first five people of the data file; the other ten are reported.</summary>
    public static readonly string[] DevUsers = ["Emily", "Frank", "Lucy", "Sunny", "Jason"];

    private const string Conversations = "eval_data/en/memory_bank_en.json";
    private const string Questions = "eval_data/en/probing_questions_en.jsonl";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The data's location: <c>--data PATH</c>, else <c>MEMORYBANK_DATA</c>, else <see cref="DefaultPath"/>.</summary>
    public static string PathFrom(string[] args) =>
        Array.IndexOf(args, "--data") is var at and >= 0 && at + 1 < args.Length ? args[at + 1]
        : Environment.GetEnvironmentVariable("MEMORYBANK_DATA") is { Length: > 0 } path ? path
        : DefaultPath;

    /// <summary>Every person's days as a conversation with their annotated questions; null when the data is not at <paramref name="path"/>.</summary>
    public static MemoryBankData? Load(string path)
    {
        if (Read(path, Conversations) is not { } conversationsJson || Read(path, Questions) is not { } questionsJson)
        {
            return null;
        }

        var people = JsonNode.Parse(conversationsJson)!.AsObject();
        var asked = questionsJson.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject().Single())
            .ToDictionary(pair => pair.Key.Trim(), pair => pair.Value!.AsArray().Select(q => q!.GetValue<string>()).ToList(), StringComparer.Ordinal);
        var answers = AnswerFile().Answers.ToLookup(answer => answer.User, StringComparer.Ordinal);
        var conversations = new List<WrittenConversation>();
        var unanswerable = 0;
        foreach (var (key, person) in people)
        {
            var name = key.Trim();
            // A day without exchanges (John Zhang's 5 May) is no session: there is nothing to post.
            var sessions = person!["history"]!.AsObject()
                .Where(day => day.Value!.AsArray().Count > 0)
                .Select(day => new WrittenSession(
                    new DateTimeOffset(DateOnly.Parse(day.Key, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(12, 0), TimeSpan.Zero),
                    day.Value!.AsArray().SelectMany(pair => new IReadOnlyList<string>[]
                    {
                        [name, pair!["query"]!.GetValue<string>()],
                        [Assistant, pair["response"]!.GetValue<string>()],
                    }).ToList()))
                .ToList();
            var questions = new List<WrittenQuestion>();
            foreach (var answer in answers[name])
            {
                var text = asked[name][answer.Question];
                if (answer.Type == MemoryBankAnswer.Unanswerable)
                {
                    unanswerable++;
                    continue;
                }

                questions.Add(new WrittenQuestion(text, answer.Answer[0], answer.Type, answer.Answer.Skip(1).ToList()));
            }

            conversations.Add(new WrittenConversation(name.Replace(' ', '-'), sessions, questions));
        }

        var annotated = answers.Sum(group => group.Count());
        var total = asked.Values.Sum(list => list.Count);
        if (annotated != total)
        {
            throw new InvalidOperationException($"{annotated} questions annotated of the data's {total}: Data/memorybank-answers.json does not match the data at {path}");
        }

        return new MemoryBankData(
            conversations.Where(c => DevUsers.Contains(c.Id, StringComparer.Ordinal)).ToList(),
            conversations.Where(c => !DevUsers.Contains(c.Id, StringComparer.Ordinal)).ToList(),
            total,
            unanswerable);
    }

    /// <summary>Our annotation, shipped with the bench (it holds no text of the conversations).</summary>
    public static MemoryBankAnswers AnswerFile() =>
        JsonSerializer.Deserialize<MemoryBankAnswers>(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Conversations", "Data", "memorybank-answers.json")), Json)!;

    /// <summary>A file of a checkout, or of a bare git directory's HEAD (what <c>fetch</c> leaves); null when neither has it.</summary>
    private static string? Read(string root, string file)
    {
        var inCheckout = Path.Combine(root, file);
        if (File.Exists(inCheckout))
        {
            return File.ReadAllText(inCheckout);
        }

        if (!File.Exists(Path.Combine(root, "HEAD")))
        {
            return null;
        }

        using var git = Process.Start(new ProcessStartInfo("git", ["-C", root, "show", $"HEAD:{file}"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var text = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return git.ExitCode == 0 ? text : null;
    }
}

internal sealed record MemoryBankData(IReadOnlyList<WrittenConversation> Dev, IReadOnlyList<WrittenConversation> Report, int Questions, int Unanswerable);

/// <summary>Data/memorybank-answers.json: where the questions come from, and one answer per question.</summary>
internal sealed record MemoryBankAnswers(string Attribution, IReadOnlyList<MemoryBankAnswer> Answers);

/// <summary>
/// The answer to question <paramref name="Question"/> (0-based, in the data's order) of <paramref name="User"/>: words
/// that must all appear in the block (case-insensitive), and the kind of question (<see cref="QuestionTypes"/>, or
/// <see cref="Unanswerable"/> when the conversation does not hold the answer; those are left out of the rate).
/// </summary>
internal sealed record MemoryBankAnswer(string User, int Question, string Type, IReadOnlyList<string> Answer, string? Note = null)
{
    public const string Unanswerable = "unanswerable";
}
