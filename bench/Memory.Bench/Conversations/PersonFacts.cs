using static MemoryFunctions.Bench.Conversations.LongConversationGenerator;
using static MemoryFunctions.Bench.Conversations.LongConversationPhrases;

namespace MemoryFunctions.Bench.Conversations;

/// <summary>One turn of an event: who says it and what.</summary>
internal sealed record SaidTurn(string Speaker, string Text);

/// <summary>One event of a conversation: the turns said in a session (given its date), placed early, anywhere, or late.</summary>
internal sealed record PlannedEvent(Func<DateTimeOffset, IReadOnlyList<SaidTurn>> Say, bool Early = false, bool Late = false);

/// <summary>
/// What one person of a long conversation says about their own life, in varied phrasing, and the questions it answers
/// (added when the event is said, so questions about dates know the session's date). Values are drawn without repeats
/// within a conversation (<c>used</c> is shared by both people) so a question has one right answer.
/// </summary>
internal sealed partial class PersonFacts(string person, string other, Random random, List<WrittenQuestion> questions, HashSet<string> used)
{
    public List<PlannedEvent> Plan()
    {
        var (employer, role, newEmployer, newRole) = (Fresh(Employers), Fresh(Roles), Fresh(Employers), Fresh(Roles));
        var (home, newHome) = (Fresh(Cities), Fresh(Cities));
        var instrument = Fresh(Instruments);
        var (firstTrip, secondTrip) = (Fresh(Cities), Fresh(Cities));
        List<PlannedEvent> plan =
        [
            new(_ => Say(
                $"I'm still at {employer}, being a {role} there keeps me busy.",
                $"Work is fine, {employer} is treating me well. Being a {role} is never boring.",
                $"Another long week at {employer}. Nobody warns you how much paperwork a {role} does."), Early: true),
            new(_ => Say(
                $"Honestly {home} is at its best this time of year, I love living here.",
                $"Back home in {home} now, the flat finally feels like mine.",
                $"There's a street festival in {home} this weekend, right below my window."), Early: true),
            new(_ =>
            {
                Ask($"Where does {person} work now?", newEmployer);
                Ask($"Where did {person} work before joining {newEmployer}?", employer);
                Ask($"What is {person}'s new role at {newEmployer}?", newRole);
                questions.Add(new WrittenQuestion($"Which companies has {person} worked for?", employer, QuestionTypes.MultiHop, [newEmployer]));
                // The late exchange names only the new employer: the old one is in the early sessions, so the companies
                // question needs evidence from two sessions.
                return Say2(
                    "Big news: I handed in my notice.",
                    $"I'm joining {newEmployer} as a {newRole}, starting next month.");
            }, Late: true),
            new(_ =>
            {
                Ask($"Which city does {person} live in now?", newHome);
                Ask($"Where did {person} live before moving to {newHome}?", home);
                questions.Add(new WrittenQuestion($"Which cities has {person} lived in?", home, QuestionTypes.MultiHop, [newHome]));
                // Only the new town, as for the job: the first is named in the early sessions.
                return Say(
                    $"We signed the lease! I'm moving to {newHome} at the end of the month.",
                    $"So it's official, hello {newHome}. The movers come on Friday.");
            }, Late: true),
            Adoption(),
            new(_ => Asked($"Which instrument did {person} start learning?", instrument, value => Infer($"What could {person} play for everyone at a family gathering?", value, Say(
                $"I signed up for {value} lessons, Thursday evenings. My fingers hurt already.",
                $"Guess who bought a second-hand {value}? I've wanted to learn it since school.",
                $"My {value} teacher says I'm a natural, which I suspect she says to everyone.")))),
            Trip(firstTrip),
            Trip(secondTrip),
            Baby(),
            new(_ => Asked($"What is {person} allergic to?", Fresh(Foods), value => Infer($"What ingredient should {other} leave out when cooking for {person}?", value, Say(
                $"Turns out I'm allergic to {value}, the doctor confirmed it today.",
                $"Allergy test results are in: {value}. Goodbye to half my snacks.")))),
            new(_ => Asked($"What car did {person} buy?", Fresh(Cars), value => Infer($"What does {person} drive these days?", value, Say(
                $"We finally bought a car, a used {value} in dark blue.",
                $"I picked up the {value} this morning, it still smells new-ish.")))),
            new(_ => Asked($"Which book did {person} recommend to {other}?", Fresh(Books), value => Say(
                $"You have to read '{value}', I finished it in two nights.",
                $"Add '{value}' to your list, it's the best thing I've read this year."))),
            Race(),
            Birthday(),
        ];
        questions.Add(new WrittenQuestion($"Which cities did {person} travel to?", firstTrip, QuestionTypes.MultiHop, [secondTrip]));
        plan.AddRange(Conversational(instrument));
        return plan;
    }

    private PlannedEvent Adoption()
    {
        var (pet, species) = (Fresh(PetNames), Pick(random, Species));
        var relative = random.Next(2) == 0 ? Pick(random, ConversationTopics.RelativeDays) : default;
        return new(date =>
        {
            var (when, day) = relative.Phrase is null ? ("today", Day(date)) : (relative.Phrase, Day(ConversationTopics.Resolve(relative, date)));
            Ask($"What is the name of {person}'s {species}?", pet);
            Ask($"When did {person} adopt {pet}?", day, QuestionTypes.Temporal);
            if (relative.Phrase is not null)
            {
                // The day is only in the turn's resolved dates: the session was held on another day.
                Ask($"Which pet joined {person}'s family on {day}?", pet, QuestionTypes.Temporal);
            }

            return Say(
                $"We adopted a {species} from the shelter {when}! We named her {pet}.",
                $"Meet {pet}, our new {species}. We brought her home {when}.");
        });
    }

    private PlannedEvent Trip(string city) =>
        new(date => Asked($"Which city did {person} visit in {Month(date)}?", city, value => Say(
            $"Just got back from a long weekend in {value}, the food was incredible.",
            $"I'm writing this from a café in {value}, first holiday in ages.",
            $"Quick trip to {value} for a wedding, I'm exhausted but happy."), QuestionTypes.Temporal));

    private PlannedEvent Baby()
    {
        var (relation, relative, baby) = (Pick(random, Relations), Fresh(RelativeNames), Fresh(RelativeNames));
        return new(_ =>
        {
            Ask($"What did {person}'s {relation} {relative} name the baby?", baby);
            return Say(
                $"My {relation} {relative} had a baby on Tuesday, a little one called {baby}!",
                $"Family news: my {relation} {relative} and their partner named the baby {baby}, I'm smitten.");
        });
    }

    private PlannedEvent Race()
    {
        var (race, time) = (Fresh(Races), Invariant($"{random.Next(1, 4)}:{random.Next(10, 60)}:{random.Next(10, 60)}"));
        var relative = random.Next(2) == 0 ? Pick(random, ConversationTopics.RelativeDays) : default;
        return new(date =>
        {
            var (when, day) = relative.Phrase is null ? ("this morning", Day(date)) : (relative.Phrase, Day(ConversationTopics.Resolve(relative, date)));
            Ask($"When did {person} run the {race}?", day, QuestionTypes.Temporal);
            Ask($"What was {person}'s time in the {race}?", time);
            Ask($"What kind of endurance event has {person} trained for?", race, QuestionTypes.Inference);
            if (relative.Phrase is not null)
            {
                Ask($"What did {person} do on {day}?", race, QuestionTypes.Temporal);
            }

            return Say(
                $"I ran the {race} {when}! Finished in {time}, my legs are jelly.",
                $"Did the {race} {when}, {time} on the clock. Never again. Until next year.");
        });
    }

    private PlannedEvent Birthday()
    {
        var (relative, dish) = (Fresh(RelativeNames), Fresh(Dishes));
        return new(_ =>
        {
            Ask($"What did {person} cook for {relative}'s birthday?", dish);
            return Say(
                $"It was {relative}'s birthday tonight and I made {dish} for everyone. It actually worked!",
                $"I cooked {dish} for {relative}'s birthday dinner, no smoke alarm this time.");
        });
    }

    private IReadOnlyList<SaidTurn> Asked(string question, string answer, Func<string, IReadOnlyList<SaidTurn>> say, string type = QuestionTypes.SingleHop)
    {
        Ask(question, answer, type);
        return say(answer);
    }

    private void Ask(string question, string answer, string type = QuestionTypes.SingleHop) => questions.Add(new WrittenQuestion(question, answer, type));

    /// <summary>Also asks <paramref name="question"/>, whose answer is inferred from what is said, in other words than the question's.</summary>
    private IReadOnlyList<SaidTurn> Infer(string question, string answer, IReadOnlyList<SaidTurn> said)
    {
        Ask(question, answer, QuestionTypes.Inference);
        return said;
    }

    private IReadOnlyList<SaidTurn> Say(params string[] variants) => [new(person, Pick(random, variants))];

    /// <summary>Two lines of one person with the other's reaction between them.</summary>
    private IReadOnlyList<SaidTurn> Say2(string first, string second) => [new(person, first), new(other, Pick(random, Reactions)), new(person, second)];

    private string Fresh(string[] pool)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var value = Pick(random, pool);
            if (used.Add(value))
            {
                return value;
            }
        }

        throw new InvalidOperationException("The pool is too small for the facts asked of it.");
    }
}
