using static MemoryFunctions.Bench.Conversations.LongConversationGenerator;
using static MemoryFunctions.Bench.Conversations.LongConversationPhrases;

namespace MemoryFunctions.Bench.Conversations;

/// <summary>
/// The events that make retrieval hard in the ways real conversations do: plans the other speaker keeps asking about by
/// the person's name, answers whose topic is only in the question before them, a named friend, a test passed on a day
/// said relative to the session, and things learned in two different sessions.
/// </summary>
internal sealed partial class PersonFacts
{
    private IEnumerable<PlannedEvent> Conversational(string instrument)
    {
        var plans = ConversationTopics.Plans.OrderBy(_ => random.Next()).Take(2).ToList();
        foreach (var (own, question, values, addressed) in plans)
        {
            var value = Fresh(values);
            questions.Add(new WrittenQuestion(question.Replace("{p}", person, StringComparison.Ordinal), value, QuestionTypes.Speaker));
            yield return new(_ => Addressed(addressed));
            yield return new(_ => [new(other, Pick(random, addressed).Replace("{n}", person, StringComparison.Ordinal)), new(person, own.Replace("{v}", value, StringComparison.Ordinal))]);
            yield return new(_ => Addressed(addressed));
            yield return new(_ => Addressed(addressed));
            if (question.Contains("course", StringComparison.Ordinal))
            {
                questions.Add(new WrittenQuestion($"What has {person} been learning?", instrument, QuestionTypes.MultiHop, [value]));
            }
        }

        foreach (var (asked, answer, question, values) in ConversationTopics.Replies.OrderBy(_ => random.Next()).Take(2))
        {
            var value = Fresh(values);
            questions.Add(new WrittenQuestion(question.Replace("{p}", person, StringComparison.Ordinal), value, QuestionTypes.Reply));
            yield return new(_ => [new(other, asked), new(person, answer.Replace("{v}", value, StringComparison.Ordinal))]);
        }

        var (friend, city) = (Fresh(ConversationTopics.FriendNames), Fresh(Cities));
        questions.Add(new WrittenQuestion($"Where did {person}'s friend {friend} move to?", city));
        yield return new(_ => Say($"My friend {friend} just moved to {city}, I'm going to miss her.", $"{friend}, my oldest friend, has packed up and gone to {city}."));
        yield return new(_ => [new(other, $"Tell {friend} I said hi, by the way!")]);

        var relative = Pick(random, ConversationTopics.RelativeDays);
        yield return new(date =>
        {
            var day = ConversationTopics.Resolve(relative, date);
            questions.Add(new WrittenQuestion($"When did {person} pass the driving test?", Day(day), QuestionTypes.Temporal));
            questions.Add(new WrittenQuestion($"What did {person} do on {Day(day)}?", "driving test", QuestionTypes.Temporal));
            return Say($"I passed my driving test {relative.Phrase}, first try!", $"Guess who passed the driving test {relative.Phrase}? This one!");
        });
    }

    /// <summary>The other speaker on the person's topic, by name: shares the question's words and answers nothing.</summary>
    private IReadOnlyList<SaidTurn> Addressed(string[] addressed) => [new(other, Pick(random, addressed).Replace("{n}", person, StringComparison.Ordinal))];
}
