using System.Globalization;
using System.Text;
using MemoryFunctions.Bench.Conversations;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Embeddings.MiniLM;
using MemoryFunctions.Local;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Bench.Quality;

/// <summary>
/// Retrieval quality, hashing embedder against the MiniLM model, on data written for it (<see cref="ParaphraseSet"/>,
/// <see cref="EvidenceConversationGenerator"/>): paraphrase recall through <see cref="MemoryService.SearchAsync"/> (what
/// <c>POST /search</c> runs), and evidence recall per channel and fused on multi-session conversations. Ranking is tuned
/// on the "dev" split only; the table reports the "report" split, whose facts and seeds tuning never saw.
/// </summary>
internal static class QualityBenchmark
{
    private const int Users = 10;
    private const int LongConversations = 4;
    // Seeds of the long generated conversations: tuning looks at the dev seeds only; the report seeds (17 is also the
    // conversations benchmark's) were fixed before any of them was measured with the fusion they report.
    private static readonly int[] DevSeeds = [5, 6, 7];
    private static readonly int[] ReportSeeds = [17, 18, 19];
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static async Task<string> RunAsync(string split, CancellationToken cancellationToken)
    {
        var dev = split == "dev";
        var (pairs, seed) = dev ? (ParaphraseSet.Dev.ToList(), 1) : (ParaphraseSet.Report.ToList(), 2);
        var shortSet = EvidenceConversationGenerator.Generate(pairs, Users, seed);
        var longSet = (dev ? DevSeeds : ReportSeeds)
            .SelectMany(longSeed => LongConversationGenerator.Generate(LongConversations, longSeed).Conversations.Select(c => EvidenceConversation.From(c, longSeed)))
            .ToList();
        var variants = dev ? TuningGrid() : [("default", new RankingOptions())];
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Quality benchmark ({split} split) measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC · {MachineInfo.Describe()} · load average at the start {MachineInfo.LoadAverage()}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Short set: {shortSet.Sum(c => c.Questions.Count)} questions over {shortSet.Sum(c => c.Turns.Count)} turns; long set (seeds {string.Join(", ", dev ? DevSeeds : ReportSeeds)}): {longSet.Sum(c => c.Questions.Count)} questions over {longSet.Sum(c => c.Turns.Count)} turns.");
        text.AppendLine();
        text.AppendLine("| embedder | paraphrase recall@1 | paraphrase recall@5 | set | evidence@10 vector | evidence@10 lexical | evidence@10 fused | evidence@20 vector | evidence@20 lexical | evidence@20 fused |");
        text.AppendLine("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, create) in Embedders())
        {
            using var embedder = create();
            var (at1, at5) = await ParaphraseRecallAsync(embedder, ParaphraseSet.Pairs, cancellationToken);
            foreach (var (set, conversations, withSpeakers) in new[] { ("short", shortSet, false), ("long, speakers unknown", longSet, false), ("long, with speakers", longSet, true) })
            {
                var recalls = await EvidenceRecallAsync(embedder, conversations, variants, withSpeakers, cancellationToken);
                foreach (var ((variant, _), recall) in variants.Zip(recalls))
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} {set} {variant}: fused@10 {recall.Fused10:P1} fused@20 {recall.Fused20:P1} (vector {recall.Vector10:P1}/{recall.Vector20:P1}, lexical {recall.Lexical10:P1}/{recall.Lexical20:P1})"));
                }

                var evidence = recalls[0];
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {name} | {at1:P0} | {at5:P0} | {set} | {evidence.Vector10:P0} | {evidence.Lexical10:P0} | {evidence.Fused10:P0} | {evidence.Vector20:P0} | {evidence.Lexical20:P0} | {evidence.Fused20:P0} |");
                Console.Error.WriteLine(text.ToString().Split('\n')[^2]);
            }
        }

        return text.ToString();
    }

    /// <summary>The fusion settings compared on the dev split; the first is the shipped default.</summary>
    private static List<(string Name, RankingOptions Options)> TuningGrid()
    {
        var grid = new List<(string, RankingOptions)> { ("default", new RankingOptions()) };
        foreach (var fusion in Enum.GetValues<FusionMethod>())
        {
            foreach (var (vector, lexical) in new[] { (1.0, 1.0), (2.0, 1.0), (1.0, 2.0), (3.0, 2.0), (2.0, 3.0), (3.0, 1.0), (1.0, 3.0) })
            {
                grid.Add(($"{fusion} v{vector}/l{lexical}", new RankingOptions { Fusion = fusion, VectorWeight = vector, LexicalWeight = lexical }));
            }
        }

        return grid;
    }

    private static IEnumerable<(string Name, Func<IEmbeddingGenerator<string, Embedding<float>>> Create)> Embedders() =>
    [
        ("hashing (384-d)", () => new HashingEmbedder(Options.Create(new HashingEmbedderOptions()))),
        ("all-MiniLM-L6-v2 (384-d)", () => new MiniLMEmbeddingGenerator(Options.Create(new MiniLMEmbedderOptions()))),
    ];

    /// <summary>All 40 statements plus 200 distractors in one partition; each question must find its statement.</summary>
    private static async Task<(double At1, double At5)> ParaphraseRecallAsync(
        IEmbeddingGenerator<string, Embedding<float>> embedder, (string Statement, string Question, string EchoQuestion)[] pairs, CancellationToken cancellationToken)
    {
        using var scratch = new ScratchStore();
        var service = new MemoryService(scratch.Store, scratch.Operations, embedder, Ranker(), TimeProvider.System, NullLogger<MemoryService>.Instance, CharactersOverFour.Instance, new ConversationParticipants(TimeProvider.System));
        var partition = new MemoryPartition("bench", "paraphrase");
        var ids = new List<string>(pairs.Length);
        foreach (var (statement, _, _) in pairs)
        {
            ids.Add((await service.AddAsync(partition, new MemoryDraft { Text = statement }, cancellationToken)).Memory!.Id);
        }

        foreach (var distractor in ParaphraseSet.Distractors())
        {
            await service.AddAsync(partition, new MemoryDraft { Text = distractor }, cancellationToken);
        }

        int at1 = 0, at5 = 0;
        for (var i = 0; i < pairs.Length; i++)
        {
            var results = await service.SearchAsync(partition, new SearchRequest(pairs[i].Question, new MemoryFilter { At = DateTimeOffset.UtcNow }, 5), cancellationToken);
            var position = results.Select(r => r.Memory.Id).ToList().IndexOf(ids[i]);
            at1 += position == 0 ? 1 : 0;
            at5 += position >= 0 ? 1 : 0;
        }

        return ((double)at1 / pairs.Length, (double)at5 / pairs.Length);
    }

    /// <summary>
    /// Every turn kept as a memory of its user, per question whether its evidence turn is in each channel's and the fused top
    /// k. A channel's order is the store's for the question as asked; the fused order is <see cref="MemoryService.SearchAsync"/>'s
    /// (what <c>POST /search</c> runs: the query's focus, and for a query naming a participant the vector channel asked again without the name).
    /// <paramref name="withSpeakers"/>: the turns are kept as <c>POST /messages</c> keeps the turns of named speakers (kind
    /// turn, with the speaker); otherwise as episodic memories with no speaker, as a client that sends no names leaves them.
    /// </summary>
    private static async Task<List<EvidenceRecall>> EvidenceRecallAsync(
        IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<EvidenceConversation> conversations,
        List<(string Name, RankingOptions Options)> variants, bool withSpeakers, CancellationToken cancellationToken)
    {
        using var scratch = new ScratchStore();
        var rankers = variants.Select(variant => new HybridRanker(Options.Create(variant.Options), TimeProvider.System)).ToList();
        var ranker = rankers[0];
        var services = rankers.Select(r => new MemoryService(scratch.Store, scratch.Operations, embedder, r, TimeProvider.System, NullLogger<MemoryService>.Instance, CharactersOverFour.Instance, new ConversationParticipants(TimeProvider.System))).ToList();
        var recalls = variants.Select(_ => new EvidenceRecall()).ToList();
        foreach (var conversation in conversations)
        {
            var partition = new MemoryPartition("bench", conversation.UserId);
            var vectors = await embedder.GenerateAsync(conversation.Turns, cancellationToken: cancellationToken);
            for (var i = 0; i < conversation.Turns.Count; i++)
            {
                var memory = Turn(partition, i, conversation.Turns[i], vectors[i].Vector.ToArray(), withSpeakers ? conversation.Speakers?[i] : null);
                await scratch.Store.AddAsync(partition, memory, HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, memory.CreatedAt, "bench"), cancellationToken: cancellationToken);
            }

            foreach (var (question, evidenceTurns) in conversation.Questions)
            {
                var vector = (await embedder.GenerateVectorAsync(question, cancellationToken: cancellationToken)).ToArray();
                var filter = new MemoryFilter { At = DateTimeOffset.UtcNow, Kinds = MemoryKinds.Searchable };
                var candidates = await scratch.Store.SearchAsync(partition, new MemorySearchQuery(vector, question, filter, 20 * ranker.CandidateMultiplier), cancellationToken);
                var evidence = evidenceTurns.Select(TurnId).ToHashSet(StringComparer.Ordinal);
                var found = candidates.Where(c => evidence.Contains(c.Memory.Id)).ToList();
                var (vectorRank, lexicalRank) = (found.Min(c => c.VectorRank), found.Min(c => c.LexicalRank));
                for (var i = 0; i < rankers.Count; i++)
                {
                    var fused = await services[i].SearchAsync(partition, new SearchRequest(question, new MemoryFilter { At = filter.At }, 20), cancellationToken);
                    recalls[i].Add(vectorRank, lexicalRank, Position(fused, evidence));
                }
            }
        }

        return recalls;
    }

    private static int? Position(IReadOnlyList<RankedMemory> ranked, HashSet<string> ids)
    {
        for (var i = 0; i < ranked.Count; i++)
        {
            if (ids.Contains(ranked[i].Memory.Id))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static HybridRanker Ranker() => new(Options.Create(new RankingOptions()), TimeProvider.System);

    private static string TurnId(int turn) => string.Create(CultureInfo.InvariantCulture, $"turn-{turn:D4}");

    private static MemoryRecord Turn(MemoryPartition partition, int index, string text, float[] vector, string? speaker)
    {
        // Turns a minute apart, all recent: recency barely differs between them, as within a few weeks' conversation.
        var at = DateTimeOffset.UtcNow.AddMinutes(index - 1000);
        return new MemoryRecord
        {
            Id = TurnId(index),
            TenantId = partition.TenantId,
            UserId = partition.UserId,
            Kind = speaker is null ? MemoryKind.Episodic : MemoryKind.Turn,
            Speaker = speaker,
            Text = text,
            Embedding = vector,
            ContentHash = MemoryIds.ContentHash(text),
            CreatedAt = at,
            UpdatedAt = at,
            ValidFrom = Start.AddMinutes(index),
        };
    }
}
