namespace MemoryFunctions.Bench.Conversations;

/// <summary>One conversation of Data/conversations.json: dated sessions of (speaker, text) turns, and questions with the words of their answer.</summary>
internal sealed record WrittenConversation(string Id, IReadOnlyList<WrittenSession> Sessions, IReadOnlyList<WrittenQuestion> Questions);

internal sealed record WrittenSession(DateTimeOffset Date, IReadOnlyList<IReadOnlyList<string>> Turns);

/// <summary>
/// A question, the words of its answer, its kind (<see cref="QuestionTypes"/>), and for a question that needs several pieces
/// of evidence the other words that must appear with <paramref name="A"/>.
/// </summary>
internal sealed record WrittenQuestion(string Q, string A, string Type = QuestionTypes.SingleHop, IReadOnlyList<string>? AlsoNeeds = null)
{
    /// <summary>Every word of the answer is in <paramref name="text"/> (case-insensitive, judge-free).</summary>
    public bool AnsweredBy(string text) =>
        new[] { A }.Concat(AlsoNeeds ?? []).All(answer => text.Contains(answer, StringComparison.OrdinalIgnoreCase));
}

internal sealed record WrittenConversationSet(IReadOnlyList<WrittenConversation> Conversations);

/// <summary>
/// The kinds of question the conversation benchmarks report apart, one for each cause of a miss: a fact said once
/// (single-hop), a date (temporal: said relative to the day, or a question naming a month), evidence from several sessions
/// (multi-hop), a person's own words among the other speaker's turns that address them by name (speaker), and an answer
/// whose topic is only in the turn before it (reply).
/// </summary>
internal static class QuestionTypes
{
    public const string SingleHop = "single-hop";
    public const string Temporal = "temporal";
    public const string MultiHop = "multi-hop";
    public const string Speaker = "speaker";
    public const string Reply = "reply";

    /// <summary>
    /// An answer inferred from what the person said, asked in other words ("What ingredient should Tom leave out when cooking
    /// for Maya?" of "Turns out I'm allergic to sesame"): the nearest of our kinds to the held-out set's open-domain questions.
    /// </summary>
    public const string Inference = "inference";

    /// <summary>Public data (<see cref="MemoryBankSet"/>): the answer is in the assistant's turn ("What painters did you recommend to me?").</summary>
    public const string AssistantSaid = "assistant-said";

    /// <summary>Public data: a yes-or-no question ("I don't like comedy movies, right?"), answered by the words of its evidence.</summary>
    public const string YesNo = "yes-no";

    public static readonly string[] All = [SingleHop, Temporal, MultiHop, Speaker, Reply, Inference, AssistantSaid, YesNo];
}
