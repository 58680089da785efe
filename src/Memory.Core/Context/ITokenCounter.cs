namespace MemoryFunctions.Core.Context;

/// <summary>
/// Counts tokens as the consuming model's tokenizer does, so a context block asked for in tokens fits that many.
/// Hosts register a real tokenizer (Memory.OpenAI's tiktoken counter); Core stays free of tokenizer data.
/// </summary>
public interface ITokenCounter
{
    int CountTokens(string text);
}
