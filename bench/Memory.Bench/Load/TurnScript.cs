namespace MemoryFunctions.Bench.Load;

/// <summary>
/// Realistic, seeded request content for the load scenarios: user turns that state facts the local extractor understands
/// ("I work at Contoso", "I prefer tea over coffee"), chit-chat and questions it must ignore, assistant replies, memory
/// texts and search queries.
/// </summary>
internal sealed class TurnScript(int seed)
{
    private static readonly string[] Employers = ["Contoso", "Fabrikam", "Northwind", "Adatum", "Litware", "Tailspin", "Woodgrove", "Proseware"];
    private static readonly string[] Cities = ["Oslo", "Bergen", "Lisbon", "Porto", "Berlin", "Munich", "Seattle", "Denver", "Kyoto", "Lyon"];
    private static readonly string[] Hobbies = ["hiking", "climbing", "chess", "baking bread", "gardening", "cycling", "painting", "sailing", "running", "jazz"];
    private static readonly string[] Drinks = ["tea", "coffee", "sparkling water", "green tea", "espresso"];
    private static readonly string[] Pets = ["a dog named Rex", "a cat named Miso", "two cats", "a parrot named Kiwi", "a dog named Bella"];
    private static readonly string[] Topics = ["flights", "dinner", "budget", "project deadline", "dentist", "birthday gift", "running shoes", "tax return", "weekend trip", "book club"];

    private static readonly string[] Chatter =
    [
        "Can you help me plan my week?",
        "What's a good recipe for a quick dinner?",
        "Remind me what we talked about yesterday?",
        "Thanks, that was helpful.",
        "How long does it take to fly to Tokyo?",
        "Could you draft a short email to my landlord?",
        "Ok, sounds good.",
        "What should I pack for a rainy weekend?",
    ];

    private static readonly string[] Replies =
    [
        "Sure, here is a plan that keeps your mornings free for focused work.",
        "Noted. I'll keep that in mind for future suggestions.",
        "Here is a quick option: a vegetable stir-fry with rice takes about twenty minutes.",
        "Happy to help. Let me know if you want a shorter version.",
        "Got it, thanks for telling me.",
        "That sounds great. Anything else you'd like me to remember?",
    ];

    private readonly Random _random = new(seed);

    /// <summary>A user turn stating one fact in the words people use.</summary>
    public string FactTurn() => _random.Next(8) switch
    {
        0 => $"I work at {Pick(Employers)}.",
        1 => $"I live in {Pick(Cities)}.",
        2 => $"I love {Pick(Hobbies)}.",
        3 => $"I prefer {Pick(Drinks)} over {Pick(Drinks)}.",
        4 => $"I have {Pick(Pets)}.",
        5 => $"My favorite color is {Pick(["blue", "green", "red", "yellow"])}.",
        6 => $"I'm allergic to {Pick(["peanuts", "shellfish", "pollen", "cats"])}.",
        _ => $"Long day today. I'm going to visit {Pick(Cities)} next Friday.",
    };

    public string ChatterTurn() => Pick(Chatter);

    /// <summary>Turn <paramref name="t"/> of a request: user and assistant alternate, and every other user turn states a fact.</summary>
    public (bool IsUser, string Content) Turn(int t) =>
        t % 2 == 1 ? (false, Reply()) : (true, t % 4 == 0 ? FactTurn() : ChatterTurn());

    public string Reply() => Pick(Replies);

    /// <summary>A memory for direct writes, unique by <paramref name="index"/> so every write is an insert.</summary>
    public string MemoryText(int index) => _random.Next(4) switch
    {
        0 => $"Works at {Pick(Employers)} on the {Pick(Topics)} team (note {index})",
        1 => $"Likes {Pick(Hobbies)} on weekends in {Pick(Cities)} (note {index})",
        2 => $"Asked about {Pick(Topics)} and {Pick(Topics)} (note {index})",
        _ => $"Prefers {Pick(Drinks)} in the morning before the {Pick(Topics)} (note {index})",
    };

    public string Query() => _random.Next(4) switch
    {
        0 => $"where does the user work {Pick(Topics)}",
        1 => $"what does the user like to do in {Pick(Cities)}",
        2 => $"{Pick(Hobbies)} plans this weekend",
        _ => $"favourite drink {Pick(Drinks)}",
    };

    private string Pick(string[] values) => values[_random.Next(values.Length)];
}
