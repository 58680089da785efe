using System.Text.RegularExpressions;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Text;

namespace MemoryFunctions.Local.Ingestion;

/// <summary>
/// First-person clause → third-person statement rules, tried in order, first match wins. Each rule is narrow on
/// purpose: a missed fact costs little (the next turn may repeat it), a wrong one pollutes every later answer.
/// </summary>
internal static partial class FactRules
{
    private const string CapWord = @"(?-i:[A-Z][\p{L}\p{N}&'-]*)";
    private const string Proper = CapWord + @"(?:\s+" + CapWord + "){0,3}";
    private const string Org = @"(?:" + Proper + @"|(?:a|an|the)\s+(?:[a-z]+\s+){0,2}" + Workplace + ")";

    /// <summary>A lower-case employer must name a workplace: "a rock band", "a fire-fighting brigade" or "the service" are not employers.</summary>
    private const string Workplace = @"(?:hospital|school|bank|bakery|restaurant|cafe|caf[eé]|company|startup|firm|agency|store|shop|clinic|hotel|factory|library|university|college|museum|lab|laboratory|office|nonprofit|charity|shelter|garage|warehouse|farm|newspaper|airline|airport|supermarket|pharmacy|law\s+firm|consultancy|hospice|daycare|kindergarten)\b";
    private const string Rel = "wife|husband|spouse|partner|girlfriend|boyfriend|fianc[eé]e?|sister|brother|mother|mom|mum|father|dad|son|daughter|best friend|friend|boss|manager|cousin|aunt|uncle|grandmother|grandfather|grandma|grandpa|dog|cat";
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private static readonly HashSet<string> IdleStarts = new(StringComparer.OrdinalIgnoreCase) { "be", "go", "try", "think", "check", "say", "sleep", "bed", "have", "do", "know", "ask", "see", "find", "confirm", "clarify", "get", "make", "understand", "let", "look", "need", "keep", "hear", "give", "talk", "chat", "share", "tell", "catch" };
    private static readonly HashSet<string> NotJobs = new(StringComparer.OrdinalIgnoreCase) { "beginner", "lover", "member", "user", "customer", "owner", "newcomer", "fan", "other", "number", "person", "bit", "lot" };

    /// <summary>Statements for one clause (dates already resolved into it); empty when nothing is worth keeping.</summary>
    public static IReadOnlyList<FactDraft> Apply(string clause, ResolvedDate date, DateOnly today, bool toAssistant) =>
        [.. Match(clause, date, today, toAssistant).Where(draft => StatementGuard.IsWellFormed(draft.Text))];

    private static IReadOnlyList<FactDraft> Match(string clause, ResolvedDate resolved, DateOnly today, bool toAssistant)
    {
        var date = resolved.Date;
        var past = date is { } d && d < today;
        var dated = date is not null;
        var since = past ? " since " + resolved.Phrase : string.Empty;
        Match m;
        if ((m = Name().Match(clause)).Success)
        {
            return [new($"Is named {m.Groups["v"].Value}", MemoryKind.Fact, 0.95, 0.9)];
        }

        if ((m = Age().Match(clause)).Success)
        {
            return [new($"Is {m.Groups["v"].Value} years old", MemoryKind.Fact, 0.9, 0.6)];
        }

        if ((m = Diet().Match(clause)).Success)
        {
            return [new($"Is {m.Groups["v"].Value.ToLowerInvariant()}", MemoryKind.Fact, 0.9, 0.85)];
        }

        if ((m = Allergy().Match(clause)).Success)
        {
            return [new($"Is allergic to {Person(m.Groups["v"].Value)}", MemoryKind.Fact, 0.95, 0.95)];
        }

        if ((m = NotEat().Match(clause)).Success)
        {
            return [new($"Does not eat {Person(m.Groups["v"].Value)}", MemoryKind.Fact, 0.9, 0.8)];
        }

        if ((m = Eat().Match(clause)).Success)
        {
            return [new($"Eats {Person(m.Groups["v"].Value)}", MemoryKind.Fact, 0.85, 0.6)];
        }

        if ((m = Joined().Match(clause)).Success && !Group().IsMatch(m.Groups["v"].Value + m.Groups["after"].Value))
        {
            return [new($"Works at {m.Groups["v"].Value}{since}", MemoryKind.Fact, 0.9, 0.8, past)];
        }

        if ((m = WorkAs().Match(clause)).Success)
        {
            var job = Person(m.Groups["v"].Value);
            FactDraft role = new($"Works as {Article(job)} {job}", MemoryKind.Fact, 0.9, 0.7);
            return m.Groups["org"].Success ? [role, new($"Works at {m.Groups["org"].Value}", MemoryKind.Fact, 0.9, 0.8)] : [role];
        }

        if ((m = WorkAt().Match(clause)).Success)
        {
            return [new($"Works at {m.Groups["v"].Value}", MemoryKind.Fact, 0.9, 0.8)];
        }

        if ((m = Moved().Match(clause)).Success)
        {
            return [new($"Lives in {m.Groups["v"].Value}{since}", MemoryKind.Fact, 0.9, 0.8, past)];
        }

        if ((m = Live().Match(clause)).Success)
        {
            return [new($"Lives in {m.Groups["v"].Value}", MemoryKind.Fact, 0.9, 0.8)];
        }

        if ((m = From().Match(clause)).Success)
        {
            return [new($"Is from {m.Groups["v"].Value}", MemoryKind.Fact, 0.9, 0.6)];
        }

        if ((m = IAmA().Match(clause)).Success && LooksLikeJob(m.Groups["v"].Value))
        {
            var job = m.Groups["v"].Value.ToLowerInvariant();
            return [new($"Is {Article(job)} {job}", MemoryKind.Fact, 0.85, 0.7)];
        }

        if ((m = RelationNamed().Match(clause)).Success && !IsList(m))
        {
            return Relation(m);
        }

        if ((m = RelationIs().Match(clause)).Success)
        {
            var what = Person(m.Groups["v"].Value);
            return [new($"{Capitalize(m.Groups["rel"].Value.ToLowerInvariant())} is {Article(what)} {what}", MemoryKind.Fact, 0.85, 0.6)];
        }

        if ((m = Have().Match(clause)).Success)
        {
            return [new($"Has {m.Groups["v"].Value}", MemoryKind.Fact, 0.9, 0.6)];
        }

        if ((m = PreferOver().Match(clause)).Success)
        {
            return [new($"Prefers {Person(m.Groups["a"].Value)} over {Person(m.Groups["b"].Value)}", MemoryKind.Preference, 0.9, 0.6)];
        }

        if ((m = Prefer().Match(clause)).Success && !IsPronoun(m.Groups["a"].Value))
        {
            return [new($"Prefers {Person(m.Groups["a"].Value)}", MemoryKind.Preference, 0.85, 0.6)];
        }

        if ((m = Like().Match(clause)).Success && !IsPronoun(m.Groups["v"].Value))
        {
            return [new($"{LikeVerb(m.Groups["verb"].Value)} {Person(m.Groups["v"].Value)}", MemoryKind.Preference, 0.85, 0.6)];
        }

        if ((m = Fan().Match(clause)).Success && !IsPronoun(m.Groups["v"].Value))
        {
            return [new($"Enjoys {Person(m.Groups["v"].Value)}", MemoryKind.Preference, 0.85, 0.6)];
        }

        if ((m = Favorite().Match(clause)).Success)
        {
            return [new($"Favorite {m.Groups["cat"].Value.ToLowerInvariant()} is {Person(m.Groups["v"].Value)}", MemoryKind.Preference, 0.9, 0.6)];
        }

        if (toAssistant && (m = Standing().Match(clause)).Success)
        {
            var instruction = SecondPerson().Replace(Person(m.Groups["v"].Value), match => match.Value.ToUpperInvariant() switch
            {
                "YOUR" => "its",
                "YOURS" => "its",
                "YOURSELF" => "itself",
                _ => "it",
            });
            return [new($"Wants the assistant to {m.Groups["w"].Value.ToLowerInvariant()} {instruction}", MemoryKind.Procedural, 0.8, 0.7)];
        }

        return Plans(clause, dated, past);
    }

    private static IReadOnlyList<FactDraft> Plans(string clause, bool dated, bool past)
    {
        Match m;
        if ((m = Plan().Match(clause)).Success && (dated || !IsIdle(m.Groups["v"].Value)))
        {
            // "going to a conference" is a place to go, "going to visit" an action.
            var v = Person(m.Groups["v"].Value);
            var text = char.IsUpper(v[0]) || Determiner().IsMatch(v) ? $"Is going to {v}" : $"Plans to {v}";
            return [new(text, MemoryKind.Episodic, 0.75, 0.5)];
        }

        if ((m = Considering().Match(clause)).Success)
        {
            return [new($"Is considering {Person(m.Groups["v"].Value)}", MemoryKind.Episodic, 0.7, 0.4)];
        }

        if ((m = Want().Match(clause)).Success && (dated || !IsIdle(m.Groups["v"].Value)))
        {
            var verb = m.Groups["how"].Value.ToUpperInvariant() switch
            {
                "WANT" or "WOULD LIKE" or "'D LIKE" or "HOPE" => "Wants",
                _ => "Plans",
            };
            return [new($"{verb} to {Person(m.Groups["v"].Value)}", MemoryKind.Episodic, 0.75, 0.5)];
        }

        if (dated && !past && (m = Will().Match(clause)).Success && !IsIdle(m.Groups["v"].Value))
        {
            return [new($"Plans to {Person(m.Groups["v"].Value)}", MemoryKind.Episodic, 0.75, 0.5)];
        }

        if (dated && (m = Doing().Match(clause)).Success)
        {
            return [new($"Is {Person(m.Groups["v"].Value)}", MemoryKind.Episodic, 0.75, 0.5, past)];
        }

        if (past && (m = Did().Match(clause)).Success)
        {
            return [new(Capitalize(Person(m.Groups["v"].Value)), MemoryKind.Episodic, 0.8, 0.5, true)];
        }

        if ((m = Event().Match(clause)).Success)
        {
            return [new(Capitalize(Person(m.Groups["v"].Value)), MemoryKind.Episodic, 0.75, 0.5, past)];
        }

        return [];
    }

    private static List<FactDraft> Relation(Match m)
    {
        var rel = m.Groups["rel"].Value.ToLowerInvariant();
        var name = m.Groups["name"].Value;
        var text = rel switch
        {
            "wife" or "husband" or "spouse" => $"Is married to {name}",
            "partner" or "girlfriend" or "boyfriend" or "fiance" or "fiancee" or "fiancé" or "fiancée" => $"Is in a relationship with {name}",
            _ => $"Has {Article(rel)} {rel} named {name}",
        };
        List<FactDraft> drafts = [new(text, MemoryKind.Fact, 0.9, 0.7)];
        var rest = m.Groups["rest"].Value.Trim(' ', ',');
        if (rest.Length > 0 && char.IsLower(rest[0]) && rest.Contains(' ', StringComparison.Ordinal))
        {
            drafts.Add(new($"{Capitalize(rel)} {name} {Person(rest)}", MemoryKind.Fact, 0.8, 0.5));
        }

        return drafts;
    }

    private static string LikeVerb(string verb) => Regex.Replace(verb.ToUpperInvariant(), @"\s+", " ") switch
    {
        "LOVE" or "ADORE" => "Loves",
        "LIKE" => "Likes",
        "ENJOY" => "Enjoys",
        "HATE" or "DETEST" or "CAN'T STAND" or "CANNOT STAND" => "Hates",
        _ => "Dislikes",
    };

    private static bool LooksLikeJob(string phrase)
    {
        var last = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1].ToLowerInvariant();
        return !NotJobs.Contains(last)
            && (JobSuffix().IsMatch(last) || last is "nurse" or "chef" or "cook" or "pilot" or "clerk" or "coach" or "paramedic" or "dentist" or "surgeon" or "barista" or "student" or "retiree");
    }

    /// <summary>
    /// "My girlfriend, Toby and I…" names two companions, not the girlfriend. The clause splitter cuts before "and I",
    /// so an appositive comma with nothing after the name is read as a list too.
    /// </summary>
    private static bool IsList(Match relation) =>
        ListAfterName().IsMatch(relation.Groups["rest"].Value) || (relation.Groups["comma"].Success && relation.Groups["rest"].Value.Trim().Length == 0);

    private static bool IsPronoun(string value) => StatementGuard.IsPronoun(value.Split(' ', 2)[0]);

    private static bool IsIdle(string value) => IdleStarts.Contains(value.Split(' ', 2)[0]);

    private static string Article(string noun) => noun.Length > 0 && "aeiou".Contains(char.ToLowerInvariant(noun[0]), StringComparison.Ordinal) ? "an" : "a";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>First person → third person inside an object phrase ("my dog" → "their dog").</summary>
    internal static string Person(string text) => FirstPerson().Replace(text.Trim().TrimEnd('.', '!', ',', ';'), match => match.Value.ToUpperInvariant() switch
    {
        "MY" => "their",
        "ME" => "them",
        "MYSELF" => "themselves",
        "MINE" => "theirs",
        "I'M" => "they're",
        _ => "they",
    });
}
