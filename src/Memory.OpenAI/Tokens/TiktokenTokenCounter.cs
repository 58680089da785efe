using MemoryFunctions.Core.Context;
using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;

namespace MemoryFunctions.OpenAI.Tokens;

/// <summary>
/// Token counts from the tiktoken encoding the configured chat models use (Microsoft.ML.Tokenizers with the encoding's
/// data package), so a context block asked for in tokens holds that many of the model's tokens, not a character estimate.
/// Thread-safe: the tokenizer keeps no per-call state.
/// </summary>
internal sealed class TiktokenTokenCounter(IOptions<TokenCountingOptions> options) : ITokenCounter
{
    private readonly Tokenizer _tokenizer = TiktokenTokenizer.CreateForEncoding(options.Value.Encoding);

    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _tokenizer.CountTokens(text);
    }
}
