namespace MemoryFunctions.OpenAI;

/// <summary>How requests to the model endpoint are authenticated (<c>Memory:OpenAI:AuthMode</c>).</summary>
public enum OpenAIAuthMode
{
    /// <summary>Microsoft Entra ID bearer tokens (DefaultAzureCredential: az login locally, managed identity in Azure).</summary>
    EntraId,

    /// <summary><c>Authorization: Bearer &lt;Memory:OpenAI:ApiKey&gt;</c>; Azure OpenAI's v1 endpoint accepts its keys this way too.</summary>
    ApiKey,

    /// <summary>No credentials, for local servers (Ollama, llama.cpp, LM Studio, vLLM) that need none.</summary>
    None,
}
