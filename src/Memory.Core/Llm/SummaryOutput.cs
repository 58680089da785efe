namespace MemoryFunctions.Core.Llm;

/// <summary>The summary answer as the model writes it (summarize.v1.schema.json).</summary>
internal sealed record SummaryOutput(string Summary);
