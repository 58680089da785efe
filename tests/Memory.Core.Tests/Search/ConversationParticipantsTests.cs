using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Core.Tests.Search;

public sealed class ConversationParticipantsTests
{
    [Theory]
    [InlineData("What course did Sam enrol in?", new[] { "sam" })]
    [InlineData("Which book did Mary Ann recommend to SAM?", new[] { "sam", "mary ann" })]
    [InlineData("What did Mary say?", new[] { "mary" })]
    [InlineData("What did the user say?", new string[0])]
    public void NamedIn_SpeakersSeen_TheQueryNamesThoseWhoseEveryNameWordOrOwnNameWordItHas(string query, string[] expected)
    {
        var participants = new ConversationParticipants(TimeProvider.System);
        participants.Saw(TestMemories.Alice, [Candidate("Sam"), Candidate("Mary Ann"), Candidate(null)]);

        Assert.Equal(expected.Order(), participants.NamedIn(TestMemories.Alice, query).Order());
        Assert.Empty(participants.NamedIn(new MemoryPartition("contoso", "bob"), query));
    }

    [Theory]
    [InlineData("What did Sam say?", new string[0])]
    [InlineData("What did Lee say?", new string[0])]
    [InlineData("What did Sam Lee say to Maya?", new[] { "sam lee", "maya" })]
    public void NamedIn_FirstNameTwoSpeakersShare_NamesNeitherUnlessTheQuerySaysMore(string query, string[] expected)
    {
        var participants = new ConversationParticipants(TimeProvider.System);
        participants.Saw(TestMemories.Alice, [Candidate("Sam Lee"), Candidate("Sam Park"), Candidate("Maya")]);

        Assert.Equal(expected.Order(), participants.NamedIn(TestMemories.Alice, query).Order());
    }

    [Fact]
    public void Saw_MoreUsersThanCapacity_TheFirstSeenFallOut()
    {
        var participants = new ConversationParticipants(TimeProvider.System);
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
    public void Saw_ANewNameOnEveryTurn_KeepsTheFirstMaxNamesPerUser()
    {
        var participants = new ConversationParticipants(TimeProvider.System);
        var user = new MemoryPartition("t", "flood");
        for (var i = 0; i < ConversationParticipants.MaxNamesPerUser * 3; i += 2)
        {
            participants.Saw(user, [Candidate(Name(i)), Candidate(Name(i + 1))]);
        }

        var last = ConversationParticipants.MaxNamesPerUser - 1;
        Assert.Equal([Name(0).ToLowerInvariant()], participants.NamedIn(user, $"What did {Name(0)} say?"));
        Assert.Equal([Name(last).ToLowerInvariant()], participants.NamedIn(user, $"What did {Name(last)} say?"));
        Assert.Empty(participants.NamedIn(user, $"What did {Name(last + 1)} say?"));
    }

    /// <summary>Letters only, so each name is one word to the tokenizer: Zedaa, Zedab, …</summary>
    private static string Name(int i) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Zed{(char)('a' + (i / 26))}{(char)('a' + (i % 26))}");

    [Fact]
    public async Task SawAndNamedIn_FromManyThreads_NeitherThrowsNorLosesASpeaker()
    {
        var participants = new ConversationParticipants(TimeProvider.System);
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

    [Fact]
    public void NamedIn_AfterForget_NothingOfTheUserIsHeldAndOthersStay()
    {
        var participants = new ConversationParticipants(TimeProvider.System);
        var bob = new MemoryPartition("t1", "bob");
        participants.Saw(TestMemories.Alice, [Candidate("Sam")]);
        participants.Saw(bob, [Candidate("Sam")]);

        participants.Forget(TestMemories.Alice);

        Assert.Empty(participants.NamedIn(TestMemories.Alice, "Where is Sam?"));
        Assert.Equal(["sam"], participants.NamedIn(bob, "Where is Sam?"));
    }

    [Fact]
    public void NamedIn_LifetimeOver_TheEntryIsGoneEvenWithoutAnErase()
    {
        // Another process (a Functions instance) may have erased the user: the copy held here ends on its own.
        var clock = new SteppedClock();
        var participants = new ConversationParticipants(clock);
        participants.Saw(TestMemories.Alice, [Candidate("Sam")]);
        clock.Advance(ConversationParticipants.Lifetime - TimeSpan.FromSeconds(1));
        participants.Saw(TestMemories.Alice, [Candidate("Elena")]);
        Assert.Equal(["elena", "sam"], participants.NamedIn(TestMemories.Alice, "Sam met Elena?").Order());

        clock.Advance(TimeSpan.FromSeconds(1));

        // Seeing the user again does not extend the entry: it ends a lifetime after it was made.
        Assert.Empty(participants.NamedIn(TestMemories.Alice, "Sam met Elena?"));
    }

    [Fact]
    public void Forget_ThenSeenAgain_TheNewEntryOutlivesTheOldOnesEnd()
    {
        var clock = new SteppedClock();
        var participants = new ConversationParticipants(clock);
        participants.Saw(TestMemories.Alice, [Candidate("Sam")]);
        participants.Forget(TestMemories.Alice);
        clock.Advance(TimeSpan.FromMinutes(5));
        participants.Saw(TestMemories.Alice, [Candidate("Elena")]);

        clock.Advance(ConversationParticipants.Lifetime - TimeSpan.FromMinutes(1));

        Assert.Equal(["elena"], participants.NamedIn(TestMemories.Alice, "Where is Elena?"));
        Assert.Empty(participants.NamedIn(TestMemories.Alice, "Where is Sam?"));
    }

    /// <summary>A clock whose monotonic timestamp (what the lifetime is measured on) moves only when told to.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    private static SearchCandidate Candidate(string? speaker) =>
        new(TestMemories.Create("hello", adjust: m => m with { Kind = MemoryKind.Turn, Speaker = speaker }), 0.5, 1, null, null);
}
