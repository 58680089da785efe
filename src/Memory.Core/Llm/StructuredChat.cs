using System.Text.Json;
using System.Text.Json.Serialization;
using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Operations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Core.Llm;

/// <summary>
/// One structured-output exchange: system prompt + user message, JSON-schema response format, strict parse into
/// the answer's record type. An answer that does not parse is fed back to the model once with the errors (models
/// without constrained decoding, e.g. many local servers, usually fix it); a second failure is a <see cref="ModelCallException"/>.
/// </summary>
internal static class StructuredChat
{
    private const int MaxAttempts = 2;

    /// <summary>Strict: unknown members, missing constructor parameters and nulls in non-nullable members are errors.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    public static async Task<StructuredResponse<T>> GetAsync<T>(
        IChatClient client,
        LlmPrompt prompt,
        string userMessage,
        ChatOptions options,
        ILogger logger,
        Func<JsonElement, IReadOnlyList<string>>? validate = null,
        Func<T, IReadOnlyList<string>>? check = null,
        CancellationToken cancellationToken = default)
    {
        validate ??= root => JsonSchemaCheck.Validate(prompt.Schema, root);
        options.ResponseFormat = ChatResponseFormat.ForJsonSchema(prompt.Schema, prompt.SchemaName, $"Answer to prompt {prompt.Name}");
        List<ChatMessage> messages = [new(ChatRole.System, prompt.Instructions), new(ChatRole.User, userMessage)];
        var usage = TokenUsage.None;
        for (var attempt = 1; ; attempt++)
        {
            Log.LlmPromptSent(logger, prompt.Name, attempt, userMessage);
            var response = await client.GetResponseAsync(messages, options, cancellationToken);
            var spent = new TokenUsage(response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
            usage += spent;
            MemoryTelemetry.ModelTokens.Add(spent.TotalTokens, new KeyValuePair<string, object?>("prompt", prompt.Name));
            Log.LlmAnswered(logger, prompt.Name, attempt, spent.InputTokens, spent.OutputTokens);
            Log.LlmAnswerText(logger, prompt.Name, response.Text);

            var errors = TryParse(response.Text, validate, check, out T? value);
            if (errors.Count == 0)
            {
                return new(value!, usage);
            }

            var joined = string.Join("; ", errors);
            Log.LlmAnswerRejected(logger, prompt.Name, attempt, joined);
            if (attempt >= MaxAttempts)
            {
                throw new ModelCallException(
                    $"The model's answer to prompt '{prompt.Name}' did not match its JSON schema after {attempt} attempts: {joined}. "
                    + "Check that Memory:OpenAI:ChatModel supports JSON-schema structured output (e.g. gpt-4o-mini, gpt-4.1-mini).",
                    statusCode: null,
                    isTransient: false);
            }

            messages.Add(new(ChatRole.Assistant, response.Text));
            messages.Add(new(ChatRole.User, $"Your answer was rejected: {joined}. Answer again with only JSON that matches the schema exactly."));
        }
    }

    internal static IReadOnlyList<string> TryParse<T>(
        string text, Func<JsonElement, IReadOnlyList<string>> validate, Func<T, IReadOnlyList<string>>? check, out T? value)
    {
        value = default;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(StripCodeFence(text));
        }
        catch (JsonException ex)
        {
            return [$"not valid JSON ({ex.Message})"];
        }

        using (document)
        {
            var errors = validate(document.RootElement);
            if (errors.Count > 0)
            {
                return errors;
            }

            try
            {
                value = document.RootElement.Deserialize<T>(SerializerOptions);
            }
            catch (JsonException ex)
            {
                return [$"{ex.Path ?? "$"}: {ex.Message}"];
            }

            return value is null ? ["$: null is not an answer"] : check?.Invoke(value) ?? [];
        }
    }

    // Local servers without constrained decoding sometimes wrap JSON in a Markdown fence; that is presentation, not content.
    private static string StripCodeFence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var firstNewLine = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var lastFence = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return firstNewLine > 0 && lastFence > firstNewLine ? trimmed[(firstNewLine + 1)..lastFence] : trimmed;
    }
}
