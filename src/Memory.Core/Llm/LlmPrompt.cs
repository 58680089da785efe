using System.Text.Json;

namespace MemoryFunctions.Core.Llm;

/// <summary>A versioned system prompt and the JSON schema its answers must match.</summary>
internal sealed record LlmPrompt(string Name, string Instructions, JsonElement Schema)
{
    /// <summary>The schema name sent with the response format: letters, digits, '_' and '-' only, as OpenAI requires.</summary>
    public string SchemaName => Name.Replace('.', '_');
}
