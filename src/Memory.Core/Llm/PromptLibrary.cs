using System.Text.Json;

namespace MemoryFunctions.Core.Llm;

/// <summary>
/// The embedded prompts. Versions are part of the resource name (<c>extract.v1.md</c>): a changed prompt gets a new
/// version so that stored results and token measurements can be traced to the prompt that produced them.
/// </summary>
internal static class PromptLibrary
{
    private const string ResourcePrefix = "MemoryFunctions.Core.Llm.Prompts.";

    private static readonly Lazy<LlmPrompt> ExtractPrompt = new(() => Load("extract.v1"));
    private static readonly Lazy<LlmPrompt> ReconcilePrompt = new(() => Load("reconcile.v1"));
    private static readonly Lazy<LlmPrompt> SummarizePrompt = new(() => Load("summarize.v1"));

    public static LlmPrompt Extract => ExtractPrompt.Value;

    public static LlmPrompt Reconcile => ReconcilePrompt.Value;

    public static LlmPrompt Summarize => SummarizePrompt.Value;

    private static LlmPrompt Load(string name)
    {
        var instructions = ReadResource($"{name}.md");
        using var schema = JsonDocument.Parse(ReadResource($"{name}.schema.json"));
        return new LlmPrompt(name, instructions.Trim(), schema.RootElement.Clone());
    }

    private static string ReadResource(string fileName)
    {
        using var stream = typeof(PromptLibrary).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException($"Embedded prompt resource '{fileName}' is missing from {typeof(PromptLibrary).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
