namespace MemoryFunctions.Bench.Ann;

/// <summary>
/// Distinct first-person memory sentences of the kind a chat assistant keeps (work, places, people, food, plans,
/// feelings), from templates and word pools written for this project and a fixed seed, so the vectors the model makes of
/// them cluster as real memories do (by topic and phrasing) instead of spreading like random vectors.
/// </summary>
internal static class SentenceCorpus
{
    private static readonly string[] Names =
    [
        "Maya", "Tom", "Priya", "Jonas", "Elena", "Sam", "Chloe", "Idris", "Nadia", "Lukas", "Grace", "Mateo", "Hannah", "Kofi",
        "Ines", "Oliver", "Rosa", "Daniel", "Yuki", "Marcus", "Amara", "Felix", "Leila", "Hugo", "Sofia", "Ravi", "Clara", "Emeka",
        "Freya", "Tariq", "Lena", "Omar", "Bea", "Pavel", "Zoe", "Arjun", "Mila", "Theo", "Noor", "Ewan",
    ];

    private static readonly string[] Relations = ["my sister", "my brother", "my mother", "my father", "my partner", "my neighbour", "my boss", "my best friend", "my cousin", "my daughter", "my son", "a colleague"];

    private static readonly string[] Cities =
    [
        "Lisbon", "Porto", "Valencia", "Lyon", "Ghent", "Leipzig", "Bologna", "Krakow", "Edinburgh", "Galway", "Tallinn", "Ljubljana",
        "Seville", "Utrecht", "Bergen", "Malmo", "Trieste", "Cork", "Aarhus", "Graz", "Oslo", "Nairobi", "Osaka", "Montreal", "Austin",
        "Hobart", "Cusco", "Hanoi", "Tbilisi", "Marrakesh",
    ];

    private static readonly string[] Employers =
    [
        "Lumen Robotics", "Harbor Analytics", "Greenleaf Bakery", "Northwind Logistics", "Bluefin Studios", "Copperline Energy",
        "Atlas Dental", "Brightwater Schools", "Quillstone Press", "Ridgeback Outfitters", "Saffron Kitchen", "Tidewell Clinic",
        "Orchard Labs", "Meridian Bank", "Pinecrest Hotel", "Vantage Insurance", "Kestrel Aviation", "Sunfield Farms", "the city council",
        "a small startup", "the public library", "a hospital", "a law firm", "a games studio",
    ];

    private static readonly string[] Roles =
    [
        "data analyst", "pastry chef", "nurse", "project manager", "graphic designer", "firmware engineer", "accountant", "physiotherapist",
        "sales lead", "copy editor", "site reliability engineer", "logistics coordinator", "teacher", "architect", "translator", "pilot",
    ];

    private static readonly string[] Activities =
    [
        "hiking", "swimming", "rock climbing", "running", "cycling", "kayaking", "skiing", "yoga", "pottery", "painting", "baking bread",
        "birdwatching", "gardening", "chess", "salsa dancing", "photography", "surfing", "knitting", "woodworking", "playing tennis",
        "learning Japanese", "playing the cello", "volunteering at the food bank", "reading science fiction", "camping",
    ];

    private static readonly string[] Foods =
    [
        "spicy ramen", "sourdough", "green tea", "black coffee", "dark chocolate", "sushi", "tacos", "lentil soup", "oat milk", "mango",
        "blue cheese", "pistachio ice cream", "falafel", "paella", "dumplings", "kimchi", "porridge", "red wine", "sparkling water", "olives",
    ];

    private static readonly string[] Allergens = ["peanuts", "shellfish", "kiwi", "sesame", "walnuts", "celery", "mustard", "gluten", "lactose", "cats", "pollen", "penicillin"];

    private static readonly string[] Things =
    [
        "a new laptop", "a second-hand bike", "a vintage camera", "noise-cancelling headphones", "a standing desk", "a sofa", "a tent",
        "concert tickets", "a sewing machine", "an electric car", "running shoes", "a telescope", "a houseplant", "a coffee grinder",
    ];

    private static readonly string[] Times =
    [
        "last week", "yesterday", "in March", "two years ago", "last summer", "on Saturday", "this morning", "in 2019", "over the holidays",
        "every Sunday", "on weekdays", "since January", "after work", "most evenings", "next month", "in the spring",
    ];

    private static readonly string[] Feelings = ["nervous", "excited", "exhausted", "proud", "stressed", "relieved", "bored", "happy", "anxious", "curious", "grateful", "frustrated"];

    private static readonly string[] Events = ["a job interview", "the marathon", "a dentist appointment", "my exam", "the wedding", "a presentation", "the move", "a surgery", "the trip", "a performance review"];

    private static readonly Func<Random, string>[] Templates =
    [
        r => $"I work as a {P(r, Roles)} at {P(r, Employers)} in {P(r, Cities)}.",
        r => $"I started a new job at {P(r, Employers)} {P(r, Times)}.",
        r => $"{P(r, Names)} used to be a {P(r, Roles)} before moving to {P(r, Cities)}.",
        r => $"I moved to {P(r, Cities)} {P(r, Times)} with {P(r, Relations)}.",
        r => $"We are planning a trip to {P(r, Cities)} {P(r, Times)} to go {P(r, Activities)}.",
        r => $"I really enjoy {P(r, Activities)} {P(r, Times)}.",
        r => $"{P(r, Names)} taught me {P(r, Activities)} when I lived in {P(r, Cities)}.",
        r => $"I am allergic to {P(r, Allergens)}, so I avoid {P(r, Foods)}.",
        r => $"My favourite food is {P(r, Foods)}, especially with {P(r, Foods)}.",
        r => $"I had {P(r, Foods)} with {P(r, Names)} {P(r, Times)}.",
        r => $"I stopped drinking {P(r, Foods)} {P(r, Times)}.",
        r => $"{P(r, Relations)} bought {P(r, Things)} {P(r, Times)}.",
        r => $"I want to buy {P(r, Things)} before {P(r, Events)}.",
        r => $"I felt {P(r, Feelings)} about {P(r, Events)} {P(r, Times)}.",
        r => $"{P(r, Names)} is {P(r, Feelings)} because of {P(r, Events)}.",
        r => $"Remind me to call {P(r, Relations)} about {P(r, Events)}.",
        r => $"{P(r, Names)} and I met at {P(r, Employers)} {P(r, Times)}.",
        r => $"{P(r, Relations)} lives in {P(r, Cities)} and works at {P(r, Employers)}.",
        r => $"I prefer {P(r, Foods)} over {P(r, Foods)} in the morning.",
        r => $"My goal this year is to get better at {P(r, Activities)}.",
        r => $"I gave up {P(r, Activities)} {P(r, Times)} after an injury.",
        r => $"{P(r, Names)} recommended a {P(r, Roles)} in {P(r, Cities)}.",
        r => $"The meeting with {P(r, Names)} about {P(r, Events)} is {P(r, Times)}.",
        r => $"I have been {P(r, Activities)} with {P(r, Names)} {P(r, Times)}.",
        r => $"Our team at {P(r, Employers)} is hiring a {P(r, Roles)}.",
        r => $"I lost {P(r, Things)} on the way to {P(r, Cities)}.",
        r => $"{P(r, Relations)} is learning {P(r, Activities)} and feels {P(r, Feelings)}.",
        r => $"I'm {P(r, Feelings)} because {P(r, Names)} cancelled {P(r, Events)}.",
    ];

    /// <summary><paramref name="count"/> distinct sentences; the same seed always gives the same list.</summary>
    public static List<string> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sentences = new List<string>(count);
        while (sentences.Count < count)
        {
            var sentence = Templates[random.Next(Templates.Length)](random);
            if (seen.Add(sentence))
            {
                sentences.Add(sentence);
            }
        }

        return sentences;
    }

    private static string P(Random random, string[] pool) => pool[random.Next(pool.Length)];
}
