namespace MemoryFunctions.Bench.Quality;

/// <summary>
/// Written for this benchmark (not taken from any evaluation set): a first-person statement, the question an agent would
/// ask about it in other words, and the chit-chat question an assistant might ask back on the same topic. The first half
/// of the pairs tunes ranking ("dev"), the second half is only ever reported ("report").
/// </summary>
internal static class ParaphraseSet
{
    public static readonly (string Statement, string Question, string EchoQuestion)[] Pairs =
    [
        ("I work as a nurse at St. Mary's hospital.", "What is the user's job?", "So what do you do for a living?"),
        ("We have a golden retriever called Biscuit.", "Does the user have any pets?", "Do you have any animals at home?"),
        ("I'm allergic to peanuts.", "Are there foods the user must avoid?", "Is there anything you can't eat?"),
        ("I live in a two-bedroom flat in Lisbon.", "Where is the user's home?", "Where are you based these days?"),
        ("I play bass guitar in a jazz band on weekends.", "What instrument does the user play?", "Do you play any music yourself?"),
        ("I always have tea rather than coffee in the morning.", "What does the user like to drink when they wake up?", "Are you a morning person?"),
        ("I have two daughters, Emma and Lucy.", "How many children does the user have?", "Do you have kids?"),
        ("I'm training for the Berlin marathon in September.", "What sporting event is the user preparing for?", "Are you doing any sports at the moment?"),
        ("I drive an old blue Volvo estate.", "What car does the user own?", "How do you usually get around?"),
        ("I studied mechanical engineering at Delft.", "What did the user major in at university?", "Where did you go to school?"),
        ("I'm vegetarian and I don't eat fish either.", "Does the user eat meat?", "What kind of food do you like?"),
        ("I speak fluent Portuguese and a bit of Japanese.", "Which languages does the user know?", "Have you travelled much abroad?"),
        ("My birthday is on the 14th of March.", "When was the user born?", "Any special days coming up for you?"),
        ("I'm scared of flying, so I take trains whenever I can.", "How does the user feel about planes?", "How was your trip?"),
        ("I read science fiction novels before bed.", "What kind of books does the user enjoy?", "Read anything good lately?"),
        ("My partner Sam is a software developer.", "Who is the user's spouse?", "Who do you live with?"),
        ("I take medication for high blood pressure.", "Does the user have any health conditions?", "How have you been feeling?"),
        ("I want to learn to sail next summer.", "What new skill is the user hoping to pick up?", "Any plans for the summer?"),
        ("I support Arsenal and watch every match.", "Which football team does the user follow?", "Did you watch the game last night?"),
        ("I work from home three days a week.", "Does the user commute to the office?", "How's work going?"),
        ("I grow tomatoes and basil on the balcony.", "Does the user do any gardening?", "What do you do to relax?"),
        ("I moved to Canada from Kenya in 2015.", "What country is the user originally from?", "Where did you grow up?"),
        ("I'm saving up to buy a house.", "What is the user's financial goal?", "What are you working towards?"),
        ("Cilantro tastes like soap to me, I hate it.", "Which herb does the user dislike?", "Do you like cooking?"),
        ("I go climbing at the indoor wall every Tuesday.", "What does the user do for exercise midweek?", "What did you get up to this week?"),
        ("My mother lives in a care home in Leeds.", "Where is the user's mum?", "How is your family doing?"),
        ("I've started playing chess online.", "What board game is the user getting into?", "Any new hobbies?"),
        ("I volunteer at the animal shelter on Saturdays.", "Does the user do any charity work?", "What do you usually do on weekends?"),
        ("I use a wheelchair since my spinal injury.", "Does the user have any mobility needs?", "Is there anything I should keep in mind?"),
        ("Spiders terrify me.", "What creatures scare the user?", "Anything you're afraid of?"),
        ("I bake sourdough bread every weekend.", "What does the user cook regularly?", "Made anything tasty recently?"),
        ("I'm a night owl and rarely sleep before 2 am.", "When does the user go to bed?", "Are you sleeping well?"),
        ("I drink oat milk because I'm lactose intolerant.", "Can the user have dairy?", "How do you take your coffee?"),
        ("We're planning our honeymoon in Japan in April.", "Where is the user travelling after the wedding?", "Any trips coming up?"),
        ("I wear glasses because I'm short-sighted.", "Does the user have trouble seeing?", "Been to any appointments lately?"),
        ("I manage a team of twelve engineers.", "How many people report to the user?", "What's your role like?"),
        ("I collect vintage vinyl records.", "What does the user like to collect?", "What kind of music do you listen to?"),
        ("I'm recovering from a broken ankle.", "Has the user been injured recently?", "How are you holding up?"),
        ("I always book a window seat on long flights.", "Where does the user like to sit on a plane?", "Do you like travelling?"),
        ("I'm in a book club that meets every Thursday.", "Does the user belong to any reading groups?", "What are you up to on Thursday?"),
    ];

    public static IEnumerable<(string Statement, string Question, string EchoQuestion)> Dev => Pairs.Take(Pairs.Length / 2);

    public static IEnumerable<(string Statement, string Question, string EchoQuestion)> Report => Pairs.Skip(Pairs.Length / 2);

    /// <summary>Other facts about a user's days, none of which answers a question above: 200 of them, always the same.</summary>
    public static IReadOnlyList<string> Distractors()
    {
        string[] doings = ["I picked up", "I returned", "I ordered", "I forgot", "I repaired"];
        string[] things = ["a parcel", "the library card", "a new lamp", "the spare keys", "a birthday card", "the printer ink", "a winter coat", "the bike pump", "some light bulbs", "a phone charger"];
        string[] times = ["on Monday", "yesterday afternoon", "last weekend", "this morning"];
        var distractors = new List<string>(200);
        foreach (var doing in doings)
        {
            foreach (var thing in things)
            {
                foreach (var time in times)
                {
                    distractors.Add($"{doing} {thing} {time}.");
                }
            }
        }

        return distractors;
    }
}
