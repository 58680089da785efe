using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Core.Tests.Search;

public sealed class QueryFocusTests
{
    private static readonly DateTimeOffset Said = new(2023, 5, 8, 19, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_QueryNamingAParticipant_FavoursTheirTurnsOverTurnsAddressingThem()
    {
        var sams = Turn("Sam", "The plan for the back beds is simple: tomatoes.");
        var addressing = Turn("Elena", "Sam, how is the garden coming along?");
        var fact = TestMemories.Create("Sam hopes to grow tomatoes");

        var focus = QueryFocus.Of("What does Sam hope to grow in his garden?", [Candidate(sams), Candidate(addressing), Candidate(fact)], Said);

        Assert.Equal(["Sam"], focus.Speakers);
        Assert.Equal(1, focus.Speaker(sams, 0.3).Factor);
        Assert.Equal(0.7, focus.Speaker(addressing, 0.3).Factor, 6);
        Assert.Equal(1, focus.Speaker(fact, 0.3).Factor);
    }

    [Theory]
    [InlineData("Elena, is the course still two evenings a week?", 0.7)]
    [InlineData("Proud of you for doing that course, Elena!", 0.7)]
    [InlineData("Elena, I finally signed up for the welding course.", 1.0)]
    [InlineData("Two evenings a week at the college now, learning welding. Are you impressed?", 1.0)]
    [InlineData("Sam, did you remember your course books?", 1.0)]
    [InlineData("Elena, I finally signed up for the welding course. Are you impressed?", 1.0)]
    [InlineData("I signed up for welding. Elena, are you still on the course?", 0.7)]
    public void Of_QueryNamingAParticipant_TheirWordsAskingAfterSomeoneElseByNameFall(string samSays, double factor)
    {
        // "Sam, …" said by Sam names nobody else; a turn that asks after Elena is about Elena's course, not Sam's.
        var turn = Turn("Sam", samSays);

        var focus = QueryFocus.Of("What course did Sam enrol in?", [Candidate(turn), Candidate(Turn("Elena", "hi"))], Said);

        Assert.Equal(factor, focus.Speaker(turn, 0.3).Factor, 6);
    }

    [Fact]
    public void Of_SpeakersUnknown_TextAddressingTheNamedPersonFallsTheirOwnWordsDoNot()
    {
        var sams = Unspoken("The plan for the back beds is simple: tomatoes.");
        var addressing = Unspoken("Love the garden photos, Sam!");
        var addressingSomeoneElse = Unspoken("Elena, the garden is all tomatoes now.");

        var focus = QueryFocus.Of("What does Sam hope to grow in his garden?", [Candidate(sams), Candidate(addressing), Candidate(addressingSomeoneElse)], Said);

        Assert.Equal(["Sam"], focus.Addressees);
        Assert.Equal(["Sam"], focus.People);
        Assert.Equal(1, focus.Speaker(sams, 0.3).Factor);
        Assert.Equal(0.7, focus.Speaker(addressing, 0.3).Factor, 6);
        Assert.Equal(1, focus.Speaker(addressingSomeoneElse, 0.3).Factor);
    }

    [Theory]
    [InlineData("Which book did Elena recommend to Sam?")]
    [InlineData("what does sam hope to grow?")]
    [InlineData("What does the user like?")]
    public void Of_SpeakersUnknown_TextAddressingOnlySomeOrNoneOfTheNamedPeopleStays(string query)
    {
        var addressingSam = Unspoken("Sam, you have to read 'The Glass Orchard'.");

        var focus = QueryFocus.Of(query, [Candidate(addressingSam), Candidate(Unspoken("Thanks, Elena!"))], Said);

        Assert.Equal(1, focus.Speaker(addressingSam, 0.3).Factor);
    }

    [Theory]
    [InlineData("What was Sam's time in the marathon?", "What was time in the marathon?")]
    [InlineData("Which book did Elena recommend to Sam?", "Which book did recommend to ?")]
    [InlineData("Sam?", null)]
    [InlineData("What did Samantha say?", null)]
    public void WithoutPeople_QueryNamingParticipants_LeavesWhatItAsksAbout(string query, string? expected)
    {
        var focus = QueryFocus.Of(query, [Candidate(Turn("Sam", "hi")), Candidate(Turn("Elena", "hello"))], Said);

        Assert.Equal(expected, focus.WithoutPeople(query));
    }

    [Theory]
    [InlineData("Where does Sam work now?", "Where does work now?")]
    [InlineData("Which book did Elena recommend to Sam?", "Which book did recommend to ?")]
    [InlineData("What did Samantha say?", null)]
    public void WithoutSpeakers_NamesOnlyTheParticipantsNotTheNamesUnspokenTextsAddress(string query, string? expected)
    {
        var focus = QueryFocus.Of(query, [Candidate(Turn("Sam", "hi")), Candidate(Turn("Elena", "hello")), Candidate(Unspoken("Thanks, Samantha!"))], Said);

        Assert.Equal(expected, focus.WithoutSpeakers(query));
    }

    [Fact]
    public void Of_QueryNamingAParticipant_FactsNamingOnlyAnotherParticipantFall()
    {
        var candidates = new[] { Candidate(Turn("Sam", "hi")), Candidate(Turn("Elena", "hello")) };
        var elenas = TestMemories.Create("Elena works at Orchard Labs");
        var sams = TestMemories.Create("Sam works at Bluefin Studios");
        var both = TestMemories.Create("Elena recommended a book to Sam");
        var nobodys = TestMemories.Create("Works at Contoso");

        var focus = QueryFocus.Of("Where does Sam work now?", candidates, Said);

        Assert.Equal(["Elena"], focus.Others);
        Assert.Equal(0.7, focus.Speaker(elenas, 0.3).Factor, 6);
        Assert.All([sams, both, nobodys], fact => Assert.Equal(1, focus.Speaker(fact, 0.3).Factor));
    }

    [Fact]
    public void Of_QueryNamingAParticipantByFirstName_FocusesOnTheirFullName()
    {
        var sams = Turn("Sam Lee", "The plan for the back beds is simple: tomatoes.");
        var addressing = Turn("Elena Park", "Sam, how is the garden coming along?");
        var elenas = TestMemories.Create("Elena works at Orchard Labs");
        var samsFact = TestMemories.Create("Sam hopes to grow tomatoes");

        var focus = QueryFocus.Of("What does Sam hope to grow in his garden?", [Candidate(sams), Candidate(addressing)], Said);

        Assert.Equal(["Sam Lee"], focus.Speakers);
        Assert.Equal(["Elena Park"], focus.Others);
        Assert.Equal(1, focus.Speaker(sams, 0.3).Factor);
        Assert.True(focus.Speaker(addressing, 0.3).SpeaksToNamedPerson);
        Assert.Equal(0.7, focus.Speaker(addressing, 0.3).Factor, 6);
        Assert.Equal(0.7, focus.Speaker(elenas, 0.3).Factor, 6);
        Assert.Equal(1, focus.Speaker(samsFact, 0.3).Factor);
        Assert.Equal("What does hope to grow in his garden?", focus.WithoutPeople("What does Sam hope to grow in his garden?"));
    }

    [Theory]
    [InlineData("What does Sam grow?", new string[0])]
    [InlineData("What does Sam Lee grow?", new[] { "Sam Lee" })]
    [InlineData("What does Park grow?", new string[0])]
    public void Of_FirstNameTwoParticipantsShare_NamesNeitherUnlessTheQuerySaysMore(string query, string[] expected)
    {
        var candidates = new[] { Candidate(Turn("Sam Lee", "hi")), Candidate(Turn("Sam Park", "hello")) };

        var focus = QueryFocus.Of(query, candidates, Said);

        Assert.Equal(expected, focus.Speakers);
    }

    [Fact]
    public void Of_QueryNamingAParticipantByFirstName_KeepsTheirOtherNameWordsWhereTheQuerySaysThemAsWords()
    {
        var candidates = new[] { Candidate(Turn("Sam Park", "hi")), Candidate(Turn("Elena Ruiz", "hello")) };

        var focus = QueryFocus.Of("Which park did Sam visit?", candidates, Said);

        Assert.Equal(["Sam Park"], focus.Speakers);
        Assert.Equal("Which park did visit?", focus.WithoutPeople("Which park did Sam visit?"));
        Assert.Equal("Which park did visit?", focus.WithoutSpeakers("Which park did Sam visit?"));
    }

    [Theory]
    [InlineData("where did we park the car?", new string[0])]
    [InlineData("Did Sam enjoy Hyde Park?", new[] { "Sam Lee" })]
    [InlineData("What did sam say about the park?", new string[0])]
    public void Of_SurnameThatIsACommonWord_NamesNobody(string query, string[] expected)
    {
        var candidates = new[] { Candidate(Turn("Sam Lee", "hi")), Candidate(Turn("Elena Park", "hello")) };

        var focus = QueryFocus.Of(query, candidates, Said);

        Assert.Equal(expected, focus.Speakers);
    }

    [Fact]
    public void Of_FactSayingAnotherParticipantsSurnameAsAWord_IsNotTheirs()
    {
        var candidates = new[] { Candidate(Turn("Sam Lee", "hi")), Candidate(Turn("Elena Park", "hello")) };
        var walks = TestMemories.Create("Walks the dog in the park every morning");

        var focus = QueryFocus.Of("Where does Sam walk his dog?", candidates, Said);

        Assert.Equal(1, focus.Speaker(walks, 0.3).Factor);
    }

    [Theory]
    [InlineData("What does the user like?")]
    [InlineData("What did Samantha say?")]
    [InlineData("What did Elena and Sam do?")]
    public void Of_NoParticipantOrEveryParticipant_NoTurnFalls(string query)
    {
        var candidates = new[] { Candidate(Turn("Sam", "hi")), Candidate(Turn("Elena", "hello")) };

        var focus = QueryFocus.Of(query, candidates, Said);

        Assert.All(candidates, c => Assert.Equal(1, focus.Speaker(c.Memory, 0.3).Factor));
    }

    [Fact]
    public void Of_QueryNamingAMonth_FavoursMemoriesOfItByEventTimeOrSaidDate()
    {
        var inMay = Turn("Maya", "Just got back from a long weekend in Lisbon.");
        var inJune = Turn("Maya", "Quick trip to Porto.") with { ValidFrom = Said.AddMonths(1) };
        var saidInJuneAboutMay = Turn("Maya", "I ran it last Friday.") with { ValidFrom = new DateTimeOffset(2023, 6, 2, 9, 0, 0, TimeSpan.Zero), ResolvedDates = "last Friday = 26 May 2023" };

        var focus = QueryFocus.Of("Which city did Maya visit in May 2023?", [Candidate(inMay), Candidate(inJune)], Said);

        Assert.Equal(["May 2023"], focus.TimeNames);
        Assert.Equal(1, focus.TimeFactor(inMay, 0.3));
        Assert.Equal(0.7, focus.TimeFactor(inJune, 0.3), 6);
        Assert.Equal(1, focus.TimeFactor(saidInJuneAboutMay, 0.3));
    }

    [Theory]
    [InlineData("What will Sam hope for in the garden?")]
    [InlineData("Will Sam plant roses in May?")]
    public void Of_ParticipantsNamedLikeCommonWords_OnlyTheCapitalisedNameCounts(string query)
    {
        var candidates = new[] { Candidate(Turn("Sam", "hi")), Candidate(Turn("Will", "hello")), Candidate(Turn("Hope", "hey")), Candidate(Turn("May", "yo")) };

        var focus = QueryFocus.Of(query, candidates, Said);

        Assert.Equal(["Sam"], focus.Speakers);
    }

    [Fact]
    public void Speaker_SameTurnForTwoQueries_EachReadsItOnItsOwnTerms()
    {
        // The reading is kept per text; what it means depends on the query: about Elena for a question about Elena's
        // course (someone else's words speaking to her), about someone else for a question about Sam's.
        var turn = Turn("Sam", "Elena, is the course still two evenings a week?");
        var elena = Turn("Elena", "I enrolled in welding.");

        var aboutSam = QueryFocus.Of("What course did Sam enrol in?", [Candidate(turn), Candidate(elena)], Said);
        var aboutElena = QueryFocus.Of("What course did Elena enrol in?", [Candidate(turn), Candidate(elena)], Said);

        Assert.Equal(new SpeakerReading(false, 0.7), Rounded(aboutSam.Speaker(turn, 0.3)));
        Assert.Equal(new SpeakerReading(true, 0.7), Rounded(aboutElena.Speaker(turn, 0.3)));
        Assert.Equal(new SpeakerReading(false, 0.7), Rounded(aboutSam.Speaker(turn, 0.3)));
    }

    private static SpeakerReading Rounded(SpeakerReading reading) => reading with { Factor = Math.Round(reading.Factor, 6) };

    private static MemoryRecord Turn(string speaker, string text) =>
        TestMemories.Create(text, at: Said, adjust: m => m with { Kind = MemoryKind.Turn, Speaker = speaker, Id = "trn_" + speaker + text.Length });

    private static MemoryRecord Unspoken(string text) =>
        TestMemories.Create(text, at: Said, adjust: m => m with { Kind = MemoryKind.Turn, Id = "trn_" + text.Length });

    private static SearchCandidate Candidate(MemoryRecord memory) => new(memory, 0.5, 1, null, null);
}
