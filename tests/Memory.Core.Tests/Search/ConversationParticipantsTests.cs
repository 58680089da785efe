using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Core.Tests.Search;

public sealed class ConversationParticipantsTests
{
    [Theory]
    [InlineData("What course did Sam enrol in?", new[] { "sam" })]
    [InlineData("Which book did Mary Ann recommend to SAM?", new[] { "sam", "mary ann" })]
    [InlineData("What did Mary say?", new string[0])]
    [InlineData("What did the user say?", new string[0])]
    public void NamedIn_SpeakersSeen_TheQueryNamesThoseWhoseEveryNameWordItHas(string query, string[] expected)
    {
        var participants = new ConversationParticipants();
        participants.Saw(TestMemories.Alice, [Candidate("Sam"), Candidate("Mary Ann"), Candidate(null)]);

        Assert.Equal(expected.Order(), participants.NamedIn(TestMemories.Alice, query).Order());
        Assert.Empty(participants.NamedIn(new MemoryPartition("contoso", "bob"), query));
    }

    [Fact]
    public void Saw_MoreUsersThanCapacity_TheFirstSeenFallOut()
    {
        var participants = new ConversationParticipants();
        var first = new MemoryPartition("t", "first");
        participants.Saw(first, [Candidate("Sam")]);
        for (var i = 0; i < ConversationParticipants.Capacity; i++)
        {
            participants.Saw(new MemoryPartition("t", $"u{i}"), [Candidate("Sam")]);
        }

        Assert.Empty(participants.NamedIn(first, "Where is Sam?"));
        Assert.Equal(["sam"], participants.NamedIn(new MemoryPartition("t", "u0"), "Where is Sam?"));
    }

    [Fact]
    public async Task SawAndNamedIn_FromManyThreads_NeitherThrowsNorLosesASpeaker()
    {
        var participants = new ConversationParticipants();
        await Parallel.ForAsync(0, 2_000, async (i, cancellationToken) =>
        {
            var partition = new MemoryPartition("t", $"u{i % 50}");
            participants.Saw(partition, [Candidate($"Speaker{i % 7}")]);
            _ = participants.NamedIn(partition, $"What did Speaker{i % 7} say?");
            await Task.Delay(0, cancellationToken);
        });

        for (var user = 0; user < 50; user++)
        {
            var seen = Enumerable.Range(0, 2_000).Where(i => i % 50 == user).Select(i => i % 7).Distinct();
            Assert.All(seen, speaker => Assert.Single(participants.NamedIn(new MemoryPartition("t", $"u{user}"), $"What did Speaker{speaker} say?")));
        }
    }

    private static SearchCandidate Candidate(string? speaker) =>
        new(TestMemories.Create("hello", adjust: m => m with { Kind = MemoryKind.Turn, Speaker = speaker }), 0.5, 1, null, null);
}
