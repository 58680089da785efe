using System.Text.RegularExpressions;

namespace MemoryFunctions.Local.Ingestion;

internal static partial class FactRules
{
    [GeneratedRegex(@"^(?:my\s+name\s+is|my\s+name's|call\s+me|i\s+am\s+called|i'm\s+called|i\s+go\s+by)\s+(?<v>" + CapWord + @"(?:\s+" + CapWord + "){0,2})", Options)]
    private static partial Regex Name();

    [GeneratedRegex(@"^I(?:'m|\s+am)\s+(?<v>\d{1,3})(?:\s+years?\s+old|\s+y/?o)?$", Options)]
    private static partial Regex Age();

    [GeneratedRegex(@"^I(?:'m|\s+am)\s+(?:(?:now|also|strictly|fully)\s+)?(?:an?\s+)?(?<v>vegetarian|vegan|pescatarian|pescetarian|flexitarian)\b", Options)]
    private static partial Regex Diet();

    [GeneratedRegex(@"^I(?:'m|\s+am)\s+(?:(?:severely|very|really)\s+)?allergic\s+to\s+(?<v>.+)$", Options)]
    private static partial Regex Allergy();

    [GeneratedRegex(@"^I\s+(?:don't|do\s+not|never|can't|cannot)\s+eat\s+(?<v>[\w\s-]+)$", Options)]
    private static partial Regex NotEat();

    [GeneratedRegex(@"^I\s+(?:(?:do|still|usually|mostly|often)\s+)?eat\s+(?<v>[\w\s-]+)$", Options)]
    private static partial Regex Eat();

    [GeneratedRegex(@"^I\s+(?:(?:just|recently|finally)\s+)?(?:joined|started\s+at|started\s+working\s+(?:at|for)|started\s+a\s+(?:new\s+)?job\s+at|got\s+a\s+(?:new\s+)?job\s+at|got\s+hired\s+(?:at|by)|was\s+hired\s+by)\s+(?<v>" + Org + ")(?<after>.*)$", Options)]
    private static partial Regex Joined();

    /// <summary>What one joins without being employed: "joined the Seattle Running Club", "joined a band".</summary>
    [GeneratedRegex(@"\b(?:band|club|team|group|choir|church|gym|league|class|course|community|society|association|scouts?|brigade|crew|circle|squad|forum|program|programme|movement|cause|party|union|meetup|chat|server)s?\b", Options)]
    private static partial Regex Group();

    [GeneratedRegex(@"^I\s+(?:(?:currently|now|still|also)\s+)?work\s+as\s+(?:an?\s+)?(?<v>[\w\s-]+?)(?:\s+(?:at|for)\s+(?<org>" + Org + "))?$", Options)]
    private static partial Regex WorkAs();

    [GeneratedRegex(@"^I\s+(?:(?:currently|now|still|also)\s+)?(?:work|am\s+working|'m\s+working)\s+(?:at|for)\s+(?<v>" + Org + ")", Options)]
    private static partial Regex WorkAt();

    [GeneratedRegex(@"^I\s+(?:(?:just|recently|finally)\s+)?(?:moved|relocated)\s+to\s+(?<v>" + Proper + ")", Options)]
    private static partial Regex Moved();

    [GeneratedRegex(@"^I\s+(?:(?:currently|now|still|also)\s+)?(?:live|am\s+living|'m\s+living|reside|am\s+based|'m\s+based)\s+in\s+(?<v>" + Proper + ")", Options)]
    private static partial Regex Live();

    [GeneratedRegex(@"^I(?:'m|\s+am)\s+(?:originally\s+)?from\s+(?<v>" + Proper + ")", Options)]
    private static partial Regex From();

    [GeneratedRegex(@"^I(?:'m|\s+am)\s+(?:an?)\s+(?<v>(?:[\w-]+\s+){0,3}[\w-]+)$", Options)]
    private static partial Regex IAmA();

    [GeneratedRegex(@"(?:er|or|ist|ian|ant|ent|ect|eon|ic|man|woman|ee)$", Options)]
    private static partial Regex JobSuffix();

    [GeneratedRegex(@"^my\s+(?<rel>" + Rel + @")(?:'s\s+name\s+is|\s+is\s+called|\s+is\s+named|(?<comma>,))?\s+(?<name>" + CapWord + @"(?:\s+" + CapWord + "){0,1})(?<rest>.*)$", Options)]
    private static partial Regex RelationNamed();

    [GeneratedRegex(@"^my\s+(?<rel>" + Rel + @")\s+(?:is|'s)\s+an?\s+(?<v>[\w\s-]+)$", Options)]
    private static partial Regex RelationIs();

    [GeneratedRegex(@"^I\s+have\s+(?<v>(?:a|an|one|two|three|four|five|\d)\s+(?:(?:little|young|older|younger|big)\s+)?(?:kids?|children|child|sons?|daughters?|brothers?|sisters?|dogs?|cats?|pets?|puppy|kitten|twins)(?:\s+named\s+" + CapWord + ")?)", Options)]
    private static partial Regex Have();

    [GeneratedRegex(@"^I\s+(?:(?:really|much|generally|usually|definitely|strongly|still|also)\s+)?prefer\s+(?!not\b)(?<a>.+?)\s+(?:over|to|rather\s+than|instead\s+of)\s+(?<b>.+)$", Options)]
    private static partial Regex PreferOver();

    [GeneratedRegex(@"^I\s+(?:(?:really|much|generally|usually|definitely|strongly|also)\s+)?prefer\s+(?!not\b)(?<a>.+)$", Options)]
    private static partial Regex Prefer();

    [GeneratedRegex(@"^I\s+(?:(?:really|absolutely|totally|just|also|truly|kind\s+of|kinda)\s+)?(?<verb>love|adore|like|enjoy|hate|dislike|detest|can't\s+stand|cannot\s+stand|don't\s+like|do\s+not\s+like|don't\s+really\s+like|don't\s+enjoy|do\s+not\s+enjoy)\s+(?<v>.+)$", Options)]
    private static partial Regex Like();

    [GeneratedRegex(@"^I(?:'m|\s+am)\s+(?:an?\s+(?:big\s+|huge\s+)?fan\s+of|really\s+into|into|passionate\s+about|obsessed\s+with|crazy\s+about)\s+(?<v>.+)$", Options)]
    private static partial Regex Fan();

    [GeneratedRegex(@"^my\s+favou?rite\s+(?<cat>[\w\s]+?)\s+is\s+(?<v>.+)$", Options)]
    private static partial Regex Favorite();

    /// <summary>A standing instruction is an imperative about how to answer: "Please always answer in French", "Never use emojis".</summary>
    [GeneratedRegex(@"^(?:please\s+)?(?<w>always|never)\s+(?<v>(?:answer|reply|respond|write|use|call\s+me|address\s+me|include|format|give\s+me|show\s+me|remind\s+me|ask\s+me|keep\s+(?:your|the|it|answers|responses|replies)|explain|cite|summari[sz]e|translate|speak|talk\s+to\s+me|suggest|recommend|mention|add|put|send|start|end|sign)\b.+)$", Options)]
    private static partial Regex Standing();

    /// <summary>"My girlfriend, Toby and I…": a list of people, not an appositive naming the girlfriend.</summary>
    [GeneratedRegex(@"^\s*(?:,\s*)?(?:and|&|or|n)\b|^\s*,\s*(?-i:[A-Z])", Options)]
    private static partial Regex ListAfterName();

    [GeneratedRegex(@"^(?:a|an|the|their|some|this|that|his|her|our|one|two|three|\d)\b", Options)]
    private static partial Regex Determiner();

    /// <summary>Something the speaker did, with a definite object ("I adopted a puppy", "I went to a support group"): an event, dated by its turn.</summary>
    [GeneratedRegex(@"^I\s+(?:(?:just|finally|recently|also|actually)\s+)?(?<v>(?:adopted|bought|joined|started|finished|completed|visited|painted|wrote|won|ran|attended|graduated\s+from|volunteered\s+at|signed\s+up\s+for|went\s+to|took\s+up|took|made|built|baked|published|launched|opened|planted|read|watched|learned|got\s+married\s+to|married|adopted)\s+(?:(?:a|an|the|my|two|three|four|five|\d+|some|our)\s+|(?-i:[A-Z])|\w+ing\b)[^,]*)$", Options)]
    private static partial Regex Event();

    [GeneratedRegex(@"^I(?:'m|\s+am)\s+(?:(?:really|also|still)\s+)?(?:going\s+to|gonna|planning\s+to|hoping\s+to|intending\s+to)\s+(?<v>.+)$", Options)]
    private static partial Regex Plan();

    [GeneratedRegex(@"^I(?:'m|\s+am)\s+(?:planning\s+on|thinking\s+(?:of|about)|considering)\s+(?<v>.+)$", Options)]
    private static partial Regex Considering();

    [GeneratedRegex(@"^I(?:\s+(?:really|also))?\s*(?<how>plan|intend|want|hope|would\s+like|'d\s+like|need)\s+to\s+(?<v>.+)$", Options)]
    private static partial Regex Want();

    [GeneratedRegex(@"^I(?:'ll|\s+will)\s+(?<v>.+)$", Options)]
    private static partial Regex Will();

    [GeneratedRegex(@"^I(?:'m|\s+am)\s+(?<v>(?:flying|travell?ing|going|driving|moving|heading|visiting|starting|leaving|meeting|seeing|running|taking)\s+.+)$", Options)]
    private static partial Regex Doing();

    [GeneratedRegex(@"^I\s+(?:(?:just|finally|recently)\s+)?(?<v>(?:\w+ed|ran|went|got|bought|met|saw|took|made|flew|began|won|lost|sold|had|gave|did|wrote|read)\s+.+)$", Options)]
    private static partial Regex Did();

    [GeneratedRegex(@"\b(?:your|yours|yourself|you)\b", Options)]
    private static partial Regex SecondPerson();

    [GeneratedRegex(@"\b(?:my|me|myself|mine|I'm|I)\b", Options)]
    private static partial Regex FirstPerson();
}
