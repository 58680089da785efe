using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Llm;

/// <summary>
/// The small integers (1, 2, 3, ...) under which existing memories are shown to the model, one per distinct memory
/// across all facts of a batch. Only numbers handed out here map back to ids; anything else the model says is unknown.
/// </summary>
internal sealed class MemoryNumbering
{
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];

    public static MemoryNumbering For(IEnumerable<FactWithNeighbours> facts)
    {
        var numbering = new MemoryNumbering();
        foreach (var neighbour in facts.SelectMany(f => f.Neighbours))
        {
            if (!numbering._numbers.ContainsKey(neighbour.Memory.Id))
            {
                numbering._ids.Add(neighbour.Memory.Id);
                numbering._numbers[neighbour.Memory.Id] = numbering._ids.Count;
            }
        }

        return numbering;
    }

    public int NumberOf(string memoryId) => _numbers[memoryId];

    public string? IdOf(int number) => number >= 1 && number <= _ids.Count ? _ids[number - 1] : null;
}
