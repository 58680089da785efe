namespace MemoryFunctions.Core.Ingestion;

public enum MessageRole
{
    User,
    Assistant,
    System,
    Tool,
}
