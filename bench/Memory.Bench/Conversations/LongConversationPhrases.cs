namespace MemoryFunctions.Bench.Conversations;

/// <summary>
/// The word pools and phrasings of <see cref="LongConversationGenerator"/>, written for this project. Answers come from
/// pools of distinctive values (employers, cities, names) so a gold answer found in a text was really said there; no
/// value contains another ("marathon" in "half marathon" would let one answer count for the other).
/// </summary>
internal static class LongConversationPhrases
{
    public static readonly (string A, string B)[] Pairs =
    [
        ("Maya", "Tom"), ("Priya", "Jonas"), ("Elena", "Sam"), ("Chloe", "Idris"), ("Nadia", "Lukas"),
        ("Grace", "Mateo"), ("Hannah", "Kofi"), ("Ines", "Oliver"), ("Rosa", "Daniel"), ("Yuki", "Marcus"),
    ];

    public static readonly string[] Employers =
    [
        "Lumen Robotics", "Harbor Analytics", "Greenleaf Bakery", "Northwind Logistics", "Bluefin Studios", "Copperline Energy",
        "Atlas Dental", "Brightwater Schools", "Quillstone Press", "Ridgeback Outfitters", "Saffron Kitchen", "Tidewell Clinic",
        "Orchard Labs", "Meridian Bank", "Pinecrest Hotel", "Vantage Insurance", "Kestrel Aviation", "Sunfield Farms",
    ];

    public static readonly string[] Roles =
    [
        "data analyst", "pastry chef", "nurse", "project manager", "graphic designer", "firmware engineer", "accountant",
        "physiotherapist", "sales lead", "copy editor", "site reliability engineer", "logistics coordinator",
    ];

    public static readonly string[] Cities =
    [
        "Lisbon", "Porto", "Valencia", "Lyon", "Ghent", "Leipzig", "Bologna", "Krakow", "Edinburgh", "Galway", "Tallinn",
        "Ljubljana", "Seville", "Utrecht", "Bergen", "Malmo", "Trieste", "Cork", "Aarhus", "Graz",
    ];

    public static readonly string[] PetNames = ["Biscuit", "Pepper", "Mochi", "Juniper", "Waffles", "Clementine", "Ziggy", "Noodle", "Basil", "Pickles", "Marlowe", "Tofu"];

    public static readonly string[] Species = ["dog", "cat", "rabbit", "parrot"];

    public static readonly string[] Instruments = ["cello", "ukulele", "saxophone", "banjo", "harp", "trumpet", "violin", "accordion"];

    public static readonly string[] Foods = ["peanuts", "shellfish", "kiwi", "sesame", "walnuts", "celery", "mustard"];

    public static readonly string[] Cars = ["Skoda Octavia", "Honda Jazz", "Volvo V60", "Kia Niro", "Mazda CX-5", "Renault Zoe", "Subaru Forester"];

    public static readonly string[] Books = ["The Glass Orchard", "Salt and Lanterns", "The Quiet Cartographer", "Nine Winters", "A Map of Small Fires", "The Paper Compass", "Harbour Lights"];

    public static readonly string[] Races = ["half marathon", "10k trail race", "triathlon", "charity 5k", "ultramarathon"];

    public static readonly string[] RelativeNames = ["Nora", "Felix", "Amara", "Theo", "Lena", "Rafael", "Iris", "Hugo", "Mira", "Silas", "Esme", "Ezra", "Freya", "Caleb"];

    public static readonly string[] Relations = ["sister", "brother", "cousin", "best friend"];

    public static readonly string[] Dishes = ["mushroom risotto", "lamb tagine", "lemon drizzle cake", "pad thai", "shakshuka", "beef bourguignon", "paella"];

    /// <summary>Chit-chat with no fact in it; some lines take a value from the pools so the words of real facts also appear in noise.</summary>
    public static readonly string[] ChitChat =
    [
        "Haha, same here honestly.", "How was your weekend?", "Not much going on, just work and laundry, the usual glamorous life.",
        "It has been raining non-stop here all week, I have forgotten what the sun looks like.", "Did you end up watching that documentary about octopuses?",
        "I slept for eleven hours on Saturday and I regret nothing.", "Work has been a blur lately, so many meetings that could have been emails.",
        "Oh nice, that sounds relaxing.", "Ugh, Mondays. I need a third coffee already.", "Ha! That is exactly what I would have done.",
        "I keep meaning to clean out the fridge and keep not doing it.", "Have you tried that new ramen place near the station? The queue is always huge.",
        "Sorry for the slow reply, my phone died halfway through the day.", "That is so true, I never thought about it that way.",
        "Honestly I just want a quiet evening with a blanket and a film.", "The neighbours are renovating again, there is drilling from eight in the morning.",
        "I tried a new recipe yesterday and it was a complete disaster, the smoke alarm went off twice.", "Good luck, you will be great!",
        "Wait, really? Tell me everything.", "I am so behind on messages, sorry about that.", "We should plan a call soon, it has been ages.",
        "My plants are thriving for once, I think I finally found the right window.", "Lol, classic.", "Fair enough, I would do the same.",
        "I went for a long walk by the river this morning, it cleared my head.", "The traffic this week has been ridiculous, forty minutes to go three kilometres.",
        "Do you still have that terrible printer? Mine just jammed again.", "I am thinking of repainting the hallway, maybe a dark green.",
        "That reminds me, I still owe you a coffee.", "No rush at all, whenever suits you.", "Ha, you and your spreadsheets.",
        "I finally finished the series everyone was talking about, the ending was a bit of a letdown.", "Same old, same old over here.",
        "Thanks, that means a lot.", "I burned my toast this morning, which tells you how the day is going.", "Cheers, talk soon!",
    ];

    /// <summary>Replies to news: warm, short, and answering nothing.</summary>
    public static readonly string[] Reactions =
    [
        "No way, congratulations!", "That is huge news, I am so happy for you.", "Wow, how are you feeling about it?", "Oh that is lovely.",
        "Amazing! You have to tell me more next time.", "Ha, I did not see that coming.", "That is brilliant, well done.", "Oh wow, good for you.",
        "That sounds like a big change.", "I love that for you.",
    ];

    /// <summary>Third-party statements on the same topics as real facts: the same kind of words, about someone else.</summary>
    public static readonly string[] Distractors =
    [
        "My cousin just got a job at {employer}, small world.", "A colleague of mine is moving to {city} next year.",
        "My neighbour's {species} is called {pet}, it barks at every delivery.", "Someone at work is learning the {instrument}, we hear it at lunch.",
        "My aunt swears by {dish}, she makes it every Sunday.", "A friend of a friend bought a {car} and keeps complaining about it.",
        "My book club picked '{book}' but I have not started it.", "My dentist ran a {race} last month, apparently.",
    ];
}
