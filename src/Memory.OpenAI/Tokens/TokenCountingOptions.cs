using System.ComponentModel.DataAnnotations;

namespace MemoryFunctions.OpenAI.Tokens;

/// <summary>Settings of <see cref="TiktokenTokenCounter"/>, bound from <c>Memory:Tokens</c>.</summary>
public sealed class TokenCountingOptions
{
    public const string SectionName = "Memory:Tokens";

    /// <summary>
    /// The tiktoken encoding budgets are counted in: <c>o200k_base</c> (GPT-4o, GPT-4.1, o-series; default) or
    /// <c>cl100k_base</c> (GPT-4, GPT-3.5, text-embedding-3). Both ship as NuGet data packages; nothing is downloaded.
    /// </summary>
    [Required]
    [RegularExpression("^(o200k_base|cl100k_base)$", ErrorMessage = "Memory:Tokens:Encoding must be 'o200k_base' (default) or 'cl100k_base'.")]
    public string Encoding { get; set; } = "o200k_base";
}
