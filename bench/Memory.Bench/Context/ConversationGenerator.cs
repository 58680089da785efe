namespace MemoryFunctions.Bench.Context;

/// <summary>
/// Long, seeded multi-session conversations: chit-chat and requests with a user's facts mentioned in passing, some of
/// them changing later (a new job, a move), plus one question per fact whose answer is the fact's latest value. The same
/// seed always produces the same conversations.
/// </summary>
internal static class ConversationGenerator
{
    private static readonly string[] Names = ["Maya", "Sam", "Priya", "Tomas", "Aiko", "Lena", "Omar", "Ines", "Kofi", "Hana", "Jonas", "Rosa"];
    private static readonly string[] Employers = ["Contoso", "Fabrikam", "Northwind", "Adatum", "Litware", "Tailspin", "Woodgrove", "Proseware"];
    private static readonly string[] Cities = ["Oslo", "Bergen", "Lisbon", "Porto", "Munich", "Seattle", "Denver", "Kyoto", "Lyon", "Dublin"];
    private static readonly string[] Pets = ["Rex", "Miso", "Kiwi", "Bella", "Pixel", "Olive", "Bruno"];
    private static readonly string[] Allergies = ["peanuts", "shellfish", "sesame", "walnuts"];
    private static readonly string[] Colors = ["green", "orange", "purple", "teal", "yellow"];
    private static readonly string[] Hobbies = ["rock climbing", "sourdough baking", "birdwatching", "bouldering", "pottery", "trail running"];
    private static readonly string[] Sisters = ["Anna", "Clara", "Mei", "Sofia", "Nora"];
    private static readonly string[] Jobs = ["nurse", "architect", "data engineer", "teacher", "pharmacist"];

    private static readonly string[] Openers = ["Quick update.", "Morning!", "Long day today.", "Hey, back again.", "So, random thing.", "Okay, next question."];

    private static readonly string[] Requests =
    [
        "Can you suggest a recipe for a quick weeknight dinner?", "What should I read next on the train?",
        "How do I fix a flaky unit test that only fails on the build server?", "Can you help me plan a budget for next month?",
        "What's a polite way to decline a meeting invitation?", "Could you summarise the pros and cons of electric bikes?",
        "How long should I steep green tea?", "Any tips for sleeping better before an early flight?",
        "Can you draft a short thank-you note for a colleague?", "What's a good stretching routine after a long run?",
        "How do I explain compound interest to a teenager?", "Which houseplants survive with very little light?",
        "Can you give me three ideas for a rainy Sunday?", "How do I politely remind a friend about money they owe me?",
    ];

    private static readonly string[] Remarks =
    [
        "Thanks, that helps a lot.", "Hmm, let me think about that.", "Ok, sounds good.", "That's a great idea.",
        "The weather has been awful this week.", "Work was hectic but fine.", "Got it, thanks!", "Interesting, tell me more.",
    ];

    private static readonly string[] ReplySentences =
    [
        "That's a great question, and there are a few ways to approach it.", "Here is a simple plan you can adapt as you go.",
        "First, start with the smallest step that gives you useful feedback.", "Many people find it easier to set a fixed time for it every day.",
        "If that doesn't work, try changing one thing at a time so you can see what made the difference.",
        "A good rule of thumb is to keep it short, specific and kind.", "You could also ask a friend to check it with you.",
        "Let me know how it goes, and we can adjust the plan.", "I'd suggest writing the main points down before you start.",
        "It usually takes a week or two before the new routine feels natural.", "Keep an eye on the total cost so there are no surprises.",
        "The most important part is to be consistent rather than perfect.",
    ];

    public static IReadOnlyList<GeneratedUser> Generate(int users, int sessions, int turnsPerSession, int seed)
    {
        var result = new List<GeneratedUser>(users);
        for (var user = 0; user < users; user++)
        {
            var random = new Random(seed + (user * 7919));
            var (facts, questions) = Persona(random, sessions);
            var conversation = new List<GeneratedSession>(sessions);
            for (var session = 0; session < sessions; session++)
            {
                var start = new DateTimeOffset(2026, 3, 2, 18, 0, 0, TimeSpan.Zero).AddDays(session * 3).AddMinutes(random.Next(120));
                var statements = new Queue<string>(facts.Where(f => f.Session == session).Select(f => f.Sentence));
                var turns = new List<GeneratedTurn>(turnsPerSession);
                for (var turn = 0; turn < turnsPerSession; turn++)
                {
                    var at = start.AddMinutes(turn * 2);
                    if (turn % 2 == 1)
                    {
                        turns.Add(new GeneratedTurn("assistant", Reply(random), at));
                    }
                    else if (statements.Count > 0 && (turn >= 2 || random.Next(2) == 0))
                    {
                        turns.Add(new GeneratedTurn("user", $"{Pick(random, Openers)} {statements.Dequeue()} {Pick(random, Requests)}", at));
                    }
                    else
                    {
                        turns.Add(new GeneratedTurn("user", random.Next(3) == 0 ? Pick(random, Remarks) : Pick(random, Requests), at));
                    }
                }

                conversation.Add(new GeneratedSession($"session-{session:D2}", turns));
            }

            result.Add(new GeneratedUser($"conv-{user:D2}", conversation, questions));
        }

        return result;
    }

    /// <summary>Ten facts at seeded sessions; the employer and the city change two thirds of the way through, and some facts are repeated.</summary>
    private static (List<(int Session, string Sentence)> Facts, List<GeneratedQuestion> Questions) Persona(Random random, int sessions)
    {
        var name = Pick(random, Names);
        var firstEmployer = Pick(random, Employers);
        var secondEmployer = Pick(random, Employers.Where(e => e != firstEmployer).ToArray());
        var firstCity = Pick(random, Cities);
        var secondCity = Pick(random, Cities.Where(c => c != firstCity).ToArray());
        var (pet, allergy, color, hobby, sister, sisterCity, job) =
            (Pick(random, Pets), Pick(random, Allergies), Pick(random, Colors), Pick(random, Hobbies), Pick(random, Sisters), Pick(random, Cities), Pick(random, Jobs));
        var change = Math.Max(1, sessions * 2 / 3);
        int Early() => random.Next(Math.Max(1, change));
        var facts = new List<(int, string)>
        {
            (0, $"My name is {name}."),
            (Early(), $"I work at {firstEmployer}."),
            (Early(), $"I live in {firstCity}."),
            (Early(), $"I have a dog named {pet}."),
            (Early(), $"I'm allergic to {allergy}."),
            (Early(), $"My favorite color is {color}."),
            (Early(), $"I love {hobby}."),
            (Early(), $"My sister {sister} lives in {sisterCity}."),
            (Early(), $"I work as a {job}."),
            (Math.Min(sessions - 1, change), $"I joined {secondEmployer} last week."),
            (Math.Min(sessions - 1, change + 1), $"I moved to {secondCity} last month."),
            (random.Next(sessions), $"I live in {(random.Next(2) == 0 ? firstCity : secondCity)}."),
            (random.Next(sessions), $"I love {hobby}."),
        };
        // A repeat of the old city after the move would make the old value right again; keep repeats consistent in time.
        facts[11] = facts[11].Item1 > change + 1 ? (facts[11].Item1, $"I live in {secondCity}.") : (facts[11].Item1, $"I live in {firstCity}.");
        var questions = new List<GeneratedQuestion>
        {
            new("What is the user's name?", name),
            new("Where does the user work now?", secondEmployer),
            new("Which city does the user live in?", secondCity),
            new("What is the name of the user's dog?", pet),
            new("Is the user allergic to any food?", allergy),
            new("What is the user's favorite color?", color),
            new("What does the user do for fun?", hobby),
            new("Where does the user's sister live?", sisterCity),
            new("What is the user's job?", job),
        };
        return (facts, questions);
    }

    private static string Reply(Random random) =>
        string.Join(' ', Enumerable.Range(0, random.Next(3, 6)).Select(_ => Pick(random, ReplySentences)));

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
