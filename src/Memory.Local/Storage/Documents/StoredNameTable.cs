namespace MemoryFunctions.Local.Storage.Documents;

/// <summary>A two-way table between an enum's values and their stored names (see <see cref="StoredNames"/>).</summary>
internal sealed class StoredNameTable<TEnum>
    where TEnum : struct, Enum
{
    private readonly Dictionary<TEnum, string> _names;
    private readonly Dictionary<string, TEnum> _values;

    public StoredNameTable(params (TEnum Value, string Name)[] entries)
    {
        _names = entries.ToDictionary(entry => entry.Value, entry => entry.Name);
        _values = entries.ToDictionary(entry => entry.Name, entry => entry.Value, StringComparer.Ordinal);
    }

    public IEnumerable<TEnum> Values => _names.Keys;

    public string NameOf(TEnum value) => _names.TryGetValue(value, out var name)
        ? name
        : throw new InvalidOperationException($"{typeof(TEnum).Name}.{value} has no stored name; add one to StoredNames before writing it.");

    /// <summary>The value a stored name stands for; an unknown name means the file was written by a newer release or is damaged.</summary>
    public TEnum Parse(string name) => _values.TryGetValue(name, out var value)
        ? value
        : throw new InvalidDataException($"'{name}' is not a stored {typeof(TEnum).Name} name.");
}
