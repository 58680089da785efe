namespace MemoryFunctions.Bench.Conversations;

/// <summary>
/// The word pools of the harder question kinds of <see cref="LongConversationGenerator"/> (written for this project): a
/// person's own plans that the other speaker keeps asking about by name, answers whose topic is only in the question
/// before them, and friends named by name.
/// </summary>
internal static class ConversationTopics
{
    /// <summary>
    /// A plan in the person's own words (<c>{v}</c> is the answer), the question later asked about it, and what the other
    /// speaker says to the person by name on the same topic, which answers nothing.
    /// </summary>
    public static readonly (string Own, string Question, string[] Values, string[] Addressed)[] Plans =
    [
        ("The plan for the back beds is simple: {v}, as many as will fit.", "What does {p} hope to grow in the garden?",
            ["tomatoes", "pumpkins", "strawberries", "chillies", "courgettes", "sunflowers"],
            ["{n}, how is the garden coming along?", "Love the garden photos, {n}!", "{n}, you and that garden, honestly.", "Any news from the garden, {n}? I hope it survived the storm."]),
        ("Every spare euro goes in the jar now, it's all for a {v}.", "What is {p} saving up for?",
            ["sailing course", "camper van", "pottery wheel", "road bike", "trip to Patagonia"],
            ["{n}, how is the saving going?", "Saving up is so hard right now, {n}, I admire you.", "{n}, did you stick to your saving plan this month?"]),
        ("Sunday mornings belong to the {v} now, I help out there every week.", "Where does {p} volunteer?",
            ["animal shelter", "food bank", "repair café", "youth theatre", "city farm"],
            ["{n}, are you still volunteering on Sundays?", "That volunteering of yours is so kind, {n}.", "{n}, how was volunteering this week?"]),
        ("Two evenings a week at the college now, learning {v}. Homework at my age!", "What course did {p} enrol in?",
            ["photography", "bookbinding", "welding", "first aid", "Portuguese"],
            ["{n}, how is the course treating you?", "Proud of you for doing that course, {n}!", "{n}, is the course still two evenings a week?"]),
    ];

    /// <summary>A question from the other speaker, then the person's answer, which never repeats the question's topic.</summary>
    public static readonly (string Asked, string Answer, string Question, string[] Values)[] Replies =
    [
        ("What kind of music have you been listening to lately?", "Mostly {v}, with a bit of everything else on weekends!",
            "What kind of music has {p} been listening to?", ["jazz", "bluegrass", "synthwave", "bossa nova", "reggae", "baroque"]),
        ("Seen anything good on TV recently?", "I'm hooked on {v}, three episodes a night.",
            "Which TV show has {p} been watching?", ["Copper Valley", "Saltmarsh", "The Orchard Files", "Night Shift Diaries", "Lantern Bay"]),
        ("What do you usually order at the café?", "A {v}, every single time.",
            "What does {p} usually order at the café?", ["flat white", "chai latte", "cortado", "matcha latte", "hot chocolate"]),
        ("What did you end up getting your dad for his birthday?", "A {v}, and he actually loved it.",
            "What did {p} give their dad for his birthday?", ["fountain pen", "telescope", "sourdough kit", "chess set", "record player"]),
    ];

    public static readonly string[] FriendNames = ["Bea", "Jonah", "Tarek", "Wren", "Alba", "Kenji", "Dara", "Ravi", "Sunniva", "Milo"];

    /// <summary>Days said relative to the session's date, with how many days back (or which weekday, when the weekday is set) they mean.</summary>
    public static readonly (string Phrase, int DaysBack, DayOfWeek? Weekday)[] RelativeDays =
    [
        ("yesterday", 1, null), ("the day before yesterday", 2, null), ("two days ago", 2, null), ("three days ago", 3, null),
        ("last Saturday", 0, DayOfWeek.Saturday), ("last Sunday", 0, DayOfWeek.Sunday), ("last Friday", 0, DayOfWeek.Friday),
    ];

    /// <summary>The date a relative phrase means, said on <paramref name="said"/>: "last Friday" is the latest Friday strictly before that day.</summary>
    public static DateOnly Resolve((string Phrase, int DaysBack, DayOfWeek? Weekday) relative, DateTimeOffset said)
    {
        var day = DateOnly.FromDateTime(said.UtcDateTime);
        if (relative.Weekday is not { } weekday)
        {
            return day.AddDays(-relative.DaysBack);
        }

        var back = 1;
        while (day.AddDays(-back).DayOfWeek != weekday)
        {
            back++;
        }

        return day.AddDays(-back);
    }
}
