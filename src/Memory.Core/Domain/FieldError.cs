namespace MemoryFunctions.Core.Domain;

/// <summary>The first thing wrong with an input: the field (as a JSON path, e.g. <c>messages[2].content</c>) and a sentence that names the fix.</summary>
public readonly record struct FieldError(string Field, string Message)
{
    public override string ToString() => Message;
}
