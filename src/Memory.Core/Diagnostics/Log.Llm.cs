using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Core.Diagnostics;

/// <summary>LLM extraction, reconciliation and summaries: event ids 1300–1499. Prompts and answers only at Trace.</summary>
internal static partial class Log
{
    [LoggerMessage(1300, LogLevel.Trace, "Prompt {Prompt} attempt {Attempt} user message: {UserMessage}")]
    public static partial void LlmPromptSent(ILogger logger, string prompt, int attempt, string userMessage);

    [LoggerMessage(1301, LogLevel.Debug, "Prompt {Prompt} attempt {Attempt} answered: {InputTokens} input and {OutputTokens} output tokens")]
    public static partial void LlmAnswered(ILogger logger, string prompt, int attempt, long inputTokens, long outputTokens);

    [LoggerMessage(1302, LogLevel.Trace, "Prompt {Prompt} answer: {Answer}")]
    public static partial void LlmAnswerText(ILogger logger, string prompt, string answer);

    [LoggerMessage(1303, LogLevel.Warning, "Prompt {Prompt} attempt {Attempt}: the answer does not match the schema: {Errors}")]
    public static partial void LlmAnswerRejected(ILogger logger, string prompt, int attempt, string errors);

    [LoggerMessage(1304, LogLevel.Warning, "Reconciliation decision for fact {FactNumber} rejected, recorded as NOOP: {Reason}")]
    public static partial void LlmDecisionRejected(ILogger logger, int factNumber, string reason);

    [LoggerMessage(1305, LogLevel.Debug, "Extracted {Facts} facts from {Messages} messages")]
    public static partial void LlmFactsExtracted(ILogger logger, int facts, int messages);

    [LoggerMessage(1306, LogLevel.Debug, "Summary ({Subject}) exceeded its budget of {MaxTokens} tokens and was cut")]
    public static partial void SummaryTruncated(ILogger logger, string subject, int maxTokens);
}
