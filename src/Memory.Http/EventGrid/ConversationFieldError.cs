namespace MemoryFunctions.Http.EventGrid;

/// <summary>The first thing wrong with a conversation: the field (as a JSON path) and a sentence that names the fix.</summary>
public readonly record struct ConversationFieldError(string Field, string Message)
{
    public override string ToString() => Message;
}
