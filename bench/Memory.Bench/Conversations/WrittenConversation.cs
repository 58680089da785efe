namespace MemoryFunctions.Bench.Conversations;

/// <summary>One conversation of Data/conversations.json: dated sessions of (speaker, text) turns, and questions with the words of their answer.</summary>
internal sealed record WrittenConversation(string Id, IReadOnlyList<WrittenSession> Sessions, IReadOnlyList<WrittenQuestion> Questions);

internal sealed record WrittenSession(DateTimeOffset Date, IReadOnlyList<IReadOnlyList<string>> Turns);

internal sealed record WrittenQuestion(string Q, string A);

internal sealed record WrittenConversationSet(IReadOnlyList<WrittenConversation> Conversations);
